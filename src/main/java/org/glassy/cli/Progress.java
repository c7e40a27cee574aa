package org.glassy.cli;

import java.util.Locale;

import org.glassy.core.ProgressListener;

/** Progress on standard error, in place, when it is a terminal; silent otherwise (batch jobs, pipes). */
final class Progress {

    private Progress() {
    }

    static ProgressListener toStandardError() {
        if (System.console() == null) {
            return null;
        }
        int[] lastPercent = {-1};
        return (step, total, time, energy) -> {
            int percent = total == 0 ? 100 : (int) (100 * step / total);
            if (percent != lastPercent[0]) {
                lastPercent[0] = percent;
                System.err.printf(Locale.ROOT, "\r%3d%%  t = %-12.6g E = %-12.6g", percent, time,
                        Double.isNaN(energy) ? Double.NaN : energy);
                if (step == total) {
                    System.err.println();
                }
                System.err.flush();
            }
        };
    }
}
