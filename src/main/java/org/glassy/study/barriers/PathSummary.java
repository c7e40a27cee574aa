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

    /**
     * One path as a long table: its profile, one row per position t (the first at t = 0), behind the
     * path's own numbers (a {@link #barrierRow} and any further one-row columns), repeated on every row;
     * the per-point table of a sweep, from which the summary is the rows at t = 0.
     *
     * @param summary one row: the path's numbers
     * @param profile the measures along the path
     * @return the summary's columns, then {@code t} and the measures
     */
    static Table pathRows(Table summary, Profile profile) {
        Rows rows = Rows.of("path", summary.columns().toArray(new tech.tablesaw.columns.Column<?>[0]));
        Object[] keys = new Object[summary.columnCount()];
        for (int j = 0; j < keys.length; j++) {
            keys[j] = summary.column(j).get(0);
        }
        return rows.addAll(profile.table(), keys).table();
    }

    /**
     * The summary rows of a sweep of {@link #pathRows}: each path's first row (t = 0), without the
     * profile's columns.
     *
     * @param sweep the sweep's long table
     * @param profileColumns the profile's columns, {@code t} first
     * @return one row per path
     */
    static Table summaryRows(Table sweep, String... profileColumns) {
        return sweep.where(sweep.doubleColumn("t").isEqualTo(0)).removeColumns(profileColumns);
    }

    /**
     * The profiles of a sweep of {@link #pathRows}: the key columns and the profile's.
     *
     * @param sweep the sweep's long table
     * @param columns the columns to keep
     * @return the profiles, stacked
     */
    static Table profileRows(Table sweep, String... columns) {
        return sweep.selectColumns(columns);
    }
}
