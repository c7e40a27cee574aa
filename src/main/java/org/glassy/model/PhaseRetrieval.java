package org.glassy.model;

/**
 * The square loss of real phase retrieval over n examples in dimension d:
 *
 * <pre>
 *   L(w) = (1/(4n)) Σ_μ [y_μ − h_μ(w)²]²,   h_μ(w) = w·x_μ/√d,
 *   ∇L(w) = −(1/n) Σ_μ [y_μ − h_μ²] h_μ x_μ/√d,
 * </pre>
 *
 * <p>with labels y_μ = (w*·x_μ/√d)² of a teacher w* on the sphere |w*|² = d and inputs x_μ ~ N(0, I_d)
 * (sample ratio α = n/d). The global minima L = 0 are ±w*; below α ≈ 13.8 (gradient flow, N → ∞; a recollection
 * not confirmed here) spurious minima trap gradient descent from a random start (Sarao Mannelli, Biroli,
 * Cammarota, Krzakala, Urbani, Zdeborová, arXiv:2006.06997; Mignacco, Urbani, Zdeborová, Mach. Learn.: Sci.
 * Technol. 2, 035029 (2021), arXiv:2103.04902). The loss is defined for any w; with the sphere as space the
 * constraint |w|² = d of those papers is imposed by the dynamics.
 *
 * <p>The mini-batch loss is the same expression with the mean over the batch:
 * (1/(4|B|)) Σ_{μ∈B} [y_μ − h_μ²]². The full loss is evaluated by the same code as the batch of all
 * examples in order, so a rule that selects every example reproduces gradient descent bit for bit.
 *
 * <p>Immutable and thread-safe.
 */
public final class PhaseRetrieval implements BatchModel {

    /** ℓ(y, h) = ¼ (y − h²)². */
    private static final LinearExamples.ExampleLoss QUARTIC = new LinearExamples.ExampleLoss() {
        @Override
        public double loss(double y, double h) {
            double r = y - h * h;
            return 0.25 * r * r;
        }

        @Override
        public double derivative(double y, double h) {
            return -(y - h * h) * h;
        }
    };

    private final LinearExamples examples;

    /**
     * The loss over given data.
     *
     * @param dimension d, at least 1
     * @param inputs the n inputs x_μ, row-major (n·d values, copied)
     * @param labels the n labels y_μ, finite (copied)
     */
    public PhaseRetrieval(int dimension, double[] inputs, double[] labels) {
        this.examples = new LinearExamples(dimension, inputs, labels, Math.sqrt(dimension));
    }

    /** @return the input dimension d */
    @Override
    public int dimension() {
        return examples.dimension();
    }

    /** @return the number of examples n */
    @Override
    public int exampleCount() {
        return examples.count();
    }

    /**
     * Returns h_μ(w) = w·x_μ/√d.
     *
     * @param w the weights, length d; not modified
     * @param mu the example, in [0, n)
     * @return the pre-activation
     */
    public double field(double[] w, int mu) {
        return examples.field(w, mu);
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        return examples.meanLoss(x, QUARTIC);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        return examples.batch(x, null, 0, examples.count(), gradient, QUARTIC);
    }

    @Override
    public double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        checkBatch(indices, from, to);
        return examples.batch(x, indices, from, to, gradient, QUARTIC);
    }

    @Override
    public String toString() {
        return "PhaseRetrieval[d=" + dimension() + ", n=" + exampleCount() + "]";
    }
}
