package org.glassy.data;

import java.util.SplittableRandom;

import org.glassy.internal.Require;

/**
 * Gaussian inputs x ∈ R^D with i.i.d. N(0, 1) components, labelled by a linear teacher,
 * y = sign(ŵ*·x) (class 1 for y = +1, class 0 for y = −1), the linearly separable,
 * spherically symmetric data of F. Pellegrini and G. Biroli, "An analytic theory of shallow
 * networks dynamics for hinge loss classification", NeurIPS 2020 (arXiv:2006.11209). The teacher
 * direction ŵ* is a unit vector drawn uniformly on the sphere.
 *
 * <p>{@link #randomLabels} gives the same inputs with labels drawn independently of them, the
 * storage problem of the perceptron (E. Gardner, J. Phys. A 21, 257 (1988)).
 *
 * <p>Immutable and thread-safe; equal seeds give bit-identical data.
 */
public final class LinearTeacher {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final double[] direction;

    private LinearTeacher(double[] direction) {
        this.direction = direction;
    }

    /**
     * Draws a teacher direction ŵ* uniformly on the unit sphere of R^D.
     *
     * @param dimension the input dimension D, at least 1
     * @param seed the seed of the direction
     * @return the teacher
     */
    public static LinearTeacher random(int dimension, long seed) {
        Require.atLeast("dimension", dimension, 1);
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[dimension];
        double norm2;
        do {
            norm2 = 0;
            for (int i = 0; i < dimension; i++) {
                w[i] = random.nextGaussian();
                norm2 += w[i] * w[i];
            }
        } while (norm2 == 0);
        double scale = 1 / Math.sqrt(norm2);
        for (int i = 0; i < dimension; i++) {
            w[i] *= scale;
        }
        return new LinearTeacher(w);
    }

    /**
     * Returns the input dimension D.
     *
     * @return D
     */
    public int dimension() {
        return direction.length;
    }

    /**
     * Returns a copy of the teacher direction ŵ*, a unit vector.
     *
     * @return ŵ*, of length D
     */
    public double[] direction() {
        return direction.clone();
    }

    /**
     * Draws {@code size} Gaussian inputs and labels them with y = sign(ŵ*·x) (class 1 when
     * ŵ*·x &gt; 0, else class 0; ties have probability zero).
     *
     * @param size the number of examples P, in [1, (2³¹ − 9)/D]
     * @param seed the seed of the inputs
     * @return a dataset of P examples, D inputs, 2 classes
     */
    public Dataset sample(int size, long seed) {
        int d = direction.length;
        Require.inRange("size", size, 1, MAX_ARRAY / d);
        double[] x = gaussian(new SplittableRandom(seed), size * d);
        int[] y = new int[size];
        for (int mu = 0; mu < size; mu++) {
            double field = 0;
            for (int i = 0; i < d; i++) {
                field += direction[i] * x[mu * d + i];
            }
            y[mu] = field > 0 ? 1 : 0;
        }
        return new Dataset("linear teacher D=" + d + ", sample seed " + seed, size, d, 2, x, y);
    }

    /**
     * Draws {@code size} Gaussian inputs with labels ±1 drawn with probability ½ each,
     * independently of the inputs: the random patterns of the perceptron's capacity problem.
     *
     * @param size the number of patterns P, at least 1
     * @param dimension the input dimension N, at least 1, with P·N &lt; 2³¹ − 8
     * @param seed the seed of inputs and labels
     * @return a dataset of P examples, N inputs, 2 classes
     */
    public static Dataset randomLabels(int size, int dimension, long seed) {
        Require.atLeast("dimension", dimension, 1);
        Require.inRange("size", size, 1, MAX_ARRAY / dimension);
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = gaussian(random, size * dimension);
        int[] y = new int[size];
        for (int mu = 0; mu < size; mu++) {
            y[mu] = random.nextBoolean() ? 1 : 0;
        }
        return new Dataset("random labels N=" + dimension + ", seed " + seed, size, dimension, 2, x, y);
    }

    private static double[] gaussian(SplittableRandom random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
