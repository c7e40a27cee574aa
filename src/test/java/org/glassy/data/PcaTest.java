package org.glassy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PcaTest {

    /** Gaussian inputs with standard deviations 5, 3, 1, 0.5 along a rotated basis, plus an offset. */
    private static Dataset data(int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] sd = {0.5, 5, 1, 3};
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        double[] x = new double[p * 4];
        int[] y = new int[p];
        for (int mu = 0; mu < p; mu++) {
            double[] z = new double[4];
            for (int j = 0; j < 4; j++) {
                z[j] = sd[j] * r.nextGaussian();
            }
            // rotate in the (0, 1) plane
            x[mu * 4] = c * z[0] - s * z[1] + 7;
            x[mu * 4 + 1] = s * z[0] + c * z[1] - 2;
            x[mu * 4 + 2] = z[2];
            x[mu * 4 + 3] = z[3];
            y[mu] = mu % 2;
        }
        return new Dataset("gauss", p, 4, 2, x, y);
    }

    @Test
    void whitenedTrainingComponentsHaveIdentityCovariance() {
        Dataset train = data(2000, 1);
        Pca pca = Pca.fit(train, 3);
        Dataset z = pca.apply(train);
        assertEquals(3, z.inputDimension());
        assertArrayEquals(train.labels(), z.labels());
        for (int a = 0; a < 3; a++) {
            double mean = 0;
            for (int mu = 0; mu < 2000; mu++) {
                mean += z.inputs()[mu * 3 + a] / 2000;
            }
            assertEquals(0, mean, 1e-10);
            for (int b = 0; b < 3; b++) {
                double cov = 0;
                for (int mu = 0; mu < 2000; mu++) {
                    cov += z.inputs()[mu * 3 + a] * z.inputs()[mu * 3 + b] / 2000;
                }
                assertEquals(a == b ? 1 : 0, cov, 1e-10, "cov " + a + "," + b);
            }
        }
        // the kept variances are the three largest, 25, 9, 1 up to sampling error (±√(2/P) relative)
        double[] v = pca.variances();
        assertEquals(25, v[0], 25 * 0.1);
        assertEquals(9, v[1], 9 * 0.1);
        assertEquals(1, v[2], 0.1);
        // the leading direction is the rotated axis (−sin 0.3, cos 0.3, 0, 0): its component is ±z₁/5
        Dataset probe = new Dataset("probe", 1, 4, 2, new double[] {7 - Math.sin(0.3) * 5, -2 + Math.cos(0.3) * 5, 0, 0},
                new int[] {0});
        assertEquals(5 / Math.sqrt(v[0]), Math.abs(pca.apply(probe).inputs()[0]), 0.05);
    }

    @Test
    void componentsMustFitTheInputsAndTheRank() {
        Dataset train = data(100, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(train, 5));
        assertTrue(e.getMessage().startsWith("components must lie in [1, 4]"), e.getMessage());
        Dataset flat = new Dataset("flat", 3, 2, 2, new double[] {1, 0, 2, 0, 3, 0}, new int[] {0, 1, 0});
        e = assertThrows(IllegalArgumentException.class, () -> Pca.fit(flat, 2));
        assertTrue(e.getMessage().contains("rank"), e.getMessage());
    }

    @Test
    void subspaceIterationFindsTheLeadingEigenpairsOfTheFullDecomposition() {
        // C = Q diag(λ) Qᵀ in dimension 120 with a slowly decaying spectrum λ_i = 1/(1 + i)^0.7 and a random
        // rotation Q: the K = 8 leading pairs by subspace iteration against Hipparchus's full decomposition
        int n = 120;
        int k = 8;
        SplittableRandom r = new SplittableRandom(4);
        double[][] g = new double[n][n];
        for (double[] row : g) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextGaussian();
            }
        }
        var q = new org.hipparchus.linear.QRDecomposition(new org.hipparchus.linear.Array2DRowRealMatrix(g)).getQ();
        double[][] c = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += q.getEntry(a, i) * q.getEntry(b, i) / Math.pow(1 + i, 0.7);
                }
                c[a][b] = s;
            }
        }
        double[][] vectors = new double[k][];
        double[] values = Pca.subspaceIteration(c, k, vectors, 1000);
        assertTrue(values != null, "converged");
        var full = new org.hipparchus.linear.EigenDecompositionSymmetric(new org.hipparchus.linear.Array2DRowRealMatrix(c));
        for (int j = 0; j < k; j++) {
            assertEquals(1 / Math.pow(1 + j, 0.7), values[j], 1e-12, "eigenvalue " + j);
            assertEquals(full.getEigenvalues()[j], values[j], 1e-12, "eigenvalue " + j);
            double overlap = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                overlap += vectors[j][i] * full.getEigenvector(j).getEntry(i);
                norm += vectors[j][i] * vectors[j][i];
            }
            assertEquals(1, norm, 1e-12, "unit vector " + j);
            assertEquals(1, Math.abs(overlap), 1e-8, "eigenvector " + j);
        }
        // the public path takes it (K <= n/8) and gives the same whitened projection up to signs
        double[][] viaFit = new double[k][];
        double[] same = Pca.leadingEigenpairs(c, k, viaFit);
        assertArrayEquals(values, same, 0);
    }
}
