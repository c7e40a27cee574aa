package org.glassy.model;

import org.glassy.internal.Require;

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

    private final int dimension;
    private final int samples;
    private final double[] inputs;
    private final double[] labels;
    private final int[] all;

    /**
     * The loss over given data.
     *
     * @param dimension d, at least 1
     * @param inputs the n inputs x_μ, row-major (n·d values, copied)
     * @param labels the n labels y_μ, finite (copied)
     */
    public PhaseRetrieval(int dimension, double[] inputs, double[] labels) {
        this.dimension = Require.atLeast("dimension", dimension, 1);
        if (labels.length < 1 || inputs.length != (long) labels.length * dimension) {
            throw Require.invalid("inputs", "must hold n·d = " + labels.length + "·" + dimension
                    + " values for n >= 1 labels, got " + inputs.length);
        }
        this.samples = labels.length;
        this.inputs = inputs.clone();
        this.labels = labels.clone();
        for (int mu = 0; mu < samples; mu++) {
            Require.finite("labels[" + mu + "]", this.labels[mu]);
        }
        this.all = new int[samples];
        for (int mu = 0; mu < samples; mu++) {
            all[mu] = mu;
        }
    }

    /** @return the input dimension d */
    @Override
    public int dimension() {
        return dimension;
    }

    /** @return the number of examples n */
    @Override
    public int exampleCount() {
        return samples;
    }

    /**
     * Returns h_μ(w) = w·x_μ/√d.
     *
     * @param w the weights, length d; not modified
     * @param mu the example, in [0, n)
     * @return the pre-activation
     */
    public double field(double[] w, int mu) {
        double s = 0;
        int offset = mu * dimension;
        for (int i = 0; i < dimension; i++) {
            s += w[i] * inputs[offset + i];
        }
        return s / Math.sqrt(dimension);
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        double loss = 0;
        for (int mu = 0; mu < samples; mu++) {
            double h = field(x, mu);
            double r = labels[mu] - h * h;
            loss += r * r;
        }
        return loss / (4.0 * samples);
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
        double loss = 0;
        for (int k = from; k < to; k++) {
            int mu = indices[k];
            double h = field(x, mu);
            double r = labels[mu] - h * h;
            loss += r * r;
            double c = -r * h * scale;
            int offset = mu * dimension;
            for (int i = 0; i < dimension; i++) {
                gradient[i] += c * inputs[offset + i];
            }
        }
        int b = to - from;
        for (int i = 0; i < dimension; i++) {
            gradient[i] /= b;
        }
        return loss / (4.0 * b);
    }

    @Override
    public String toString() {
        return "PhaseRetrieval[d=" + dimension + ", n=" + samples + "]";
    }
}
