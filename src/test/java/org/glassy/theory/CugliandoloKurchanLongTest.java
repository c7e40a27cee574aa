package org.glassy.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.theory.CugliandoloKurchan.Parameters;
import org.glassy.theory.CugliandoloKurchan.Solution;
import org.glassy.theory.CugliandoloKurchan.Solver;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The long-time (decimating, second-order) Cugliandolo–Kurchan solver: against the fixed-grid reference where both
 * run, its own convergence in the step and in the number of stored times, and the known long-time limits
 * (physics normalisation, research notes' values derived from Cugliandolo–Kurchan 1993).
 */
class CugliandoloKurchanLongTest {

    /** The decimating solver (the default) for p, T, h, t_max and a budget of stored times; other knobs follow. */
    private static Parameters.Builder decimating(int p, double temperature, double step, double time, int gridPoints) {
        return Parameters.builder(p, temperature, time).step(step).gridPoints(gridPoints);
    }

    /** The whole fixed grid for p, T, h and t_max. */
    private static FixedGrid fixed(int p, double temperature, double step, double time) {
        return FixedGrid.integrate(Parameters.builder(p, temperature, time).step(step).solver(Solver.FIXED_GRID).build());
    }

    private static double at(Table table, String column, double time) {
        for (int r = 0; r < table.rowCount(); r++) {
            if (Math.abs(table.doubleColumn("time").get(r) - time) < 1e-9) {
                return table.doubleColumn(column).get(r);
            }
        }
        throw new AssertionError("no row at t = " + time);
    }

    private static double agingAt(Table aging, double tw, double lag, String column) {
        for (int r = 0; r < aging.rowCount(); r++) {
            if (Math.abs(aging.doubleColumn("tw").get(r) - tw) < 1e-9 && Math.abs(aging.doubleColumn("t").get(r) - lag) < 1e-9) {
                return aging.doubleColumn(column).get(r);
            }
        }
        throw new AssertionError("no row at t_w = " + tw + ", t = " + lag);
    }

    private static double nearestLag(Table aging, double tw, double target) {
        double best = Double.NaN;
        for (int r = 0; r < aging.rowCount(); r++) {
            double lag = aging.doubleColumn("t").get(r);
            if (Math.abs(aging.doubleColumn("tw").get(r) - tw) < 1e-9 && !(Math.abs(lag - target) >= Math.abs(best - target))) {
                best = lag;
            }
        }
        return best;
    }

    @Test
    void agreesWithTheFixedGridReferenceExtrapolatedToZeroStep() {
        // the fixed grid is first order in h: its Richardson limit 2 e(h/2) − e(h) is accurate to O(h²);
        // the long solver (second order, a budget of 256 stored times, so it decimates from t ≈ 5) runs at h = 0.05
        double[][] cases = {{0, 100, 0.1}, {0.5, 50, 0.05}};
        for (double[] c : cases) {
            double temperature = c[0];
            double time = c[1];
            double h = c[2];
            FixedGrid coarse = fixed(3, temperature, h, time);
            FixedGrid fine = fixed(3, temperature, h / 2, time);
            Solution decimated = CugliandoloKurchan.solve(decimating(3, temperature, 0.05, time, 256).perDecade(10)
                    .waitingTimes(time / 4).build());
            assertTrue(decimated.storedTimes() <= 256 + 2, "stored " + decimated.storedTimes());
            for (double t : new double[] {10, time}) {
                double reference = 2 * fine.energy(fine.indexOf(t)) - coarse.energy(coarse.indexOf(t));
                // measured |Δ| ≈ 6e-5 (T = 0.5) and 2e-5 (T = 0); the fixed grid itself moves by 1e-3 per halving of h
                assertEquals(reference, at(decimated.energy(), "energy", t), 2e-4, "e(" + t + ") at T = " + temperature);
            }
            double tw = time / 4;
            for (double target : new double[] {1, tw, 3 * tw}) {
                double lag = nearestLag(decimated.aging(), tw, target);
                double cFine = fine.correlation(fine.indexOf(tw + lag), fine.indexOf(tw));
                double cCoarse = coarse.correlation(coarse.indexOf(tw + lag), coarse.indexOf(tw));
                assertEquals(2 * cFine - cCoarse, agingAt(decimated.aging(), tw, lag, "correlation"), 5e-4,
                        "C(t_w + " + lag + ", t_w) at T = " + temperature);
            }
        }
    }

    @Test
    void theStepErrorIsSecondOrder() {
        // Heun in t and trapezoid-type sums in s: halving h divides the error by 4 (the fixed grid's by 2)
        double[] e = new double[3];
        double[] steps = {0.1, 0.05, 0.025};
        for (int k = 0; k < 3; k++) {
            e[k] = CugliandoloKurchan.solve(decimating(3, 0.5, steps[k], 20, 4096).perDecade(1).build()).finalEnergy();
        }
        double ratio = (e[0] - e[1]) / (e[1] - e[2]);
        assertTrue(ratio > 3.2 && ratio < 5, "error ratio per halving " + ratio + " (4 for second order, 2 for first)");
    }

    @Test
    void decimationConvergesToTheUndecimatedSolution() {
        // t = 200 at h = 0.2: 1000 steps, all stored with a budget of 2048; budgets 40 and 100 decimate
        double full = CugliandoloKurchan.solve(decimating(3, 0.5, 0.2, 200, 2048).perDecade(1).build()).finalEnergy();
        Solution sparse = CugliandoloKurchan.solve(decimating(3, 0.5, 0.2, 200, 40).perDecade(1).build());
        Solution medium = CugliandoloKurchan.solve(decimating(3, 0.5, 0.2, 200, 100).perDecade(1).build());
        assertTrue(sparse.storedTimes() <= 40 && medium.storedTimes() <= 100);
        double sparseError = Math.abs(sparse.finalEnergy() - full);
        double mediumError = Math.abs(medium.finalEnergy() - full);
        assertTrue(mediumError < sparseError / 2, "errors " + sparseError + " then " + mediumError);
        // measured 1.5e-4 with 100 stored times (the energy itself moves by 0.07 between t = 10 and 200)
        assertTrue(mediumError < 3e-4, "error with 100 stored times: " + mediumError);
    }

    @Test
    void zeroTemperatureApproachesTheThresholdAsAPowerLaw() {
        for (int p : new int[] {3, 4}) {
            Solution solution = CugliandoloKurchan.solve(decimating(p, 0, 0.2, 1e4, 200).perDecade(10).build());
            Table energy = solution.energy();
            assertEquals(1e4, energy.doubleColumn("time").get(energy.rowCount() - 1), 1e-9);
            double threshold = SphericalPSpinTheory.thresholdEnergy(p);
            for (int r = 0; r < energy.rowCount(); r++) {
                double e = energy.doubleColumn("energy").get(r);
                assertEquals(-p * e, energy.doubleColumn("mu").get(r), 1e-12, "μ = −p e at T = 0");
                assertTrue(e > threshold, "above the threshold: " + e);
                if (r > 0) {
                    assertTrue(e < energy.doubleColumn("energy").get(r - 1), "energy decreases at row " + r);
                }
            }
            // measured: p = 3 e∞ = −1.154622 (E_th = −1.154701), a = 0.672; p = 4 e∞ = −1.224549 (E_th = −1.224745)
            PowerLawApproach fit = PowerLawApproach.fit(energy, "time", "energy", 1e3);
            assertEquals(threshold, fit.limit(), 5e-4, "extrapolated e∞, p = " + p);
            assertEquals(Math.sqrt(2.0 * p * (p - 1)), -p * fit.limit(), 5e-4 * p, "μ∞ = √(2p(p−1)), p = " + p);
            assertTrue(fit.exponent() > 0.62 && fit.exponent() < 0.72, "approach exponent " + fit.exponent() + " ≈ 2/3");
            assertTrue(solution.storedTimes() <= 200, "memory bounded by the budget: " + solution.storedTimes());
        }
    }

    @Test
    void belowTdTheEnergyApproachesTheThresholdStatesOfTheAgingSolution() {
        // T = 0.5 < T_d: e∞ = −(1/2T)[1 − (1 − x) q³], 3q(1−q)² = T², x = (1−q)/q: −0.88669
        Solution solution = CugliandoloKurchan.solve(decimating(3, 0.5, 0.1, 1e4, 200).perDecade(10)
                .waitingTimes(100, 1000).build());
        Table energy = solution.energy();
        for (int r = 0; r < energy.rowCount(); r++) {
            assertEquals(0.5 - 3 * energy.doubleColumn("energy").get(r), energy.doubleColumn("mu").get(r), 1e-12);
        }
        PowerLawApproach fit = PowerLawApproach.fit(energy, "time", "energy", 1e3);
        double expected = SphericalPSpinTheory.asymptoticEnergy(3, 0.5);
        assertEquals(-0.88669, expected, 1e-5);
        assertEquals(expected, fit.limit(), 1e-3, "extrapolated e∞ (measured −0.88652)");
        // aging: at equal lag the older system decorrelates less, and C passes the plateau q_EA = 0.6388 later
        double q = SphericalPSpinTheory.agingPlateau(3, 0.5);
        for (double lag : new double[] {10, 100}) {
            double young = agingAt(solution.aging(), 100, lag, "correlation");
            double old = agingAt(solution.aging(), 1000, lag, "correlation");
            assertTrue(old > young + 0.02, "C(t_w + " + lag + ", t_w): " + young + " at t_w = 100, " + old + " at 1000");
        }
        assertTrue(agingAt(solution.aging(), 1000, 10, "correlation") > q, "above the plateau at short lags");
        assertTrue(agingAt(solution.aging(), 100, 1000, "correlation") < q - 0.1, "below the plateau at long lags");
    }

    @Test
    void aboveTdTheDynamicsEquilibratesAndBecomesTimeTranslationInvariant() {
        // T = 1 > T_d: e → −1/(2T), C(t_w + t, t_w) independent of t_w, and the FDT R = −(1/T) ∂_t C
        Solution solution = CugliandoloKurchan.solve(decimating(3, 1, 0.02, 120, 200).perDecade(40)
                .waitingTimes(20, 80).build());
        assertEquals(-0.5, solution.finalEnergy(), 2e-4);
        Table recorded = solution.aging();
        double[] common = recorded.where(recorded.doubleColumn("tw").isEqualTo(20)).doubleColumn("t").asDoubleArray();
        for (double lag : common) {
            if (lag > 40) {
                break;
            }
            double early = agingAt(solution.aging(), 20, lag, "correlation");
            double late = agingAt(solution.aging(), 80, lag, "correlation");
            assertEquals(early, late, 1e-4, "C at lag " + lag);
        }
        // FDT: R(t_w + t, t_w) = −(1/T) ∂_t C(t_w + t, t_w), the derivative by a centred difference of recorded lags
        Table aging = solution.aging();
        double[] lags = aging.where(aging.doubleColumn("tw").isEqualTo(80)).doubleColumn("t").asDoubleArray();
        for (int i = 1; i + 1 < lags.length; i++) {
            if (lags[i] < 1 || lags[i] > 5) {
                continue;
            }
            double derivative = (agingAt(aging, 80, lags[i + 1], "correlation") - agingAt(aging, 80, lags[i - 1], "correlation"))
                    / (lags[i + 1] - lags[i - 1]);
            double response = agingAt(aging, 80, lags[i], "response");
            assertEquals(-derivative, response, 0.02 * response, "FDT at lag " + lags[i]);
        }
    }

    @Test
    void badParametersAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decimating(3, 0, 0.1, 10, 8).build());
        assertTrue(e.getMessage().startsWith("gridPoints must be >= 16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> decimating(3, 0, 0.1, 10, 64).perDecade(10).waitingTimes(10).build());
        assertTrue(e.getMessage().startsWith("waitingTimes"), e.getMessage());
        // a budget too small for the run even at one stored time per octave
        e = assertThrows(IllegalArgumentException.class,
                () -> CugliandoloKurchan.solve(decimating(3, 0, 0.001, 1e4, 16).perDecade(10).build()));
        assertTrue(e.getMessage().startsWith("gridPoints must be >= "), e.getMessage());
    }
}
