package org.glassy.study.aging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The late-time diffusion test of M. Baity-Jesi et al., "Comparing dynamics: deep neural networks versus
 * glassy systems", ICML 2018 (arXiv:1803.06969): at waiting times beyond the end of the logarithmic decrease
 * of the loss, the mean square displacement divided by the SGD noise strength at the waiting time,
 * Δ(t_w, t_w + t)/D(t_w) ({@link org.glassy.observable.SgdNoise}), is one stationary curve, a straight line
 * in log–log axes (Δ/D ∝ t^α; α = 1 is free diffusion).
 *
 * <p>Two numbers summarise it over the curves with t_w ≥ t_w,min and the lags t ≥ t_min present at every such
 * t_w (the overlapping range):
 * <ul>
 * <li>the <b>spread</b>, the sample standard deviation of ln(Δ/D) across the waiting times at fixed t, averaged
 * over those t: 0 for a perfect collapse; curves that differ by a factor r at every t give |ln r|/√2 for two
 * waiting times;</li>
 * <li>the <b>slope</b> α of the ordinary least-squares fit of ln(Δ/D) against ln t over all their points, with
 * its standard error (residuals that include the spread, so a poor collapse shows as a large error).</li>
 * </ul>
 *
 * @param spread the mean over t of the standard deviation of ln(value) across t_w
 * @param slope α, the log–log slope of the pooled points
 * @param slopeError the standard error of α
 * @param waitingTimes the number of curves used
 * @param lags the number of common lags used
 */
public record DiffusionCollapse(double spread, double slope, double slopeError, int waitingTimes, int lags) {

    /**
     * Divides Δ by the SGD noise at the waiting time: adds a column {@code delta_over_noise} = Δ(t_w, t_w + t)
     * / D(t_w), D(t_w) interpolated linearly in log–log axes (ln D against ln t, exact for a power law) between
     * the recorded steps of the noise curve (the nearest end value outside them).
     *
     * @param msd columns {@code tw, t, delta}
     * @param noise columns {@code step, noise}, D recorded at increasing steps (e.g. the loss grid)
     * @return a copy of {@code msd} with the column {@code delta_over_noise}
     */
    public static Table normalised(Table msd, Table noise) {
        double[] steps = noise.numberColumn("step").asDoubleArray();
        double[] d = noise.numberColumn("noise").asDoubleArray();
        double[] tw = msd.numberColumn("tw").asDoubleArray();
        double[] delta = msd.numberColumn("delta").asDoubleArray();
        double[] ratio = new double[tw.length];
        for (int r = 0; r < tw.length; r++) {
            ratio[r] = delta[r] / interpolateLog(steps, d, tw[r]);
        }
        Table copy = msd.copy();
        copy.addColumns(DoubleColumn.create("delta_over_noise", ratio));
        return copy;
    }

    /**
     * y at x, linear in ln y against ln x between the points (x increasing, x ≤ 0 points skipped; linear in y
     * where a y ≤ 0), constant outside.
     */
    static double interpolateLog(double[] x, double[] y, double at) {
        int first = 0;
        while (first < x.length && x[first] <= 0) {
            first++;
        }
        if (first == x.length) {
            throw Require.invalid("step", "must hold a positive step");
        }
        if (at <= x[first]) {
            return y[first];
        }
        for (int k = first + 1; k < x.length; k++) {
            if (at <= x[k]) {
                double f = Math.log(at / x[k - 1]) / Math.log(x[k] / x[k - 1]);
                if (y[k - 1] > 0 && y[k] > 0) {
                    return y[k - 1] * Math.pow(y[k] / y[k - 1], f);
                }
                return y[k - 1] + f * (y[k] - y[k - 1]);
            }
        }
        return y[x.length - 1];
    }

    /**
     * Measures the collapse of a two-time quantity across waiting times.
     *
     * @param table columns {@code tw, t} and the value column (e.g. {@code delta_over_noise}), values &gt; 0
     * @param value the value column
     * @param minTw the smallest waiting time used (the late-time regime, e.g. the end t₂ of the logarithmic
     *     decrease of the loss)
     * @param minLag the smallest lag used
     * @return the spread and the slope
     * @throws IllegalArgumentException if fewer than two waiting times or two common lags remain
     */
    public static DiffusionCollapse of(Table table, String value, double minTw, double minLag) {
        NumericColumn<?> twColumn = table.numberColumn("tw");
        NumericColumn<?> tColumn = table.numberColumn("t");
        NumericColumn<?> valueColumn = table.numberColumn(value);
        TreeMap<Double, TreeMap<Double, Double>> curves = new TreeMap<>();
        for (int r = 0; r < table.rowCount(); r++) {
            double tw = twColumn.getDouble(r);
            double t = tColumn.getDouble(r);
            double v = valueColumn.getDouble(r);
            if (tw >= minTw && t >= minLag && v > 0 && Double.isFinite(v)) {
                curves.computeIfAbsent(tw, k -> new TreeMap<>()).put(t, Math.log(v));
            }
        }
        if (curves.size() < 2) {
            throw Require.invalid("minTw", "must leave at least two waiting times, got " + curves.size()
                    + " at t_w >= " + minTw);
        }
        List<Double> common = new ArrayList<>(curves.firstEntry().getValue().keySet());
        for (TreeMap<Double, Double> c : curves.values()) {
            common.retainAll(c.keySet());
        }
        if (common.size() < 2) {
            throw Require.invalid("minLag", "must leave at least two lags common to all waiting times, got "
                    + common.size());
        }
        double spread = 0;
        for (double t : common) {
            double[] ys = curves.values().stream().mapToDouble(c -> c.get(t)).toArray();
            double mean = Arrays.stream(ys).average().orElseThrow();
            double ss = Arrays.stream(ys).map(y -> (y - mean) * (y - mean)).sum();
            spread += Math.sqrt(ss / (ys.length - 1));
        }
        spread /= common.size();
        double[] fit = slope(curves, common);
        return new DiffusionCollapse(spread, fit[0], fit[1], curves.size(), common.size());
    }

    /** OLS slope of ln value on ln t over the common lags of all curves, and its standard error. */
    private static double[] slope(TreeMap<Double, TreeMap<Double, Double>> curves, List<Double> common) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (TreeMap<Double, Double> c : curves.values()) {
            for (double t : common) {
                sx += Math.log(t);
                sy += c.get(t);
                n++;
            }
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (TreeMap<Double, Double> c : curves.values()) {
            for (double t : common) {
                double dx = Math.log(t) - mx;
                sxx += dx * dx;
                sxy += dx * (c.get(t) - my);
            }
        }
        double b = sxy / sxx;
        double rss = 0;
        for (TreeMap<Double, Double> c : curves.values()) {
            for (double t : common) {
                double e = c.get(t) - my - b * (Math.log(t) - mx);
                rss += e * e;
            }
        }
        double se = n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : Double.NaN;
        return new double[] {b, se};
    }
}
