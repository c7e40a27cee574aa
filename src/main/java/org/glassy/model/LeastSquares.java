package org.glassy.model;

import org.glassy.internal.Require;

/**
 * Linear least squares over n examples, L(w) = (1/(2n)) Σ_μ (y_μ − w·x_μ)², ∇L = −(1/n) Σ_μ (y_μ − w·x_μ) x_μ:
 * linear regression, whose SGD stationary state is known exactly
 * ({@link org.glassy.theory.SgdLeastSquares}). The mini-batch loss is the mean over the batch; the full loss is
 * computed by the same code as the batch of all examples in order.
 *
 * <p>Immutable and thread-safe.
 */
public final class LeastSquares implements BatchModel {

    private final int dimension;
    private final int samples;
    private final double[] inputs;
    private final double[] targets;
    private final int[] all;

    /**
     * The loss over given data.
     *
     * @param dimension d, at least 1
     * @param inputs the n inputs, row-major (n·d values, copied)
     * @param targets the n targets y_μ, finite (copied)
     */
    public LeastSquares(int dimension, double[] inputs, double[] targets) {
        this.dimension = Require.atLeast("dimension", dimension, 1);
        if (targets.length < 1 || inputs.length != (long) targets.length * dimension) {
            throw Require.invalid("inputs", "must hold n·d = " + targets.length + "·" + dimension
                    + " values for n >= 1 targets, got " + inputs.length);
        }
        this.samples = targets.length;
        this.inputs = inputs.clone();
        this.targets = targets.clone();
        this.all = new int[samples];
        for (int mu = 0; mu < samples; mu++) {
            all[mu] = mu;
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int exampleCount() {
        return samples;
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        double s = 0;
        for (int mu = 0; mu < samples; mu++) {
            double r = targets[mu] - dot(x, mu);
            s += r * r;
        }
        return s / (2.0 * samples);
    }

    private double dot(double[] w, int mu) {
        double s = 0;
        int offset = mu * dimension;
        for (int i = 0; i < dimension; i++) {
            s += w[i] * inputs[offset + i];
        }
        return s;
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        return batchEnergyAndGradient(x, all, 0, samples, gradient);
    }

    @Override
    public double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        checkBatch(indices, from, to);
        java.util.Arrays.fill(gradient, 0);
        double s = 0;
        for (int k = from; k < to; k++) {
            int mu = indices[k];
            double r = targets[mu] - dot(x, mu);
            s += r * r;
            int offset = mu * dimension;
            for (int i = 0; i < dimension; i++) {
                gradient[i] -= r * inputs[offset + i];
            }
        }
        int b = to - from;
        for (int i = 0; i < dimension; i++) {
            gradient[i] /= b;
        }
        return s / (2.0 * b);
    }

    @Override
    public String toString() {
        return "LeastSquares[d=" + dimension + ", n=" + samples + "]";
    }
}
