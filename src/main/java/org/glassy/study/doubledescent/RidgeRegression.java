package org.glassy.study.doubledescent;

import java.util.concurrent.CancellationException;

import org.glassy.internal.Require;

/**
 * Ridge and min-norm least squares on a row-major design matrix Z (rows × cols): the b that minimises
 * (1/rows)|y − Zb|² + λ|b|², b = (ZᵀZ + rows·λ I)⁻¹Zᵀy = Zᵀ(ZZᵀ + rows·λ I)⁻¹y (the two forms are equal; the one
 * with the smaller Gram matrix is solved, by Cholesky). At λ = 0 it is the min-norm least-squares solution Z⁺y:
 * the least-squares fit for cols ≤ rows, the interpolator of smallest norm for cols &gt; rows (what gradient descent
 * from zero converges to). Cost: min(rows, cols)² · max(rows, cols) multiply–adds for the Gram matrix, plus
 * min(rows, cols)³/3 for the factorisation. An interrupt of the calling thread stops a fit within a row
 * ({@link CancellationException}). Stateless.
 */
public final class RidgeRegression {

    private RidgeRegression() {
    }

    /**
     * Fits.
     *
     * @param z the design matrix, row-major, rows × cols
     * @param rows the number of samples, &gt;= 1
     * @param cols the number of parameters, &gt;= 1
     * @param y the labels, length rows
     * @param ridge λ &gt;= 0
     * @return b, length cols
     * @throws ArithmeticException if the Gram matrix is singular (λ = 0 and Z not of full rank)
     */
    public static double[] fit(double[] z, int rows, int cols, double[] y, double ridge) {
        Require.atLeast("rows", rows, 1);
        Require.atLeast("cols", cols, 1);
        Require.nonNegative("ridge", ridge);
        if (z.length != (long) rows * cols || y.length != rows) {
            throw new IllegalArgumentException("z must be rows x cols and y of length rows");
        }
        double shift = rows * ridge;
        if (cols <= rows) {
            double[] a = new double[cols * cols];   // lower triangle of ZᵀZ
            double[] rhs = new double[cols];
            for (int r = 0; r < rows; r++) {
                checkInterrupt();
                int o = r * cols;
                double yr = y[r];
                for (int i = 0; i < cols; i++) {
                    double zi = z[o + i];
                    rhs[i] += zi * yr;
                    int ai = i * cols;
                    for (int j = 0; j <= i; j++) {
                        a[ai + j] += zi * z[o + j];
                    }
                }
            }
            for (int i = 0; i < cols; i++) {
                a[i * cols + i] += shift;
            }
            return choleskySolve(a, cols, rhs);
        }
        double[] g = new double[rows * rows];   // lower triangle of ZZᵀ
        for (int i = 0; i < rows; i++) {
            checkInterrupt();
            int oi = i * cols;
            for (int j = 0; j <= i; j++) {
                int oj = j * cols;
                double s = 0;
                for (int k = 0; k < cols; k++) {
                    s += z[oi + k] * z[oj + k];
                }
                g[i * rows + j] = s;
            }
            g[i * rows + i] += shift;
        }
        double[] c = choleskySolve(g, rows, y.clone());
        double[] b = new double[cols];
        for (int r = 0; r < rows; r++) {
            double cr = c[r];
            int o = r * cols;
            for (int k = 0; k < cols; k++) {
                b[k] += cr * z[o + k];
            }
        }
        return b;
    }

    /** Solves A x = rhs for symmetric positive definite A given by its lower triangle (overwritten). */
    private static double[] choleskySolve(double[] a, int n, double[] rhs) {
        for (int j = 0; j < n; j++) {
            checkInterrupt();
            int oj = j * n;
            double d = a[oj + j];
            for (int k = 0; k < j; k++) {
                d -= a[oj + k] * a[oj + k];
            }
            if (!(d > 0)) {
                throw new ArithmeticException("the Gram matrix is singular (pivot " + d + " at " + j + " of " + n
                        + "): a ridge > 0 is needed");
            }
            d = Math.sqrt(d);
            a[oj + j] = d;
            for (int i = j + 1; i < n; i++) {
                int oi = i * n;
                double s = a[oi + j];
                for (int k = 0; k < j; k++) {
                    s -= a[oi + k] * a[oj + k];
                }
                a[oi + j] = s / d;
            }
        }
        double[] x = rhs;
        for (int i = 0; i < n; i++) {   // L u = rhs
            int oi = i * n;
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= a[oi + k] * x[k];
            }
            x[i] = s / a[oi + i];
        }
        for (int i = n - 1; i >= 0; i--) {   // Lᵀ x = u
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * x[k];
            }
            x[i] = s / a[i * n + i];
        }
        return x;
    }

    /** Throws if the calling thread is interrupted. */
    static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("run interrupted during a fit");
        }
    }
}
