package org.glassy.study.aging;

import java.util.Arrays;

import org.glassy.observable.PowerLaw;
import org.glassy.observable.Rows;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Analysis of two-time tables (columns {@code tw, t} and a value column): the scaling variable
 * t/t_w of full aging, and the power-law exponent of Δ(t_w, t_w + t) ~ t^α at each t_w (α = 1 is
 * diffusion, α → 0 a plateau).
 */
public final class AgingAnalysis {

    private AgingAnalysis() {
    }

    /**
     * Returns a copy with a column {@code t_over_tw} = t/t_w (rows with t_w = 0 get NaN).
     *
     * @param table a table with numeric columns {@code tw} and {@code t}
     * @return the copy
     */
    public static Table withScaledTime(Table table) {
        NumericColumn<?> tw = table.numberColumn("tw");
        NumericColumn<?> t = table.numberColumn("t");
        double[] ratio = new double[table.rowCount()];
        for (int r = 0; r < ratio.length; r++) {
            double w = tw.getDouble(r);
            ratio[r] = w > 0 ? t.getDouble(r) / w : Double.NaN;
        }
        Table copy = table.copy();
        copy.addColumns(DoubleColumn.create("t_over_tw", ratio));
        return copy;
    }

    /**
     * Fits value ~ t^α separately for every t_w, over all lags t ≥ {@code minLag}.
     *
     * @param table a two-time table
     * @param value the value column, e.g. {@code delta} or {@code msd}
     * @param label a name for the rows (e.g. the network), in a column {@code system}
     * @param minLag the smallest lag used
     * @return columns {@code system, tw, exponent, exponent_se, r_squared, points} ({@code exponent_se} the
     *     standard error of the log–log slope, {@link PowerLaw#exponentError}), one row per t_w with at least
     *     3 usable lags
     */
    public static Table exponents(Table table, String value, String label, double minLag) {
        return exponents(table, value, label, minLag, Double.POSITIVE_INFINITY);
    }

    /**
     * Fits value ~ t^α separately for every t_w, over the lags minLag ≤ t ≤ maxLagOverTw · t_w
     * (e.g. 1: lags within the waiting time, the regime that probes the state reached at t_w).
     *
     * @param table a two-time table
     * @param value the value column
     * @param label a name for the rows, in a column {@code system}
     * @param minLag the smallest lag used
     * @param maxLagOverTw the largest lag used, in units of t_w
     * @return columns {@code system, tw, exponent, exponent_se, r_squared, points} ({@code exponent_se} the
     *     standard error of the log–log slope, {@link PowerLaw#exponentError}), one row per t_w with at least
     *     3 usable lags
     */
    public static Table exponents(Table table, String value, String label, double minLag, double maxLagOverTw) {
        Rows result = Rows.of("power-law exponents of " + value + " vs t", StringColumn.create("system"),
                DoubleColumn.create("tw"), DoubleColumn.create("exponent"), DoubleColumn.create("exponent_se"),
                DoubleColumn.create("r_squared"),
                DoubleColumn.create("points"));
        double[] waiting = table.numberColumn("tw").asDoubleArray();
        for (double w : Arrays.stream(waiting).distinct().sorted().toArray()) {
            Table one = table.where(table.numberColumn("tw").isEqualTo(w));
            double[] x = one.numberColumn("t").asDoubleArray();
            double[] y = one.numberColumn(value).asDoubleArray();
            double maxLag = maxLagOverTw * w;
            long usable = Arrays.stream(x).filter(v -> v >= minLag && v <= maxLag).count();
            if (usable < 3) {
                continue;
            }
            PowerLaw fit = PowerLaw.fit(x, y, minLag, maxLag);
            result.add(label, w, fit.exponent(), fit.exponentError(), fit.rSquared(), fit.points());
        }
        return result.table();
    }
}
