package org.glassy.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.theory.CugliandoloKurchan;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class MeanFieldComparisonTest {

    @Test
    void energiesHoldTheoryAndEachSize() {
        Table t = MeanFieldComparison.energies(3, 0, 10, 0.1, 0.1, new int[] {30}, 2, 1L);
        Table ck = t.where(t.stringColumn("curve").startsWith("N = ∞"));
        Table sim = t.where(t.stringColumn("curve").isEqualTo("N = 30 (mean of 2)"));
        assertTrue(ck.rowCount() > 10 && sim.rowCount() > 5);
        assertEquals(10.0, ck.doubleColumn("time").get(ck.rowCount() - 1), 1e-9);
        // the long solver at h = 0.1 against the fixed grid's h → 0 limit (Richardson, research notes' scheme)
        var coarse = CugliandoloKurchan.solve(new CugliandoloKurchan.Parameters(3, 0, 0.1, 10));
        var fine = CugliandoloKurchan.solve(new CugliandoloKurchan.Parameters(3, 0, 0.05, 10));
        double limit = 2 * fine.energy(fine.steps()) - coarse.energy(coarse.steps());
        assertEquals(limit, ck.doubleColumn("energy").get(ck.rowCount() - 1), 6e-4);
        double simFinal = sim.doubleColumn("energy").get(sim.rowCount() - 1);
        assertTrue(simFinal < -0.8 && simFinal > -1.1717, "finite-N GD energy at t = 10: " + simFinal);
    }

    @Test
    void finiteNCorrelationsFollowTheMeanFieldAgingCurves() {
        // T = 0, gradient descent from random starts, N = 256 (4 instances): C(t_w + t, t_w) at t_w = 5 and 20
        // follows the N = ∞ solution (measured worst deviation ≈ 0.01, mostly the simulation's O(dt) Euler error),
        // including the aging shift between the two waiting times
        Table t = MeanFieldComparison.correlations(3, 0, 40, 0.1, new double[] {5, 20}, new int[] {256}, 4, 11L);
        Table ck = t.where(t.stringColumn("curve").startsWith("N = ∞"));
        Table sim = t.where(t.stringColumn("curve").isEqualTo("N = 256 (mean of 4)"));
        assertTrue(sim.rowCount() > 30, "rows " + sim.rowCount());
        int compared = 0;
        for (int r = 0; r < sim.rowCount(); r++) {
            double tw = sim.doubleColumn("tw").get(r);
            double lag = sim.doubleColumn("t").get(r);
            for (int q = 0; q < ck.rowCount(); q++) {
                if (Math.abs(ck.doubleColumn("t").get(q) - lag) < 1e-9 && Math.abs(ck.doubleColumn("tw").get(q) - tw) < 1e-9) {
                    assertEquals(ck.doubleColumn("correlation").get(q), sim.doubleColumn("correlation").get(r), 0.03,
                            "C(t_w + t, t_w) at t_w = " + tw + ", t = " + lag);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 20, "lags compared: " + compared);
        double theoryShift = value(ck, 20, 20) - value(ck, 5, 20);
        double simulatedShift = value(sim, 20, 20) - value(sim, 5, 20);
        assertTrue(theoryShift > 0.05, "mean-field aging shift " + theoryShift);
        assertEquals(theoryShift, simulatedShift, 0.03, "aging shift C(t_w + 20, t_w) from t_w = 5 to 20");
    }

    private static double value(Table table, double tw, double lag) {
        double best = Double.NaN;
        double distance = Double.POSITIVE_INFINITY;
        for (int r = 0; r < table.rowCount(); r++) {
            if (Math.abs(table.doubleColumn("tw").get(r) - tw) < 1e-9 && Math.abs(table.doubleColumn("t").get(r) - lag) < distance) {
                distance = Math.abs(table.doubleColumn("t").get(r) - lag);
                best = table.doubleColumn("correlation").get(r);
            }
        }
        return best;
    }

    @Test
    void trapCurvesFollowTheirExactForms() {
        int samples = 4000;
        Table t = MeanFieldComparison.trapPersistence(0.5, 1e4, samples, 3L);
        for (String model : new String[] {"Bouchaud x = 0.5", "Barrat–Mézard T = 0"}) {
            Table mc = t.where(t.stringColumn("curve").isEqualTo(model + ", simulated"));
            Table exact = t.where(t.stringColumn("curve").isEqualTo(model + ", exact"));
            assertEquals(mc.rowCount(), exact.rowCount());
            for (int r = 0; r < mc.rowCount(); r++) {
                double pi = exact.doubleColumn("pi").get(r);
                double se = Math.sqrt(Math.max(pi * (1 - pi), 1e-4) / samples);
                assertEquals(pi, mc.doubleColumn("pi").get(r), 5 * se + 0.005,
                        model + " at t/t_w = " + mc.doubleColumn("t_over_tw").get(r));
            }
        }
    }
}
