package org.glassy.model;

import java.util.Objects;

import org.glassy.internal.Require;

/**
 * A linear classifier without bias trained on n labelled examples (x_μ, c_μ), c_μ = ±1, with a ridge
 * penalty, in the normalisation of Mignacco, Krzakala, Urbani, Zdeborová, "Dynamical mean-field theory for
 * stochastic gradient descent in Gaussian mixture classification", NeurIPS 2020 (arXiv:2006.06098), whose
 * loss Σ_μ ℓ + (λ/2)|w|² is here divided by n:
 *
 * <pre>
 *   L(w) = (1/n) [ Σ_μ ℓ(c_μ, h_μ) + (λ/2) |w|² ],   h_μ = w·x_μ/√d,
 *   square loss    ℓ = ½ (c − h)²,
 *   logistic loss  ℓ = ln(1 + e^{−c h}).
 * </pre>
 *
 * <p>The mini-batch loss replaces the mean over all examples by the mean over the batch and keeps the
 * penalty (λ/(2n))|w|²: its gradient is an unbiased estimate of ∇L, and the batch of all examples in order
 * is the full loss, bit for bit (the full loss is computed by the same code).
 *
 * <p>With the square loss the minimiser is the ridge solution (XᵀX/d + λ I) w = Xᵀc/√d.
 *
 * <p>Immutable and thread-safe.
 */
public final class LinearClassifier implements BatchModel {

    /** The per-example loss ℓ(c, h). */
    public enum ExampleLoss {
        /** ℓ = ½ (c − h)². */
        SQUARE,
        /** ℓ = ln(1 + e^{−c h}). */
        LOGISTIC;

        /**
         * Returns ℓ(c, h).
         *
         * @param c the label ±1
         * @param h the pre-activation
         * @return the loss
         */
        public double loss(double c, double h) {
            if (this == SQUARE) {
                double r = c - h;
                return 0.5 * r * r;
            }
            double z = -c * h;
            return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        }

        /**
         * Returns ∂ℓ/∂h.
         *
         * @param c the label ±1
         * @param h the pre-activation
         * @return the derivative
         */
        public double derivative(double c, double h) {
            if (this == SQUARE) {
                return h - c;
            }
            double z = -c * h;
            double sigmoid = z > 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            return -c * sigmoid;
        }
    }

    private final int dimension;
    private final int samples;
    private final double[] inputs;
    private final double[] labels;
    private final double ridge;
    private final ExampleLoss loss;
    private final int[] all;

    /**
     * The loss over given data.
     *
     * @param dimension d, at least 1
     * @param inputs the n inputs, row-major (n·d values, copied)
     * @param labels the n labels, each +1 or −1 (copied)
     * @param ridge λ ≥ 0
     * @param loss the per-example loss
     */
    public LinearClassifier(int dimension, double[] inputs, double[] labels, double ridge, ExampleLoss loss) {
        this.dimension = Require.atLeast("dimension", dimension, 1);
        if (labels.length < 1 || inputs.length != (long) labels.length * dimension) {
            throw Require.invalid("inputs", "must hold n·d = " + labels.length + "·" + dimension
                    + " values for n >= 1 labels, got " + inputs.length);
        }
        for (int mu = 0; mu < labels.length; mu++) {
            if (labels[mu] != 1 && labels[mu] != -1) {
                throw Require.invalid("labels[" + mu + "]", "must be +1 or -1, got " + labels[mu]);
            }
        }
        this.samples = labels.length;
        this.inputs = inputs.clone();
        this.labels = labels.clone();
        this.ridge = Require.nonNegative("ridge", ridge);
        this.loss = Objects.requireNonNull(loss, "loss");
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

    /** @return λ */
    public double ridge() {
        return ridge;
    }

    /** @return the per-example loss */
    public ExampleLoss exampleLoss() {
        return loss;
    }

    private double field(double[] w, int mu) {
        double s = 0;
        int offset = mu * dimension;
        for (int i = 0; i < dimension; i++) {
            s += w[i] * inputs[offset + i];
        }
        return s / Math.sqrt(dimension);
    }

    private double penalty(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return ridge * s / (2.0 * samples);
    }

    /**
     * Returns the fraction of training examples misclassified, c_μ h_μ ≤ 0.
     *
     * @param w the weights, length d; not modified
     * @return the training error in [0, 1]
     */
    public double trainingError(double[] w) {
        checkDimension("w", w);
        int wrong = 0;
        for (int mu = 0; mu < samples; mu++) {
            if (labels[mu] * field(w, mu) <= 0) {
                wrong++;
            }
        }
        return (double) wrong / samples;
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        double s = 0;
        for (int mu = 0; mu < samples; mu++) {
            s += loss.loss(labels[mu], field(x, mu));
        }
        return s / samples + penalty(x);
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
        double scale = 1 / Math.sqrt(dimension);
        double s = 0;
        for (int k = from; k < to; k++) {
            int mu = indices[k];
            double h = field(x, mu);
            s += loss.loss(labels[mu], h);
            double c = loss.derivative(labels[mu], h) * scale;
            int offset = mu * dimension;
            for (int i = 0; i < dimension; i++) {
                gradient[i] += c * inputs[offset + i];
            }
        }
        int b = to - from;
        double r = ridge / samples;
        for (int i = 0; i < dimension; i++) {
            gradient[i] = gradient[i] / b + r * x[i];
        }
        return s / b + penalty(x);
    }

    @Override
    public String toString() {
        return "LinearClassifier[d=" + dimension + ", n=" + samples + ", ridge=" + ridge + ", " + loss + "]";
    }
}
