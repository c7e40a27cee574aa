package org.glassy.study.resnet;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.glassy.internal.Require;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Optimal-transport distances used by the flow study.
 *
 * <ul>
 * <li>the squared Wasserstein-2 distance between Gaussians, in closed form:
 *     W₂²(N(m₁, Σ₁), N(m₂, Σ₂)) = |m₁ − m₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₂^{1/2} Σ₁ Σ₂^{1/2})^{1/2})
 *     (Dowson and Landau 1982; Givens and Shortt 1984), the symmetric square roots by Hipparchus's symmetric
 *     eigendecomposition;</li>
 * <li>the exact W₂² between two empirical measures of n equally weighted points, an assignment problem solved
 *     by the Hungarian method (shortest augmenting paths with potentials, O(n³));</li>
 * <li>in one dimension, W₂² by sorting (the monotone rearrangement);</li>
 * <li>the sliced W₂², the mean over directions u of the 1-D W₂² of the projections u·x (Rabin et al. 2011;
 *     used between layers by Vayer et al., "Sliced Gromov–Wasserstein", NeurIPS 2019).</li>
 * </ul>
 *
 * <p>The dynamic formulation behind the study is Benamou and Brenier, Numer. Math. 84, 375 (2000): W₂² is the
 * least kinetic energy ∫₀¹ ∫ |v|² dρ_t dt of a flow carrying one measure onto the other.
 */
public final class Transport {

    private Transport() {
    }

    /**
     * W₂² between two Gaussians in closed form.
     *
     * @param m1 the first mean
     * @param s1 the first covariance (symmetric positive semi-definite, d × d)
     * @param m2 the second mean
     * @param s2 the second covariance
     * @return |m₁ − m₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₂^{1/2} Σ₁ Σ₂^{1/2})^{1/2})
     */
    public static double gaussianW2Squared(double[] m1, double[][] s1, double[] m2, double[][] s2) {
        double mean = 0;
        for (int i = 0; i < m1.length; i++) {
            mean += (m1[i] - m2[i]) * (m1[i] - m2[i]);
        }
        RealMatrix a = MatrixUtils.createRealMatrix(s1);
        RealMatrix b = MatrixUtils.createRealMatrix(s2);
        RealMatrix rb = sqrt(b);
        RealMatrix cross = sqrt(rb.multiply(a).multiply(rb));
        return mean + a.getTrace() + b.getTrace() - 2 * cross.getTrace();
    }

    /**
     * The symmetric positive square root of a symmetric positive semi-definite matrix.
     *
     * @param m the matrix (symmetrised before decomposition)
     * @return m^{1/2}
     */
    public static RealMatrix sqrt(RealMatrix m) {
        RealMatrix sym = m.add(m.transpose()).scalarMultiply(0.5);
        EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(sym);
        double[] lambda = e.getEigenvalues();
        double[] root = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            root[i] = Math.sqrt(Math.max(0, lambda[i]));
        }
        return e.getV().multiply(MatrixUtils.createRealDiagonalMatrix(root)).multiply(e.getVT());
    }

    /**
     * W₂² between N(0, I₂) and N(m, Σ) in two dimensions: |m|² + tr(I + Σ − 2 Σ^{1/2}).
     *
     * @param mean m = {mx, my}
     * @param covariance Σ = {Σxx, Σxy, Σyy}
     * @return the squared distance
     */
    public static double standardToGaussian(double[] mean, double[] covariance) {
        FlowData.cholesky(covariance);
        return gaussianW2Squared(new double[2], new double[][] {{1, 0}, {0, 1}}, mean,
                new double[][] {{covariance[0], covariance[1]}, {covariance[1], covariance[2]}});
    }

    /**
     * W₂² between two 1-D empirical measures of equally many equally weighted points: the mean squared
     * difference of the sorted samples.
     *
     * @param a the first sample
     * @param b the second sample, of the same length
     * @return (1/n) Σ (a_(i) − b_(i))²
     */
    public static double oneDimensionalW2Squared(double[] a, double[] b) {
        sameSize(a.length, b.length);
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return s / x.length;
    }

    private static void sameSize(int n, int m) {
        if (n != m || n == 0) {
            throw Require.invalid("b", "must have as many points as a (" + n + "), got " + m);
        }
    }

    /**
     * The exact W₂² between two empirical measures of n equally weighted points, the optimal assignment
     * min_σ (1/n) Σ_i |x_i − y_σ(i)|², by the Hungarian method with potentials.
     *
     * @param x the first points, n × d
     * @param y the second points, n × d
     * @return the squared distance
     */
    public static double empiricalW2Squared(double[][] x, double[][] y) {
        int n = x.length;
        sameSize(n, y.length);
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < x[i].length; c++) {
                    double d = x[i][c] - y[j][c];
                    s += d * d;
                }
                cost[i][j] = s;
            }
        }
        int[] match = assignment(cost);
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += cost[i][match[i]];
        }
        return total / n;
    }

    /** Minimum-cost perfect matching of a square cost matrix: row i ↦ column match[i]. */
    static int[] assignment(double[][] cost) {
        int n = cost.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];       // p[j]: the row matched to column j (1-based, 0 = none)
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] match = new int[n];
        for (int j = 1; j <= n; j++) {
            match[p[j] - 1] = j - 1;
        }
        return match;
    }

    /**
     * Unit directions for sliced distances: in two dimensions the L angles π l / L (deterministic, an exact
     * quadrature of the circle's directions up to sign), otherwise L normalised Gaussian vectors.
     *
     * @param dimension d ≥ 1
     * @param count L ≥ 1
     * @param seed the seed (unused in two dimensions)
     * @return L × d unit vectors
     */
    public static double[][] directions(int dimension, int count, long seed) {
        Require.atLeast("dimension", dimension, 1);
        Require.atLeast("count", count, 1);
        double[][] u = new double[count][dimension];
        if (dimension == 2) {
            for (int l = 0; l < count; l++) {
                u[l][0] = Math.cos(Math.PI * l / count);
                u[l][1] = Math.sin(Math.PI * l / count);
            }
            return u;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l < count; l++) {
            double norm = 0;
            for (int i = 0; i < dimension; i++) {
                u[l][i] = ResidualFlow.gaussian(random);
                norm += u[l][i] * u[l][i];
            }
            for (int i = 0; i < dimension; i++) {
                u[l][i] /= Math.sqrt(norm);
            }
        }
        return u;
    }

    /**
     * The sliced W₂²: the mean over the directions of the 1-D W₂² of the projections.
     *
     * @param x the first points, n × d
     * @param y the second points, n × d
     * @param directions L unit vectors of length d
     * @return (1/L) Σ_l W₂²(u_l·x, u_l·y)
     */
    public static double slicedW2Squared(double[][] x, double[][] y, double[][] directions) {
        double s = 0;
        for (double[] u : directions) {
            s += oneDimensionalW2Squared(project(x, u), project(y, u));
        }
        return s / directions.length;
    }

    static double[] project(double[][] x, double[] u) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int c = 0; c < u.length; c++) {
                s += x[i][c] * u[c];
            }
            p[i] = s;
        }
        return p;
    }
}
