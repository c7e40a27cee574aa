package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.observable.Aggregates;
import org.glassy.study.relaxation.FiniteSizeEquilibrium;
import org.glassy.study.relaxation.LinearExtrapolation;
import org.glassy.study.relaxation.PSpinRelaxation;
import org.glassy.study.relaxation.QuenchEnsemble;
import org.glassy.theory.SphericalPSpinTheory;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The "Try it" exercises of notebook 01 (energy relaxation of the spherical p-spin after a quench): the library calls
 * of the notebook's cells at its QUICK sizes (p = 3, N = 32, dt = 0.02, t = 40, 3 instances; gradient descent with
 * dt = 0.1 to t = 60, 3 instances per size) with each exercise's change, for the notebook's seed and others.
 */
class Notebook01ExercisesTest {

    private static final int P = 3;

    /** The QUICK quench of the notebook's first code cell, seeds {@code seed} … {@code seed} + 2. */
    private static Table quenches(long seed, double... temperatures) {
        var base = PSpinRelaxation.Parameters.builder().p(P).n(32).dt(0.02).time(40).seed(seed).recordsPerDecade(12)
                .build();
        return QuenchEnsemble.run(base, temperatures, 3, null);
    }

    private static double lateMean(Table late, double temperature) {
        return late.where(late.doubleColumn("temperature").isEqualTo(temperature)).doubleColumn("late_mean").get(0);
    }

    /**
     * Exercise 1 — a hotter quench: "set {@code TEMPERATURES = {0.0, 0.4, 0.5, 0.7, 1.0, 2.0}} (add T = 2). Predict
     * the late-time mean at T = 2 and its ratio to the value at T = 1." The solution: near e_32(2) = −0.191, within
     * [−0.22, −0.16], against [−0.42, −0.33] at T = 1; the ratio 0.5 ± 0.08 (the paramagnetic energy is linear in
     * 1/T); both well above the mean-field −1/(2T) at N = 32.
     */
    @Test
    void doublingTheTemperatureHalvesTheEquilibriumEnergy() {
        assertEquals(-0.191, FiniteSizeEquilibrium.annealedEnergy(P, 32, 2.0, 200_000, 1L).value(), 0.003);
        assertEquals(-0.388, FiniteSizeEquilibrium.annealedEnergy(P, 32, 1.0, 200_000, 1L).value(), 0.003);
        for (long seed : new long[] {2018, 7, 101}) {
            Table late = QuenchEnsemble.lateMeans(quenches(seed, 1.0, 2.0));
            double hot = lateMean(late, 2.0);
            double warm = lateMean(late, 1.0);
            assertTrue(hot > -0.22 && hot < -0.16, "seed " + seed + ": late mean at T = 2 " + hot);
            assertTrue(warm > -0.42 && warm < -0.33, "seed " + seed + ": late mean at T = 1 " + warm);
            assertEquals(0.5, hot / warm, 0.08, "seed " + seed + ": e(T = 2)/e(T = 1)");
            assertTrue(hot > SphericalPSpinTheory.paramagneticEnergy(2.0) + 0.03, "finite-N: above −1/(2T)");
        }
    }

    /**
     * Exercise 2 — gradient descent at a larger size: "set {@code GD_SIZES_QUICK = {16, 32, 64, 128}}. Predict the
     * mean final energy at N = 128, and which extrapolation, in 1/N or in N^(−2/3), lands on the threshold." The
     * solution: ≈ −1.07 within [−1.10, −1.04], above the threshold −2/√3 and far below N = 16 (≈ −0.80); the 1/N
     * line ends clearly above the threshold (≈ −1.11), the N^(−2/3) line within a few hundredths of it.
     */
    @Test
    void largerSystemsStopCloserToTheThreshold() {
        double threshold = SphericalPSpinTheory.thresholdEnergy(P);
        for (long seed : new long[] {2018, 7}) {
            Table minima = QuenchEnsemble.gradientDescentMinima(P, new int[] {16, 32, 64, 128}, 3, 0.1, 60, seed, null);
            Table means = Aggregates.meanAndError(minima, List.of("final_energy"), "n");
            double[] e = means.doubleColumn("final_energy").asDoubleArray();
            assertEquals(List.of(16, 32, 64, 128), means.intColumn("n").asList());
            assertTrue(e[3] > -1.10 && e[3] < -1.04, "seed " + seed + ": N = 128 stops at " + e[3]);
            assertTrue(e[0] > -0.90, "seed " + seed + ": N = 16 stops far above, at " + e[0]);
            for (int i = 1; i < e.length; i++) {
                assertTrue(e[i] < e[i - 1], "seed " + seed + ": lower with every size " + means.print());
            }
            LinearExtrapolation inverseN = QuenchEnsemble.extrapolateMinima(minima, 1.0);
            LinearExtrapolation twoThirds = QuenchEnsemble.extrapolateMinima(minima, 2.0 / 3);
            assertTrue(inverseN.limit() > threshold + 0.02, "seed " + seed + ": 1/N ends at " + inverseN.limit());
            assertEquals(threshold, twoThirds.limit(), 0.04, "seed " + seed + ": N^(−2/3) ends at the threshold");
        }
    }
}
