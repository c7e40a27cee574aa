package org.glassy.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link SgdLeastSquares}: the batch-noise coefficients against an enumeration of every selection, and the
 * fixed point's limits (no noise at b = 1). Its agreement with simulated SGD is tested in
 * {@code org.glassy.study.sgd.SgdStationaryStateTest}.
 */
class SgdLeastSquaresTest {

    /**
     * Over all 2ⁿ selections S, weighted b^|S|(1 − b)^{n−|S|}, the mean g_S of scalars a_μ over S (0 if S is
     * empty) has E[g] = c₁ ā and E[g²] = c₁ ā² + c₂ S_a, S_a = (1/n) Σ (a_μ − ā)²: the sampling-without-replacement
     * variance the recursion uses.
     */
    @Test
    void batchCoefficientsMatchAnEnumerationOfEverySelection() {
        int n = 7;
        double b = 0.35;
        double[] a = {0.3, -1.2, 2.5, 0.0, 0.7, -0.4, 1.9};
        double mean = 0;
        for (double v : a) {
            mean += v / n;
        }
        double spread = 0;
        for (double v : a) {
            spread += (v - mean) * (v - mean) / n;
        }
        double first = 0;
        double second = 0;
        for (int mask = 1; mask < (1 << n); mask++) {
            int k = Integer.bitCount(mask);
            double p = Math.pow(b, k) * Math.pow(1 - b, n - k);
            double g = 0;
            for (int mu = 0; mu < n; mu++) {
                if ((mask & (1 << mu)) != 0) {
                    g += a[mu] / k;
                }
            }
            first += p * g;
            second += p * g * g;
        }
        double[] c = SgdLeastSquares.batchCoefficients(n, b);
        assertEquals(1 - Math.pow(1 - b, n), c[0], 1e-14);
        assertEquals(c[0] * mean, first, 1e-13);
        assertEquals(c[0] * mean * mean + c[1] * spread, second, 1e-13);
    }

    @Test
    void fullBatchesHaveNoNoise() {
        double[] c = SgdLeastSquares.batchCoefficients(10, 1);
        assertEquals(1, c[0], 0.0);
        assertEquals(0, c[1], 0.0);
        SplittableRandom r = new SplittableRandom(1);
        double[] x = r.doubles(30).map(v -> v - 0.5).toArray();
        double[] y = r.doubles(10).toArray();
        SgdLeastSquares.Stationary s = SgdLeastSquares.stationary(3, x, y, 0.2, 1, SgdLeastSquares.Noise.EXACT);
        assertEquals(0, s.excessLoss(), 0.0);
    }

    /** On a single coordinate (d = 1) the fixed point is a scalar equation, solved here by hand. */
    @Test
    void oneDimensionalFixedPointByHand() {
        double[] x = {1, -2, 0.5, 1.5};
        double[] y = {0.3, 0.1, -0.7, 1.2};
        int n = 4;
        double eta = 0.3;
        double b = 0.6;
        double h = 0;
        double xy = 0;
        for (int mu = 0; mu < n; mu++) {
            h += x[mu] * x[mu] / n;
            xy += x[mu] * y[mu] / n;
        }
        double w = xy / h;
        double x4 = 0;
        double c0 = 0;
        for (int mu = 0; mu < n; mu++) {
            double r = y[mu] - w * x[mu];
            x4 += Math.pow(x[mu], 4) / n;
            c0 += r * r * x[mu] * x[mu] / n;
        }
        double[] c = SgdLeastSquares.batchCoefficients(n, b);
        // c1(2hΣ − η h²Σ) − η c2 (x4 − h²) Σ = η c2 c0
        double sigma = eta * c[1] * c0 / (c[0] * (2 * h - eta * h * h) - eta * c[1] * (x4 - h * h));
        SgdLeastSquares.Stationary s = SgdLeastSquares.stationary(1, x, y, eta, b, SgdLeastSquares.Noise.EXACT);
        assertEquals(sigma, s.covariance()[0][0], 1e-14);
        assertEquals(0.5 * h * sigma, s.excessLoss(), 1e-15);
        assertEquals(w, s.minimiser()[0], 1e-15);
        double sigmaAtMinimum = eta * c[1] * c0 / (c[0] * (2 * h - eta * h * h));
        assertEquals(sigmaAtMinimum, SgdLeastSquares.stationary(1, x, y, eta, b, SgdLeastSquares.Noise.AT_MINIMUM)
                .covariance()[0][0], 1e-14);
    }

    @Test
    void tooLargeAStepIsRefusedByName() {
        double[] x = {1, -2, 0.5, 1.5};
        double[] y = {0.3, 0.1, -0.7, 1.2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SgdLeastSquares.stationary(1, x, y, 5, 0.5, SgdLeastSquares.Noise.EXACT));
        assertTrue(e.getMessage().startsWith("learningRate"), e.getMessage());
    }
}
