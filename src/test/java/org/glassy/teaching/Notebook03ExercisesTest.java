package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.study.agingtheory.MeanFieldComparison;
import org.glassy.study.agingtheory.MeanFieldComparison.Quench;
import org.glassy.study.trap.TrapModelTheory;
import org.glassy.theory.SphericalPSpinTheory;
import org.hipparchus.special.Beta;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The "Try it" exercises of notebook 03 (mean-field theory of aging, trap models), at its QUICK sizes: trap models
 * with 4000 walkers at t_w = 100, 10³, 10⁴; the Cugliandolo–Kurchan solution with step 0.1 at t_w = 10, 100 followed
 * to 3 t_w.
 */
class Notebook03ExercisesTest {

    /** Π at t/t_w = 1 of the Bouchaud curve simulated at waiting time {@code tw}. */
    private static double bouchaudAtOne(Table traps, double tw) {
        Table one = traps.where(traps.stringColumn("curve").startsWith("Bouchaud")
                .and(traps.stringColumn("curve").endsWith("exact").flip(0, traps.rowCount()))
                .and(traps.doubleColumn("tw").isEqualTo(tw)).and(traps.doubleColumn("t").isEqualTo(tw)));
        assertEquals(1, one.rowCount(), "the lag t = t_w is recorded at t_w = " + tw);
        return one.doubleColumn("pi").get(0);
    }

    /**
     * Exercise 1 — shallower traps: "set {@code X = 0.8}. Predict Π(t_w + t, t_w) at t = t_w on the exact curve,
     * and whether the simulated waiting times collapse on it better or worse than at x = 0.5." The solution: the
     * exact value falls from 1/2 to 0.169 (I_{1/2}(x, 1 − x)); the simulations read about 0.26, 0.22, 0.20 at
     * t_w = 100, 10³, 10⁴, coming down towards it from above, a spread of about 0.06 against ≤ 0.03 at x = 0.5.
     */
    @Test
    void shallowerTrapsAreLeftSoonerAndCollapseLater() {
        assertEquals(0.169, TrapModelTheory.bouchaudPersistence(0.8, 1), 0.001);
        assertEquals(Beta.regularizedBeta(0.5, 0.8, 0.2), TrapModelTheory.bouchaudPersistence(0.8, 1), 1e-9);
        assertEquals(0.5, TrapModelTheory.bouchaudPersistence(0.5, 1), 1e-9);
        double[] waitingTimes = {100, 1_000, 10_000};
        for (long seed : new long[] {1993, 4}) {
            Table shallow = MeanFieldComparison.trapCollapse(0.8, waitingTimes, 4_000, seed);
            double young = bouchaudAtOne(shallow, 100);
            double middle = bouchaudAtOne(shallow, 1_000);
            double old = bouchaudAtOne(shallow, 10_000);
            assertTrue(young > 0.23 && young < 0.30, "seed " + seed + ": x = 0.8, t_w = 100: " + young);
            assertTrue(old > 0.175 && old < 0.23, "seed " + seed + ": x = 0.8, t_w = 10⁴: " + old);
            assertTrue(young > middle && middle > old, "seed " + seed + ": down towards the exact curve");
            assertTrue(young - old > 0.04, "seed " + seed + ": spread " + (young - old));
            Table deep = MeanFieldComparison.trapCollapse(0.5, waitingTimes, 4_000, seed);
            double spread = 0;
            for (double tw : waitingTimes) {
                spread = Math.max(spread, Math.abs(bouchaudAtOne(deep, tw) - 0.5));
            }
            assertTrue(spread < 0.035, "seed " + seed + ": x = 0.5 within " + spread + " of 1/2");
        }
    }

    /**
     * Exercise 2 — a warmer fluctuation–dissipation plot: "set {@code T_FDT = 0.45}. Predict the aging slope x in
     * the N = ∞ table, and the plateau q_EA." The solution: q_EA = 0.686 (from 0.807), x = (p − 2)(1 − q)/q = 0.457
     * (from 0.239); the Cugliandolo–Kurchan aging ratio 0.46 ± 0.02 at t_w = 10 and 100, the ratio above the plateau
     * 0.93–0.98.
     */
    @Test
    void aWarmerGlassHasALargerFluctuationDissipationRatio() {
        double q = SphericalPSpinTheory.agingPlateau(3, 0.45);
        double x = SphericalPSpinTheory.fluctuationDissipationRatio(3, 0.45);
        assertEquals(0.686, q, 0.001);
        assertEquals((1 - q) / q, x, 1e-9);
        assertEquals(0.457, x, 0.001);
        assertEquals(0.239, SphericalPSpinTheory.fluctuationDissipationRatio(3, 0.3), 0.001);
        Table aging = MeanFieldComparison.meanFieldAging(new Quench(3, 0.45), 0.1, 3, new double[] {10, 100});
        Table ratios = MeanFieldComparison.fluctuationDissipationRatios(
                MeanFieldComparison.meanFieldFluctuationDissipation(aging, 101), 3, 0.45, 0.3);
        assertEquals(2, ratios.rowCount(), ratios.print());
        for (int r = 0; r < ratios.rowCount(); r++) {
            assertEquals(x, ratios.doubleColumn("aging_ratio").get(r), 0.02, ratios.print());
            assertEquals(0.955, ratios.doubleColumn("fdt_ratio").get(r), 0.035, ratios.print());
        }
    }
}
