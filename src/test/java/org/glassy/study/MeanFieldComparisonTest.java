package org.glassy.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(-1.080253, ck.doubleColumn("energy").get(ck.rowCount() - 1), 1e-5); // research notes, h = 0.1
        double simFinal = sim.doubleColumn("energy").get(sim.rowCount() - 1);
        assertTrue(simFinal < -0.8 && simFinal > -1.1717, "finite-N GD energy at t = 10: " + simFinal);
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
