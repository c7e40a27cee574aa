package org.glassy.study.agingtheory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.study.agingtheory.MeanFieldComparison.Quench;
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
        double limit = 2 * fixedGridFinalEnergy(0.05) - fixedGridFinalEnergy(0.1);
        assertEquals(limit, ck.doubleColumn("energy").get(ck.rowCount() - 1), 6e-4);
        double simFinal = sim.doubleColumn("energy").get(sim.rowCount() - 1);
        assertTrue(simFinal < -0.8 && simFinal > -1.1717, "finite-N GD energy at t = 10: " + simFinal);
    }

    @Test
    void theFiniteNMeansAreTheSequentialRunsOfEachPointAveragedWithTheirStandardError() {
        Table t = MeanFieldComparison.energies(3, 0, 5, 0.1, 0.1, new int[] {16, 24}, 3, 4L);
        assertEquals(java.util.List.of("curve", "time", "energy", "energy_se"), t.columnNames());
        assertTrue(Double.isNaN(t.doubleColumn("energy_se").getDouble(0)), "the theory has no standard error");
        Table sim = t.where(t.stringColumn("curve").isEqualTo("N = 24 (mean of 3)"));
        org.glassy.sweep.Grid grid = org.glassy.sweep.Grid.of(org.glassy.sweep.Axis.of("n", 16, 24),
                org.glassy.sweep.Axis.range("instance", 0, 2));
        double[] last = new double[3];
        for (int i = 0; i < 3; i++) {
            Table run = org.glassy.study.relaxation.PSpinRelaxation.energyCurve(
                    org.glassy.study.relaxation.PSpinRelaxation.Parameters.builder().p(3).n(24).temperature(0).dt(0.1)
                            .time(5).seed(grid.point(3 + i).seed(4L)).recordsPerDecade(10).build());
            assertEquals(run.rowCount(), sim.rowCount());
            last[i] = run.doubleColumn("energy").get(run.rowCount() - 1);
        }
        double mean = (last[0] + last[1] + last[2]) / 3;
        double se = Math.sqrt((Math.pow(last[0] - mean, 2) + Math.pow(last[1] - mean, 2) + Math.pow(last[2] - mean, 2))
                / 2 / 3);
        assertEquals(mean, sim.doubleColumn("energy").get(sim.rowCount() - 1), 1e-15);
        assertEquals(se, sim.doubleColumn("energy_se").get(sim.rowCount() - 1), 1e-14);
        assertTrue(se > 0);
    }

    /** e(10) of the fixed-grid reference at p = 3, T = 0 and step h. */
    private static double fixedGridFinalEnergy(double step) {
        return CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(3, 0, 10).step(step)
                .solver(CugliandoloKurchan.Solver.FIXED_GRID).build()).finalEnergy();
    }

    @Test
    void finiteNCorrelationsApproachTheMeanFieldAgingCurveAsNGrows() {
        // T = 0, gradient descent from random starts, t_w = 5: small systems stop in a local minimum and stay
        // correlated, so C(t_w + t, t_w) leaves the N = ∞ curve upwards, the later the larger N
        Table t = MeanFieldComparison.correlations(3, 0, 30, 0.1, new double[] {5}, new int[] {64, 256}, 8, 11L);
        Table ck = t.where(t.stringColumn("curve").startsWith("N = ∞"));
        Table small = t.where(t.stringColumn("curve").isEqualTo("N = 64 (mean of 8)"));
        Table large = t.where(t.stringColumn("curve").isEqualTo("N = 256 (mean of 8)"));
        assertEquals(ck.rowCount(), large.rowCount(), "the simulations record the mean-field lags");
        for (double lag : new double[] {1, 5, 10}) {
            assertEquals(value(ck, 5, lag), value(large, 5, lag), 0.04, "N = 256 at t = " + lag);
        }
        double theory = value(ck, 5, 20);
        double gapLarge = value(large, 5, 20) - theory;
        double gapSmall = value(small, 5, 20) - theory;
        // measured with 8 instances: N = 64 +0.170, N = 256 −0.017 (instance-to-instance spread ≈ 0.05 at N = 256)
        assertTrue(gapSmall > 0.05 && gapSmall > 2 * Math.abs(gapLarge),
                "C − C_∞ at t = 20: N = 64 " + gapSmall + ", N = 256 " + gapLarge);
        assertTrue(Math.abs(gapLarge) < 0.06, "N = 256 within 0.06 at t = 20: " + gapLarge);
    }

    private static double value(Table table, double tw, double lag) {
        for (int r = 0; r < table.rowCount(); r++) {
            if (Math.abs(table.doubleColumn("tw").get(r) - tw) < 1e-9 && Math.abs(table.doubleColumn("t").get(r) - lag) < 1e-9) {
                return table.doubleColumn("correlation").get(r);
            }
        }
        return Double.NaN;
    }

    @Test
    void asymptotesExtrapolateToThePredictedLimits() {
        // t = 2000 only (fast): the fit on [200, 2000] already lands within 2e-3 of the threshold and of the
        // T = 0.5 aging asymptote; T = 1 is paramagnetic, −1/(2T)
        Table curves = MeanFieldComparison.longTimeEnergies(2000, 0.1, new Quench(3, 0), new Quench(3, 0.5),
                new Quench(3, 1));
        Table table = MeanFieldComparison.asymptotes(curves, 200);
        assertEquals(3, table.rowCount());
        double[] temperatures = {0, 0.5, 1};
        double[] predicted = {-2 / Math.sqrt(3), -0.88669, -0.5};
        for (int k = 0; k < 3; k++) {
            Table row = table.where(table.intColumn("p").isEqualTo(3)
                    .and(table.doubleColumn("temperature").isEqualTo(temperatures[k])));
            assertEquals(1, row.rowCount(), "one row per (p, T)");
            assertEquals(predicted[k], row.doubleColumn("predicted e∞").get(0), 1e-5);
            assertEquals(predicted[k], row.doubleColumn("fitted e∞").get(0), 2e-3, "T = " + temperatures[k]);
            assertEquals(2000, row.doubleColumn("t_max").get(0), 1e-9);
            // e(t_max) is the curve's own last value, selected by its key columns
            Table curve = curves.where(curves.doubleColumn("temperature").isEqualTo(temperatures[k]));
            assertEquals(curve.doubleColumn("energy").get(curve.rowCount() - 1), row.doubleColumn("e(t_max)").get(0), 0);
        }
        // below T_d the Levenberg–Marquardt fit reports standard errors; above T_d there is no power law (exponent NaN)
        for (int r = 0; r < 2; r++) {
            double se = table.doubleColumn("fitted e∞ s.e.").get(r);
            assertTrue(se > 0 && se < 2e-3, "s.e. of e∞, row " + r + ": " + se);
            assertTrue(table.doubleColumn("exponent a s.e.").get(r) > 0, "s.e. of a, row " + r);
        }
        assertTrue(table.doubleColumn("exponent a").isMissing(2), "no exponent above T_d (NaN, missing in Tablesaw)");
        Table excess = MeanFieldComparison.excessEnergies(curves);
        assertEquals(curves.rowCount() - 3, excess.rowCount(), "every row but t = 0");
        Table zero = excess.where(excess.intColumn("p").isEqualTo(3).and(excess.doubleColumn("temperature").isEqualTo(0)));
        assertEquals("p = 3, T = 0.0", zero.stringColumn("curve").get(0));
        assertTrue(zero.doubleColumn("excess").min() > 0, "above the threshold at all times");
        // excess = e(t) − e∞ with the same e∞ the asymptotes table predicts
        Table hot = excess.where(excess.doubleColumn("temperature").isEqualTo(1));
        Table hotCurve = curves.where(curves.doubleColumn("temperature").isEqualTo(1));
        assertEquals(hotCurve.doubleColumn("energy").get(hotCurve.rowCount() - 1) + 0.5,
                hot.doubleColumn("excess").get(hot.rowCount() - 1), 1e-15);
    }

    @Test
    void meanFieldAgingIsTheSolversTableKeyedByTheQuench() {
        // T = 0.5 < T_d: the waiting times 5 and 10 in units of t, t_max = 2 max t_w = 20
        Table aging = MeanFieldComparison.meanFieldAging(new Quench(3, 0.5), 0.1, 5, 10);
        assertEquals(java.util.List.of("p", "temperature", "tw", "t", "correlation", "response"), aging.columnNames());
        assertEquals(3, aging.intColumn("p").min(), 0);
        assertEquals(3, aging.intColumn("p").max(), 0);
        assertEquals(0.5, aging.doubleColumn("temperature").min(), 0);
        assertEquals(0.5, aging.doubleColumn("temperature").max(), 0);
        // the same numbers as the solver called directly with the same parameters
        Table direct = CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(3, 0.5, 20).step(0.1).gridPoints(256)
                .perDecade(20).waitingTimes(5, 10).build()).aging();
        org.junit.jupiter.api.Assertions.assertArrayEquals(direct.doubleColumn("correlation").asDoubleArray(),
                aging.doubleColumn("correlation").asDoubleArray());
        Table young = aging.where(aging.doubleColumn("tw").isEqualTo(5));
        Table old = aging.where(aging.doubleColumn("tw").isEqualTo(10));
        assertEquals(15, young.doubleColumn("t").max(), 1e-9, "lags up to t_max − t_w");
        assertEquals(10, old.doubleColumn("t").max(), 1e-9);
        // aging: at the same lag t = 5 the older system has decorrelated less
        assertTrue(value(old, 10, 5) > value(young, 5, 5) + 0.01,
                "C(t_w + 5, t_w): " + value(young, 5, 5) + " at t_w = 5, " + value(old, 10, 5) + " at 10");
    }

    @Test
    void aQuenchIsValidatedByName() {
        assertEquals("p must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> new Quench(1, 0)).getMessage());
        assertEquals("temperature must be >= 0 and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Quench(3, -1)).getMessage());
        assertEquals("p = 4, T = 0.5", new Quench(4, 0.5).label());
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
