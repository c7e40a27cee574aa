package org.glassy.study.aging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.glassy.internal.Require;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The subaging exponent μ of a two-time quantity: the μ for which Δ(t_w, t_w + t) is best a single function
 * of t/t_w^μ (μ = 1 full aging, μ &lt; 1 subaging, μ = 0 stationary), as found for under-parametrised networks
 * by J. Herrera Segura, D. Tapias, F. Montoya, "Subaging in underparametrized deep neural networks",
 * Mach. Learn.: Sci. Technol. 3, 035013 (2022) (arXiv:2209.02517), with a 95 % bootstrap interval over
 * independent runs (seeds).
 *
 * <p><b>Collapse quality.</b> Each waiting time gives a curve of points (u, y) = (ln t − μ ln t_w, ln Δ). The
 * cost S(μ) is the mean, over every point of every curve and every <em>other</em> curve whose u range contains
 * that point, of the squared difference between the point's y and the other curve's y interpolated linearly
 * in u — the spread of the curves about each other where they overlap, in (ln Δ)². The best μ minimises S on
 * [0, 2]: a grid of step 0.01, then a golden-section refinement inside the best grid cell. Pairs of curves
 * that do not overlap do not count; a μ where no two curves overlap has S = ∞.
 *
 * <p><b>Interval.</b> The seeds are resampled with replacement R times (default 400); each resample's curves
 * are averaged over its seeds point by point and fitted; the interval is the 2.5 % and 97.5 % quantiles of the
 * R exponents (the percentile bootstrap). The point estimate is the fit of the average over all seeds.
 *
 * @param mu the best exponent for the average over all seeds
 * @param low the 2.5 % quantile of the bootstrap exponents
 * @param high the 97.5 % quantile of the bootstrap exponents
 * @param cost S(μ), the collapse cost at the best μ, in (ln Δ)²
 * @param seeds the number of runs
 */
public record Subaging(double mu, double low, double high, double cost, int seeds) {

    /** The number of bootstrap resamples of {@link #fit(List, String, double, double)}. */
    public static final int RESAMPLES = 400;

    /** The largest exponent searched. */
    public static final double MAX_MU = 2;

    /**
     * The collapse cost S(μ) of one set of curves.
     *
     * @param table columns {@code tw, t} and the value column, values &gt; 0 (others skipped)
     * @param value the value column, e.g. {@code delta}
     * @param mu the exponent
     * @param minTw the smallest waiting time used, &gt; 0
     * @param minLag the smallest lag used
     * @return S(μ), or +∞ if no two curves overlap
     */
    public static double cost(Table table, String value, double mu, double minTw, double minLag) {
        return cost(curves(List.of(table), value, minTw, minLag, null), mu);
    }

    /**
     * The best exponent μ ∈ [0, 2] for one set of curves (e.g. an average over seeds).
     *
     * @param table columns {@code tw, t} and the value column
     * @param value the value column
     * @param minTw the smallest waiting time used, &gt; 0
     * @param minLag the smallest lag used
     * @return μ
     */
    public static double bestExponent(Table table, String value, double minTw, double minLag) {
        return best(curves(List.of(table), value, minTw, minLag, null));
    }

    /**
     * Fits μ to the average over runs, with its 95 % percentile-bootstrap interval over the runs, from
     * {@value #RESAMPLES} resamples and the generator seed 0.
     *
     * @param runs one two-time table per run (seed), columns {@code tw, t} and the value column, on the same grid
     * @param value the value column, e.g. {@code delta}
     * @param minTw the smallest waiting time used, &gt; 0
     * @param minLag the smallest lag used
     * @return μ and its interval
     */
    public static Subaging fit(List<Table> runs, String value, double minTw, double minLag) {
        return fit(runs, value, minTw, minLag, RESAMPLES, 0L);
    }

    /**
     * Fits μ to the average over runs, with its 95 % percentile-bootstrap interval over the runs.
     *
     * @param runs one two-time table per run (seed), at least 2, on the same grid
     * @param value the value column
     * @param minTw the smallest waiting time used, &gt; 0
     * @param minLag the smallest lag used
     * @param resamples R, the number of bootstrap resamples, at least 20
     * @param seed the seed of the resampling
     * @return μ and its interval
     */
    public static Subaging fit(List<Table> runs, String value, double minTw, double minLag, int resamples, long seed) {
        Require.atLeast("runs", runs.size(), 2);
        Require.atLeast("resamples", resamples, 20);
        Require.positive("minTw", minTw);
        int[] all = new int[runs.size()];
        Arrays.setAll(all, i -> i);
        List<double[][]> full = curves(runs, value, minTw, minLag, all);
        if (full.size() < 2) {
            throw Require.invalid("minTw", "must leave at least two waiting times, got " + full.size());
        }
        double mu = best(full);
        double cost = cost(full, mu);
        SplittableRandom random = new SplittableRandom(seed);
        double[] boot = new double[resamples];
        int[] pick = new int[runs.size()];
        for (int b = 0; b < resamples; b++) {
            for (int k = 0; k < pick.length; k++) {
                pick[k] = random.nextInt(runs.size());
            }
            boot[b] = best(curves(runs, value, minTw, minLag, pick));
        }
        Arrays.sort(boot);
        return new Subaging(mu, quantile(boot, 0.025), quantile(boot, 0.975), cost, runs.size());
    }

    /** The q-quantile of sorted values, linear between order statistics. */
    static double quantile(double[] sorted, double q) {
        double h = q * (sorted.length - 1);
        int i = (int) Math.floor(h);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (h - i) * (sorted[j] - sorted[i]);
    }

    /**
     * The curves {ln t_w, ln t[], ln value[]} of the runs picked (with repetition; null: the one table),
     * averaged point by point over the picks.
     */
    private static List<double[][]> curves(List<Table> runs, String value, double minTw, double minLag, int[] pick) {
        int[] picks = pick == null ? new int[] {0} : pick;
        Map<Double, TreeMap<Double, double[]>> sums = new LinkedHashMap<>();
        for (int k : picks) {
            Table table = runs.get(k);
            NumericColumn<?> tw = table.numberColumn("tw");
            NumericColumn<?> t = table.numberColumn("t");
            NumericColumn<?> v = table.numberColumn(value);
            for (int r = 0; r < table.rowCount(); r++) {
                double w = tw.getDouble(r);
                double lag = t.getDouble(r);
                double y = v.getDouble(r);
                if (w >= minTw && w > 0 && lag >= minLag && lag > 0 && Double.isFinite(y)) {
                    double[] s = sums.computeIfAbsent(w, x -> new TreeMap<>()).computeIfAbsent(lag, x -> new double[2]);
                    s[0] += y;
                    s[1]++;
                }
            }
        }
        List<double[][]> curves = new ArrayList<>();
        for (Map.Entry<Double, TreeMap<Double, double[]>> e : new TreeMap<>(sums).entrySet()) {
            List<double[]> points = new ArrayList<>();
            for (Map.Entry<Double, double[]> p : e.getValue().entrySet()) {
                double mean = p.getValue()[0] / p.getValue()[1];
                if (mean > 0) {
                    points.add(new double[] {Math.log(p.getKey()), Math.log(mean)});
                }
            }
            if (points.size() >= 2) {
                double[] lnT = points.stream().mapToDouble(p -> p[0]).toArray();
                double[] lnV = points.stream().mapToDouble(p -> p[1]).toArray();
                curves.add(new double[][] {{Math.log(e.getKey())}, lnT, lnV});
            }
        }
        return curves;
    }

    private static double cost(List<double[][]> curves, double mu) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < curves.size(); i++) {
            double shiftI = mu * curves.get(i)[0][0];
            double[] ti = curves.get(i)[1];
            double[] yi = curves.get(i)[2];
            for (int j = 0; j < curves.size(); j++) {
                if (j == i) {
                    continue;
                }
                double shiftJ = mu * curves.get(j)[0][0];
                double[] tj = curves.get(j)[1];
                double[] yj = curves.get(j)[2];
                for (int k = 0; k < ti.length; k++) {
                    // u = ln t_i − μ ln tw_i, looked up on curve j at ln t = u + μ ln tw_j
                    double at = ti[k] - shiftI + shiftJ;
                    if (at < tj[0] || at > tj[tj.length - 1]) {
                        continue;
                    }
                    int hi = Arrays.binarySearch(tj, at);
                    double y;
                    if (hi >= 0) {
                        y = yj[hi];
                    } else {
                        hi = -hi - 1;
                        double f = (at - tj[hi - 1]) / (tj[hi] - tj[hi - 1]);
                        y = yj[hi - 1] + f * (yj[hi] - yj[hi - 1]);
                    }
                    double d = yi[k] - y;
                    sum += d * d;
                    count++;
                }
            }
        }
        return count == 0 ? Double.POSITIVE_INFINITY : sum / count;
    }

    private static double best(List<double[][]> curves) {
        if (curves.size() < 2) {
            throw Require.invalid("minTw", "must leave at least two waiting times, got " + curves.size());
        }
        int steps = (int) Math.round(MAX_MU / 0.01);
        int bestK = 0;
        double bestS = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= steps; k++) {
            double s = cost(curves, k * 0.01);
            if (s < bestS) {
                bestS = s;
                bestK = k;
            }
        }
        double a = Math.max(0, (bestK - 1) * 0.01);
        double b = Math.min(MAX_MU, (bestK + 1) * 0.01);
        double g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a);
        double d = a + g * (b - a);
        double sc = cost(curves, c);
        double sd = cost(curves, d);
        for (int it = 0; it < 30; it++) {
            if (sc <= sd) {
                b = d;
                d = c;
                sd = sc;
                c = b - g * (b - a);
                sc = cost(curves, c);
            } else {
                a = c;
                c = d;
                sc = sd;
                d = a + g * (b - a);
                sd = cost(curves, d);
            }
        }
        double mid = (a + b) / 2;
        return cost(curves, mid) <= bestS ? mid : bestK * 0.01;
    }
}
