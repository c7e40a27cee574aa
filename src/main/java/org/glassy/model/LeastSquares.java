package org.glassy.model;

/**
 * Linear least squares over n examples, L(w) = (1/(2n)) Σ_μ (y_μ − w·x_μ)², ∇L = −(1/n) Σ_μ (y_μ − w·x_μ) x_μ:
 * linear regression, whose SGD stationary state is known exactly
 * ({@link org.glassy.theory.SgdLeastSquares}). The mini-batch loss is the mean over the batch; the full loss is
 * computed by the same code as the batch of all examples in order.
 *
 * <p>Immutable and thread-safe.
 */
public final class LeastSquares implements BatchModel {

    /** ℓ(y, h) = ½ (y − h)². */
    private static final LinearExamples.ExampleLoss SQUARE = new LinearExamples.ExampleLoss() {
        @Override
        public double loss(double y, double h) {
            double r = y - h;
            return 0.5 * r * r;
        }

        @Override
        public double derivative(double y, double h) {
            return h - y;
        }
    };

    private final LinearExamples examples;

    /**
     * The loss over given data.
     *
     * @param dimension d, at least 1
     * @param inputs the n inputs, row-major (n·d values, copied)
     * @param targets the n targets y_μ, finite (copied)
     */
    public LeastSquares(int dimension, double[] inputs, double[] targets) {
        this.examples = new LinearExamples(dimension, inputs, targets, 1);
    }

    @Override
    public int dimension() {
        return examples.dimension();
    }

    @Override
    public int exampleCount() {
        return examples.count();
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        return examples.meanLoss(x, SQUARE);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        return examples.batch(x, null, 0, examples.count(), gradient, SQUARE);
    }

    @Override
    public double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        checkBatch(indices, from, to);
        return examples.batch(x, indices, from, to, gradient, SQUARE);
    }

    @Override
    public String toString() {
        return "LeastSquares[d=" + dimension() + ", n=" + exampleCount() + "]";
    }
}
