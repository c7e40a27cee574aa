package org.glassy.study.aging;

import org.glassy.observable.MeanQuarticDisplacement;

/** Reaches the observable's measure through a recording of two states. */
final class MeanQuarticDisplacementProbe {

    private MeanQuarticDisplacementProbe() {
    }

    static double measure(MeanQuarticDisplacement q, double[] atWaiting, double[] now) {
        var rec = q.newRecording();
        rec.init(atWaiting, new long[] {0, 1}, 1);
        rec.handle(0, 0, atWaiting, Double.NaN);
        rec.handle(1, 1, now, Double.NaN);
        return rec.table().doubleColumn("value").get(0);
    }
}
