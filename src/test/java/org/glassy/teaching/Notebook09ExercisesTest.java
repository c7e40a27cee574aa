package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.dynamics.Selection;
import org.glassy.dynamics.StepRule;
import org.glassy.dynamics.StochasticGradientDescent;
import org.glassy.model.BatchModel;
import org.glassy.study.sgd.GaussianMixture;
import org.glassy.study.sgd.LeastSquaresSgd;
import org.glassy.study.sgd.SgdComparison;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The "Try it" exercises of notebook 09 (SGD's stochasticity): the library calls of the notebook's cells
 * ({@link SgdComparison#stationaryLoss}, {@link SgdComparison#temperatures}, {@link SgdComparison#curves}) at the
 * QUICK sizes (least squares d = 4, n = 16, 8 runs of 4000 steps; Gaussian mixture d = 50, n = 200, 40 windows of
 * 40 lags; phase retrieval d = 30, η = 0.1 d, time 20 d), with each exercise's change, on several seeds.
 */
class Notebook09ExercisesTest {

    /**
     * Exercise 1 — "set {@code LSQ_NOISE = 1.0}: what happens to every entry of the stationary-loss table?"
     * Solution: exact, constant-noise and simulated excess losses are all exactly 4 times larger (same data, same
     * batches: the deviation from the minimum is driven linearly by the residuals, which double).
     */
    @Test
    void twiceTheLabelNoiseQuadruplesTheStationaryLossExactly() {
        for (long seed : new long[] {2021, 3}) {   // 4 runs instead of 8: the ratio is exact for any number
            Table quiet = SgdComparison.stationaryLoss(LeastSquaresSgd.sample(4, 16, 0.5, seed),
                    new double[] {0.3}, new double[] {0.1}, 4, 2000, 4000);
            Table loud = SgdComparison.stationaryLoss(LeastSquaresSgd.sample(4, 16, 1.0, seed),
                    new double[] {0.3}, new double[] {0.1}, 4, 2000, 4000);
            for (String column : new String[] {"exact", "constant_noise", "simulated", "simulated_se"}) {
                for (int i = 0; i < 1; i++) {
                    double ratio = loud.doubleColumn(column).get(i) / quiet.doubleColumn(column).get(i);
                    assertEquals(4, ratio, 1e-6, column + " row " + i + ": " + ratio);
                }
            }
            if (seed == 2021) {
                assertEquals(0.1756, loud.doubleColumn("exact").get(0), 1e-4, "eta = 0.3, b = 0.1");
            }
            assertTrue(Math.abs(loud.doubleColumn("z_exact").get(0)) < 3, "the exact answer still fits");
        }
    }

    private static double[] temperatures(long seed, double... rates) {
        GaussianMixture mixture = GaussianMixture.sample(50, 200, 1, seed);
        double[] direction = new java.util.SplittableRandom(seed).doubles(50).map(v -> v - 0.5).toArray();
        List<StepRule<? super BatchModel, ?>> rules = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (double eta : rates) {
            names.add("SGD η = " + eta);
            rules.add(new StochasticGradientDescent(eta, Selection.bernoulli(0.25)));
        }
        Table t = SgdComparison.temperatures(mixture, 1, names, rules, direction, 1e-3, 2000, 40, 40, seed)[0];
        return t.doubleColumn("T_eff").asDoubleArray();
    }

    /**
     * Exercise 2 — "set {@code GM_RATES = {2.5, 5, 10, 20}}: predict the effective temperature at η = 20."
     * Solution: about 2 × 10⁻³ (1.5 to 3.2 × 10⁻³ at QUICK's 40 windows), 4 to 7 times the η = 5 value: roughly
     * proportional to η, a little faster.
     */
    @Test
    void theEffectiveTemperatureGrowsWithTheLearningRate() {
        for (long seed : new long[] {2021, 5}) {
            double[] t = temperatures(seed, 5, 20);
            assertTrue(t[1] > 1.4e-3 && t[1] < 3.4e-3, "seed " + seed + ": T_eff(20) = " + t[1]);
            double ratio = t[1] / t[0];
            assertTrue(ratio > 3.5 && ratio < 8, "seed " + seed + ": T_eff(20)/T_eff(5) = " + ratio);
        }
    }

    private static double[] finalOverlaps(double alpha, long seed) {
        var protocol = new SgdComparison.Protocol(0.1, 20, new double[] {0.5, 0.2}, 0.2, 5, 0.01);
        Table c = SgdComparison.curves(protocol.algorithms(30, alpha, 0, seed));
        Table end = c.where(c.doubleColumn("time").isEqualTo(c.doubleColumn("time").max()));
        assertEquals(5, end.rowCount(), "GD, two SGD, persistent SGD, Langevin");
        return end.doubleColumn("overlap").abs().asDoubleArray();
    }

    /**
     * Exercise 3 — "set {@code CURVE_ALPHA = 10}, then {@code CURVE_ALPHA = 1.5}: which algorithms recover the
     * teacher?" Solution: at α = 10 all five reach |m| ≥ 0.99 within the time budget, for any seed; at α = 1.5
     * none does (|m| stays below 0.9), although α = 1.5 is above the information-theoretic α = 1.
     */
    @Test
    void plentyOfDataEveryAlgorithmSucceedsLittleDataNoneDoes() {
        for (long seed : new long[] {2021, 2, 3, 4, 5, 6}) {
            for (double m : finalOverlaps(10, seed)) {
                assertTrue(m >= 0.98, "alpha = 10, seed " + seed + ": " + m);
            }
            for (double m : finalOverlaps(1.5, seed)) {
                assertTrue(m < 0.9, "alpha = 1.5, seed " + seed + ": " + m);
            }
        }
    }
}
