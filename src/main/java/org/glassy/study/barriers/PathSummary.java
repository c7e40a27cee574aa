package org.glassy.study.barriers;

import org.glassy.observable.Rows;
import org.glassy.path.Barrier;
import org.glassy.path.Chain;
import org.glassy.path.Profile;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** What both studies report for every path: its barrier and length, one row. */
final class PathSummary {

    private PathSummary() {
    }

    /**
     * One path's barrier.
     *
     * @param chain the path's images
     * @param profile the measures along it
     * @param measure the measure whose barrier is reported
     * @return one row, columns {@code images, start, end, saddle, barrier, barrier_above_linear,
     *     relative_length}
     */
    static Table barrierRow(Chain chain, Profile profile, String measure) {
        Barrier b = profile.barrier(measure);
        return Rows.of("barrier", IntColumn.create("images"), DoubleColumn.create("start"), DoubleColumn.create("end"),
                        DoubleColumn.create("saddle"), DoubleColumn.create("barrier"),
                        DoubleColumn.create("barrier_above_linear"), DoubleColumn.create("relative_length"))
                .add(chain.images(), b.start(), b.end(), b.saddle(), b.height(), b.aboveLinear(), b.relativeLength())
                .table();
    }
}
