package org.glassy.study.sgd;

import java.util.List;
import java.util.Objects;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Where a success probability p(α) that rises with α crosses ½: bisection in α with a few seeds per evaluation,
 * then a logistic fit p(α) = 1/(1 + e^{−(α − α½)/w}) over every run made, giving α½ and its standard error (delta
 * method on the inverse Fisher information). The fit maximises the likelihood with Firth's bias correction
 * (D. Firth, Biometrika 80, 27 (1993)), which stays finite when few runs at one α mix successes and failures and
 * plain maximum likelihood would make the logistic a step. Each evaluation is a
 * {@link Sweep} over seeds on all cores. If the outcomes are separable (every failure below every success) the
 * fit has no finite maximum; then α½ is the midpoint between the largest failing and the smallest succeeding α
 * and its error half their gap.
 *
 * <p>Seeds are never reused: evaluation k uses seeds k·S + 1 … k·S + S (S seeds per evaluation), so all runs
 * are independent.
 */
public final class SuccessThreshold {

    private SuccessThreshold() {
    }

    /** One run: whether it succeeds at α with a seed. Called from several threads at once. */
    @FunctionalInterface
    public interface Trial {
        /**
         * Runs once.
         *
         * @param alpha α
         * @param seed the run's seed
         * @return whether the run succeeded
         * @throws Exception if the run fails
         */
        boolean succeeds(double alpha, long seed) throws Exception;
    }

    /**
     * The located crossing.
     *
     * @param alpha α½, where the fitted success probability is ½
     * @param standardError its standard error
     * @param width the fitted width w of the logistic (NaN when the outcomes were separable)
     * @param outcomes every run: columns alpha, seed, success
     */
    public record Estimate(double alpha, double standardError, double width, Table outcomes) {
    }

    /**
     * Bisects [lo, hi] for p(α) = ½, then fits.
     *
     * @param trial one run
     * @param lo the lower end of the bracket, &gt; 0
     * @param hi the upper end, &gt; lo
     * @param bisections the number of bisection steps, at least 1 (each S runs at the midpoint)
     * @param seeds S, the runs per evaluation, at least 2
     * @param workers the sweep's worker threads, at least 1
     * @param progress told of each evaluation's progress, or null
     * @return the estimate
     * @throws Exception if a run fails
     */
    public static Estimate locate(Trial trial, double lo, double hi, int bisections, int seeds, int workers,
                                  ProgressListener progress) throws Exception {
        Objects.requireNonNull(trial, "trial");
        Require.positive("lo", lo);
        if (!(hi > lo)) {
            throw Require.invalid("hi", "must be > lo = " + lo + ", got " + hi);
        }
        Require.atLeast("bisections", bisections, 1);
        Require.atLeast("seeds", seeds, 2);
        Require.atLeast("workers", workers, 1);
        DoubleColumn alphas = DoubleColumn.create("alpha");
        DoubleColumn seedColumn = DoubleColumn.create("seed");
        BooleanColumn success = BooleanColumn.create("success");
        double a = lo;
        double b = hi;
        int evaluation = 0;
        // the two ends first, then the bisection's midpoints
        List<Double> first = List.of(lo, hi);
        for (double alpha : first) {
            evaluate(trial, alpha, evaluation++, seeds, workers, progress, alphas, seedColumn, success);
        }
        for (int k = 0; k < bisections; k++) {
            double mid = 0.5 * (a + b);
            double p = evaluate(trial, mid, evaluation++, seeds, workers, progress, alphas, seedColumn, success);
            if (p >= 0.5) {
                b = mid;
            } else {
                a = mid;
            }
        }
        double[] x = alphas.asDoubleArray();
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = success.get(i) ? 1 : 0;
        }
        double[] fit = fit(x, y);
        return new Estimate(fit[0], fit[1], fit[2], Table.create("outcomes", alphas, seedColumn, success));
    }

    private static double evaluate(Trial trial, double alpha, int evaluation, int seeds, int workers,
                                   ProgressListener progress, DoubleColumn alphas, DoubleColumn seedColumn,
                                   BooleanColumn success) {
        long from = (long) evaluation * seeds + 1;
        Table t = Sweep.over(Grid.of(Axis.range("seed", from, from + seeds - 1))).workers(workers).progress(progress)
                .run(point -> {
                    boolean ok = trial.succeeds(alpha, point.longValue("seed"));
                    return Table.create("run", BooleanColumn.create("success", new boolean[] {ok}));
                });
        int count = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            boolean ok = t.booleanColumn("success").get(i);
            alphas.append(alpha);
            seedColumn.append(from + i);
            success.append(ok);
            count += ok ? 1 : 0;
        }
        return (double) count / t.rowCount();
    }

    /**
     * Fits p(α) = σ(β₀ + β₁α) by Firth-corrected maximum likelihood (IRLS) and returns {α½ = −β₀/β₁, its standard error, the width
     * 1/β₁}; for separable or one-sided outcomes the midpoint of the gap, half the gap and NaN.
     *
     * @param alpha the α of each run
     * @param success 1 for a success, 0 for a failure
     * @return {α½, standard error, width}
     */
    public static double[] fit(double[] alpha, double[] success) {
        if (alpha.length != success.length || alpha.length < 2) {
            throw Require.invalid("alpha", "must hold as many runs as success, at least 2");
        }
        double maxFail = Double.NEGATIVE_INFINITY;
        double minSuccess = Double.POSITIVE_INFINITY;
        double minFail = Double.POSITIVE_INFINITY;
        double maxSuccess = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < alpha.length; i++) {
            if (success[i] > 0.5) {
                minSuccess = Math.min(minSuccess, alpha[i]);
                maxSuccess = Math.max(maxSuccess, alpha[i]);
            } else {
                maxFail = Math.max(maxFail, alpha[i]);
                minFail = Math.min(minFail, alpha[i]);
            }
        }
        if (maxFail < minSuccess) {   // separable (or one-sided): no finite maximum
            double lo = Double.isInfinite(maxFail) ? minSuccess : maxFail;
            double hi = Double.isInfinite(minSuccess) ? maxFail : minSuccess;
            return new double[] {0.5 * (lo + hi), 0.5 * Math.abs(hi - lo), Double.NaN};
        }
        // centre α for conditioning
        double mean = 0;
        for (double v : alpha) {
            mean += v / alpha.length;
        }
        double b0 = 0;
        double b1 = 0;
        double[][] inverse = new double[2][2];
        for (int iteration = 0; iteration < 200; iteration++) {
            double h00 = 0;
            double h01 = 0;
            double h11 = 0;
            double[] p = new double[alpha.length];
            for (int i = 0; i < alpha.length; i++) {
                double x = alpha[i] - mean;
                p[i] = 1 / (1 + Math.exp(-(b0 + b1 * x)));
                double w = p[i] * (1 - p[i]);
                h00 += w;
                h01 += w * x;
                h11 += w * x * x;
            }
            double det = h00 * h11 - h01 * h01;
            inverse = new double[][] {{h11 / det, -h01 / det}, {-h01 / det, h00 / det}};
            double g0 = 0;
            double g1 = 0;
            for (int i = 0; i < alpha.length; i++) {
                double x = alpha[i] - mean;
                double w = p[i] * (1 - p[i]);
                double leverage = w * (inverse[0][0] + 2 * x * inverse[0][1] + x * x * inverse[1][1]);
                double r = success[i] - p[i] + leverage * (0.5 - p[i]);   // Firth's adjusted score
                g0 += r;
                g1 += r * x;
            }
            double d0 = inverse[0][0] * g0 + inverse[0][1] * g1;
            double d1 = inverse[1][0] * g0 + inverse[1][1] * g1;
            double scale = Math.max(1, Math.max(Math.abs(d0), Math.abs(d1)) / 2);   // damped steps
            b0 += d0 / scale;
            b1 += d1 / scale;
            if (Math.abs(d0) < 1e-12 && Math.abs(d1) < 1e-12 * (1 + Math.abs(b1))) {
                break;
            }
        }
        double crossing = mean - b0 / b1;
        // ∂α½/∂β₀ = −1/β₁, ∂α½/∂β₁ = β₀/β₁²
        double j0 = -1 / b1;
        double j1 = b0 / (b1 * b1);
        double variance = j0 * j0 * inverse[0][0] + 2 * j0 * j1 * inverse[0][1] + j1 * j1 * inverse[1][1];
        return new double[] {crossing, Math.sqrt(variance), 1 / b1};
    }

    /**
     * The trial of phase retrieval: the parameters with α and the seed replaced, success when the final overlap
     * exceeds {@link PhaseRetrievalStudy#SUCCESS_OVERLAP}.
     *
     * @param base the other parameters
     * @return the trial
     */
    public static Trial phaseRetrieval(PhaseRetrievalStudy.Parameters base) {
        Objects.requireNonNull(base, "base");
        return (alpha, seed) -> PhaseRetrievalStudy.succeeds(base.toBuilder().alpha(alpha).seed(seed).build());
    }
}
