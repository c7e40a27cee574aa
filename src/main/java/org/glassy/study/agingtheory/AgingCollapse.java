package org.glassy.study.agingtheory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.glassy.internal.Require;
import org.glassy.observable.Rows;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How far a two-time function is from full aging, i.e. from depending on t/t_w only: C(t_w + t, t_w) = 𝒞(t/t_w).
 * Each waiting time's curve is read at fixed ratios t/t_w (linear interpolation in ln t between recorded lags),
 * and the departure from a collapse is the spread of those values across the waiting times, max − min, next to
 * the drift from the youngest to the oldest system (oldest − youngest: positive when older systems decorrelate
 * more slowly at the same t/t_w, subaging; negative for superaging). For simulated curves the standard errors of
 * the values say how much of the spread is noise.
 */
public final class AgingCollapse {

    private AgingCollapse() {
    }

    /**
     * Reads each waiting time's curve at the given ratios t/t_w.
     *
     * @param aging a long table with columns {@code tw}, {@code t} and the value column (rows of one t_w in
     *     increasing t), optionally {@code value_se}
     * @param value the value column, e.g. {@code correlation} or {@code pi}
     * @param ratios the ratios t/t_w, positive
     * @return columns {@code tw, ratio, value, value_se} (the standard error interpolated like the value, NaN
     *     without a standard-error column), one row per t_w and ratio inside the recorded lags
     */
    public static Table atRatios(Table aging, String value, double... ratios) {
        String error = value + "_se";
        boolean withErrors = aging.columnNames().contains(error);
        Rows rows = Rows.of(value + " at fixed t/t_w", DoubleColumn.create("tw"), DoubleColumn.create("ratio"),
                DoubleColumn.create("value"), DoubleColumn.create("value_se"));
        for (double tw : distinct(aging.numberColumn("tw").asDoubleArray())) {
            Table one = aging.where(aging.numberColumn("tw").isEqualTo(tw));
            double[] t = one.numberColumn("t").asDoubleArray();
            double[] v = one.numberColumn(value).asDoubleArray();
            double[] e = withErrors ? one.numberColumn(error).asDoubleArray() : null;
            for (double ratio : ratios) {
                double lag = Require.positive("ratios", ratio) * tw;
                for (int k = 1; k < t.length; k++) {
                    if (t[k - 1] > 0 && t[k - 1] <= lag && lag <= t[k]) {
                        double w = Math.log(lag / t[k - 1]) / Math.log(t[k] / t[k - 1]);
                        rows.add(tw, ratio, (1 - w) * v[k - 1] + w * v[k],
                                withErrors ? (1 - w) * e[k - 1] + w * e[k] : Double.NaN);
                        break;
                    }
                }
            }
        }
        return rows.table();
    }

    /**
     * The departure from a collapse at each ratio.
     *
     * @param atRatios a table of {@link #atRatios}
     * @return columns {@code ratio, waiting_times (how many t_w reach this ratio), youngest (the value at the
     *     smallest t_w), oldest (at the largest), spread (max − min over the t_w), drift (oldest − youngest),
     *     largest_se (the largest standard error among the values, NaN for exact curves)}, ratios in increasing
     *     order, only those reached by at least two waiting times
     */
    public static Table departure(Table atRatios) {
        Rows rows = Rows.of("departure from t/t_w scaling", DoubleColumn.create("ratio"),
                IntColumn.create("waiting_times"), DoubleColumn.create("youngest"), DoubleColumn.create("oldest"),
                DoubleColumn.create("spread"), DoubleColumn.create("drift"), DoubleColumn.create("largest_se"));
        for (double ratio : distinct(atRatios.doubleColumn("ratio").asDoubleArray())) {
            Table one = atRatios.where(atRatios.doubleColumn("ratio").isEqualTo(ratio)).sortAscendingOn("tw");
            if (one.rowCount() < 2) {
                continue;
            }
            DoubleColumn v = one.doubleColumn("value");
            DoubleColumn se = one.doubleColumn("value_se");
            double largest = se.countMissing() == se.size() ? Double.NaN : se.max();
            rows.add(ratio, one.rowCount(), v.get(0), v.get(one.rowCount() - 1), v.max() - v.min(),
                    v.get(one.rowCount() - 1) - v.get(0), largest);
        }
        return rows.table();
    }

    /**
     * The departures of several curves side by side, one per value of a key column.
     *
     * @param aging a long table with the key column and the columns {@link #atRatios} needs
     * @param key the column whose values name the curves, e.g. {@code curve} or {@code temperature}
     * @param value the value column
     * @param ratios the ratios t/t_w
     * @return {@link #departure}'s columns after {@code curve} (the key's values as text)
     */
    public static Table departures(Table aging, String key, String value, double... ratios) {
        Rows rows = Rows.of("departure from t/t_w scaling", StringColumn.create("curve"));
        java.util.Map<String, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int r = 0; r < aging.rowCount(); r++) {
            groups.computeIfAbsent(aging.column(key).getString(r), k -> new ArrayList<>()).add(r);
        }
        groups.forEach((curve, indices) -> rows.addAll(departure(atRatios(
                aging.rows(indices.stream().mapToInt(Integer::intValue).toArray()), value, ratios)), key + " = "
                + curve));
        return rows.table();
    }

    private static double[] distinct(double[] values) {
        List<Double> seen = new ArrayList<>();
        for (double v : values) {
            if (!seen.contains(v)) {
                seen.add(v);
            }
        }
        double[] sorted = seen.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
