package org.glassy.study.relaxation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The finite-N equilibrium energy of the spherical p-spin in the paramagnet: the exact first order of the
 * high-temperature expansion, the annealed value at finite β, and a Langevin simulation that must find it.
 */
class FiniteSizeEquilibriumTest {

    @Test
    void firstOrderIsTheMomentFormulaOfTheSphere() {
        // p = 3: −(β/2)(N−1)(N−2)/((N+2)(N+4)), ≈ −(β/2)(1 − 9/N); p = 2: −(β/2)(N−1)/(N+2)
        assertEquals(-0.5 * 255 * 254 / (258.0 * 260), FiniteSizeEquilibrium.firstOrderEnergy(3, 256, 1), 1e-15);
        assertEquals(-0.5 / 0.7 * 63 * 62 / (66.0 * 68), FiniteSizeEquilibrium.firstOrderEnergy(3, 64, 0.7), 1e-15);
        assertEquals(-0.25 * 99 / 102.0, FiniteSizeEquilibrium.firstOrderEnergy(2, 100, 2), 1e-15);
        double n = 4000;
        assertEquals(-0.5 * (1 - 9 / n), FiniteSizeEquilibrium.firstOrderEnergy(3, 4000, 1), 30 / (n * n),
                "the 1/N expansion");
    }

    /**
     * At high temperature the annealed value reduces to the first order (the next term is O(β³)): an
     * independent check of the sampled ⟨V⟩ against the exact sphere moments.
     */
    @Test
    void annealedEnergyReducesToTheFirstOrderAtHighTemperature() {
        for (int n : new int[] {16, 64}) {
            FiniteSizeEquilibrium.Estimate e = FiniteSizeEquilibrium.annealedEnergy(3, n, 50, 100_000, 3L);
            double first = FiniteSizeEquilibrium.firstOrderEnergy(3, n, 50);
            assertTrue(e.standardError() > 0 && e.standardError() < 1e-3 * Math.abs(first), "se " + e.standardError());
            assertEquals(first, e.value(), 4 * e.standardError(), "N = " + n);
        }
    }

    /**
     * At T = 1 the β³ term lowers the energy below the first order (−(β³/2N) Var_σ V: measured −0.3877 against
     * −0.3799 at N = 32, −0.4384 against −0.4352 at N = 64), and the limit N → ∞ is −1/(2T).
     */
    @Test
    void annealedEnergyLiesBelowTheFirstOrderAndTendsToMinusOneOverTwoT() {
        FiniteSizeEquilibrium.Estimate e32 = FiniteSizeEquilibrium.annealedEnergy(3, 32, 1, 100_000, 5L);
        assertTrue(e32.value() < FiniteSizeEquilibrium.firstOrderEnergy(3, 32, 1) - 10 * e32.standardError());
        assertEquals(-0.3877, e32.value(), 0.002);
        FiniteSizeEquilibrium.Estimate large = FiniteSizeEquilibrium.annealedEnergy(3, 2000, 1, 20_000, 5L);
        assertEquals(-0.5 * (1 - 9 / 2000.0), large.value(), 5e-4);
    }

    /**
     * Langevin dynamics at N = 32, T = 1 finds the finite-N value: the late-time mean over 16 instances
     * (t in [60, 120], records every 0.1, dt = 0.01) is −0.388 ± 0.004 (measured), the annealed e_N = −0.3877
     * (the quenched correction 1.5 β³/N² = 0.0015 is below the error). −1/(2T) = −0.5 is 25 standard errors away,
     * and a coupling variance or noise off by a factor 2 moves the energy by 0.1 or more.
     */
    @Test
    void langevinAboveTdFindsTheFiniteSizeEquilibriumEnergy() {
        var base = PSpinRelaxation.Parameters.builder().p(3).n(32).dt(0.01).time(120).seed(11).temperature(1)
                .recordsPerDecade(5).build();
        Table runs = QuenchEnsemble.run(base, new double[] {1.0}, 16, null);
        Table equilibrium = QuenchEnsemble.equilibrium(runs, 3, 32);
        assertEquals(1, equilibrium.rowCount());
        double se = equilibrium.doubleColumn("late_mean_se").get(0);
        assertTrue(se < 0.006, "standard error " + se);
        assertEquals(16, equilibrium.intColumn("samples").get(0));
        assertEquals(FiniteSizeEquilibrium.annealedEnergy(3, 32, 1, 200_000, 1L).value(),
                equilibrium.doubleColumn("equilibrium_N").get(0), 0);
        assertTrue(Math.abs(equilibrium.doubleColumn("deviation_in_se").get(0)) < 4,
                "late mean " + equilibrium.doubleColumn("late_mean").get(0) + " ± " + se + " vs e_N "
                        + equilibrium.doubleColumn("equilibrium_N").get(0));
        assertEquals(-0.5, equilibrium.doubleColumn("mean_field").get(0), 0);
    }

    @Test
    void tableListsEachSizeAndTemperature() {
        Table table = FiniteSizeEquilibrium.table(3, new int[] {64, 256}, 0.7, 1);
        assertEquals(4, table.rowCount());
        assertEquals(FiniteSizeEquilibrium.firstOrderEnergy(3, 256, 1), table.doubleColumn("first_order").get(3), 0);
        assertEquals(FiniteSizeEquilibrium.annealedEnergy(3, 64, 0.7, 200_000, 1L).value(),
                table.doubleColumn("annealed").get(0), 0);
        assertEquals(table.doubleColumn("annealed").get(3) / -0.5, table.doubleColumn("relative_to_mean_field").get(3),
                1e-15);
    }
}
