package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.study.doubledescent.DoubleDescent;
import org.glassy.study.doubledescent.LinearRidgeRisk;
import org.junit.jupiter.api.Test;

/**
 * The "Try it" exercises of notebook 07 (double descent): the notebook's QUICK sizes (linear model P = 40 with 20
 * data sets per point; random features D = 20, P = 40, 6 data sets of 200 test points) with each exercise's change,
 * run through {@link DoubleDescent#run} as the notebook's sweeps do, on the notebook's seed and two others.
 */
class Notebook07ExercisesTest {

    private static final long[] SEEDS = {2003, 7, 11};
    private static final int LINEAR_SAMPLES = 40;
    private static final int DIM = 20;
    private static final int SAMPLES = 40;

    private static DoubleDescent.Result linear(int dim, double noise, long seed) {
        return DoubleDescent.run(DoubleDescent.Parameters.builder().model(DoubleDescent.Model.LINEAR).features(dim)
                .dim(dim).samples(LINEAR_SAMPLES).noise(noise).ridge(0).repeats(20).seed(seed).build(), null);
    }

    private static DoubleDescent.Result randomFeatures(double ratio, double noise, double mmRidge, long seed) {
        return DoubleDescent.run(DoubleDescent.Parameters.builder().model(DoubleDescent.Model.RANDOM_FEATURES)
                .features((int) Math.round(ratio * SAMPLES)).samples(SAMPLES).dim(DIM).noise(noise)
                .ridge(mmRidge / DIM).repeats(6).testSamples(200).seed(seed).build(), null);
    }

    private static boolean within(DoubleDescent.Result r, double expected, double standardErrors) {
        return Math.abs(r.testError() - expected) < standardErrors * r.standardError();
    }

    /**
     * Exercise 1 — "set {@code NOISES = {0.5, 2.0}}: predict the ridgeless risk of the σ = 2 curve at γ = 0.5 and
     * its ratio to the σ = 0.5 curve". Solution: σ²D/(P − D − 1) = 4.2 (simulated 3.3 to 5.3), 16 times the σ = 0.5
     * value; beyond γ = 1 the bias 1 − 1/γ is shared and only the variance grows (2.7 at γ = 3 against 0.79).
     */
    @Test
    void fourTimesTheNoiseMultipliesTheRidgelessVarianceBySixteen() {
        double exact = LinearRidgeRisk.ridgelessFinite(20, LINEAR_SAMPLES, 1, 4);
        assertTrue(Math.abs(exact - 4 * 20.0 / 19) < 1e-12, "sigma^2 D / (P - D - 1): " + exact);
        for (long seed : SEEDS) {
            DoubleDescent.Result loud = linear(20, 2, seed);
            DoubleDescent.Result quiet = linear(20, 0.5, seed);
            assertTrue(within(loud, exact, 4) && loud.testError() > 3 && loud.testError() < 5.6,
                    "seed " + seed + ": " + loud.testError() + " +- " + loud.standardError() + " vs " + exact);
            double ratio = loud.testError() / quiet.testError();
            assertTrue(ratio > 10 && ratio < 25, "variance scales as sigma^2: ratio " + ratio);
            DoubleDescent.Result wide = linear(120, 2, seed);   // γ = 3: bias 2/3 + variance 4·40/79
            assertTrue(within(wide, 2.0 / 3 + 4 * 40.0 / 79, 4) && wide.testError() > 2.2 && wide.testError() < 3.2,
                    "gamma = 3: " + wide.testError() + " +- " + wide.standardError());
            assertTrue(linear(120, 0.5, seed).testError() < 0.95, "sigma = 0.5 at gamma = 3 stays near 0.79");
        }
    }

    /**
     * Exercise 2 — "set {@code RF_NOISE = 0}: does the random-features peak at N = P survive without label noise?"
     * Solution: yes; near-ridgeless K = 1 at N = P about 3 (Mei–Montanari 3.3, simulated 1.9 to 4.6) against
     * 0.9 at N/P = 0.5 and 0.13 at N/P = 5.
     */
    @Test
    void theRandomFeaturesPeakSurvivesWithoutLabelNoise() {
        for (long seed : SEEDS) {
            DoubleDescent.Result peak = randomFeatures(1, 0, 1e-4, seed);
            DoubleDescent.Result under = randomFeatures(0.5, 0, 1e-4, seed);
            DoubleDescent.Result over = randomFeatures(5, 0, 1e-4, seed);
            assertTrue(Math.abs(peak.theory() - 3.27) < 0.05, "Mei-Montanari at N = P, tau = 0: " + peak.theory());
            assertTrue(within(peak, peak.theory(), 4) && peak.testError() > 1.5,
                    "seed " + seed + ": " + peak.testError() + " +- " + peak.standardError());
            assertTrue(under.testError() > 0.6 && under.testError() < 1.2, "N/P = 0.5: " + under.testError());
            assertTrue(over.testError() > 0.08 && over.testError() < 0.2, "N/P = 5: " + over.testError());
            assertTrue(peak.testError() > 1.8 * under.testError() && peak.testError() > 8 * over.testError(),
                    "a peak at N = P: " + under.testError() + ", " + peak.testError() + ", " + over.testError());
        }
    }

    /**
     * Exercise 3 — "set {@code MM_RIDGE = 1}: what happens to the near-ridgeless peak at N = P?" Solution: it is
     * gone; the K = 1 curve is nearly flat, 0.74 at N = P (Mei–Montanari; simulated 0.7 to 0.86) against 6.6 with
     * λD = 10⁻⁴.
     */
    @Test
    void aRidgeOfOneRemovesThePeak() {
        for (long seed : SEEDS) {
            DoubleDescent.Result peak = randomFeatures(1, 0.5, 1, seed);
            DoubleDescent.Result under = randomFeatures(0.5, 0.5, 1, seed);
            DoubleDescent.Result over = randomFeatures(5, 0.5, 1, seed);
            assertTrue(Math.abs(peak.theory() - 0.739) < 0.005, "Mei-Montanari at N = P, lambda D = 1: " + peak.theory());
            assertTrue(within(peak, peak.theory(), 4) && peak.testError() > 0.6 && peak.testError() < 0.9,
                    "seed " + seed + ": " + peak.testError() + " +- " + peak.standardError());
            assertTrue(peak.testError() < 1.1 * under.testError() && over.testError() < peak.testError() * 1.1
                            && over.testError() > 0.8 * peak.testError(),
                    "flat: " + under.testError() + ", " + peak.testError() + ", " + over.testError());
            assertTrue(randomFeatures(1, 0.5, 1e-4, seed).testError() > 3 * peak.testError(),
                    "the notebook's lambda D = 1e-4 has the peak");
        }
    }
}
