package org.glassy.study.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** Optimal-transport distances: the Gaussian closed form, the assignment, sorting in 1-D. */
class TransportTest {

    @Test
    void gaussianClosedFormReducesToOneDimensionalCasesForDiagonalCovariances() {
        // independent coordinates: W₂² = Σ_i (m_i² + (1 − σ_i)²)
        double w2 = Transport.standardToGaussian(new double[] {1.5, -0.5}, new double[] {4, 0, 0.25});
        assertEquals(1.5 * 1.5 + 0.25 + 1 + 0.25, w2, 1e-12);
    }

    @Test
    void gaussianClosedFormIsTheCostOfTheLinearOptimalMapByMonteCarlo() {
        double[] m = {1, 0.5};
        double[] cov = {2, 0.7, 1};
        RealMatrix root = Transport.sqrt(MatrixUtils.createRealMatrix(new double[][] {{2, 0.7}, {0.7, 1}}));
        assertEquals(0, root.multiply(root).subtract(MatrixUtils.createRealMatrix(new double[][] {{2, 0.7},
            {0.7, 1}})).getNorm1(), 1e-12);
        SplittableRandom random = new SplittableRandom(1);
        int n = 200_000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double[] z = {ResidualFlow.gaussian(random), ResidualFlow.gaussian(random)};
            double[] t = root.operate(z);
            double c = Math.pow(m[0] + t[0] - z[0], 2) + Math.pow(m[1] + t[1] - z[1], 2);
            sum += c;
            sum2 += c * c;
        }
        double mean = sum / n;
        double se = Math.sqrt((sum2 / n - mean * mean) / n);
        double w2 = Transport.standardToGaussian(m, cov);
        assertTrue(Math.abs(mean - w2) < 4 * se, mean + " +- " + se + " vs " + w2);
        // the general formula is symmetric even for non-commuting covariances
        double[][] s1 = {{2, 0.7}, {0.7, 1}};
        double[][] s2 = {{0.5, -0.2}, {-0.2, 1.5}};
        assertEquals(Transport.gaussianW2Squared(m, s1, new double[2], s2),
                Transport.gaussianW2Squared(new double[2], s2, m, s1), 1e-12);
    }

    @Test
    void assignmentIsTheBestPermutation() {
        SplittableRandom random = new SplittableRandom(2);
        for (int trial = 0; trial < 5; trial++) {
            int n = 6;
            double[][] x = new double[n][2];
            double[][] y = new double[n][2];
            for (int i = 0; i < n; i++) {
                x[i] = new double[] {random.nextDouble(), random.nextDouble()};
                y[i] = new double[] {random.nextDouble() + 0.3, random.nextDouble()};
            }
            double best = bruteForce(x, y, new int[n], new boolean[n], 0);
            assertEquals(best / n, Transport.empiricalW2Squared(x, y), 1e-12);
        }
    }

    private static double bruteForce(double[][] x, double[][] y, int[] perm, boolean[] used, int i) {
        if (i == x.length) {
            double c = 0;
            for (int a = 0; a < x.length; a++) {
                c += Math.pow(x[a][0] - y[perm[a]][0], 2) + Math.pow(x[a][1] - y[perm[a]][1], 2);
            }
            return c;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < x.length; j++) {
            if (!used[j]) {
                used[j] = true;
                perm[i] = j;
                best = Math.min(best, bruteForce(x, y, perm, used, i + 1));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void assignmentInOneDimensionIsSorting() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 120;
        double[] a = new double[n];
        double[] b = new double[n];
        double[][] x = new double[n][1];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            a[i] = ResidualFlow.gaussian(random);
            b[i] = 2 + 0.5 * ResidualFlow.gaussian(random);
            x[i][0] = a[i];
            y[i][0] = b[i];
        }
        assertEquals(Transport.oneDimensionalW2Squared(a, b), Transport.empiricalW2Squared(x, y), 1e-12);
    }

    @Test
    void slicedDistanceOfAScaledCloudIsExact() {
        // y = 2x: every projection is scaled by 2, so each 1-D W₂² is mean (u·x)², and their mean over the
        // L equally spaced directions is (1/2) mean |x|² exactly (an exact quadrature of cos² for L ≥ 2)
        double[][] x = FlowData.moons(50, 4).points();
        double[][] y = new double[50][];
        double norm = 0;
        for (int i = 0; i < 50; i++) {
            y[i] = new double[] {2 * x[i][0], 2 * x[i][1]};
            norm += x[i][0] * x[i][0] + x[i][1] * x[i][1];
        }
        assertEquals(norm / 50 / 2, Transport.slicedW2Squared(x, y, Transport.directions(2, 6, 0)), 1e-12);
    }
}
