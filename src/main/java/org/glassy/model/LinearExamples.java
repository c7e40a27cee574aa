package org.glassy.model;

import java.util.Arrays;

import org.glassy.internal.Require;

/**
 * The training set of a loss that sees an example only through its field h_μ(w) = w·x_μ/s, with a fixed
 * scale s (1 or √d): n inputs x_μ in dimension d, row-major, and n labels y_μ. One holder and one batch loop
 * for {@link LeastSquares}, {@link PhaseRetrieval} and {@link LinearClassifier}:
 *
 * <pre>
 *   L_B(w) = (1/|B|) Σ_{μ∈B} ℓ(y_μ, h_μ),   ∇L_B(w) = (1/|B|) Σ_{μ∈B} ∂ℓ/∂h(y_μ, h_μ) x_μ/s.
 * </pre>
 *
 * <p>The full loss is the batch of all examples in order, by the same code, so a rule that selects every
 * example reproduces gradient descent bit for bit.
 */
final class LinearExamples {

    /** A per-example loss ℓ(y, h) and its derivative in the field. */
    interface ExampleLoss {

        /**
         * Returns ℓ(y, h).
         *
         * @param y the label
         * @param h the field
         * @return the loss
         */
        double loss(double y, double h);

        /**
         * Returns ∂ℓ/∂h.
         *
         * @param y the label
         * @param h the field
         * @return the derivative
         */
        double derivative(double y, double h);
    }

    private final int dimension;
    private final double[] inputs;
    private final double[] labels;
    private final double scale;
    private final int[] all;

    /**
     * Copies and checks the examples.
     *
     * @param dimension d, at least 1
     * @param inputs the n inputs, row-major (n·d values, copied)
     * @param labels the n labels, finite (copied)
     * @param scale s &gt; 0, the field's divisor
     */
    LinearExamples(int dimension, double[] inputs, double[] labels, double scale) {
        this.dimension = Require.atLeast("dimension", dimension, 1);
        if (labels.length < 1 || inputs.length != (long) labels.length * dimension) {
            throw Require.invalid("inputs", "must hold n·d = " + labels.length + "·" + dimension
                    + " values for n >= 1 labels, got " + inputs.length);
        }
        this.inputs = inputs.clone();
        this.labels = labels.clone();
        for (int mu = 0; mu < this.labels.length; mu++) {
            Require.finite("labels[" + mu + "]", this.labels[mu]);
        }
        this.scale = scale;
        this.all = new int[this.labels.length];
        for (int mu = 0; mu < all.length; mu++) {
            all[mu] = mu;
        }
    }

    /** @return d */
    int dimension() {
        return dimension;
    }

    /** @return n */
    int count() {
        return labels.length;
    }

    /**
     * Returns y_μ.
     *
     * @param mu the example
     * @return its label
     */
    double label(int mu) {
        return labels[mu];
    }

    /**
     * Returns h_μ(w) = w·x_μ/s.
     *
     * @param w the weights, length d
     * @param mu the example, in [0, n)
     * @return the field
     */
    double field(double[] w, int mu) {
        double sum = 0;
        int offset = mu * dimension;
        for (int i = 0; i < dimension; i++) {
            sum += w[i] * inputs[offset + i];
        }
        return sum / scale;
    }

    /**
     * Returns the mean loss over all examples, without a gradient.
     *
     * @param w the weights
     * @param loss ℓ
     * @return (1/n) Σ_μ ℓ(y_μ, h_μ)
     */
    double meanLoss(double[] w, ExampleLoss loss) {
        double sum = 0;
        for (int mu = 0; mu < labels.length; mu++) {
            sum += loss.loss(labels[mu], field(w, mu));
        }
        return sum / labels.length;
    }

    /**
     * The batch loop: writes ∇L_B into {@code gradient} and returns L_B, for the batch
     * {@code indices[from..to)}, or all examples in order when {@code indices} is null.
     *
     * @param w the weights
     * @param indices example indices, or null for all
     * @param from the first position
     * @param to one past the last position
     * @param gradient overwritten with ∇L_B
     * @param loss ℓ
     * @return L_B
     */
    double batch(double[] w, int[] indices, int from, int to, double[] gradient, ExampleLoss loss) {
        int[] batch = indices == null ? all : indices;
        Arrays.fill(gradient, 0);
        double inverseScale = 1 / scale;
        double sum = 0;
        for (int k = from; k < to; k++) {
            int mu = batch[k];
            double h = field(w, mu);
            sum += loss.loss(labels[mu], h);
            double c = loss.derivative(labels[mu], h) * inverseScale;
            int offset = mu * dimension;
            for (int i = 0; i < dimension; i++) {
                gradient[i] += c * inputs[offset + i];
            }
        }
        int b = to - from;
        for (int i = 0; i < dimension; i++) {
            gradient[i] /= b;
        }
        return sum / b;
    }
}
