package org.glassy.study.sgd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.core.StepHandler;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.Selection;
import org.glassy.dynamics.StochasticGradientDescent;
import org.glassy.model.LeastSquares;
import org.glassy.theory.SgdLeastSquares;
import org.junit.jupiter.api.Test;

/**
 * Simulated SGD on least squares with label noise against the exact stationary loss of
 * {@link SgdLeastSquares}: within 4 standard errors of the exact fixed point, and more than 10 standard errors
 * away from the constant-noise Lyapunov answer that drops the iterate-dependent batch noise 𝓜(Σ).
 */
class SgdStationaryStateTest {

    private static final int RUNS = 32;
    private static final long BURN_IN = 2000;
    private static final int STEPS = 20_000;

    /** Returns {mean, standard error} of the time-averaged excess training loss over independent runs. */
    private static double[] simulate(LeastSquares model, SgdLeastSquares.Stationary exact, double eta, double b) {
        long[] schedule = new long[STEPS];
        for (int k = 0; k < STEPS; k++) {
            schedule[k] = BURN_IN + k;
        }
        double[] means = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            double[] sum = new double[1];
            StepHandler accumulate = (step, time, x, energy) -> sum[0] += energy;
            Dynamics.of(model, new StochasticGradientDescent(eta, Selection.bernoulli(b))).seed(100 + run)
                    .steps(BURN_IN + STEPS - 1).record(schedule, accumulate).run(exact.minimiser());
            means[run] = sum[0] / STEPS - exact.minimumLoss();
        }
        double mean = 0;
        for (double m : means) {
            mean += m / RUNS;
        }
        double variance = 0;
        for (double m : means) {
            variance += (m - mean) * (m - mean) / (RUNS - 1);
        }
        return new double[] {mean, Math.sqrt(variance / RUNS)};
    }

    private static void check(int d, int n, double eta, double b) {
        SplittableRandom r = new SplittableRandom(7);
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int mu = 0; mu < n; mu++) {
            double h = 0;
            for (int i = 0; i < d; i++) {
                x[mu * d + i] = r.nextGaussian();
                h += x[mu * d + i] * (i % 2 == 0 ? 1 : -0.5);
            }
            y[mu] = h + 0.5 * r.nextGaussian();
        }
        SgdLeastSquares.Stationary exact = SgdLeastSquares.stationary(d, x, y, eta, b, SgdLeastSquares.Noise.EXACT);
        SgdLeastSquares.Stationary lyapunov = SgdLeastSquares.stationary(d, x, y, eta, b,
                SgdLeastSquares.Noise.AT_MINIMUM);
        double[] sim = simulate(new LeastSquares(d, x, y), exact, eta, b);
        String what = String.format("d = %d, n = %d, eta = %.2f, b = %.2f: simulated %.6g ± %.2g, exact %.6g, "
                + "constant noise %.6g", d, n, eta, b, sim[0], sim[1], exact.excessLoss(), lyapunov.excessLoss());
        assertTrue(Math.abs(sim[0] - exact.excessLoss()) < 4 * sim[1], what);
        assertTrue(Math.abs(sim[0] - lyapunov.excessLoss()) > 10 * sim[1], what);
    }

    @Test
    void smallBatchesMatchTheExactFixedPoint() {
        check(4, 16, 0.3, 0.25);     // 𝓜 adds 41 % to the excess loss
    }

    @Test
    void halfBatchesMatchTheExactFixedPoint() {
        check(3, 30, 0.5, 0.5);      // 𝓜 adds 7.5 %, still 40 standard errors
    }
}
