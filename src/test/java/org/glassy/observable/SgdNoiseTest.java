package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.model.LeastSquares;
import org.junit.jupiter.api.Test;

/**
 * The SGD noise estimator against the closed form for linear least squares: the per-example gradients
 * g_μ = −(y_μ − w·x_μ) x_μ are computed here by hand, and the mean of B of them drawn without replacement
 * has E|g_B − ḡ|² = S² (P − B)/(B P), S² = Σ_μ |g_μ − ḡ|²/(P − 1).
 */
class SgdNoiseTest {

    private static final int D = 4;

    private static LeastSquares data(int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[p * D];
        double[] y = new double[p];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int mu = 0; mu < p; mu++) {
            y[mu] = x[mu * D] - 0.5 * x[mu * D + 1] + r.nextGaussian();
        }
        return new LeastSquares(D, x, y);
    }

    /** The closed form (η²/M) S² (P − B)/(B P), per-example gradients written out for least squares. */
    private static double closedForm(int p, long seed, double[] w, double eta, int b) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[p][D];
        double[] y = new double[p];
        for (int mu = 0; mu < p; mu++) {
            for (int i = 0; i < D; i++) {
                x[mu][i] = r.nextGaussian();
            }
        }
        for (int mu = 0; mu < p; mu++) {
            y[mu] = x[mu][0] - 0.5 * x[mu][1] + r.nextGaussian();
        }
        double[][] g = new double[p][D];
        double[] mean = new double[D];
        for (int mu = 0; mu < p; mu++) {
            double residual = y[mu];
            for (int i = 0; i < D; i++) {
                residual -= w[i] * x[mu][i];
            }
            for (int i = 0; i < D; i++) {
                g[mu][i] = -residual * x[mu][i];
                mean[i] += g[mu][i] / p;
            }
        }
        double s2 = 0;
        for (int mu = 0; mu < p; mu++) {
            for (int i = 0; i < D; i++) {
                s2 += (g[mu][i] - mean[i]) * (g[mu][i] - mean[i]);
            }
        }
        s2 /= p - 1;
        return eta * eta / D * s2 * (p - b) / ((double) b * p);
    }

    private static final double[] W = {0.3, -0.2, 0.7, 0.1};

    @Test
    void exactMatchesTheClosedForm() {
        for (int b : new int[] {1, 5, 29}) {
            SgdNoise noise = new SgdNoise(data(30, 7), 0.1, b, 30, 2, 1);
            assertEquals(closedForm(30, 7, W, 0.1, b), noise.exact(W), 1e-12 * closedForm(30, 7, W, 0.1, b));
        }
    }

    @Test
    void monteCarloOverTheWholeSetMatchesTheClosedFormWithinItsError() {
        int p = 40;
        int b = 10;
        double eta = 0.05;
        double expected = closedForm(p, 11, W, eta, b);
        SgdNoise noise = new SgdNoise(data(p, 11), eta, b, p, 20000, 3);
        SgdNoise.Estimate e = noise.estimate(W);
        // small enough to tell sampling without replacement from with replacement, (P − 1)/(P − B) = 1.3
        assertTrue(e.standardError() < 0.03 * expected, "s.e. " + e.standardError() + " vs " + expected);
        assertEquals(expected, e.value(), 4 * e.standardError());
        // the reported standard error is the real spread of independent estimates
        double[] values = new double[40];
        for (int k = 0; k < values.length; k++) {
            double[] w = W.clone();
            values[k] = new SgdNoise(data(p, 11), eta, b, p, 200, 100 + k).estimate(w).value();
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
        double reported = new SgdNoise(data(p, 11), eta, b, p, 200, 99).estimate(W).standardError();
        assertEquals(sd, reported, 0.4 * sd);
        assertEquals(expected, mean, 4 * sd / Math.sqrt(values.length));
    }

    @Test
    void aSubsetEstimateIsUnbiasedForTheWholeTrainingSet() {
        int p = 60;
        int n = 20;
        int b = 5;
        double expected = closedForm(p, 5, W, 1, b);
        int subsets = 400;
        double sum = 0;
        double sumSquares = 0;
        for (int s = 0; s < subsets; s++) {
            double v = new SgdNoise(data(p, 5), 1, b, n, 400, 1000 + s).estimate(W).value();
            sum += v;
            sumSquares += v * v;
        }
        double mean = sum / subsets;
        double se = Math.sqrt((sumSquares / subsets - mean * mean) / (subsets - 1));
        assertTrue(se < 0.05 * expected);
        assertEquals(expected, mean, 4 * se);
    }

    @Test
    void scalesAsTheSquareOfTheLearningRateAndIsDeterministicInX() {
        SgdNoise a = new SgdNoise(data(30, 7), 0.1, 5, 30, 50, 1);
        SgdNoise b = new SgdNoise(data(30, 7), 0.3, 5, 30, 50, 1);
        assertEquals(9 * a.estimate(W).value(), b.estimate(W).value(), 1e-12 * b.estimate(W).value());
        assertEquals(a.estimate(W), a.estimate(W.clone()));
        assertEquals(a.estimate(W).value(), a.observable("noise").measure(0, W, Double.NaN), 0);
    }

    @Test
    void rejectsBadSizesNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SgdNoise(data(30, 7), 0.1, 10, 10, 5, 1));
        assertTrue(e.getMessage().contains("subsetSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SgdNoise(data(30, 7), 0.1, 10, 31, 5, 1));
        assertTrue(e.getMessage().contains("subsetSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SgdNoise(data(30, 7), 0.1, 5, 30, 1, 1));
        assertTrue(e.getMessage().contains("batches"), e.getMessage());
    }
}
