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
    public enum ExampleLoss implements LinearExamples.ExampleLoss {
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
        @Override
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
        @Override
        public double derivative(double c, double h) {
            if (this == SQUARE) {
                return h - c;
            }
            double z = -c * h;
            double sigmoid = z > 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            return -c * sigmoid;
        }
    }

    private final LinearExamples examples;
    private final double ridge;
    private final ExampleLoss loss;

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
        this.examples = new LinearExamples(dimension, inputs, labels, Math.sqrt(dimension));
        for (int mu = 0; mu < labels.length; mu++) {
            if (labels[mu] != 1 && labels[mu] != -1) {
                throw Require.invalid("labels[" + mu + "]", "must be +1 or -1, got " + labels[mu]);
            }
        }
        this.ridge = Require.nonNegative("ridge", ridge);
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    @Override
    public int dimension() {
        return examples.dimension();
    }

    @Override
    public int exampleCount() {
        return examples.count();
    }

    /** @return λ */
    public double ridge() {
        return ridge;
    }

    /** @return the per-example loss */
    public ExampleLoss exampleLoss() {
        return loss;
    }

    private double penalty(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return ridge * s / (2.0 * examples.count());
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
        for (int mu = 0; mu < examples.count(); mu++) {
            if (examples.label(mu) * examples.field(w, mu) <= 0) {
                wrong++;
            }
        }
        return (double) wrong / examples.count();
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        return examples.meanLoss(x, loss) + penalty(x);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        return addPenalty(x, examples.batch(x, null, 0, examples.count(), gradient, loss), gradient);
    }

    @Override
    public double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        checkBatch(indices, from, to);
        return addPenalty(x, examples.batch(x, indices, from, to, gradient, loss), gradient);
    }

    /** Adds (λ/(2n))|w|² to the batch loss and (λ/n) w to its gradient. */
    private double addPenalty(double[] x, double batchLoss, double[] gradient) {
        double r = ridge / examples.count();
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += r * x[i];
        }
        return batchLoss + penalty(x);
    }

    @Override
    public String toString() {
        return "LinearClassifier[d=" + dimension() + ", n=" + exampleCount() + ", ridge=" + ridge + ", " + loss + "]";
    }
}
