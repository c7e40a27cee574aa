package org.glassy.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Dense} on the JDK Vector API: register tiles of fused multiply–adds inside cache blocks. Hand-written
 * because these loops are the measured hot spot of every network study (JFR on a 784-10⁴-10 SGD step: 47 %
 * of the samples in the forward product, 37 % in the weight gradient; docs/benchmarks.md).
 *
 * <p><b>Why blocking.</b> With B = 100 examples and n_in = 784 inputs the first-layer matrix of H units is
 * 784·H·8 bytes: 63 MB at H = 10⁴, far beyond the 512 kB L2 per core and the 8 MB L3 of the machine the
 * numbers were taken on. The unblocked kernels swept all of W once per group of four examples in the forward
 * product (25 passes over 63 MB per step) and all of the inputs X (B × n_in, 627 kB, more than L2) once per
 * group of four units in the weight gradient (2500 passes at H = 10⁴), so both ran at the speed of L3 or
 * memory instead of the FMA units. The blocks below make every large operand come from memory once per call:
 *
 * <ul>
 *   <li><b>Forward</b> out = X·Wᵀ + b: the units are cut into blocks of {@code forwardBlock(n_in)} units, a
 *       multiple of 12 with block × n_in × 8 bytes ≤ 256 kB (36 units at n_in = 784), which stay in L2; for each
 *       block, every group of 4 examples (4 rows of X, 25 kB, in L1) sweeps the block in 4 × 3 register tiles
 *       (4 examples × 3 units: 12 accumulators, 3 vectors of W and one of X, the 16 registers of AVX2; per
 *       vector of inputs 3 loads of W, 4 of X and 12 FMAs — the 4 × 4 tile it replaced needed 21 registers
 *       and spilled, measured 9.7 against 6.9 GFLOP/s of thread CPU time at 784 × 1000 on a loaded machine).
 *       W is read from memory once per step; X, which fits L3, once per block from L3.</li>
 *   <li><b>Weight gradient</b> dW = δᵀ·X: the inputs are cut into blocks of {@code gradientBlock(B)} columns,
 *       a multiple of 6 vectors with B × block × 8 bytes ≤ 128 kB (144 columns at B = 100, 4-double vectors),
 *       which stay in L2; for each block every group of 4 units accumulates 4 × 3 vectors of dW in registers
 *       over the whole batch (per example 3 loads of X, 4 broadcasts of δ, 12 FMAs) and stores them once. The 4 × B values of
 *       δ a group reads (B cache lines) stay in L1 across the block. dW is written once; X comes from L2.
 *       <b>Packing:</b> when at least {@code PACK_GROUPS} = 4 groups of 4 units sweep a block, the block's rows of
 *       X (the batch's examples, scattered through the data set) are first copied into a per-thread panel,
 *       3 vectors of each row after the other per tile, so that a tile reads one contiguous stream instead of B
 *       rows 6 kB apart: weight gradient 28 → 37 GFLOP/s of thread CPU time at 784 × 1000 (784 × 100: 31 → 38;
 *       784 × 10⁴: 26 → 31), back to back on a loaded machine. Packing W into tile-contiguous panels for the
 *       forward product (one stream instead of three rows) was measured too and gave nothing (39.0 → 37.0,
 *       33.9 → 32.6, 31.5 → 29.7 GFLOP/s at H = 100, 1000, 10⁴; the block of W is in L2 either way),
 *       so it is not done.</li>
 *   <li><b>Input gradient</b> dA = δ·W (only hidden layers need it; for the 784-H-10 network it is the
 *       H × 10 output layer): per strip of 2 vectors of inputs, every group of 4 examples accumulates 4 × 2
 *       vectors over all units, so the strip of W (units × 64 bytes) stays in L1 or L2 across the batch.</li>
 * </ul>
 *
 * <p><b>Same numbers as without blocking.</b> Blocking reorders the loops, never a sum: each output element
 * is one chain of fused multiply–adds over its summation index in increasing order, lane-wise over whole
 * vectors, then (forward) the lanes added by {@code reduceLanes} and the scalar tail added in order, exactly as
 * in the unblocked kernels this class replaced (kept as the test reference {@code UnblockedVectorDense}, which
 * the tests match bit for bit). The one place where the arithmetic depends on a tile: in the weight gradient
 * the units of whole groups of 4 (j &lt; cols − cols mod 4) take the vector path up to a multiple of 2 vectors
 * and the others up to a multiple of 1 vector, the rest by scalar (unfused) multiply–adds; tiles are anchored
 * at multiples of {@link Dense#ALIGN}, so a range that starts at such a multiple reproduces it. Hence
 * {@link Dense}'s contract: disjoint ranges on any threads write the numbers of the full call.
 */
final class VectorDense implements Dense {

    /** The one vector species of all the library's kernels (256-bit with -Dglassy.vectorBits=256). */
    static final VectorSpecies<Double> SPECIES = Integer.getInteger("glassy.vectorBits", 0) == 256
            ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> S = SPECIES;
    private static final int L = S.length();

    /** Bytes of W kept in L2 per forward block (half of a 512 kB L2). */
    private static final int FORWARD_BLOCK_BYTES = 256 << 10;
    /** Bytes of X kept in L2 per weight-gradient block. */
    private static final int GRADIENT_BLOCK_BYTES = 128 << 10;

    /**
     * Groups of 4 units from which the weight gradient packs X: packing reads and writes the block once, and
     * pays when enough groups then read it contiguously (measured: a gain with 25 groups, 784 × 100, a loss of
     * ~8 % with 2, the 10-unit output layer).
     */
    private static final int PACK_GROUPS = 4;

    /** Each thread's packing buffer for a weight-gradient block of X, grown on demand. */
    private static final ThreadLocal<double[][]> PANEL = ThreadLocal.withInitial(() -> new double[1][0]);

    private static double[] panel(int length) {
        double[][] h = PANEL.get();
        if (h[0].length < length) {
            h[0] = new double[length];
        }
        return h[0];
    }

    /**
     * Units per forward block: a multiple of 12 (whole 3-unit tiles, and a multiple of {@link Dense#ALIGN}) with
     * units × inner × 8 ≤ 256 kB, at least 12.
     */
    static int forwardBlock(int inner) {
        return Math.max(12, FORWARD_BLOCK_BYTES / (8 * Math.max(1, inner)) / 12 * 12);
    }

    /** Input columns per weight-gradient block: a multiple of 6L with rows × block × 8 ≤ 128 kB, at least 6L. */
    static int gradientBlock(int rows) {
        return Math.max(6 * L, GRADIENT_BLOCK_BYTES / (8 * Math.max(1, rows)) / (6 * L) * (6 * L));
    }

    @Override
    public void forward(double[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols,
                        double[] bias, int biasOffset, double[] out, int colFrom, int colTo) {
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
                    DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00;
                    DoubleVector c10 = c00, c11 = c00, c12 = c00;
                    DoubleVector c20 = c00, c21 = c00, c22 = c00;
                    DoubleVector c30 = c00, c31 = c00, c32 = c00;
                    for (int i = 0; i < bound; i += L) {
                        DoubleVector v0 = DoubleVector.fromArray(S, w, w0 + i);
                        DoubleVector v1 = DoubleVector.fromArray(S, w, w1 + i);
                        DoubleVector v2 = DoubleVector.fromArray(S, w, w2 + i);
                        DoubleVector x = DoubleVector.fromArray(S, a, a0 + i);
                        c00 = x.fma(v0, c00); c01 = x.fma(v1, c01); c02 = x.fma(v2, c02);
                        x = DoubleVector.fromArray(S, a, a1 + i);
                        c10 = x.fma(v0, c10); c11 = x.fma(v1, c11); c12 = x.fma(v2, c12);
                        x = DoubleVector.fromArray(S, a, a2 + i);
                        c20 = x.fma(v0, c20); c21 = x.fma(v1, c21); c22 = x.fma(v2, c22);
                        x = DoubleVector.fromArray(S, a, a3 + i);
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

    /** The lanes of a dot product's accumulator added, then its scalar tail in order. */
    private static double finish(DoubleVector c, double[] a, int ao, double[] w, int wo, int bound, int inner) {
        double s = c.reduceLanes(VectorOperators.ADD);
        for (int i = bound; i < inner; i++) {
            s += a[ao + i] * w[wo + i];
        }
        return s;
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        int bound = S.loopBound(n);
        DoubleVector acc = DoubleVector.zero(S);
        for (int i = 0; i < bound; i += L) {
            acc = DoubleVector.fromArray(S, a, ao + i).fma(DoubleVector.fromArray(S, b, bo + i), acc);
        }
        return finish(acc, a, ao, b, bo, bound, n);
    }

    @Override
    public void weightGradient(double[] dz, int rows, int cols, double[] a, int[] rowOffset, int inner, double[] dw,
                               int dwOffset, int dbOffset, int colFrom, int colTo) {
        for (int j = colFrom; j < colTo; j++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += dz[r * cols + j];
            }
            dw[dbOffset + j] = s;
        }
        int groupEnd = Math.min(colTo, cols - cols % 4);   // units of whole groups of 4 (colFrom is aligned)
        int tailFrom = Math.max(colFrom, groupEnd);
        int bound2 = inner - inner % (2 * L);              // vector part of a grouped unit
        int bound1 = S.loopBound(inner);                   // vector part of a unit of the tail
        int block = gradientBlock(rows);
        // X's block packed into panels (per 3-vector tile, the rows one after the other) when at least
        // PACK_GROUPS groups of 4 units sweep it; the tiles then read src[xRow[r] + base] for their rows
        boolean packed = (groupEnd - colFrom) / 4 >= PACK_GROUPS;
        double[] panel = packed ? panel(rows * block) : null;
        double[] src = packed ? panel : a;
        int[] xRow = rowOffset;
        if (packed) {
            xRow = new int[rows];
            for (int r = 0; r < rows; r++) {
                xRow[r] = 3 * L * r;
            }
        }
        for (int ib = 0; ib < bound1; ib += block) {
            int iEnd = Math.min(bound2, ib + block);
            int tiled = packed ? ib + Math.max(0, iEnd - ib) / (3 * L) * (3 * L) : ib;
            for (int i = ib, q = 0; i < tiled; i += 3 * L) {
                for (int r = 0; r < rows; r++, q += 3 * L) {
                    int ar = rowOffset[r] + i;
                    DoubleVector.fromArray(S, a, ar).intoArray(panel, q);
                    DoubleVector.fromArray(S, a, ar + L).intoArray(panel, q + L);
                    DoubleVector.fromArray(S, a, ar + 2 * L).intoArray(panel, q + 2 * L);
                }
            }
            for (int j = colFrom; j + 4 <= groupEnd; j += 4) {
                int d0 = dwOffset + j * inner;
                int i = ib;
                for (; i + 3 * L <= iEnd; i += 3 * L) {
                    DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00;
                    DoubleVector c10 = c00, c11 = c00, c12 = c00;
                    DoubleVector c20 = c00, c21 = c00, c22 = c00;
                    DoubleVector c30 = c00, c31 = c00, c32 = c00;
                    int base = packed ? (i - ib) * rows : i;
                    for (int r = 0; r < rows; r++) {
                        int ar = xRow[r] + base;
                        DoubleVector x0 = DoubleVector.fromArray(S, src, ar);
                        DoubleVector x1 = DoubleVector.fromArray(S, src, ar + L);
                        DoubleVector x2 = DoubleVector.fromArray(S, src, ar + 2 * L);
                        int g = r * cols + j;
                        DoubleVector f = DoubleVector.broadcast(S, dz[g]);
                        c00 = x0.fma(f, c00); c01 = x1.fma(f, c01); c02 = x2.fma(f, c02);
                        f = DoubleVector.broadcast(S, dz[g + 1]);
                        c10 = x0.fma(f, c10); c11 = x1.fma(f, c11); c12 = x2.fma(f, c12);
                        f = DoubleVector.broadcast(S, dz[g + 2]);
                        c20 = x0.fma(f, c20); c21 = x1.fma(f, c21); c22 = x2.fma(f, c22);
                        f = DoubleVector.broadcast(S, dz[g + 3]);
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
                    DoubleVector c0 = DoubleVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
                    for (int r = 0; r < rows; r++) {
                        DoubleVector x0 = DoubleVector.fromArray(S, a, rowOffset[r] + i);
                        int g = r * cols + j;
                        c0 = x0.fma(DoubleVector.broadcast(S, dz[g]), c0);
                        c1 = x0.fma(DoubleVector.broadcast(S, dz[g + 1]), c1);
                        c2 = x0.fma(DoubleVector.broadcast(S, dz[g + 2]), c2);
                        c3 = x0.fma(DoubleVector.broadcast(S, dz[g + 3]), c3);
                    }
                    int o = d0 + i;
                    c0.intoArray(dw, o);
                    c1.intoArray(dw, o + inner);
                    c2.intoArray(dw, o + 2 * inner);
                    c3.intoArray(dw, o + 3 * inner);
                }
            }
            int iEnd1 = Math.min(bound1, ib + block);
            for (int j = tailFrom; j < colTo; j++) {
                int d0 = dwOffset + j * inner;
                for (int i = ib; i < iEnd1; i += L) {
                    DoubleVector c = DoubleVector.zero(S);
                    for (int r = 0; r < rows; r++) {
                        c = DoubleVector.fromArray(S, a, rowOffset[r] + i)
                                .fma(DoubleVector.broadcast(S, dz[r * cols + j]), c);
                    }
                    c.intoArray(dw, d0 + i);
                }
            }
        }
        for (int j = colFrom; j < colTo; j++) {
            int d0 = dwOffset + j * inner;
            for (int i = j < groupEnd ? bound2 : bound1; i < inner; i++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += dz[r * cols + j] * a[rowOffset[r] + i];
                }
                dw[d0 + i] = s;
            }
        }
    }

    @Override
    public void inputGradient(double[] dz, int rows, int cols, double[] w, int wOffset, int inner, double[] da,
                              int rowFrom, int rowTo) {
        int bound = S.loopBound(inner);
        int i = 0;
        for (; i + 2 * L <= bound; i += 2 * L) {
            int r = rowFrom;
            for (; r + 4 <= rowTo; r += 4) {
                DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
                DoubleVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
                int g = r * cols;
                for (int j = 0; j < cols; j++) {
                    int wj = wOffset + j * inner + i;
                    DoubleVector v0 = DoubleVector.fromArray(S, w, wj);
                    DoubleVector v1 = DoubleVector.fromArray(S, w, wj + L);
                    DoubleVector f = DoubleVector.broadcast(S, dz[g + j]);
                    c00 = v0.fma(f, c00); c01 = v1.fma(f, c01);
                    f = DoubleVector.broadcast(S, dz[g + cols + j]);
                    c10 = v0.fma(f, c10); c11 = v1.fma(f, c11);
                    f = DoubleVector.broadcast(S, dz[g + 2 * cols + j]);
                    c20 = v0.fma(f, c20); c21 = v1.fma(f, c21);
                    f = DoubleVector.broadcast(S, dz[g + 3 * cols + j]);
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
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += dz[r * cols + j] * w[wOffset + j * inner + k];
                }
                da[r * inner + k] = s;
            }
        }
    }

    /** One vector of one row of the input gradient: the chain of FMAs over the units in order. */
    private static void inputGradientVector(double[] dz, int r, int cols, double[] w, int wOffset, int inner,
                                            double[] da, int i) {
        DoubleVector c = DoubleVector.zero(S);
        for (int j = 0; j < cols; j++) {
            c = DoubleVector.fromArray(S, w, wOffset + j * inner + i).fma(DoubleVector.broadcast(S, dz[r * cols + j]), c);
        }
        c.intoArray(da, r * inner + i);
    }
}
