package org.glassy.study.structured;

import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.internal.Require;

/**
 * A nonnegative data matrix V (F × N, row-major) for {@link BetaNmf}.
 *
 * @param v the entries, F·N values ≥ 0
 * @param rows F
 * @param columns N
 * @param name what the data are
 */
public record NmfData(double[] v, int rows, int columns, String name) {

    /** The offset added to Fashion-MNIST pixels for β ≤ 1, where zero pixels make d_β or its updates singular. */
    public static final double EPSILON = 1e-3;

    /**
     * Validates the shape.
     *
     * @param v the entries, F·N values ≥ 0
     * @param rows F ≥ 1
     * @param columns N ≥ 1
     * @param name what the data are
     */
    public NmfData {
        Require.atLeast("rows", rows, 1);
        Require.atLeast("columns", columns, 1);
        if (v.length != (long) rows * columns) {
            throw Require.invalid("v", "must hold " + (long) rows * columns + " entries, got " + v.length);
        }
    }

    /**
     * Images as the columns of V: F = input dimension (784 pixels), N = images, v_fn = pixel f of image n
     * plus {@code epsilon}. With ε = 0 the zero pixels make the Itakura–Saito divergence (β = 0) infinite and
     * v̂^{β−2} in the updates singular for β &lt; 1 once a component vanishes; {@link #EPSILON} is used there.
     *
     * @param images the images (pixels in [0, 1], e.g. Fashion-MNIST)
     * @param epsilon the offset ε ≥ 0
     * @return V, 784 × N for Fashion-MNIST
     */
    public static NmfData images(Dataset images, double epsilon) {
        Require.nonNegative("epsilon", epsilon);
        int f = images.inputDimension();
        int n = images.size();
        double[] x = images.inputs();
        double[] v = new double[f * n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < f; p++) {
                v[p * n + i] = x[i * f + p] + epsilon;
            }
        }
        return new NmfData(v, f, n, images.name() + (epsilon > 0 ? " + " + epsilon : ""));
    }

    /**
     * An exact rank-R product V = W*H* with W* (F × R) and H* (R × N) entries i.i.d. uniform in (0, 1):
     * nonnegative, of nonnegative rank at most R, and strictly positive.
     *
     * @param rows F ≥ 1
     * @param columns N ≥ 1
     * @param rank R in [1, min(F, N)]
     * @param seed the seed of W* and H*
     * @return V
     */
    public static NmfData lowRank(int rows, int columns, int rank, long seed) {
        Require.atLeast("rows", rows, 1);
        Require.atLeast("columns", columns, 1);
        Require.inRange("rank", rank, 1, Math.min(rows, columns));
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[rows * rank];
        double[] h = new double[rank * columns];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextDouble();
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = random.nextDouble();
        }
        double[] v = new double[rows * columns];
        for (int f = 0; f < rows; f++) {
            for (int k = 0; k < rank; k++) {
                for (int n = 0; n < columns; n++) {
                    v[f * columns + n] += w[f * rank + k] * h[k * columns + n];
                }
            }
        }
        return new NmfData(v, rows, columns, "rank-" + rank + " product " + rows + "x" + columns + " seed " + seed);
    }
}
