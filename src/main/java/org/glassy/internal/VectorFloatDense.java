package org.glassy.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatDense} on the JDK Vector API: register tiles of float32 fused multiply–adds inside cache blocks,
 * the structure of the float64 {@code VectorDense} with twice the lanes per vector (8 floats on AVX2).
 * Hand-written because these products are the measured hot loop of the float32 network step: the kernel it
 * replaced (one dot product or axpy per output unit, kept as the test reference {@code UnblockedVectorFloatDense})
 * made the 784-1000-10 step 2.5× slower than PyTorch's MKL sgemm (docs/benchmarks.md, issue 22). Thread CPU
 * time at 784 × 1000, batch 100, back to back on a loaded machine: forward 22 → 54 GFLOP/s (dot products with a
 * lane reduction per output) → about 80 with the packing (below, 2026-12-03), weight gradient 24 → 56 (tiles) →
 * 69–80 (packed X), the output layer's input gradient 24 → 45.
 *
 * <ul>
 *   <li><b>Forward</b> out = X·Wᵀ + b, vectorised over the output units so that no output needs a reduction
 *       across lanes: the units in tiles of 3 vectors (1 for the last ≤ 2L units of a range); for each tile its
 *       rows of W, contiguous in the float64 parameter vector, are rounded to float32 into a per-thread buffer and
 *       transposed into a panel P[i][u] = W[j0 + u][i] (zero past the range; the biases after it), about 150 kB
 *       at n_in = 784, kept in L2; every group of 4 examples then sweeps the panel in a 4 × 3 register tile
 *       (12 accumulators; per input 3 loads of P, 4 broadcasts of X, 12 FMAs). Measured at 784 × 1000, batch
 *       100, on a loaded Zen 4: the rounding 0.5–0.6 ms (memory-bound, as the whole-vector conversion it replaces),
 *       the transposition 0.45–0.55 ms, the tiles 1.7–2.0 ms, against 3.0–3.4 ms for the dot-product tiles whose
 *       16-lane reductions cost about 0.5 ms.</li>
 *   <li><b>Weight gradient</b> dW = δᵀ·X: input columns in blocks of {@code gradientBlock(B)} (a multiple of 3
 *       vectors with B × block × 4 bytes ≤ 128 kB: 312 columns at B = 100), kept in L2; for each block every
 *       group of 4 units accumulates 4 × 3 vectors of dW over the whole batch (per example 3 loads of X, 4
 *       broadcasts of δ, 12 FMAs) and stores them once. When at least 4 groups sweep a block, its rows of X (the
 *       batch's examples, scattered through the data set) are first packed into a per-thread panel, 3 vectors of
 *       each row after the other per tile, so that a tile reads one contiguous stream. (Storing the sums widened
 *       straight into the float64 gradient was tried and was slower than this float32 store and one streaming
 *       conversion pass, 3.0–3.9 against 2.8 ms on a loaded machine: the scattered float64 stores stall the
 *       tiles.)</li>
 *   <li><b>Input gradient</b> dA = δ·W: per strip of 2 vectors of inputs, every group of 4 examples accumulates
 *       4 × 2 vectors over all units.</li>
 * </ul>
 *
 * <p><b>Summation order.</b> Each output element is one chain of float32 fused multiply–adds over its summation
 * index in increasing order from zero (the forward product's bias added last), a lane of a vector or a scalar
 * alike, so all three products equal {@link FloatDense.Scalar}'s bit for bit (tested), and the gradients also
 * the unblocked kernels'. No element's order depends on its tile, hence {@link FloatDense}'s range contract
 * (bit-identical results whatever the number of threads).
 */
final class VectorFloatDense implements FloatDense {

    /** The float species (256-bit with -Dglassy.vectorBits=256, as the float64 kernels). */
    static final VectorSpecies<Float> SPECIES = Integer.getInteger("glassy.vectorBits", 0) == 256
            ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> S = SPECIES;
    private static final int L = S.length();
    /** Half a float vector (L/2 lanes), the width that converts to and from one vector of doubles. */
    private static final VectorSpecies<Float> HALF =
            VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));
    /** A double vector of L/2 lanes. */
    private static final VectorSpecies<Double> WIDE =
            VectorSpecies.of(double.class, VectorShape.forBitSize(S.vectorBitSize()));
    private static final int H = L / 2;

    /** Bytes of X kept in L2 per weight-gradient block. */
    private static final int GRADIENT_BLOCK_BYTES = 128 << 10;

    /** Groups of 4 units from which the weight gradient packs X (as in the float64 kernel). */
    private static final int PACK_GROUPS = 4;

    /** Each thread's packing buffer for a weight-gradient block of X, grown on demand. */
    private static final ThreadLocal<float[][]> PANEL = ThreadLocal.withInitial(() -> new float[1][0]);

    /** Each thread's float32 copy of a forward block of W and its biases, grown on demand. */
    private static final ThreadLocal<float[][]> WEIGHTS = ThreadLocal.withInitial(() -> new float[1][0]);

    private static float[] panel(int length) {
        return buffer(PANEL, length);
    }

    private static float[] buffer(ThreadLocal<float[][]> holder, int length) {
        float[][] h = holder.get();
        if (h[0].length < length) {
            h[0] = new float[length];
        }
        return h[0];
    }

    /** dst[k] = (float) src[from + k] for k &lt; n: float64 to float32, rounding to nearest, a vector at a time. */
    private static void narrow(double[] src, int from, float[] dst, int n) {
        int k = 0;
        for (int bound = n - H; k <= bound; k += H) {
            ((FloatVector) DoubleVector.fromArray(WIDE, src, from + k).convertShape(VectorOperators.D2F, HALF, 0))
                    .intoArray(dst, k);
        }
        for (; k < n; k++) {
            dst[k] = (float) src[from + k];
        }
    }

    /** Input columns per weight-gradient block: a multiple of 3L with rows × block × 4 ≤ 128 kB, at least 3L. */
    static int gradientBlock(int rows) {
        return Math.max(3 * L, GRADIENT_BLOCK_BYTES / (4 * Math.max(1, rows)) / (3 * L) * (3 * L));
    }

    @Override
    public void forward(float[] a, int[] rowOffset, int rows, int inner, double[] theta, int wOffset, int cols,
                        double[] bias, int biasOffset, float[] out, int colFrom, int colTo) {
        float[] stage = buffer(WEIGHTS, 3 * L * inner);
        float[] p = panel(3 * L * (inner + 1));
        float[] t = new float[3 * L];
        for (int j0 = colFrom; j0 < colTo; ) {
            int n = colTo - j0;
            int v = n > 2 * L ? 3 : 1;
            int width = v * L;
            n = Math.min(n, width);
            // the tile's weights, contiguous rows of theta, rounded to float32, then transposed into the panel:
            // p[i·width + u] = W[j0 + u][i], zero for the units past the range; the biases after them
            narrow(theta, wOffset + j0 * inner, stage, n * inner);
            int i = 0;
            for (; i + 4 <= inner; i += 4) {
                // four inputs at a time: 4 consecutive floats of a row of W to 4 rows of the panel
                int q = i * width;
                for (int u = 0, k = i; u < n; u++, k += inner) {
                    float s0 = stage[k];
                    float s1 = stage[k + 1];
                    float s2 = stage[k + 2];
                    float s3 = stage[k + 3];
                    p[q + u] = s0;
                    p[q + width + u] = s1;
                    p[q + 2 * width + u] = s2;
                    p[q + 3 * width + u] = s3;
                }
                for (int u = n; u < width; u++) {
                    p[q + u] = 0;
                    p[q + width + u] = 0;
                    p[q + 2 * width + u] = 0;
                    p[q + 3 * width + u] = 0;
                }
            }
            for (; i < inner; i++) {
                int q = i * width;
                for (int u = 0, k = i; u < n; u++, k += inner) {
                    p[q + u] = stage[k];
                }
                for (int u = n; u < width; u++) {
                    p[q + u] = 0;
                }
            }
            int pb = inner * width;
            for (int u = 0; u < width; u++) {
                p[pb + u] = u < n ? (float) bias[biasOffset + j0 + u] : 0;
            }
            if (v == 3) {
                forwardTile3(a, rowOffset, rows, inner, p, out, cols, j0, n, t);
            } else {
                forwardTile1(a, rowOffset, rows, inner, p, out, cols, j0, n, t);
            }
            j0 += n;
        }
    }

    /**
     * Rows × 3 vectors of units of the forward product from a packed panel (see {@link #forward}): every group of
     * 4 rows accumulates 4 × 3 vectors, per input 3 loads of the panel, 4 broadcasts of X, 12 FMAs.
     */
    private static void forwardTile3(float[] a, int[] rowOffset, int rows, int inner, float[] p, float[] out,
                                     int cols, int j0, int n, float[] t) {
        final int width = 3 * L;
        int pb = inner * width;
        FloatVector b0 = FloatVector.fromArray(S, p, pb);
        FloatVector b1 = FloatVector.fromArray(S, p, pb + L);
        FloatVector b2 = FloatVector.fromArray(S, p, pb + 2 * L);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = rowOffset[r];
            int a1 = rowOffset[r + 1];
            int a2 = rowOffset[r + 2];
            int a3 = rowOffset[r + 3];
            FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00;
            FloatVector c10 = c00, c11 = c00, c12 = c00;
            FloatVector c20 = c00, c21 = c00, c22 = c00;
            FloatVector c30 = c00, c31 = c00, c32 = c00;
            for (int i = 0, q = 0; i < inner; i++, q += width) {
                FloatVector v0 = FloatVector.fromArray(S, p, q);
                FloatVector v1 = FloatVector.fromArray(S, p, q + L);
                FloatVector v2 = FloatVector.fromArray(S, p, q + 2 * L);
                FloatVector x = FloatVector.broadcast(S, a[a0 + i]);
                c00 = x.fma(v0, c00); c01 = x.fma(v1, c01); c02 = x.fma(v2, c02);
                x = FloatVector.broadcast(S, a[a1 + i]);
                c10 = x.fma(v0, c10); c11 = x.fma(v1, c11); c12 = x.fma(v2, c12);
                x = FloatVector.broadcast(S, a[a2 + i]);
                c20 = x.fma(v0, c20); c21 = x.fma(v1, c21); c22 = x.fma(v2, c22);
                x = FloatVector.broadcast(S, a[a3 + i]);
                c30 = x.fma(v0, c30); c31 = x.fma(v1, c31); c32 = x.fma(v2, c32);
            }
            int o = r * cols + j0;
            if (n == width) {
                c00.add(b0).intoArray(out, o); c01.add(b1).intoArray(out, o + L); c02.add(b2).intoArray(out, o + 2 * L);
                o += cols;
                c10.add(b0).intoArray(out, o); c11.add(b1).intoArray(out, o + L); c12.add(b2).intoArray(out, o + 2 * L);
                o += cols;
                c20.add(b0).intoArray(out, o); c21.add(b1).intoArray(out, o + L); c22.add(b2).intoArray(out, o + 2 * L);
                o += cols;
                c30.add(b0).intoArray(out, o); c31.add(b1).intoArray(out, o + L); c32.add(b2).intoArray(out, o + 2 * L);
            } else {
                c00.add(b0).intoArray(t, 0); c01.add(b1).intoArray(t, L); c02.add(b2).intoArray(t, 2 * L);
                System.arraycopy(t, 0, out, o, n);
                o += cols;
                c10.add(b0).intoArray(t, 0); c11.add(b1).intoArray(t, L); c12.add(b2).intoArray(t, 2 * L);
                System.arraycopy(t, 0, out, o, n);
                o += cols;
                c20.add(b0).intoArray(t, 0); c21.add(b1).intoArray(t, L); c22.add(b2).intoArray(t, 2 * L);
                System.arraycopy(t, 0, out, o, n);
                o += cols;
                c30.add(b0).intoArray(t, 0); c31.add(b1).intoArray(t, L); c32.add(b2).intoArray(t, 2 * L);
                System.arraycopy(t, 0, out, o, n);
            }
        }
        for (; r < rows; r++) {
            int a0 = rowOffset[r];
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0;
            for (int i = 0, q = 0; i < inner; i++, q += width) {
                FloatVector x = FloatVector.broadcast(S, a[a0 + i]);
                c0 = x.fma(FloatVector.fromArray(S, p, q), c0);
                c1 = x.fma(FloatVector.fromArray(S, p, q + L), c1);
                c2 = x.fma(FloatVector.fromArray(S, p, q + 2 * L), c2);
            }
            c0.add(b0).intoArray(t, 0); c1.add(b1).intoArray(t, L); c2.add(b2).intoArray(t, 2 * L);
            System.arraycopy(t, 0, out, r * cols + j0, n);
        }
    }

    /** Rows × 1 vector of units (at most L units, the last of a range or a narrow layer) from a packed panel. */
    private static void forwardTile1(float[] a, int[] rowOffset, int rows, int inner, float[] p, float[] out,
                                     int cols, int j0, int n, float[] t) {
        FloatVector b0 = FloatVector.fromArray(S, p, inner * L);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int a0 = rowOffset[r];
            int a1 = rowOffset[r + 1];
            int a2 = rowOffset[r + 2];
            int a3 = rowOffset[r + 3];
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
            for (int i = 0, q = 0; i < inner; i++, q += L) {
                FloatVector v0 = FloatVector.fromArray(S, p, q);
                c0 = FloatVector.broadcast(S, a[a0 + i]).fma(v0, c0);
                c1 = FloatVector.broadcast(S, a[a1 + i]).fma(v0, c1);
                c2 = FloatVector.broadcast(S, a[a2 + i]).fma(v0, c2);
                c3 = FloatVector.broadcast(S, a[a3 + i]).fma(v0, c3);
            }
            c0.add(b0).intoArray(t, 0);
            System.arraycopy(t, 0, out, r * cols + j0, n);
            c1.add(b0).intoArray(t, 0);
            System.arraycopy(t, 0, out, (r + 1) * cols + j0, n);
            c2.add(b0).intoArray(t, 0);
            System.arraycopy(t, 0, out, (r + 2) * cols + j0, n);
            c3.add(b0).intoArray(t, 0);
            System.arraycopy(t, 0, out, (r + 3) * cols + j0, n);
        }
        for (; r < rows; r++) {
            int a0 = rowOffset[r];
            FloatVector c0 = FloatVector.zero(S);
            for (int i = 0, q = 0; i < inner; i++, q += L) {
                c0 = FloatVector.broadcast(S, a[a0 + i]).fma(FloatVector.fromArray(S, p, q), c0);
            }
            c0.add(b0).intoArray(t, 0);
            System.arraycopy(t, 0, out, r * cols + j0, n);
        }
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

    @Override
    public void reluMask(float[] activation, float[] delta, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector d = FloatVector.fromArray(S, delta, i);
            d.blend(0f, FloatVector.fromArray(S, activation, i).compare(VectorOperators.LE, 0f)).intoArray(delta, i);
        }
        for (; i < n; i++) {
            if (activation[i] <= 0) {
                delta[i] = 0;
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
