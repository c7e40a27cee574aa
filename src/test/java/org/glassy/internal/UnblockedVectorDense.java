package org.glassy.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unblocked {@link VectorDense} as it was before cache blocking (kept as the exact reference of the blocked kernels). Forward: 4 × 4 register tiles of dot products over the
 * contiguous inner dimension. Gradients: for each block of outputs, accumulators held in
 * registers across the whole batch (4 outputs × 2 vectors), so each weight-gradient element is
 * written once.
 */
final class UnblockedVectorDense {

    /** The one vector species of all the library's kernels (256-bit with -Dglassy.vectorBits=256). */
    static final VectorSpecies<Double> SPECIES = VectorDense.SPECIES;
    private static final VectorSpecies<Double> S = SPECIES;
    private static final int L = S.length();

    public void forward(double[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols,
                        double[] bias, int biasOffset, double[] out) {
        int bound = S.loopBound(inner);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = rowOffset[r];
            int a1 = rowOffset[r + 1];
            int a2 = rowOffset[r + 2];
            int a3 = rowOffset[r + 3];
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                int w0 = wOffset + j * inner;
                int w1 = w0 + inner;
                int w2 = w1 + inner;
                int w3 = w2 + inner;
                DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
                DoubleVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
                DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
                DoubleVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
                for (int i = 0; i < bound; i += L) {
                    DoubleVector v0 = DoubleVector.fromArray(S, w, w0 + i);
                    DoubleVector v1 = DoubleVector.fromArray(S, w, w1 + i);
                    DoubleVector v2 = DoubleVector.fromArray(S, w, w2 + i);
                    DoubleVector v3 = DoubleVector.fromArray(S, w, w3 + i);
                    DoubleVector x = DoubleVector.fromArray(S, a, a0 + i);
                    c00 = x.fma(v0, c00); c01 = x.fma(v1, c01); c02 = x.fma(v2, c02); c03 = x.fma(v3, c03);
                    x = DoubleVector.fromArray(S, a, a1 + i);
                    c10 = x.fma(v0, c10); c11 = x.fma(v1, c11); c12 = x.fma(v2, c12); c13 = x.fma(v3, c13);
                    x = DoubleVector.fromArray(S, a, a2 + i);
                    c20 = x.fma(v0, c20); c21 = x.fma(v1, c21); c22 = x.fma(v2, c22); c23 = x.fma(v3, c23);
                    x = DoubleVector.fromArray(S, a, a3 + i);
                    c30 = x.fma(v0, c30); c31 = x.fma(v1, c31); c32 = x.fma(v2, c32); c33 = x.fma(v3, c33);
                }
                double[][] c = {
                    {c00.reduceLanes(VectorOperators.ADD), c01.reduceLanes(VectorOperators.ADD),
                        c02.reduceLanes(VectorOperators.ADD), c03.reduceLanes(VectorOperators.ADD)},
                    {c10.reduceLanes(VectorOperators.ADD), c11.reduceLanes(VectorOperators.ADD),
                        c12.reduceLanes(VectorOperators.ADD), c13.reduceLanes(VectorOperators.ADD)},
                    {c20.reduceLanes(VectorOperators.ADD), c21.reduceLanes(VectorOperators.ADD),
                        c22.reduceLanes(VectorOperators.ADD), c23.reduceLanes(VectorOperators.ADD)},
                    {c30.reduceLanes(VectorOperators.ADD), c31.reduceLanes(VectorOperators.ADD),
                        c32.reduceLanes(VectorOperators.ADD), c33.reduceLanes(VectorOperators.ADD)}};
                int[] rowStart = {a0, a1, a2, a3};
                int[] wStart = {w0, w1, w2, w3};
                for (int p = 0; p < 4; p++) {
                    for (int q = 0; q < 4; q++) {
                        double s = c[p][q];
                        for (int i = bound; i < inner; i++) {
                            s += a[rowStart[p] + i] * w[wStart[q] + i];
                        }
                        out[(r + p) * cols + j + q] = s + bias[biasOffset + j + q];
                    }
                }
            }
            for (; j < cols; j++) {
                for (int p = 0; p < 4; p++) {
                    out[(r + p) * cols + j] = dot(a, rowOffset[r + p], w, wOffset + j * inner, inner)
                            + bias[biasOffset + j];
                }
            }
        }
        for (; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                out[r * cols + j] = dot(a, rowOffset[r], w, wOffset + j * inner, inner) + bias[biasOffset + j];
            }
        }
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        int bound = S.loopBound(n);
        DoubleVector acc = DoubleVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            acc = DoubleVector.fromArray(S, a, ao + i).fma(DoubleVector.fromArray(S, b, bo + i), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    public void weightGradient(double[] dz, int rows, int cols, double[] a, int[] rowOffset, int inner, double[] dw,
                               int dwOffset, int dbOffset) {
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += dz[r * cols + j];
            }
            dw[dbOffset + j] = s;
        }
        int bound4 = inner - inner % (4 * L);
        int bound2 = inner - inner % (2 * L);
        int j = 0;
        for (; j + 4 <= cols; j += 4) {
            int d0 = dwOffset + j * inner;
            for (int i = 0; i < bound4; i += 4 * L) {
                DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
                DoubleVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
                DoubleVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
                DoubleVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
                for (int r = 0; r < rows; r++) {
                    int ar = rowOffset[r] + i;
                    DoubleVector x0 = DoubleVector.fromArray(S, a, ar);
                    DoubleVector x1 = DoubleVector.fromArray(S, a, ar + L);
                    DoubleVector x2 = DoubleVector.fromArray(S, a, ar + 2 * L);
                    DoubleVector x3 = DoubleVector.fromArray(S, a, ar + 3 * L);
                    int g = r * cols + j;
                    DoubleVector g0 = DoubleVector.broadcast(S, dz[g]);
                    c00 = x0.fma(g0, c00); c01 = x1.fma(g0, c01); c02 = x2.fma(g0, c02); c03 = x3.fma(g0, c03);
                    DoubleVector g1 = DoubleVector.broadcast(S, dz[g + 1]);
                    c10 = x0.fma(g1, c10); c11 = x1.fma(g1, c11); c12 = x2.fma(g1, c12); c13 = x3.fma(g1, c13);
                    DoubleVector g2 = DoubleVector.broadcast(S, dz[g + 2]);
                    c20 = x0.fma(g2, c20); c21 = x1.fma(g2, c21); c22 = x2.fma(g2, c22); c23 = x3.fma(g2, c23);
                    DoubleVector g3 = DoubleVector.broadcast(S, dz[g + 3]);
                    c30 = x0.fma(g3, c30); c31 = x1.fma(g3, c31); c32 = x2.fma(g3, c32); c33 = x3.fma(g3, c33);
                }
                int o0 = d0 + i;
                int o1 = o0 + inner;
                int o2 = o1 + inner;
                int o3 = o2 + inner;
                c00.intoArray(dw, o0); c01.intoArray(dw, o0 + L); c02.intoArray(dw, o0 + 2 * L); c03.intoArray(dw, o0 + 3 * L);
                c10.intoArray(dw, o1); c11.intoArray(dw, o1 + L); c12.intoArray(dw, o1 + 2 * L); c13.intoArray(dw, o1 + 3 * L);
                c20.intoArray(dw, o2); c21.intoArray(dw, o2 + L); c22.intoArray(dw, o2 + 2 * L); c23.intoArray(dw, o2 + 3 * L);
                c30.intoArray(dw, o3); c31.intoArray(dw, o3 + L); c32.intoArray(dw, o3 + 2 * L); c33.intoArray(dw, o3 + 3 * L);
            }
            for (int i = bound4; i < bound2; i += 2 * L) {
                DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
                DoubleVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
                for (int r = 0; r < rows; r++) {
                    int ar = rowOffset[r] + i;
                    DoubleVector x0 = DoubleVector.fromArray(S, a, ar);
                    DoubleVector x1 = DoubleVector.fromArray(S, a, ar + L);
                    int g = r * cols + j;
                    DoubleVector g0 = DoubleVector.broadcast(S, dz[g]);
                    DoubleVector g1 = DoubleVector.broadcast(S, dz[g + 1]);
                    DoubleVector g2 = DoubleVector.broadcast(S, dz[g + 2]);
                    DoubleVector g3 = DoubleVector.broadcast(S, dz[g + 3]);
                    c00 = x0.fma(g0, c00); c01 = x1.fma(g0, c01);
                    c10 = x0.fma(g1, c10); c11 = x1.fma(g1, c11);
                    c20 = x0.fma(g2, c20); c21 = x1.fma(g2, c21);
                    c30 = x0.fma(g3, c30); c31 = x1.fma(g3, c31);
                }
                c00.intoArray(dw, d0 + i); c01.intoArray(dw, d0 + i + L);
                c10.intoArray(dw, d0 + inner + i); c11.intoArray(dw, d0 + inner + i + L);
                c20.intoArray(dw, d0 + 2 * inner + i); c21.intoArray(dw, d0 + 2 * inner + i + L);
                c30.intoArray(dw, d0 + 3 * inner + i); c31.intoArray(dw, d0 + 3 * inner + i + L);
            }
            for (int q = 0; q < 4; q++) {
                for (int i = bound2; i < inner; i++) {
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += dz[r * cols + j + q] * a[rowOffset[r] + i];
                    }
                    dw[d0 + q * inner + i] = s;
                }
            }
        }
        for (; j < cols; j++) {
            int dj = dwOffset + j * inner;
            java.util.Arrays.fill(dw, dj, dj + inner, 0.0);
            for (int r = 0; r < rows; r++) {
                axpy(dz[r * cols + j], a, rowOffset[r], dw, dj, inner);
            }
        }
    }

    private static void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        int bound = S.loopBound(n);
        DoubleVector f = DoubleVector.broadcast(S, alpha);
        for (int i = 0; i < bound; i += L) {
            DoubleVector.fromArray(S, x, xo + i).fma(f, DoubleVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (int i = bound; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    public void inputGradient(double[] dz, int rows, int cols, double[] w, int wOffset, int inner, double[] da) {
        java.util.Arrays.fill(da, 0, rows * inner, 0.0);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                axpy(dz[r * cols + j], w, wOffset + j * inner, da, r * inner, inner);
            }
        }
    }
}
