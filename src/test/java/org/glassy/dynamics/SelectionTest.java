package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * The selection processes of SGD: the stationary mean b, and for persistent SGD the autocorrelation
 * ⟨s(t)s(t + kη)⟩ − b² = b(1 − b)(1 − η/(bτ))^k (correlation time bτ), measured over many examples and steps.
 */
class SelectionTest {

    private static final int EXAMPLES = 20_000;
    private static final int STEPS = 200;

    /** Runs the process and returns, per lag 0..maxLag, the normalised autocorrelation, and in [maxLag+1] the mean. */
    private static double[] statistics(Selection selection, double eta, int maxLag, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        boolean[][] s = new boolean[STEPS][EXAMPLES];
        selection.initial(s[0], random);
        for (int t = 1; t < STEPS; t++) {
            s[t] = s[t - 1].clone();
            selection.advance(s[t], eta, random);
        }
        double mean = 0;
        for (boolean[] row : s) {
            for (boolean v : row) {
                mean += v ? 1 : 0;
            }
        }
        mean /= (double) STEPS * EXAMPLES;
        double[] out = new double[maxLag + 2];
        double variance = mean * (1 - mean);
        for (int lag = 0; lag <= maxLag; lag++) {
            double c = 0;
            long count = 0;
            for (int t = 0; t + lag < STEPS; t++) {
                for (int mu = 0; mu < EXAMPLES; mu++) {
                    c += (s[t][mu] ? 1 - mean : -mean) * (s[t + lag][mu] ? 1 - mean : -mean);
                    count++;
                }
            }
            out[lag] = c / count / variance;
        }
        out[maxLag + 1] = mean;
        return out;
    }

    @Test
    void persistentSelectionHasMeanBAndCorrelationTimeBTau() {
        double b = 0.25;
        double eta = 0.1;
        double tau = 2;
        double rho = 1 - eta / (b * tau);   // 0.8 per step: correlation time bτ = 0.5 = 5 steps
        double[] stats = statistics(Selection.persistent(b, tau), eta, 10, 3L);
        // 4·10⁶ samples with correlation time 5 steps: the mean's standard error is about
        // √(b(1 − b)·(1 + ρ)/(1 − ρ)/4·10⁶) ≈ 6.5e-4
        assertEquals(b, stats[11], 3e-3, "stationary mean");
        for (int lag : new int[] {1, 2, 5, 10}) {
            // a factor 2 in either rate changes ρ to 0.6 or 0.9 and ρ^k by ≥ 0.1 at lag 1
            assertEquals(Math.pow(rho, lag), stats[lag], 0.01, "autocorrelation at lag " + lag);
        }
        // the integrated correlation time η(½ + Σ_{k≥1} ρ^k) → bτ as η → 0; here η(1 + ρ)/(2(1 − ρ)) = 0.45
        double integrated = 0.5;
        for (int lag = 1; lag <= 10; lag++) {
            integrated += stats[lag];
        }
        integrated += Math.pow(rho, 11) / (1 - rho);   // the tail beyond lag 10, from theory
        assertEquals(eta * (1 + rho) / (2 * (1 - rho)), eta * integrated, 0.01);
    }

    @Test
    void freshSelectionIsUncorrelated() {
        double[] stats = statistics(Selection.bernoulli(0.3), 0.1, 2, 4L);
        assertEquals(0.3, stats[3], 1.5e-3);
        assertEquals(0, stats[1], 5e-3);
        assertEquals(0, stats[2], 5e-3);
    }

    @Test
    void persistenceTauEqualsEtaOverBIsFreshSgdBitForBit() {
        double b = 0.5;
        double eta = 0.25;
        Selection fresh = Selection.bernoulli(b);
        Selection persistent = Selection.persistent(b, eta / b);
        SplitMix64 r1 = new SplitMix64(9);
        SplitMix64 r2 = new SplitMix64(9);
        boolean[] s1 = new boolean[1000];
        boolean[] s2 = new boolean[1000];
        fresh.initial(s1, r1);
        persistent.initial(s2, r2);
        for (int t = 0; t < 50; t++) {
            fresh.advance(s1, eta, r1);
            persistent.advance(s2, eta, r2);
            assertTrue(java.util.Arrays.equals(s1, s2), "step " + t);
        }
    }

    @Test
    void flipProbabilitiesAreTheRatesTimesTheStep() {
        Selection.Persistent p = new Selection.Persistent(0.2, 4);
        assertEquals(0.1 / 4, p.switchOn(0.1), 1e-17);
        assertEquals(0.1 * 0.8 / (0.2 * 4), p.switchOff(0.1), 1e-17);
    }

    @Test
    void persistenceShorterThanTheStepAllowsIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StochasticGradientDescent(1, Selection.persistent(0.2, 3)));
        assertTrue(e.getMessage().startsWith("persistence must be >= lr·max(1, (1 − b)/b) = 4.0"), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> Selection.bernoulli(0));
        assertTrue(f.getMessage().startsWith("batchFraction must be in (0, 1]"), f.getMessage());
    }
}
