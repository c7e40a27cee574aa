package org.glassy.study.trap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleBinaryOperator;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class TrapModelsTest {

    private static final double[] RATIOS = {0.01, 0.1, 0.3, 1, 3, 10, 100};

    /** Asserts Π within 4 binomial standard errors of the exact curve (tw, t) ↦ Π at every ratio t/tw. */
    private static void assertPersistence(TrapModel model, double tw, int samples, long seed, DoubleBinaryOperator exact) {
        double[] lags = new double[RATIOS.length];
        for (int k = 0; k < lags.length; k++) {
            lags[k] = RATIOS[k] * tw;
        }
        Aging aging = model.aging(tw, lags, samples, seed);
        for (int k = 0; k < lags.length; k++) {
            double expected = exact.applyAsDouble(tw, lags[k]);
            double error = Math.sqrt(expected * (1 - expected) / samples);
            assertEquals(expected, aging.persistence()[k], 4 * error, model + " t/tw = " + RATIOS[k]);
        }
    }

    @Test
    void bouchaudAgesWithTheExactRenewalCurve() {
        // finite-tw corrections: +0.010 at x = 0.5, tw = 1e3, t/tw = 0.1; +0.001 at tw = 1e5
        assertPersistence(new BouchaudTrapModel(0.5), 1e5, 40_000, 1,
                (tw, t) -> TrapModelTheory.bouchaudPersistence(0.5, t / tw));
        assertPersistence(new BouchaudTrapModel(0.3), 1e4, 40_000, 2,
                (tw, t) -> TrapModelTheory.bouchaudPersistence(0.3, t / tw));
    }

    @Test
    void bouchaudAbovePlateauTemperatureIsStationary() {
        // x = 2: ⟨τ⟩ = x/(x − 1) = 2, equilibrium persistence ∫ P_eq(E) e^{−t e^{−E/x}} dE is tw-independent
        double[] lags = {1, 3, 10};
        Aging early = new BouchaudTrapModel(2).aging(1e2, lags, 40_000, 3);
        Aging late = new BouchaudTrapModel(2).aging(1e3, lags, 40_000, 4);
        for (int k = 0; k < lags.length; k++) {
            double error = Math.hypot(early.persistenceError(k), late.persistenceError(k));
            assertEquals(early.persistence()[k], late.persistence()[k], 4 * error, "t = " + lags[k]);
        }
    }

    @Test
    void barratMezardAtZeroTemperatureAndInfiniteSizeAgesAsTwOverTwPlusT() {
        double tw = 1e3;
        int samples = 100_000;
        assertPersistence(BarratMezardModel.infinite(0), tw, samples, 5,
                TrapModelTheory::barratMezardZeroTemperaturePersistence);
        Aging aging = BarratMezardModel.infinite(0).aging(tw, new double[] {tw}, samples, 6);
        // Var(ln u) = π²/6 asymptotically; use the measured standard error
        assertTrue(aging.meanEnergyError() > 1.1 / Math.sqrt(samples) && aging.meanEnergyError() < 1.5 / Math.sqrt(samples));
        assertEquals(TrapModelTheory.barratMezardZeroTemperatureEnergy(tw), aging.meanEnergy(), 4 * aging.meanEnergyError());
        assertEquals(-Math.log(tw) - TrapModelTheory.EULER_GAMMA, aging.meanEnergy(), 4 * aging.meanEnergyError() + 2e-3);
    }

    @Test
    void barratMezardWithManyStatesApproachesTheInfiniteLimit() {
        // T = 0, M = 1e4 >> tw = 100: Π ≈ tw/(tw + t) up to O(tw/M) = 1%
        assertPersistence(new BarratMezardModel(0, 10_000), 100, 2_000, 7,
                TrapModelTheory::barratMezardZeroTemperaturePersistence);
        // T = 0.5: finite M against the exact M → ∞ sampler with uphill moves; 0.01 allows for the
        // O(tw/M) finite-size bias (the walker has visited ~1% of the states below it)
        double[] lags = {10, 100, 1000};
        Aging finite = new BarratMezardModel(0.5, 10_000).aging(100, lags, 800, 8);
        Aging infinite = BarratMezardModel.infinite(0.5).aging(100, lags, 50_000, 9);
        for (int k = 0; k < lags.length; k++) {
            double error = Math.hypot(finite.persistenceError(k), infinite.persistenceError(k));
            assertEquals(infinite.persistence()[k], finite.persistence()[k], 4 * error + 0.01, "t = " + lags[k]);
        }
        assertEquals(infinite.meanEnergy(), finite.meanEnergy(),
                4 * Math.hypot(finite.meanEnergyError(), infinite.meanEnergyError()));
    }

    @Test
    void barratMezardAboveTgReachesBoltzmannEquilibrium() {
        // T > T_g = 1: P_eq(E) ∝ e^{E} e^{−E/T}, so ⟨E⟩_eq = −T/(T − 1), −1.5 at T = 3
        Aging aging = BarratMezardModel.infinite(3).aging(100, new double[] {1}, 20_000, 10);
        assertEquals(-1.5, aging.meanEnergy(), 4 * aging.meanEnergyError());
    }

    @Test
    void persistenceStandardErrorIsBinomial() {
        // Π is a fraction of walkers: its standard error is √(Π(1 − Π)/samples), in the table's pi_se column
        Table t = TrapAging.run(new TrapAging.Parameters(TrapAging.Model.BOUCHAUD, 0.5, 100, 400, 2, 0));
        for (int r = 0; r < t.rowCount(); r++) {
            double pi = t.doubleColumn("pi").get(r);
            assertEquals(Math.sqrt(pi * (1 - pi) / 400), t.doubleColumn("pi_se").get(r), 1e-15, "row " + r);
        }
        assertTrue(t.doubleColumn("pi_se").max() > 0.02, "some Π away from 0 and 1 has s.e. ≈ 0.025");
    }

    @Test
    void meanEnergyErrorSurvivesALargeOffset() {
        // energies −1e8 + u, u uniform in [0, 1): the naive (Σx² − n mean²)/(n − 1) cancels all 16 digits here;
        // Welford's update must give the two-pass standard error of the same numbers
        java.util.List<Double> energies = new java.util.ArrayList<>();
        TrapModel offset = (tw, random) -> {
            double e = -1e8 + random.nextDouble();
            energies.add(e);
            return new TrapModel.Occupation(e, tw + 1);
        };
        int samples = 10_000;
        Aging aging = offset.aging(1, new double[] {0.5, 2}, samples, 7L);
        double mean = energies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = energies.stream().mapToDouble(e -> (e - mean) * (e - mean)).sum() / (samples - 1);
        assertEquals(mean, aging.meanEnergy(), 1e-6); // 1e-14 relative
        assertEquals(Math.sqrt(variance / samples), aging.meanEnergyError(), 1e-6 * Math.sqrt(variance / samples));
        assertEquals(Math.sqrt(1 / 12.0 / samples), aging.meanEnergyError(), 0.05 * Math.sqrt(1 / 12.0 / samples));
        assertArrayEquals(new double[] {1, 0}, aging.persistence());
    }

    @Test
    void sameSeedGivesTheIdenticalTable() {
        for (TrapAging.Model model : TrapAging.Model.values()) {
            var parameters = new TrapAging.Parameters(model, 0.4, 50, 500, 11, 0);
            Table a = TrapAging.run(parameters);
            Table b = TrapAging.run(parameters);
            assertEquals(41, a.rowCount());
            assertEquals(java.util.List.of("tw", "t", "pi", "pi_se"), a.columnNames());
            assertArrayEquals(a.doubleColumn("pi").asDoubleArray(), b.doubleColumn("pi").asDoubleArray());
            assertArrayEquals(a.doubleColumn("t").asDoubleArray(), b.doubleColumn("t").asDoubleArray());
            assertEquals(0.5, a.doubleColumn("t").get(0), 1e-12);
            assertEquals(5000, a.doubleColumn("t").get(40), 1e-9);
            double[] pi = a.doubleColumn("pi").asDoubleArray();
            for (int k = 1; k < pi.length; k++) {
                assertTrue(pi[k] <= pi[k - 1], "persistence must not increase with t");
            }
        }
        var finite = new TrapAging.Parameters(TrapAging.Model.BARRAT_MEZARD, 0, 50, 50, 12, 300);
        assertArrayEquals(TrapAging.run(finite).doubleColumn("pi").asDoubleArray(),
                TrapAging.run(finite).doubleColumn("pi").asDoubleArray());
    }

    @Test
    void badParametersAreRejectedByName() {
        assertMessage("x must lie in (0, ∞), got 0.0", () -> new BouchaudTrapModel(0));
        assertMessage("temperature must be >= 0 and finite, got -0.1", () -> new BarratMezardModel(-0.1, 0));
        assertMessage("states must be >= 2 (or 0 for infinite), got 1", () -> new BarratMezardModel(0, 1));
        assertMessage("waitingTime must be > 0 and finite, got 0.0",
                () -> new BouchaudTrapModel(0.5).aging(0, new double[] {1}, 10, 1));
        assertMessage("samples must be >= 1, got 0", () -> new BouchaudTrapModel(0.5).aging(1, new double[] {1}, 0, 1));
        assertMessage("x must lie in (0, ∞) for bouchaud, got -1.0",
                () -> new TrapAging.Parameters(TrapAging.Model.BOUCHAUD, -1, 10, 10, 1, 0));
        assertMessage("states is not allowed for bouchaud, got 100",
                () -> new TrapAging.Parameters(TrapAging.Model.BOUCHAUD, 0.5, 10, 10, 1, 100));
        assertMessage("tw must be > 0 and finite, got -5.0",
                () -> new TrapAging.Parameters(TrapAging.Model.BARRAT_MEZARD, 0.5, -5, 10, 1, 0));
        assertMessage("model must be bouchaud or barrat-mezard, got rem", () -> TrapAging.Model.parse("rem"));
        assertEquals(TrapAging.Model.BARRAT_MEZARD, TrapAging.Model.parse("barrat-mezard"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
    }
}
