package org.glassy.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatDense} on the JDK Vector API: register tiles of float32 fused multiply–adds inside cache blocks,
 * the structure of the float64 {@code VectorDense} with twice the lanes per vector (8 floats on AVX2).
 * Hand-written because these products are the measured hot loop of the float32 network step: the kernel it
 * replaced (one dot product or axpy per output unit, kept as the test reference {@code UnblockedVectorFloatDense})
 * made the 784-1000-10 step 2.5× slower than PyTorch's MKL sgemm (docs/benchmarks.md, issue 22). Thread CPU
 * time at 784 × 1000, batch 100, back to back on a loaded machine: forward 22 → 54 GFLOP/s, weight gradient
 * 24 → 56 (tiles) → 69–80 (packed X), the output layer's input gradient 24 → 45.
 *
 * <ul>
 *   <li><b>Forward</b> out = X·Wᵀ + b: units in blocks of {@code forwardBlock(n_in)} (a multiple of 12 with
 *       block × n_in × 4 bytes ≤ 256 kB: 72 units at n_in = 784), kept in L2; for each block every group of 4
 *       examples sweeps it in 4 × 3 register tiles (12 accumulators, 3 vectors of W, 1 of X: the 16 registers of
 *       AVX2; per vector of inputs 3 loads of W, 4 of X, 12 FMAs).</li>
 *   <li><b>Weight gradient</b> dW = δᵀ·X: input columns in blocks of {@code gradientBlock(B)} (a multiple of 3
 *       vectors with B × block × 4 bytes ≤ 128 kB: 312 columns at B = 100), kept in L2; for each block every
 *       group of 4 units accumulates 4 × 3 vectors of dW over the whole batch (per example 3 loads of X, 4
 *       broadcasts of δ, 12 FMAs) and stores them once. When at least 4 groups sweep a block, its rows of X (the
 *       batch's examples, scattered through the data set) are first packed into a per-thread panel, 3 vectors of
 *       each row after the other per tile, so that a tile reads one contiguous stream.</li>
 *   <li><b>Input gradient</b> dA = δ·W: per strip of 2 vectors of inputs, every group of 4 examples accumulates
 *       4 × 2 vectors over all units.</li>
 * </ul>
 *
 * <p><b>Summation order.</b> Each output element is one chain of float32 fused multiply–adds over its summation
 * index in increasing order: in the forward product lane-wise over whole vectors, then the lanes added by
 * {@code reduceLanes} and the scalar tail added by {@link Math#fma}, exactly as in the unblocked kernel (the tests
 * match it bit for bit); in the two gradients one chain per element from zero, so a vector lane and the scalar
 * tail compute the same thing and both gradients equal {@link FloatDense.Scalar}'s bit for bit. No element's
 * order depends on its tile, hence {@link FloatDense}'s range contract (bit-identical results whatever the
 * number of threads).
 */
final class VectorFloatDense implements FloatDense {

    /** The float species (256-bit with -Dglassy.vectorBits=256, as the float64 kernels). */
    static final VectorSpecies<Float> SPECIES = Integer.getInteger("glassy.vectorBits", 0) == 256
            ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> S = SPECIES;
    private static final int L = S.length();

    /** Bytes of W kept in L2 per forward block (half of a 512 kB L2). */
    private static final int FORWARD_BLOCK_BYTES = 256 << 10;
    /** Bytes of X kept in L2 per weight-gradient block. */
    private static final int GRADIENT_BLOCK_BYTES = 128 << 10;

    /** Groups of 4 units from which the weight gradient packs X (as in the float64 kernel). */
    private static final int PACK_GROUPS = 4;

    /** Each thread's packing buffer for a weight-gradient block of X, grown on demand. */
    private static final ThreadLocal<float[][]> PANEL = ThreadLocal.withInitial(() -> new float[1][0]);

    private static float[] panel(int length) {
        float[][] h = PANEL.get();
        if (h[0].length < length) {
            h[0] = new float[length];
        }
        return h[0];
    }

    /** Units per forward block: a multiple of 12 with units × inner × 4 ≤ 256 kB, at least 12. */
    static int forwardBlock(int inner) {
        return Math.max(12, FORWARD_BLOCK_BYTES / (4 * Math.max(1, inner)) / 12 * 12);
    }

    /** Input columns per weight-gradient block: a multiple of 3L with rows × block × 4 ≤ 128 kB, at least 3L. */
    static int gradientBlock(int rows) {
        return Math.max(3 * L, GRADIENT_BLOCK_BYTES / (4 * Math.max(1, rows)) / (3 * L) * (3 * L));
    }

    @Override
    public void forward(float[] a, int[] rowOffset, int rows, int inner, float[] w, int wOffset, int cols,
                        float[] bias, int biasOffset, float[] out, int colFrom, int colTo) {
        int bound = S.loopBound(inner);
        int block = forwardBlock(inner);
        for (int jb = colFrom; jb < colTo; jb += block) {
            int jEnd = Math.min(colTo, jb + block);
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                int a0 = rowOffset[r];
                int a1 = rowOffset[r + 1];
                int a2 = rowOffset[r + 2];
                int a3 = rowOffset[r + 3];
                int j = jb;
                for (; j + 3 <= jEnd; j += 3) {
                    int w0 = wOffset + j * inner;
                    int w1 = w0 + inner;
                    int w2 = w1 + inner;
                    FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00;
                    FloatVector c10 = c00, c11 = c00, c12 = c00;
                    FloatVector c20 = c00, c21 = c00, c22 = c00;
                    FloatVector c30 = c00, c31 = c00, c32 = c00;
                    for (int i = 0; i < bound; i += L) {
                        FloatVector v0 = FloatVector.fromArray(S, w, w0 + i);
                        FloatVector v1 = FloatVector.fromArray(S, w, w1 + i);
                        FloatVector v2 = FloatVector.fromArray(S, w, w2 + i);
                        FloatVector x = FloatVector.fromArray(S, a, a0 + i);
                        c00 = x.fma(v0, c00); c01 = x.fma(v1, c01); c02 = x.fma(v2, c02);
                        x = FloatVector.fromArray(S, a, a1 + i);
                        c10 = x.fma(v0, c10); c11 = x.fma(v1, c11); c12 = x.fma(v2, c12);
                        x = FloatVector.fromArray(S, a, a2 + i);
                        c20 = x.fma(v0, c20); c21 = x.fma(v1, c21); c22 = x.fma(v2, c22);
                        x = FloatVector.fromArray(S, a, a3 + i);
                        c30 = x.fma(v0, c30); c31 = x.fma(v1, c31); c32 = x.fma(v2, c32);
                    }
                    int o = r * cols + j;
                    int b = biasOffset + j;
                    out[o] = finish(c00, a, a0, w, w0, bound, inner) + bias[b];
                    out[o + 1] = finish(c01, a, a0, w, w1, bound, inner) + bias[b + 1];
                    out[o + 2] = finish(c02, a, a0, w, w2, bound, inner) + bias[b + 2];
                    o += cols;
                    out[o] = finish(c10, a, a1, w, w0, bound, inner) + bias[b];
                    out[o + 1] = finish(c11, a, a1, w, w1, bound, inner) + bias[b + 1];
                    out[o + 2] = finish(c12, a, a1, w, w2, bound, inner) + bias[b + 2];
                    o += cols;
                    out[o] = finish(c20, a, a2, w, w0, bound, inner) + bias[b];
                    out[o + 1] = finish(c21, a, a2, w, w1, bound, inner) + bias[b + 1];
                    out[o + 2] = finish(c22, a, a2, w, w2, bound, inner) + bias[b + 2];
                    o += cols;
                    out[o] = finish(c30, a, a3, w, w0, bound, inner) + bias[b];
                    out[o + 1] = finish(c31, a, a3, w, w1, bound, inner) + bias[b + 1];
                    out[o + 2] = finish(c32, a, a3, w, w2, bound, inner) + bias[b + 2];
                }
                for (; j < jEnd; j++) {
                    for (int p = 0; p < 4; p++) {
                        out[(r + p) * cols + j] = dot(a, rowOffset[r + p], w, wOffset + j * inner, inner)
                                + bias[biasOffset + j];
                    }
                }
            }
            for (; r < rows; r++) {
                for (int j = jb; j < jEnd; j++) {
                    out[r * cols + j] = dot(a, rowOffset[r], w, wOffset + j * inner, inner) + bias[biasOffset + j];
                }
            }
        }
    }

    /** The lanes of a dot product's accumulator added, then its scalar tail by fused multiply–adds in order. */
    private static float finish(FloatVector c, float[] a, int ao, float[] w, int wo, int bound, int inner) {
        float s = c.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < inner; i++) {
            s = Math.fma(a[ao + i], w[wo + i], s);
        }
        return s;
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int bound = S.loopBound(n);
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        }
        return finish(acc, a, ao, b, bo, bound, n);
    }

    @Override
    public void weightGradient(float[] dz, int rows, int cols, float[] a, int[] rowOffset, int inner, float[] dw,
                               int dwOffset, int dbOffset, int colFrom, int colTo) {
        for (int j = colFrom; j < colTo; j++) {
            float s = 0;
            for (int r = 0; r < rows; r++) {
                s += dz[r * cols + j];
            }
            dw[dbOffset + j] = s;
        }
        int bound = S.loopBound(inner);
        int block = gradientBlock(rows);
        // X's block packed into panels (per 3-vector tile, the rows one after the other) when at least
        // PACK_GROUPS groups of 4 units sweep it; the tiles then read src[xRow[r] + base] for their rows
        boolean packed = (colTo - colFrom) / 4 >= PACK_GROUPS;
        float[] panel = packed ? panel(rows * block) : null;
        float[] src = packed ? panel : a;
        int[] xRow = rowOffset;
        if (packed) {
            xRow = new int[rows];
            for (int r = 0; r < rows; r++) {
                xRow[r] = 3 * L * r;
            }
        }
        for (int ib = 0; ib < bound; ib += block) {
            int iEnd = Math.min(bound, ib + block);
            int tiled = packed ? ib + (iEnd - ib) / (3 * L) * (3 * L) : ib;
            for (int i = ib, q = 0; i < tiled; i += 3 * L) {
                for (int r = 0; r < rows; r++, q += 3 * L) {
                    int ar = rowOffset[r] + i;
                    FloatVector.fromArray(S, a, ar).intoArray(panel, q);
                    FloatVector.fromArray(S, a, ar + L).intoArray(panel, q + L);
                    FloatVector.fromArray(S, a, ar + 2 * L).intoArray(panel, q + 2 * L);
                }
            }
            int j = colFrom;
            for (; j + 4 <= colTo; j += 4) {
                int d0 = dwOffset + j * inner;
                int i = ib;
                for (; i + 3 * L <= iEnd; i += 3 * L) {
                    FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00;
                    FloatVector c10 = c00, c11 = c00, c12 = c00;
                    FloatVector c20 = c00, c21 = c00, c22 = c00;
                    FloatVector c30 = c00, c31 = c00, c32 = c00;
                    int base = packed ? (i - ib) * rows : i;
                    for (int r = 0; r < rows; r++) {
                        int ar = xRow[r] + base;
                        FloatVector x0 = FloatVector.fromArray(S, src, ar);
                        FloatVector x1 = FloatVector.fromArray(S, src, ar + L);
                        FloatVector x2 = FloatVector.fromArray(S, src, ar + 2 * L);
                        int g = r * cols + j;
                        FloatVector f = FloatVector.broadcast(S, dz[g]);
                        c00 = x0.fma(f, c00); c01 = x1.fma(f, c01); c02 = x2.fma(f, c02);
                        f = FloatVector.broadcast(S, dz[g + 1]);
                        c10 = x0.fma(f, c10); c11 = x1.fma(f, c11); c12 = x2.fma(f, c12);
                        f = FloatVector.broadcast(S, dz[g + 2]);
                        c20 = x0.fma(f, c20); c21 = x1.fma(f, c21); c22 = x2.fma(f, c22);
                        f = FloatVector.broadcast(S, dz[g + 3]);
                        c30 = x0.fma(f, c30); c31 = x1.fma(f, c31); c32 = x2.fma(f, c32);
                    }
                    int o = d0 + i;
                    c00.intoArray(dw, o); c01.intoArray(dw, o + L); c02.intoArray(dw, o + 2 * L);
                    o += inner;
                    c10.intoArray(dw, o); c11.intoArray(dw, o + L); c12.intoArray(dw, o + 2 * L);
                    o += inner;
                    c20.intoArray(dw, o); c21.intoArray(dw, o + L); c22.intoArray(dw, o + 2 * L);
                    o += inner;
                    c30.intoArray(dw, o); c31.intoArray(dw, o + L); c32.intoArray(dw, o + 2 * L);
                }
                for (; i < iEnd; i += L) {
                    FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
                    for (int r = 0; r < rows; r++) {
                        FloatVector x0 = FloatVector.fromArray(S, a, rowOffset[r] + i);
                        int g = r * cols + j;
                        c0 = x0.fma(FloatVector.broadcast(S, dz[g]), c0);
                        c1 = x0.fma(FloatVector.broadcast(S, dz[g + 1]), c1);
                        c2 = x0.fma(FloatVector.broadcast(S, dz[g + 2]), c2);
                        c3 = x0.fma(FloatVector.broadcast(S, dz[g + 3]), c3);
                    }
                    int o = d0 + i;
                    c0.intoArray(dw, o);
                    c1.intoArray(dw, o + inner);
                    c2.intoArray(dw, o + 2 * inner);
                    c3.intoArray(dw, o + 3 * inner);
                }
            }
            for (; j < colTo; j++) {
                int d0 = dwOffset + j * inner;
                for (int i = ib; i < iEnd; i += L) {
                    FloatVector c = FloatVector.zero(S);
                    for (int r = 0; r < rows; r++) {
                        c = FloatVector.fromArray(S, a, rowOffset[r] + i)
                                .fma(FloatVector.broadcast(S, dz[r * cols + j]), c);
                    }
                    c.intoArray(dw, d0 + i);
                }
            }
        }
        for (int j = colFrom; j < colTo; j++) {
            int d0 = dwOffset + j * inner;
            for (int i = bound; i < inner; i++) {
                float s = 0;
                for (int r = 0; r < rows; r++) {
                    s = Math.fma(a[rowOffset[r] + i], dz[r * cols + j], s);
                }
                dw[d0 + i] = s;
            }
        }
    }

    @Override
    public void inputGradient(float[] dz, int rows, int cols, float[] w, int wOffset, int inner, float[] da,
                              int rowFrom, int rowTo) {
        int bound = S.loopBound(inner);
        int i = 0;
        for (; i + 2 * L <= bound; i += 2 * L) {
            int r = rowFrom;
            for (; r + 4 <= rowTo; r += 4) {
                FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
                FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
                int g = r * cols;
                for (int j = 0; j < cols; j++) {
                    int wj = wOffset + j * inner + i;
                    FloatVector v0 = FloatVector.fromArray(S, w, wj);
                    FloatVector v1 = FloatVector.fromArray(S, w, wj + L);
                    FloatVector f = FloatVector.broadcast(S, dz[g + j]);
                    c00 = v0.fma(f, c00); c01 = v1.fma(f, c01);
                    f = FloatVector.broadcast(S, dz[g + cols + j]);
                    c10 = v0.fma(f, c10); c11 = v1.fma(f, c11);
                    f = FloatVector.broadcast(S, dz[g + 2 * cols + j]);
                    c20 = v0.fma(f, c20); c21 = v1.fma(f, c21);
                    f = FloatVector.broadcast(S, dz[g + 3 * cols + j]);
                    c30 = v0.fma(f, c30); c31 = v1.fma(f, c31);
                }
                int o = r * inner + i;
                c00.intoArray(da, o); c01.intoArray(da, o + L);
                o += inner;
                c10.intoArray(da, o); c11.intoArray(da, o + L);
                o += inner;
                c20.intoArray(da, o); c21.intoArray(da, o + L);
                o += inner;
                c30.intoArray(da, o); c31.intoArray(da, o + L);
            }
            for (; r < rowTo; r++) {
                inputGradientVector(dz, r, cols, w, wOffset, inner, da, i);
                inputGradientVector(dz, r, cols, w, wOffset, inner, da, i + L);
            }
        }
        for (; i < bound; i += L) {
            for (int r = rowFrom; r < rowTo; r++) {
                inputGradientVector(dz, r, cols, w, wOffset, inner, da, i);
            }
        }
        for (int r = rowFrom; r < rowTo; r++) {
            for (int k = bound; k < inner; k++) {
                float s = 0;
                for (int j = 0; j < cols; j++) {
                    s = Math.fma(w[wOffset + j * inner + k], dz[r * cols + j], s);
                }
                da[r * inner + k] = s;
            }
        }
    }

    /** One vector of one row of the input gradient: the chain of FMAs over the units in order. */
    private static void inputGradientVector(float[] dz, int r, int cols, float[] w, int wOffset, int inner,
                                            float[] da, int i) {
        FloatVector c = FloatVector.zero(S);
        for (int j = 0; j < cols; j++) {
            c = FloatVector.fromArray(S, w, wOffset + j * inner + i).fma(FloatVector.broadcast(S, dz[r * cols + j]), c);
        }
        c.intoArray(da, r * inner + i);
    }
}
