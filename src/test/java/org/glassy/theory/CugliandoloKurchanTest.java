package org.glassy.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.theory.CugliandoloKurchan.Parameters;
import org.glassy.theory.CugliandoloKurchan.Solution;
import org.glassy.theory.CugliandoloKurchan.Solver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The fixed-grid reference ({@link Solver#FIXED_GRID}) on its whole grid: p = 3, physics normalisation
 * f(q) = q^p/2; reference numbers from research/aging.md §2.4 (numpy, same scheme).
 */
class CugliandoloKurchanTest {

    private static FixedGrid zeroTemperature;   // T = 0, h = 0.1, t_max = 200 (N_t = 2000), t_w = 10, 50

    @BeforeAll
    static void solveOnce() {
        zeroTemperature = FixedGrid.integrate(Parameters.builder(3, 0, 200).step(0.1).solver(Solver.FIXED_GRID)
                .perDecade(5).waitingTimes(10, 50).build());
    }

    /** The whole fixed grid for p, T, h and t_max. */
    private static FixedGrid fixed(int p, double temperature, double step, double time) {
        return FixedGrid.integrate(Parameters.builder(p, temperature, time).step(step).solver(Solver.FIXED_GRID).build());
    }

    /** The same parameters through the one API, to check their validation. */
    private static Parameters parameters(int p, double temperature, double step, double time) {
        return Parameters.builder(p, temperature, time).step(step).solver(Solver.FIXED_GRID).build();
    }

    private static double energyAt(FixedGrid s, double t) {
        return s.energy(s.indexOf(t));
    }

    @Test
    void zeroTemperatureEnergyMatchesTheSameSchemeInNumpy() {
        // identical discretisation (Euler + trapezoid, R(t,t) = 0), so only round-off separates the two:
        // the notes quote 7 significant digits, hence 1e-6
        assertEquals(-1.080253, energyAt(zeroTemperature, 10), 1e-6);
        assertEquals(-1.120170, energyAt(zeroTemperature, 30), 1e-6);
        assertEquals(-1.139532, energyAt(zeroTemperature, 100), 1e-6);
        assertEquals(3.418596, zeroTemperature.mu(zeroTemperature.indexOf(100)), 1e-6);
    }

    @Test
    void zeroTemperatureMultiplierIsMinusPTimesEnergyAndEnergyDecreasesTowardsTheThreshold() {
        double threshold = SphericalPSpinTheory.thresholdEnergy(3);
        assertEquals(0, zeroTemperature.energy(0), 0);
        for (int i = 1; i <= zeroTemperature.steps(); i++) {
            double e = zeroTemperature.energy(i);
            // μ = T − p e is an identity of the continuous equations and of the trapezoid sums
            assertEquals(-3 * e, zeroTemperature.mu(i), 1e-12 * Math.abs(e));
            assertTrue(e < zeroTemperature.energy(i - 1), "energy decreases at step " + i);
            assertTrue(e > threshold, "energy stays above the threshold at step " + i + ": " + e);
        }
        // slow power-law approach (≈ t^{-2/3}): at t = 200 still within 1% of E_th = −2/√3
        assertEquals(threshold, zeroTemperature.energy(zeroTemperature.steps()), 0.01 * Math.abs(threshold));
    }

    @Test
    void zeroTemperatureAgingSlowsDownWithTheWaitingTime() {
        // notes, h = 0.1: C(2t_w, t_w) = 0.887, 0.854, 0.840 at t_w = 10, 50, 100 (quoted to 3 digits)
        double[] tws = {10, 50, 100};
        double[] expected = {0.887, 0.854, 0.840};
        for (int k = 0; k < tws.length; k++) {
            int w = zeroTemperature.indexOf(tws[k]);
            assertEquals(expected[k], zeroTemperature.correlation(2 * w, w), 6e-4, "C(2tw, tw) at tw = " + tws[k]);
        }
        // at fixed lag t, C(t_w + t, t_w) increases with t_w (weak ergodicity breaking)
        for (double t : new double[] {1, 5, 20, 80}) {
            int lag = zeroTemperature.indexOf(t);
            double previous = -1;
            for (double tw : new double[] {5, 10, 20, 50, 100}) {
                int w = zeroTemperature.indexOf(tw);
                double c = zeroTemperature.correlation(w + lag, w);
                assertTrue(c > previous, "C(tw + " + t + ", tw) increases at tw = " + tw);
                previous = c;
            }
        }
    }

    @Test
    void diagonalAndCausalityConventions() {
        FixedGrid s = fixed(3, 0.5, 0.1, 5);
        for (int i = 0; i <= s.steps(); i++) {
            assertEquals(1, s.correlation(i, i), 0);
            assertEquals(0, s.response(i, i), 0);
            if (i > 0) {
                assertEquals(1, s.response(i, i - 1), 0);
                assertEquals(0, s.response(i - 1, i), 0);
                assertEquals(s.correlation(i, 0), s.correlation(0, i), 0);
            }
        }
        assertEquals(0.5, s.mu(0), 0);   // μ(0) = T: the random start carries no energy
    }

    @Test
    void aboveTdTheEnergyErrorIsFirstOrderInTheStep() {
        // T = 0.7 > T_d = 0.612; notes: e(40) = −0.7224, −0.7152, −0.7115 for h = 0.1, 0.05, 0.025
        double temperature = 0.7;
        double[] steps = {0.1, 0.05, 0.025};
        double[] e = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            FixedGrid s = fixed(3, temperature, steps[k], 40);
            e[k] = energyAt(s, 40);
        }
        assertEquals(-0.7224, e[0], 5e-5);
        assertEquals(-0.7152, e[1], 5e-5);
        assertEquals(-0.7115, e[2], 5e-5);
        // first order: halving h halves the error, (e(h) − e(h/2)) / (e(h/2) − e(h/4)) → 2
        double ratio = (e[0] - e[1]) / (e[1] - e[2]);
        assertEquals(2, ratio, 0.1, "Richardson ratio");
        // Richardson h → 0: e(40) = 2 e(h/2) − e(h) ≈ −0.7078; the continuum dynamics at t = 40 is still
        // relaxing from above towards −1/(2T) = −0.714286 (slow near T_d), so it lies above and within 1e-2
        double extrapolated = 2 * e[2] - e[1];
        double equilibrium = SphericalPSpinTheory.paramagneticEnergy(temperature);
        assertTrue(extrapolated > equilibrium, "h → 0 limit approaches equilibrium from above: " + extrapolated);
        assertEquals(equilibrium, extrapolated, 1e-2);
    }

    @Test
    void wellAboveTdTheDynamicsEquilibratesAndBecomesTimeTranslationInvariant() {
        // T = 1: equilibrium e = −1/(2T) = −0.5, reached by t ≈ 20 (C(t_w + 10, t_w) ≈ 0.05 already)
        FixedGrid coarse = fixed(3, 1.0, 0.05, 50);
        FixedGrid fine = fixed(3, 1.0, 0.025, 50);
        // measured −0.494110 and −0.496955: first-order extrapolation 2 e(h/2) − e(h) = −0.4998
        double extrapolated = 2 * energyAt(fine, 50) - energyAt(coarse, 50);
        assertEquals(-0.5, extrapolated, 1e-3, "Richardson-extrapolated e(50) at T = 1");
        for (FixedGrid s : new FixedGrid[] {coarse, fine}) {
            int w1 = s.indexOf(20);
            int w2 = s.indexOf(40);
            for (double t : new double[] {0.5, 2, 5, 10}) {
                int lag = s.indexOf(t);
                // measured differences ≤ 4e-6 at h = 0.05, while C itself moves by ≈ 0.015 per halving of h
                assertEquals(s.correlation(w1 + lag, w1), s.correlation(w2 + lag, w2), 5e-5,
                        "C(tw + " + t + ", tw), tw = 20 vs 40, h = " + s.parameters().step());
            }
        }
    }

    @Test
    void nearTdTheApproachToTimeTranslationInvarianceIsSlow() {
        // T = 0.7, h = 0.1: C(t_w + t, t_w) still grows with t_w at t_w = 25 … 100 (the energy at this h is still
        // drifting at t = 110), but ever less: at t = 10 the increments are 0.032 (t_w 25 → 50) and 0.022 (50 → 100);
        // well above T_d (the test above) the same increments are below 1e-5
        FixedGrid s = fixed(3, 0.7, 0.1, 110);
        for (double t : new double[] {0.5, 2, 5, 10}) {
            int lag = s.indexOf(t);
            double c25 = s.correlation(s.indexOf(25) + lag, s.indexOf(25));
            double c50 = s.correlation(s.indexOf(50) + lag, s.indexOf(50));
            double c100 = s.correlation(s.indexOf(100) + lag, s.indexOf(100));
            assertTrue(c50 - c25 > c100 - c50 && c100 - c50 > 0, "slowing approach to TTI at t = " + t);
            assertTrue(c100 - c50 < 0.03, "TTI violation small at t = " + t + ": " + (c100 - c50));
        }
    }

    @Test
    void tablesHaveTheDocumentedColumns() {
        Solution solution = zeroTemperature.solution();
        Table energy = solution.energy();
        assertEquals(java.util.List.of("time", "energy", "mu"), energy.columnNames());
        assertEquals(0, energy.doubleColumn("time").get(0), 0);
        assertEquals(200, energy.doubleColumn("time").get(energy.rowCount() - 1), 1e-9);
        assertEquals(zeroTemperature.energy(zeroTemperature.steps()), solution.finalEnergy(), 0);
        assertEquals(2001, solution.storedTimes());
        Table aging = solution.aging();
        assertEquals(java.util.List.of("tw", "t", "correlation", "response", "integrated_response"),
                aging.columnNames());
        assertEquals(10, aging.doubleColumn("tw").get(0), 1e-12);
        assertEquals(0.1, aging.doubleColumn("t").get(0), 1e-12);
        assertEquals(1, aging.doubleColumn("response").get(0), 0);
    }

    @Test
    void badParametersAreRejectedByName() {
        assertMessage("p must be >= 2, got 1", () -> parameters(1, 0, 0.1, 10));
        assertMessage("temperature must be >= 0 and finite, got -0.1", () -> parameters(3, -0.1, 0.1, 10));
        assertMessage("step must be > 0 and finite, got 0.0", () -> parameters(3, 0, 0, 10));
        assertMessage("time must be > 0 and finite, got NaN", () -> parameters(3, 0, 0.1, Double.NaN));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parameters(3, 0, 0.1, 1e4)).getMessage()
                .startsWith("time must lie in [step, 16384·step]"));
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable executable) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, executable).getMessage());
    }
}
