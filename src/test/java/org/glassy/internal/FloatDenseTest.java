package org.glassy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The float32 kernels: the blocked, register-tiled vector kernels against the plain scalar loops (the same chains
 * of fused multiply–adds, so bit for bit) and, for the two gradients, against the unblocked vector kernels they
 * replaced ({@link UnblockedVectorFloatDense}, bit for bit too); all of them against the exact sums (float64 of
 * the same float values) within the float32 round-off bound; and their range methods, called over aligned pieces
 * in any order, must write exactly the numbers of the full call (what makes the network's threads bit-identical).
 * Shapes cross the block sizes (forward with the units in the lanes: tiles of 3 vectors of units, 48 units with 16
 * lanes, and the 1-vector tile of a range's last ≤ 2 vectors; forward with the examples in the lanes, from 4 units
 * per example: blocks of 7 vectors of examples, 112 or 56, and the narrower last block; 312 columns per gradient
 * block at 100 rows), include batch 1 and one unit, and leave tails in every dimension (tiles of 4 rows, 8 or 16
 * lanes).
 */
class FloatDenseTest {

    private static final int[][] SHAPES = {
        // rows, inner, cols
        {1, 1, 1}, {1, 784, 1}, {1, 37, 13}, {3, 5, 7}, {5, 37, 6}, {7, 13, 9}, {45, 37, 21}, {100, 784, 101},
        {100, 784, 10}, {100, 103, 10}, {9, 331, 45}, {100, 300, 150}, {2, 1700, 3}, {100, 1001, 1}, {6, 313, 75},
        {101, 64, 250}, {112, 31, 6}, {113, 50, 7}, {250, 97, 8}, {57, 20, 4}, {130, 29, 530}, {100, 50, 401}, {57, 20, 230}, {250, 40, 1000}
    };

    @Test
    void tiledKernelsEqualTheUnblockedAndScalarOnesExactly() {
        if (!(FloatDense.INSTANCE instanceof VectorFloatDense tiled)) {
            return; // scalar JVM: nothing tiled to compare
        }
        UnblockedVectorFloatDense unblocked = new UnblockedVectorFloatDense();
        FloatDense scalar = new FloatDense.Scalar();
        for (int[] shape : SHAPES) {
            Problem p = new Problem(shape[0], shape[1], shape[2], 13L * shape[2] + shape[1]);
            String where = java.util.Arrays.toString(shape);
            float[] out = new float[p.rows * p.cols];
            float[] expected = new float[p.rows * p.cols];
            tiled.forward(p.a, p.rowOffset, p.rows, p.inner, p.w64, 3, p.cols, p.w64, p.biasOffset, out);
            scalar.forward(p.a, p.rowOffset, p.rows, p.inner, p.w64, 3, p.cols, p.w64, p.biasOffset, expected);
            assertArrayEquals(expected, out, "forward against scalar " + where);

            float[] dw = new float[p.w.length];
            float[] expectedDw = new float[p.w.length];
            float[] scalarDw = new float[p.w.length];
            tiled.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, dw, 3, p.biasOffset);
            unblocked.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, expectedDw, 3, p.biasOffset);
            scalar.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, scalarDw, 3, p.biasOffset);
            assertArrayEquals(expectedDw, dw, "weight gradient " + where);
            assertArrayEquals(scalarDw, dw, "weight gradient against scalar " + where);

            float[] da = new float[p.rows * p.inner];
            float[] expectedDa = new float[p.rows * p.inner];
            float[] scalarDa = new float[p.rows * p.inner];
            tiled.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, da);
            unblocked.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, expectedDa);
            scalar.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, scalarDa);
            assertArrayEquals(expectedDa, da, "input gradient " + where);
            assertArrayEquals(scalarDa, da, "input gradient against scalar " + where);
        }
    }

    /**
     * Every element against its exact value: a float32 sum of n products (each FMA rounds once) differs from the
     * exact sum by at most γ Σ|terms| with γ = (n + 1)·2⁻²⁴ (one more rounding for the bias); the exact sum and
     * Σ|terms| are computed in float64 from the same float values (exact for these short sums up to 2⁻⁵³
     * relative, far below the bound). A dropped or doubled term, ~|term| ≈ Σ|terms|/n, exceeds the bound.
     */
    @Test
    void kernelsAgreeWithTheExactSumsWithinTheFloat32RoundOffBound() {
        for (FloatDense k : new FloatDense[] {FloatDense.INSTANCE, new FloatDense.Scalar()}) {
            for (int[] shape : SHAPES) {
                Problem p = new Problem(shape[0], shape[1], shape[2], 5L * shape[0] + shape[1]);
                String where = k.getClass().getSimpleName() + " " + java.util.Arrays.toString(shape);
                float[] out = new float[p.rows * p.cols];
                k.forward(p.a, p.rowOffset, p.rows, p.inner, p.w64, 3, p.cols, p.w64, p.biasOffset, out);
                for (int r = 0; r < p.rows; r++) {
                    for (int j = 0; j < p.cols; j++) {
                        double s = p.w[p.biasOffset + j];
                        double abs = Math.abs(s);
                        for (int i = 0; i < p.inner; i++) {
                            double t = (double) p.a[p.rowOffset[r] + i] * p.w[3 + j * p.inner + i];
                            s += t;
                            abs += Math.abs(t);
                        }
                        assertWithin(s, out[r * p.cols + j], p.inner + 1, abs, "forward " + where);
                    }
                }
                float[] dw = new float[p.w.length];
                k.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, dw, 3, p.biasOffset);
                for (int j = 0; j < p.cols; j++) {
                    double sb = 0;
                    double absB = 0;
                    for (int r = 0; r < p.rows; r++) {
                        sb += p.dz[r * p.cols + j];
                        absB += Math.abs(p.dz[r * p.cols + j]);
                    }
                    assertWithin(sb, dw[p.biasOffset + j], p.rows, absB, "bias gradient " + where);
                    for (int i = 0; i < p.inner; i++) {
                        double s = 0;
                        double abs = 0;
                        for (int r = 0; r < p.rows; r++) {
                            double t = (double) p.dz[r * p.cols + j] * p.a[p.rowOffset[r] + i];
                            s += t;
                            abs += Math.abs(t);
                        }
                        assertWithin(s, dw[3 + j * p.inner + i], p.rows, abs, "weight gradient " + where);
                    }
                }
                float[] da = new float[p.rows * p.inner];
                k.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, da);
                for (int r = 0; r < p.rows; r++) {
                    for (int i = 0; i < p.inner; i++) {
                        double s = 0;
                        double abs = 0;
                        for (int j = 0; j < p.cols; j++) {
                            double t = (double) p.dz[r * p.cols + j] * p.w[3 + j * p.inner + i];
                            s += t;
                            abs += Math.abs(t);
                        }
                        assertWithin(s, da[r * p.inner + i], p.cols, abs, "input gradient " + where);
                    }
                }
            }
        }
    }

    @Test
    void theRoundOffBoundCatchesADroppedTerm() {
        // the longest forward sum of the shapes (1700 products): without its largest term it must fail the bound
        Problem p = new Problem(2, 1700, 3, 1L);
        float[] out = new float[p.rows * p.cols];
        FloatDense.INSTANCE.forward(p.a, p.rowOffset, p.rows, p.inner, p.w64, 3, p.cols, p.w64, p.biasOffset, out);
        double s = p.w[p.biasOffset];
        double abs = Math.abs(s);
        double largest = 0;
        for (int i = 0; i < p.inner; i++) {
            double t = (double) p.a[p.rowOffset[0] + i] * p.w[3 + i];
            s += t;
            abs += Math.abs(t);
            largest = Math.abs(t) > Math.abs(largest) ? t : largest;
        }
        assertTrue(within(s, out[0], p.inner + 1, abs));
        assertFalse(within(s, (float) (out[0] - largest), p.inner + 1, abs));
    }

    private static boolean within(double exact, float got, int n, double abs) {
        return Math.abs(got - exact) <= (n + 1) * 0x1p-24 * abs + Double.MIN_NORMAL;
    }

    private static void assertWithin(double exact, float got, int n, double abs, String what) {
        assertTrue(within(exact, got, n, abs), () -> what + ": " + got + " against exact " + exact
                + ", bound " + (n + 1) * 0x1p-24 * abs);
    }

    @Test
    void rangesInAnyOrderWriteTheNumbersOfTheFullCall() {
        Random shuffle = new Random(5);
        for (FloatDense kernel : new FloatDense[] {FloatDense.INSTANCE, new FloatDense.Scalar()}) {
            for (int[] shape : SHAPES) {
                Problem p = new Problem(shape[0], shape[1], shape[2], 7L * shape[0] + shape[2]);
                float[] out = new float[p.rows * p.cols];
                float[] dw = new float[p.w.length];
                float[] da = new float[p.rows * p.inner];
                kernel.forward(p.a, p.rowOffset, p.rows, p.inner, p.w64, 3, p.cols, p.w64, p.biasOffset, out);
                kernel.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, dw, 3, p.biasOffset);
                kernel.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, da);
                for (int piece : new int[] {4, 8, 12}) {
                    float[] outPieces = new float[out.length];
                    float[] dwPieces = new float[dw.length];
                    float[] daPieces = new float[da.length];
                    for (int[] range : shuffled(p.cols, piece, shuffle)) {
                        kernel.forward(p.a, p.rowOffset, p.rows, p.inner, p.w64, 3, p.cols, p.w64, p.biasOffset,
                                outPieces, range[0], range[1]);
                        kernel.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, dwPieces, 3,
                                p.biasOffset, range[0], range[1]);
                    }
                    for (int[] range : shuffled(p.rows, piece, shuffle)) {
                        kernel.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, daPieces, range[0], range[1]);
                    }
                    String where = kernel.getClass().getSimpleName() + " " + java.util.Arrays.toString(shape)
                            + " pieces of " + piece;
                    assertArrayEquals(out, outPieces, "forward " + where);
                    assertArrayEquals(dw, dwPieces, "weight gradient " + where);
                    assertArrayEquals(da, daPieces, "input gradient " + where);
                }
            }
        }
    }

    private static List<int[]> shuffled(int n, int piece, Random random) {
        List<int[]> ranges = new ArrayList<>();
        for (int from = 0; from < n; from += piece) {
            ranges.add(new int[] {from, Math.min(n, from + piece)});
        }
        Collections.shuffle(ranges, random);
        return ranges;
    }

    @Test
    void vectorAndScalarKernelsAgreeWithFloat64ToFloat32RoundOff() {
        int rows = 5;
        int inner = 37;
        int cols = 6;
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[rows * inner];
        float[] w = new float[cols * inner + cols];
        float[] dz = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < dz.length; i++) {
            dz[i] = (float) r.nextGaussian();
        }
        int[] rowOffset = new int[rows];
        for (int i = 0; i < rows; i++) {
            rowOffset[i] = i * inner;
        }
        double[] a64 = toDouble(a);
        double[] w64 = toDouble(w);
        double[] dz64 = toDouble(dz);
        double[] out64 = new double[rows * cols];
        Dense.INSTANCE.forward(a64, rowOffset, rows, inner, w64, 0, cols, w64, cols * inner, out64);
        double[] dw64 = new double[w.length];
        Dense.INSTANCE.weightGradient(dz64, rows, cols, a64, rowOffset, inner, dw64, 0, cols * inner);
        double[] da64 = new double[rows * inner];
        Dense.INSTANCE.inputGradient(dz64, rows, cols, w64, 0, inner, da64);
        for (FloatDense k : new FloatDense[] {FloatDense.INSTANCE, new FloatDense.Scalar()}) {
            float[] out = new float[rows * cols];
            k.forward(a, rowOffset, rows, inner, w64, 0, cols, w64, cols * inner, out);
            float[] dw = new float[w.length];
            k.weightGradient(dz, rows, cols, a, rowOffset, inner, dw, 0, cols * inner);
            float[] da = new float[rows * inner];
            k.inputGradient(dz, rows, cols, w, 0, inner, da);
            // |error| ≤ n ε Σ|terms| with ε = 2⁻²⁴; Σ|terms| ≲ n here
            for (int i = 0; i < out.length; i++) {
                assertEquals(out64[i], out[i], 1e-5 * inner);
            }
            for (int i = 0; i < dw.length; i++) {
                assertEquals(dw64[i], dw[i], 1e-5 * rows);
            }
            for (int i = 0; i < da.length; i++) {
                assertEquals(da64[i], da[i], 1e-5 * cols);
            }
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * The ReLU backward mask zeroes delta exactly where the activation is ≤ 0 (both zeros and negatives) and
     * keeps it elsewhere, NaN included, in the vector kernel (vectors and tail) as in the scalar loop.
     */
    @Test
    void reluMaskZeroesTheGradientWhereTheActivationIsNotPositive() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 16 * 5 + 7;
        float[] activation = new float[n];
        float[] delta = new float[n];
        float[] special = {0f, -0f, -1f, Float.NaN, Float.MIN_VALUE, 2f};
        for (int i = 0; i < n; i++) {
            activation[i] = i % 3 == 0 ? special[(i / 3) % special.length] : (float) random.nextGaussian();
            delta[i] = (float) random.nextGaussian();
        }
        for (FloatDense k : new FloatDense[] {FloatDense.INSTANCE, new FloatDense.Scalar()}) {
            float[] d = delta.clone();
            k.reluMask(activation, d, n - 2);
            for (int i = 0; i < n; i++) {
                float expected = i < n - 2 && activation[i] <= 0 ? 0f : delta[i];
                assertEquals(expected, d[i], 0, k.getClass().getSimpleName() + " at " + i + ", activation "
                        + activation[i]);
            }
        }
    }

    /** Random float inputs read through scattered row offsets, weights after a 3-number offset, biases after. */
    private static final class Problem {
        final int rows;
        final int inner;
        final int cols;
        final float[] a;
        final int[] rowOffset;
        final float[] w;
        /** The same weights and biases widened to float64, as the kernels read them from a parameter vector. */
        final double[] w64;
        final int biasOffset;
        final float[] dz;

        Problem(int rows, int inner, int cols, long seed) {
            this.rows = rows;
            this.inner = inner;
            this.cols = cols;
            SplittableRandom random = new SplittableRandom(seed);
            int stored = rows + 3;
            a = gaussian(random, stored * inner);
            rowOffset = new int[rows];
            for (int r = 0; r < rows; r++) {
                rowOffset[r] = random.nextInt(stored) * inner;
            }
            w = gaussian(random, 3 + cols * inner + cols);
            w64 = toDouble(w);
            biasOffset = 3 + cols * inner;
            dz = gaussian(random, rows * cols);
        }

        private static float[] gaussian(SplittableRandom random, int n) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) random.nextGaussian();
            }
            return x;
        }
    }
}
