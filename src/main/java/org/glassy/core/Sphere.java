package org.glassy.core;

import java.util.SplittableRandom;

import org.glassy.internal.Require;

/**
 * The sphere |x|² = N in R<sup>N</sup>, the constraint of the spherical p-spin model.
 *
 * <p>Displacements are projected on the tangent plane, v ← v − (v·x / x·x) x, and after each step
 * the state is rescaled to |x|² = N. For Langevin dynamics this projection-and-rescaling is the
 * Lagrange multiplier μ(t) of L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71, 173 (1993),
 * including its Itô drift.
 */
public final class Sphere implements Space {

    static final Sphere INSTANCE = new Sphere();

    /** Relative tolerance of {@link #checkContains}. */
    private static final double TOLERANCE = 1e-9;

    private Sphere() {
    }

    /**
     * Draws a point uniformly on the sphere |x|² = N (the infinite-temperature initial condition).
     *
     * @param n the dimension N, at least 1
     * @param seed the seed
     * @return a new state of length n with |x|² = n
     */
    public static double[] randomPoint(int n, long seed) {
        Require.atLeast("n", n, 1);
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        double norm;
        do {
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
            norm = dot(x, x);
        } while (norm == 0);
        INSTANCE.retract(x);
        return x;
    }

    @Override
    public void tangent(double[] x, double[] v) {
        double coefficient = dot(v, x) / dot(x, x);
        for (int i = 0; i < v.length; i++) {
            v[i] -= coefficient * x[i];
        }
    }

    @Override
    public void retract(double[] x) {
        double scale = Math.sqrt(x.length / dot(x, x));
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
    }

    @Override
    public void checkContains(double[] x) {
        double norm2 = dot(x, x);
        if (!(Math.abs(norm2 - x.length) <= TOLERANCE * x.length)) {
            throw Require.invalid("x0", "must lie on the sphere |x0|^2 = N = " + x.length
                    + " (e.g. from Sphere.randomPoint), got |x0|^2 = " + norm2);
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "Sphere";
    }
}
