package org.glassy.model;

import org.glassy.internal.Require;

/**
 * A separable harmonic well, E(x) = ½ Σ_i k_i x_i², with stiffnesses k_i ≥ 0.
 *
 * <p>The test problem of the dynamics: gradient descent with step η is exactly
 * x_i(t) = (1 − η k_i)^t x_i(0); overdamped Langevin at temperature T is an Ornstein–Uhlenbeck
 * process with stationary ⟨x_i²⟩ = T/k_i (Euler–Maruyama with step dt: (T/k_i)/(1 − k_i dt/2)); with
 * all k_i = 0 it is free diffusion, ⟨(x_i(t) − x_i(0))²⟩ = 2Tt.
 *
 * <p>Immutable and thread-safe.
 */
public final class Quadratic implements Model {

    private final double[] stiffness;

    /**
     * Creates the well with the given stiffnesses.
     *
     * @param stiffness k_i, each finite and ≥ 0 (copied)
     */
    public Quadratic(double... stiffness) {
        if (stiffness.length == 0) {
            throw Require.invalid("stiffness", "must hold at least one value, got none");
        }
        this.stiffness = stiffness.clone();
        for (int i = 0; i < this.stiffness.length; i++) {
            Require.nonNegative("stiffness[" + i + "]", this.stiffness[i]);
        }
    }

    /**
     * An isotropic well, every k_i = k.
     *
     * @param n the dimension, at least 1
     * @param k the stiffness, finite and ≥ 0 (0 gives free diffusion)
     * @return the model
     */
    public static Quadratic isotropic(int n, double k) {
        Require.atLeast("n", n, 1);
        double[] ks = new double[n];
        java.util.Arrays.fill(ks, Require.nonNegative("k", k));
        return new Quadratic(ks);
    }

    /**
     * Returns k_i.
     *
     * @param i the coordinate, in [0, n)
     * @return the stiffness of coordinate i
     */
    public double stiffness(int i) {
        return stiffness[i];
    }

    @Override
    public int dimension() {
        return stiffness.length;
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            e += stiffness[i] * x[i] * x[i];
        }
        return 0.5 * e;
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            double gi = stiffness[i] * x[i];
            gradient[i] = gi;
            e += gi * x[i];
        }
        return 0.5 * e;
    }

    @Override
    public String toString() {
        return "Quadratic[n=" + stiffness.length + "]";
    }
}
