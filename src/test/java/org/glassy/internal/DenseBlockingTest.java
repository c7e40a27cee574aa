package org.glassy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The cache-blocked vector kernels against the unblocked ones they replaced ({@link UnblockedVectorDense}):
 * blocking reorders loops, never a sum, so every element must be equal bit for bit; and their range methods,
 * called over aligned pieces in any order, must write exactly the numbers of the full call (what makes the
 * network's threads bit-identical). Shapes cross the block sizes (36 units per forward block at 784 inputs,
 * 160 columns per gradient block at 100 rows) and leave tails in every dimension.
 */
class DenseBlockingTest {

    private static final int[][] SHAPES = {
        // rows, inner, cols
        {1, 1, 1}, {3, 5, 7}, {5, 37, 6}, {7, 13, 9}, {45, 37, 21}, {100, 784, 101}, {100, 784, 10}, {100, 103, 10},
        {9, 331, 45}, {100, 300, 300}, {2, 1700, 3}
    };

    @Test
    void blockedKernelsEqualTheUnblockedOnesExactly() {
        Dense blocked = Dense.INSTANCE;
        if (!(blocked instanceof VectorDense)) {
            return; // scalar JVM: nothing blocked to compare
        }
        UnblockedVectorDense reference = new UnblockedVectorDense();
        for (int[] shape : SHAPES) {
            Problem p = new Problem(shape[0], shape[1], shape[2], 11L * shape[2] + shape[1]);
            double[] out = new double[p.rows * p.cols];
            double[] expectedOut = new double[p.rows * p.cols];
            blocked.forward(p.a, p.rowOffset, p.rows, p.inner, p.w, 3, p.cols, p.w, p.biasOffset, out);
            reference.forward(p.a, p.rowOffset, p.rows, p.inner, p.w, 3, p.cols, p.w, p.biasOffset, expectedOut);
            assertArrayEquals(expectedOut, out, "forward " + java.util.Arrays.toString(shape));

            double[] dw = new double[p.w.length];
            double[] expectedDw = new double[p.w.length];
            blocked.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, dw, 3, p.biasOffset);
            reference.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, expectedDw, 3, p.biasOffset);
            assertArrayEquals(expectedDw, dw, "weight gradient " + java.util.Arrays.toString(shape));

            double[] da = new double[p.rows * p.inner];
            double[] expectedDa = new double[p.rows * p.inner];
            blocked.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, da);
            reference.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, expectedDa);
            assertArrayEquals(expectedDa, da, "input gradient " + java.util.Arrays.toString(shape));
        }
    }

    @Test
    void rangesInAnyOrderWriteTheNumbersOfTheFullCall() {
        Random shuffle = new Random(5);
        for (Dense kernel : new Dense[] {Dense.INSTANCE, new Dense.Scalar()}) {
            for (int[] shape : SHAPES) {
                Problem p = new Problem(shape[0], shape[1], shape[2], 7L * shape[0] + shape[2]);
                double[] out = new double[p.rows * p.cols];
                double[] dw = new double[p.w.length];
                double[] da = new double[p.rows * p.inner];
                kernel.forward(p.a, p.rowOffset, p.rows, p.inner, p.w, 3, p.cols, p.w, p.biasOffset, out);
                kernel.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, dw, 3, p.biasOffset);
                kernel.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, da);
                for (int piece : new int[] {4, 8, 12}) {
                    double[] outPieces = new double[out.length];
                    double[] dwPieces = new double[dw.length];
                    double[] daPieces = new double[da.length];
                    for (int[] range : shuffled(p.cols, piece, shuffle)) {
                        kernel.forward(p.a, p.rowOffset, p.rows, p.inner, p.w, 3, p.cols, p.w, p.biasOffset,
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
                    // the first 3 numbers of dw lie before the weights and are never written
                    assertArrayEquals(dw, dwPieces, "weight gradient " + where);
                    assertArrayEquals(da, daPieces, "input gradient " + where);
                }
            }
        }
    }

    @Test
    void vectorKernelsAgreeWithTheScalarReferenceToRoundOff() {
        Dense scalar = new Dense.Scalar();
        for (int[] shape : SHAPES) {
            Problem p = new Problem(shape[0], shape[1], shape[2], 3L * shape[1] + shape[0]);
            double[] out = new double[p.rows * p.cols];
            double[] expected = new double[p.rows * p.cols];
            Dense.INSTANCE.forward(p.a, p.rowOffset, p.rows, p.inner, p.w, 3, p.cols, p.w, p.biasOffset, out);
            scalar.forward(p.a, p.rowOffset, p.rows, p.inner, p.w, 3, p.cols, p.w, p.biasOffset, expected);
            // |error| ≤ n ε Σ|terms|, Σ|terms| ~ n for unit Gaussians, ε = 2⁻⁵³: 1e-13 n is far above it
            for (int i = 0; i < out.length; i++) {
                assertEquals(expected[i], out[i], 1e-13 * p.inner);
            }
            double[] dw = new double[p.w.length];
            double[] expectedDw = new double[p.w.length];
            Dense.INSTANCE.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, dw, 3, p.biasOffset);
            scalar.weightGradient(p.dz, p.rows, p.cols, p.a, p.rowOffset, p.inner, expectedDw, 3, p.biasOffset);
            for (int i = 0; i < dw.length; i++) {
                assertEquals(expectedDw[i], dw[i], 1e-13 * p.rows);
            }
            double[] da = new double[p.rows * p.inner];
            double[] expectedDa = new double[p.rows * p.inner];
            Dense.INSTANCE.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, da);
            scalar.inputGradient(p.dz, p.rows, p.cols, p.w, 3, p.inner, expectedDa);
            for (int i = 0; i < da.length; i++) {
                assertEquals(expectedDa[i], da[i], 1e-13 * p.cols);
            }
        }
    }

    @Test
    void parallelRunCoversTheRangeWithAlignedDisjointParts() {
        for (int n : new int[] {0, 1, 4, 5, 10, 101, 1000}) {
            for (int parts : new int[] {1, 2, 3, 7}) {
                int[] hits = new int[n];
                List<int[]> seen = Collections.synchronizedList(new ArrayList<>());
                Parallel.run(parts, n, 4, (from, to) -> {
                    seen.add(new int[] {from, to});
                    for (int i = from; i < to; i++) {
                        synchronized (hits) {
                            hits[i]++;
                        }
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits[i], "index " + i + " of " + n + " in " + parts + " parts");
                }
                for (int[] r : seen) {
                    assertEquals(0, r[0] % 4, "part start " + r[0]);
                    assertEquals(true, r[1] == n || r[1] % 4 == 0, "part end " + r[1]);
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

    /** Random inputs read through scattered row offsets, weights after a 3-number offset, biases after them. */
    private static final class Problem {
        final int rows;
        final int inner;
        final int cols;
        final double[] a;
        final int[] rowOffset;
        final double[] w;
        final int biasOffset;
        final double[] dz;

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
            biasOffset = 3 + cols * inner;
            dz = gaussian(random, rows * cols);
        }

        private static double[] gaussian(SplittableRandom random, int n) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
            return x;
        }
    }
}
