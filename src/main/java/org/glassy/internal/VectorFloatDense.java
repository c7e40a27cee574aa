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
 *   <li><b>Forward</b> out = X·Wᵀ + b, with no reduction across lanes, in one of two layouts.
 *       <ul>
 *         <li><b>Examples in the lanes</b>, for ranges of at least 4 units per example (the 784-1000-10 network's
 *             first layer). The batch is transposed into a panel, xt[i][b] = X[b][i], in blocks of 7 vectors of
 *             examples (112 with 16 lanes; zero past the batch), about 350 kB at n_in = 784, kept in L2. Every 3
 *             units then sweep it in a 3 × 7 register tile: 21 accumulators; per input, 3 weights read from the
 *             float64 θ, rounded and broadcast, 7 loads of the panel, 21 FMAs. The weights are read once, with no
 *             float32 copy or transposition of W. Measured at 784 × 1000, batch 100, on a Zen 4 (2026-12-04, best of
 *             40 × 20 calls): 1.9–2.2 ms against 2.2–2.6 ms for the layout below. Rounding a tile's weights into a
 *             float buffer first, so that the tile broadcasts floats, made C2 give up on intrinsifying the tile at
 *             1000 units (38 ms).</li>
 *         <li><b>Units in the lanes</b>, otherwise (narrow layers, the output layer). The units go in tiles of 3
 *             vectors (1 for the last ≤ 2L units of a range). For each tile its rows of W, contiguous in the
 *             float64 parameter vector, are rounded to float32 into a per-thread buffer and transposed into a panel
 *             P[i][u] = W[j0 + u][i] (zero past the range; the biases after it), about 150 kB at n_in = 784, kept
 *             in L2. Every group of 4 examples then sweeps the panel in a 4 × 3 register tile: 12 accumulators; per
 *             input 3 loads of P, 4 broadcasts of X, 12 FMAs. Measured at 784 × 1000, batch 100, on a loaded Zen 4:
 *             the rounding takes 0.5–0.6 ms (memory-bound, as the whole-vector conversion it replaces), the
 *             transposition 0.45–0.55 ms, the tiles 1.7–2.0 ms. The dot-product tiles it replaced took 3.0–3.4 ms,
 *             of which their 16-lane reductions cost about 0.5 ms.</li>
 *       </ul></li>
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

    /**
     * Units per example from which the forward product transposes the batch rather than W: measured at 784 inputs
     * and batch 100 (2026-12-04, Zen 4), W's panel is faster at 100 and 200 units, the two are even at 400, the
     * batch's 15 % faster at 1000.
     */
    private static final int BY_EXAMPLES = 4;

    /** Vectors of examples per forward block: 7 (7 × 3 accumulators, 3 broadcast weights, one load: 25 registers). */
    private static final int BLOCK_VECTORS = 7;

    /** Each thread's transposed block of forward inputs, grown on demand. */
    private static final ThreadLocal<float[][]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[1][0]);

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
        // transpose W's rows of the range, or the batch's examples when the range has at least BY_EXAMPLES times
        // more units than the batch has examples
        if (colTo - colFrom < BY_EXAMPLES * rows) {
            forwardByUnits(a, rowOffset, rows, inner, theta, wOffset, cols, bias, biasOffset, out, colFrom, colTo);
        } else {
            forwardByExamples(a, rowOffset, rows, inner, theta, wOffset, cols, bias, biasOffset, out, colFrom, colTo);
        }
    }

    /**
     * The forward product with the examples in the lanes (at least {@link #BY_EXAMPLES} units per example): the
     * batch transposed into a panel per block of 7 vectors of examples, swept by 3 units × 7 vectors register tiles
     * that round and broadcast each weight as they read it from θ (class javadoc).
     */
    private static void forwardByExamples(float[] a, int[] rowOffset, int rows, int inner, double[] theta,
                                          int wOffset, int cols, double[] bias, int biasOffset, float[] out,
                                          int colFrom, int colTo) {
        float[] xt = buffer(TRANSPOSED, inner * BLOCK_VECTORS * L);
        float[] t = new float[3 * BLOCK_VECTORS * L];
        for (int r0 = 0; r0 < rows; r0 += BLOCK_VECTORS * L) {
            int nr = Math.min(rows - r0, BLOCK_VECTORS * L);
            int nv = (nr + L - 1) / L;
            int width = nv * L;
            // the block's examples transposed into the panel: xt[i·width + b] = X[r0 + b][i], zero past the batch
            for (int b = 0; b < nr; b++) {
                int src = rowOffset[r0 + b];
                for (int i = 0, q = b; i < inner; i++, q += width) {
                    xt[q] = a[src + i];
                }
            }
            for (int b = nr; b < width; b++) {
                for (int i = 0, q = b; i < inner; i++, q += width) {
                    xt[q] = 0;
                }
            }
            int j = colFrom;
            for (; j + 3 <= colTo; j += 3) {
                int w0 = wOffset + j * inner;
                if (nv == BLOCK_VECTORS) {
                    forwardTile3x7(xt, inner, theta, w0, t);
                } else {
                    for (int v = 0; v < nv; v += 2) {
                        forwardTile3x2(xt, width, inner, theta, w0, v, nv - v >= 2, t);
                    }
                }
                for (int u = 0; u < 3; u++) {
                    storeColumn(t, u * width, (float) bias[biasOffset + j + u], out, r0 * cols + j + u, cols, nr);
                }
            }
            for (; j < colTo; j++) {
                int w0 = wOffset + j * inner;
                for (int v = 0; v < nv; v++) {
                    FloatVector c = FloatVector.zero(S);
                    for (int i = 0, q = v * L; i < inner; i++, q += width) {
                        c = FloatVector.fromArray(S, xt, q).fma(FloatVector.broadcast(S, (float) theta[w0 + i]), c);
                    }
                    c.intoArray(t, v * L);
                }
                storeColumn(t, 0, (float) bias[biasOffset + j], out, r0 * cols + j, cols, nr);
            }
        }
    }

    /** out[k + b·cols] = t[from + b] + bias for the block's n examples b: one unit's column, its bias added last. */
    private static void storeColumn(float[] t, int from, float bias, float[] out, int k, int cols, int n) {
        for (int b = 0; b < n; b++, k += cols) {
            out[k] = t[from + b] + bias;
        }
    }

    /**
     * Three units × 7 vectors of examples of the forward product (see {@link #forward}): 21 accumulators; per
     * input 7 loads of the transposed panel, 3 weights rounded and broadcast, 21 FMAs. Writes t[u·7L + b].
     */
    private static void forwardTile3x7(float[] xt, int inner, double[] w, int w0, float[] t) {
        final int width = 7 * L;
        int w1 = w0 + inner;
        int w2 = w1 + inner;
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c04 = z, c05 = z, c06 = z;
        FloatVector c10 = z, c11 = z, c12 = z, c13 = z, c14 = z, c15 = z, c16 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c23 = z, c24 = z, c25 = z, c26 = z;
        for (int i = 0, q = 0; i < inner; i++, q += width) {
            FloatVector y0 = FloatVector.broadcast(S, (float) w[w0 + i]);
            FloatVector y1 = FloatVector.broadcast(S, (float) w[w1 + i]);
            FloatVector y2 = FloatVector.broadcast(S, (float) w[w2 + i]);
            FloatVector x = FloatVector.fromArray(S, xt, q);
            c00 = x.fma(y0, c00); c10 = x.fma(y1, c10); c20 = x.fma(y2, c20);
            x = FloatVector.fromArray(S, xt, q + L);
            c01 = x.fma(y0, c01); c11 = x.fma(y1, c11); c21 = x.fma(y2, c21);
            x = FloatVector.fromArray(S, xt, q + 2 * L);
            c02 = x.fma(y0, c02); c12 = x.fma(y1, c12); c22 = x.fma(y2, c22);
            x = FloatVector.fromArray(S, xt, q + 3 * L);
            c03 = x.fma(y0, c03); c13 = x.fma(y1, c13); c23 = x.fma(y2, c23);
            x = FloatVector.fromArray(S, xt, q + 4 * L);
            c04 = x.fma(y0, c04); c14 = x.fma(y1, c14); c24 = x.fma(y2, c24);
            x = FloatVector.fromArray(S, xt, q + 5 * L);
            c05 = x.fma(y0, c05); c15 = x.fma(y1, c15); c25 = x.fma(y2, c25);
            x = FloatVector.fromArray(S, xt, q + 6 * L);
            c06 = x.fma(y0, c06); c16 = x.fma(y1, c16); c26 = x.fma(y2, c26);
        }
        c00.intoArray(t, 0); c01.intoArray(t, L); c02.intoArray(t, 2 * L); c03.intoArray(t, 3 * L);
        c04.intoArray(t, 4 * L); c05.intoArray(t, 5 * L); c06.intoArray(t, 6 * L);
        int o = width;
        c10.intoArray(t, o); c11.intoArray(t, o + L); c12.intoArray(t, o + 2 * L); c13.intoArray(t, o + 3 * L);
        c14.intoArray(t, o + 4 * L); c15.intoArray(t, o + 5 * L); c16.intoArray(t, o + 6 * L);
        o += width;
        c20.intoArray(t, o); c21.intoArray(t, o + L); c22.intoArray(t, o + 2 * L); c23.intoArray(t, o + 3 * L);
        c24.intoArray(t, o + 4 * L); c25.intoArray(t, o + 5 * L); c26.intoArray(t, o + 6 * L);
    }

    /**
     * Three units × vectors v and v + 1 of examples (v alone unless {@code two}) of a block narrower than 7 vectors:
     * writes t[u·width + v·L + …].
     */
    private static void forwardTile3x2(float[] xt, int width, int inner, double[] w, int w0, int v, boolean two,
                                       float[] t) {
        int w1 = w0 + inner;
        int w2 = w1 + inner;
        int off = v * L;
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c10 = z, c20 = z, c01 = z, c11 = z, c21 = z;
        if (two) {
            for (int i = 0, q = off; i < inner; i++, q += width) {
                FloatVector y0 = FloatVector.broadcast(S, (float) w[w0 + i]);
                FloatVector y1 = FloatVector.broadcast(S, (float) w[w1 + i]);
                FloatVector y2 = FloatVector.broadcast(S, (float) w[w2 + i]);
                FloatVector x = FloatVector.fromArray(S, xt, q);
                c00 = x.fma(y0, c00); c10 = x.fma(y1, c10); c20 = x.fma(y2, c20);
                x = FloatVector.fromArray(S, xt, q + L);
                c01 = x.fma(y0, c01); c11 = x.fma(y1, c11); c21 = x.fma(y2, c21);
            }
            c01.intoArray(t, off + L); c11.intoArray(t, width + off + L); c21.intoArray(t, 2 * width + off + L);
        } else {
            for (int i = 0, q = off; i < inner; i++, q += width) {
                FloatVector x = FloatVector.fromArray(S, xt, q);
                c00 = x.fma(FloatVector.broadcast(S, (float) w[w0 + i]), c00);
                c10 = x.fma(FloatVector.broadcast(S, (float) w[w1 + i]), c10);
                c20 = x.fma(FloatVector.broadcast(S, (float) w[w2 + i]), c20);
            }
        }
        c00.intoArray(t, off); c10.intoArray(t, width + off); c20.intoArray(t, 2 * width + off);
    }

    /**
     * The forward product with the units in the lanes (fewer than {@link #BY_EXAMPLES} units per example): W's rows
     * rounded and transposed into a panel per tile of units, swept by 4 × 3 register tiles of examples (class
     * javadoc).
     */
    private static void forwardByUnits(float[] a, int[] rowOffset, int rows, int inner, double[] theta, int wOffset,
                                       int cols, double[] bias, int biasOffset, float[] out, int colFrom, int colTo) {
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
