package org.glassy.study.hinge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.glassy.core.ProgressListener;
import org.glassy.data.Dataset;
import org.glassy.internal.Require;
import org.glassy.model.HingeLoss;
import org.glassy.observable.Rows;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Finite-size scaling of the perceptron's SAT/UNSAT transition from the jamming point of each
 * instance. An instance is a sequence of random patterns; its first P define the problem at load
 * α = P/N, so solutions at P remain solutions at every smaller P. For κ ≥ 0 the minimiser finds a
 * solution whenever one exists (the loss is convex along the great circle from any w towards a
 * solution, so it has no local minimum with a positive loss), and SAT is monotone in P; for κ &lt; 0
 * it can miss solutions, and the jamming point is that of this protocol. The instance's jamming point is found by
 * bisection over P with the linear-hinge minimiser of {@link PerceptronJamming} (the same start
 * for every P): the last P that reaches zero loss and the first that does not, α_J = (P_SAT +
 * P_UNSAT)/(2N). The probability that an instance of size N is SAT at load α is then the fraction
 * of instances with α_J &gt; α,
 *
 * <pre>
 *   P_N(SAT; α) = #{instances: α_J &gt; α} / M,     standard error √(P(1 − P)/M),
 * </pre>
 *
 * <p>a step of width O(N^{−1/2}) around the transition that sharpens as N grows; the curves of two
 * sizes cross near the transition. For κ ≥ 0 (convex) the crossing estimates the Gardner capacity
 * α_c(κ) (E. Gardner, J. Phys. A 21, 257 (1988)); for κ &lt; 0 replica symmetry is broken, the
 * replica-symmetric α_c(κ) is only an upper bound, and the crossing measures this minimiser's
 * jamming point (S. Franz, G. Parisi, M. Sevelev, P. Urbani and F. Zamponi, SciPost Phys. 2, 019
 * (2017)).
 */
public final class JammingThresholds {

    /** Bootstrap resamples behind the crossing's standard error. */
    static final int RESAMPLES = 400;

    private JammingThresholds() {
    }

    /**
     * The jamming point of every instance: a {@link Sweep} over {@code kappa × n × instance} on all
     * cores, each point a bisection over P (see the class comment) on its own seed.
     *
     * @param kappas the margins κ, distinct
     * @param ns the sizes N, distinct, each at least 2
     * @param instances instances per (κ, N), at least 1
     * @param seed the seed
     * @param progress told of the points done, or null
     * @return columns {@code kappa, n, instance, last_sat, first_unsat, alpha_j, minimisations}: the last
     *     SAT and first UNSAT numbers of patterns, α_J = (last_sat + first_unsat)/(2N), and the number of
     *     minimisations the bisection took
     */
    public static Table thresholds(double[] kappas, int[] ns, int instances, long seed, ProgressListener progress) {
        Require.atLeast("instances", instances, 1);
        for (int n : ns) {
            Require.atLeast("n", n, 2);
        }
        Grid grid = Grid.of(Axis.of("kappa", Arrays.stream(kappas).boxed().toArray()),
                Axis.of("n", Arrays.stream(ns).boxed().toArray()), Axis.range("instance", 0, instances - 1));
        Table runs = Sweep.over(grid).progress(progress).run(point -> {
            double kappa = point.doubleValue("kappa");
            int n = point.intValue("n");
            int[] found = bisect(kappa, n, point.seed(seed));
            return Table.create("threshold", IntColumn.create("last_sat", new int[] {found[0]}),
                    IntColumn.create("first_unsat", new int[] {found[1]}),
                    IntColumn.create("minimisations", new int[] {found[2]}));
        });
        Table t = Table.create("jamming points", DoubleColumn.create("kappa"), IntColumn.create("n"),
                IntColumn.create("instance"), IntColumn.create("last_sat"), IntColumn.create("first_unsat"),
                DoubleColumn.create("alpha_j"), IntColumn.create("minimisations"));
        for (int r = 0; r < runs.rowCount(); r++) {
            int n = runs.intColumn("n").get(r);
            int sat = runs.intColumn("last_sat").get(r);
            int unsat = runs.intColumn("first_unsat").get(r);
            t.doubleColumn("kappa").append(runs.numberColumn("kappa").getDouble(r));
            t.intColumn("n").append(n);
            t.intColumn("instance").append(runs.intColumn("instance").get(r));
            t.intColumn("last_sat").append(sat);
            t.intColumn("first_unsat").append(unsat);
            t.doubleColumn("alpha_j").append((sat + unsat) / (2.0 * n));
            t.intColumn("minimisations").append(runs.intColumn("minimisations").get(r));
        }
        return t.sortOn("kappa", "n", "instance");
    }

    /**
     * Bisection over P for one instance: {last SAT P, first UNSAT P, minimisations}. The bracket
     * starts at [0.7, 1.3]·α_c(κ)N (the replica-symmetric capacity) and widens until it holds the
     * jamming point.
     */
    static int[] bisect(double kappa, int n, long seed) {
        double guess = GardnerCapacity.alphaC(kappa) * n;
        int most = (int) Math.ceil(3 * guess) + 2;
        Dataset all = PerceptronJamming.instance(seed, most, n);
        double[] w0 = PerceptronJamming.start(seed, 0, n);
        int[] calls = {0};
        java.util.function.IntPredicate sat = p -> {
            calls[0]++;
            HingePerceptron model = new HingePerceptron(all.first(p), kappa, HingeLoss.LINEAR);
            PerceptronJamming.Result r = PerceptronJamming.minimise(model, w0, (double) p / n,
                    PerceptronJamming.DEFAULT_STEPS, seed, null);
            return r.sat();
        };
        int lo = Math.max(1, (int) Math.floor(0.7 * guess));
        int hi = Math.min(most, Math.max(lo + 1, (int) Math.ceil(1.3 * guess)));
        while (lo > 1 && !sat.test(lo)) {
            hi = lo;
            lo = Math.max(1, lo / 2);
        }
        while (hi < most && sat.test(hi)) {
            lo = hi;
            hi = Math.min(most, 2 * hi);
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (sat.test(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new int[] {lo, hi, calls[0]};
    }

    /**
     * P_N(SAT; α) for every (κ, N) of a {@link #thresholds} table; for κ = 0 Cover's exact curves
     * ({@link GardnerCapacity#coverProbability}, with P = ⌊αN⌋ patterns); and for each κ a vertical line at the
     * replica-symmetric α_c(κ): the Gardner capacity for κ ≥ 0, an upper bound that is not the transition for
     * κ &lt; 0.
     *
     * @param thresholds a table from {@link #thresholds}
     * @param alphas the loads α at which to evaluate
     * @return columns {@code curve} ("κ = 0.0, N = 100", "Cover (exact), N = 100", or "Gardner α_c = 2.0000"
     *     with n = 0), {@code kappa}, {@code n}, {@code alpha}, {@code p_sat}, {@code p_sat_se} (NaN on the exact
     *     curves and the line)
     */
    public static Table satProbability(Table thresholds, double[] alphas) {
        Rows rows = Rows.of("P(SAT) against α", StringColumn.create("curve"), DoubleColumn.create("kappa"),
                IntColumn.create("n"), DoubleColumn.create("alpha"), DoubleColumn.create("p_sat"),
                DoubleColumn.create("p_sat_se"));
        for (double kappa : distinct(thresholds.doubleColumn("kappa").asDoubleArray())) {
            for (double size : distinct(thresholds.intColumn("n").asDoubleArray())) {
                int n = (int) size;
                double[] aj = alphaJ(thresholds, kappa, n);
                for (double alpha : alphas) {
                    double p = satFraction(aj, alpha);
                    rows.add(String.format(Locale.ROOT, "κ = %s, N = %d", kappa, n), kappa, n, alpha, p,
                            Math.sqrt(p * (1 - p) / aj.length));
                }
            }
            if (kappa == 0) {
                for (double size : distinct(thresholds.intColumn("n").asDoubleArray())) {
                    int n = (int) size;
                    for (double alpha : alphas) {
                        // SAT at load α means the first floor(αN) patterns are storable
                        int p = (int) Math.floor(alpha * n + 1e-9);
                        rows.add("Cover (exact), N = " + n, kappa, n, alpha,
                                p < 1 ? 1.0 : GardnerCapacity.coverProbability(n, p), Double.NaN);
                    }
                }
            }
            double alphaC = GardnerCapacity.alphaC(kappa);
            String line = String.format(Locale.ROOT, kappa >= 0 ? "Gardner α_c = %.4f" : "replica-symmetric α_c = %.4f "
                    + "(not the transition)", alphaC);
            rows.add(line, kappa, 0, alphaC, 0.0, Double.NaN).add(line, kappa, 0, alphaC, 1.0, Double.NaN);
        }
        return rows.table();
    }

    /**
     * For each κ: per size N the mean, standard error and median of α_J; for each pair of consecutive
     * sizes the crossing of their P(SAT) curves (the load where the two empirical curves, linearly
     * interpolated between the sorted α_J, are equal, taking the crossing nearest the two medians' mean),
     * with a bootstrap standard error over the instances (NaN where the curves do not cross); and the
     * replica-symmetric α_c(κ).
     *
     * @param thresholds a table from {@link #thresholds}
     * @param seed the seed of the bootstrap
     * @return columns {@code kappa, alpha_c, quantity} ("α_J, N = 100" or "crossing N = 100, 200"),
     *     {@code value, se, median} (median NaN for crossings), {@code exact}: for κ = 0 Cover's exact values
     *     (mean α_J = 2 + 1/(2N), every crossing at 2; {@link GardnerCapacity#coverProbability}), else NaN
     */
    public static Table crossings(Table thresholds, long seed) {
        Rows rows = Rows.of("jamming point: sizes and crossings", DoubleColumn.create("kappa"),
                DoubleColumn.create("alpha_c"), StringColumn.create("quantity"), DoubleColumn.create("value"),
                DoubleColumn.create("se"), DoubleColumn.create("median"), DoubleColumn.create("exact"));
        SplittableRandom random = new SplittableRandom(seed);
        for (double kappa : distinct(thresholds.doubleColumn("kappa").asDoubleArray())) {
            double alphaC = GardnerCapacity.alphaC(kappa);
            double[] sizes = distinct(thresholds.intColumn("n").asDoubleArray());
            for (double size : sizes) {
                double[] aj = alphaJ(thresholds, kappa, (int) size);
                double m = Arrays.stream(aj).average().orElse(Double.NaN);
                double v = 0;
                for (double a : aj) {
                    v += (a - m) * (a - m);
                }
                rows.add(kappa, alphaC, "α_J, N = " + (int) size, m,
                        aj.length > 1 ? Math.sqrt(v / (aj.length - 1) / aj.length) : Double.NaN, median(aj),
                        kappa == 0 ? 2 + 1 / (2 * size) : Double.NaN);
            }
            for (int k = 0; k + 1 < sizes.length; k++) {
                double[] a = alphaJ(thresholds, kappa, (int) sizes[k]);
                double[] b = alphaJ(thresholds, kappa, (int) sizes[k + 1]);
                double crossing = crossing(a, b);
                List<Double> boot = new ArrayList<>();
                for (int r = 0; r < RESAMPLES; r++) {
                    double c = crossing(resample(a, random), resample(b, random));
                    if (Double.isFinite(c)) {
                        boot.add(c);
                    }
                }
                double bm = boot.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double bv = boot.stream().mapToDouble(c -> (c - bm) * (c - bm)).sum();
                rows.add(kappa, alphaC, "crossing N = " + (int) sizes[k] + ", " + (int) sizes[k + 1], crossing,
                        boot.size() > 1 && Double.isFinite(crossing) ? Math.sqrt(bv / (boot.size() - 1)) : Double.NaN,
                        Double.NaN, kappa == 0 ? 2.0 : Double.NaN);
            }
        }
        return rows.table();
    }

    /**
     * The load where two empirical P(SAT) curves cross: both curves are piecewise linear through
     * (α_(i), 1 − (i − ½)/M) at their sorted jamming points, equal to 1 below and 0 above their
     * ranges; of the sign changes of their difference, the one nearest the mean of the two medians.
     *
     * @param a the jamming points of one size
     * @param b those of another
     * @return the crossing, NaN if the curves do not cross
     */
    static double crossing(double[] a, double[] b) {
        double[] grid = new double[a.length + b.length];
        System.arraycopy(a, 0, grid, 0, a.length);
        System.arraycopy(b, 0, grid, a.length, b.length);
        Arrays.sort(grid);
        double target = (median(a) + median(b)) / 2;
        double best = Double.NaN;
        double previous = Double.NaN;
        double previousX = Double.NaN;
        for (double x : grid) {
            double d = curve(a, x) - curve(b, x);
            if (d == 0) {
                if (Double.isNaN(best) || Math.abs(x - target) < Math.abs(best - target)) {
                    best = x;
                }
            } else if (!Double.isNaN(previous) && previous != 0 && Math.signum(d) != Math.signum(previous)) {
                double root = previousX + (x - previousX) * previous / (previous - d);
                if (Double.isNaN(best) || Math.abs(root - target) < Math.abs(best - target)) {
                    best = root;
                }
            }
            previous = d;
            previousX = x;
        }
        return best;
    }

    /** The smoothed empirical P(SAT) of sorted-or-not jamming points at load x (see {@link #crossing}). */
    static double curve(double[] jamming, double x) {
        double[] s = jamming.clone();
        Arrays.sort(s);
        int m = s.length;
        if (x <= s[0]) {
            return x < s[0] ? 1 : 1 - 0.5 / m;
        }
        if (x >= s[m - 1]) {
            return x > s[m - 1] ? 0 : 0.5 / m;
        }
        int i = 0;
        while (s[i + 1] < x) {
            i++;
        }
        double y0 = 1 - (i + 0.5) / m;
        double y1 = 1 - (i + 1.5) / m;
        return s[i + 1] == s[i] ? y1 : y0 + (y1 - y0) * (x - s[i]) / (s[i + 1] - s[i]);
    }

    private static double satFraction(double[] jamming, double alpha) {
        int above = 0;
        for (double a : jamming) {
            if (a > alpha) {
                above++;
            }
        }
        return (double) above / jamming.length;
    }

    private static double[] alphaJ(Table thresholds, double kappa, int n) {
        Table t = thresholds.where(thresholds.doubleColumn("kappa").isEqualTo(kappa)
                .and(thresholds.intColumn("n").isEqualTo(n)));
        return t.doubleColumn("alpha_j").asDoubleArray();
    }

    private static double[] resample(double[] values, SplittableRandom random) {
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = values[random.nextInt(values.length)];
        }
        return r;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length;
        return m % 2 == 1 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
    }

    private static double[] distinct(double[] values) {
        return Arrays.stream(values).distinct().sorted().toArray();
    }
}
