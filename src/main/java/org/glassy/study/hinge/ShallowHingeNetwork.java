package org.glassy.study.hinge;

import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.internal.Require;
import org.glassy.model.HingeLoss;
import org.glassy.model.Model;

/**
 * The one-hidden-layer ReLU network of F. Pellegrini and G. Biroli, "An analytic theory of shallow
 * networks dynamics for hinge loss classification", NeurIPS 2020 (arXiv:2006.11209), in its
 * mean-field scaling:
 *
 * <pre>
 *   f(x) = (1/M) Σ_i a_i ReLU(w_i·x/√d),     L = (1/P) Σ_μ ℓ(h − y_μ f(x_μ)),     E = M·L,
 * </pre>
 *
 * <p>with M hidden nodes (output weights a_i, input weights w_i ∈ R^d), labels y_μ = ±1, hinge
 * threshold h and ℓ a {@link HingeLoss} (linear in the paper). The energy is the loss times M, so
 * that gradient flow at unit rate, dθ/dt = −∇E, is the paper's dynamics with learning rate βM and
 * β = 1 (their β only rescales time, t → βt):
 *
 * <pre>
 *   da_i/dt = ⟨ℓ′ y ReLU(w_i·x/√d)⟩,     dw_i/dt = (a_i/√d) ⟨ℓ′ y θ(w_i·x) x⟩,
 * </pre>
 *
 * <p>⟨·⟩ the mean over the P examples and ℓ′ = 1 on the unsatisfied examples (y f &lt; h) for
 * the linear hinge. {@link #initialState} draws a_i and the components of w_i i.i.d. N(0, 1), the
 * paper's initialisation. The mean-field solution is {@code org.glassy.study.hinge.ShallowHingeTheory}.
 *
 * <p>State layout: x = (a_1 … a_M, w_1 … w_M), w_i occupying x[M + i·d .. M + (i+1)·d), so the
 * dimension is M(d + 1). The inputs are shared with the dataset, not copied. Immutable and
 * thread-safe.
 */
public final class ShallowHingeNetwork implements Model {

    private final int hidden;
    private final int d;
    private final int p;
    private final double[] inputs;
    private final double[] signs;
    private final double margin;
    private final HingeLoss loss;
    private final double scale;

    /**
     * Builds the network's loss on a two-class dataset; class 1 has y = +1, class 0 y = −1.
     *
     * @param data the training set, P examples of dimension d, 2 classes
     * @param hidden the number of hidden nodes M, at least 1
     * @param margin the hinge threshold h, finite and &gt;= 0
     * @param loss the hinge cost (linear in Pellegrini and Biroli)
     */
    public ShallowHingeNetwork(Dataset data, int hidden, double margin, HingeLoss loss) {
        Objects.requireNonNull(data, "data");
        if (data.classes() != 2) {
            throw Require.invalid("data", "must have 2 classes, got " + data.classes());
        }
        this.hidden = Require.atLeast("hidden", hidden, 1);
        this.d = data.inputDimension();
        Require.inRange("hidden", hidden, 1, (Integer.MAX_VALUE - 8) / (d + 1));
        this.margin = Require.nonNegative("margin", margin);
        this.loss = Objects.requireNonNull(loss, "loss");
        this.p = data.size();
        this.inputs = data.inputs();
        this.signs = new double[p];
        for (int mu = 0; mu < p; mu++) {
            signs[mu] = data.labels()[mu] == 1 ? 1 : -1;
        }
        this.scale = 1 / Math.sqrt(d);
    }

    @Override
    public int dimension() {
        return hidden * (d + 1);
    }

    /**
     * Returns the number of hidden nodes M.
     *
     * @return M
     */
    public int hidden() {
        return hidden;
    }

    /**
     * Returns the input dimension d.
     *
     * @return d
     */
    public int inputDimension() {
        return d;
    }

    /**
     * Returns the number of training examples P.
     *
     * @return P
     */
    public int exampleCount() {
        return p;
    }

    /**
     * Returns the hinge threshold h.
     *
     * @return h
     */
    public double margin() {
        return margin;
    }

    /**
     * Draws the paper's initial condition: every a_i and every component of every w_i i.i.d.
     * N(0, 1), a first, then w_1, …, w_M.
     *
     * @param seed the seed
     * @return a new state of length M(d + 1)
     */
    public double[] initialState(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[dimension()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    /**
     * Returns the network's outputs y_μ f(x_μ) times the labels on the training set: the
     * per-example margins, satisfied when at least h.
     *
     * @param x the state; not modified
     * @return P values y_μ f(x_μ)
     */
    public double[] margins(double[] x) {
        checkDimension("x", x);
        double[] out = new double[p];
        double[] z = new double[hidden];
        for (int mu = 0; mu < p; mu++) {
            out[mu] = signs[mu] * output(x, mu, z);
        }
        return out;
    }

    /**
     * Returns the training loss L = E/M, the mean hinge cost per example.
     *
     * @param x the state; not modified
     * @return L
     */
    public double loss(double[] x) {
        return energy(x) / hidden;
    }

    /**
     * Returns the fraction of unsatisfied examples, #{μ : y_μ f(x_μ) &lt; h}/P.
     *
     * @param x the state; not modified
     * @return the fraction in [0, 1]
     */
    public double unsatisfiedFraction(double[] x) {
        double[] m = margins(x);
        int count = 0;
        for (double v : m) {
            if (margin - v > 0) {
                count++;
            }
        }
        return (double) count / p;
    }

    /**
     * Returns the components w_i·u of the input weights along a unit direction u: with u = ŵ*, the
     * teacher direction, the w∥_i of the mean-field theory.
     *
     * @param x the state; not modified
     * @param direction u, of length d
     * @return M components
     */
    public double[] parallelComponents(double[] x, double[] direction) {
        checkDimension("x", x);
        if (direction.length != d) {
            throw Require.invalid("direction", "must have length d = " + d + ", got " + direction.length);
        }
        double[] c = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            int offset = hidden + i * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[offset + j] * direction[j];
            }
            c[i] = s;
        }
        return c;
    }

    /**
     * Returns |w_⊥,i|² = |w_i|² − (w_i·u)², the squared norm of each node's input weights
     * perpendicular to a unit direction u (constant in time in the mean-field theory).
     *
     * @param x the state; not modified
     * @param direction u, of length d
     * @return M squared norms
     */
    public double[] perpendicularSquaredNorms(double[] x, double[] direction) {
        double[] parallel = parallelComponents(x, direction);
        double[] c = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            int offset = hidden + i * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[offset + j] * x[offset + j];
            }
            c[i] = s - parallel[i] * parallel[i];
        }
        return c;
    }

    /**
     * Returns a copy of the output weights a_1 … a_M.
     *
     * @param x the state; not modified
     * @return M values
     */
    public double[] outputWeights(double[] x) {
        checkDimension("x", x);
        return java.util.Arrays.copyOf(x, hidden);
    }

    @Override
    public double energy(double[] x) {
        return energyAndGradient(x, null);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        if (gradient != null) {
            checkDimension("gradient", gradient);
            java.util.Arrays.fill(gradient, 0.0);
        }
        final int m = hidden;
        // input weights transposed to d × M, so that every inner loop runs over the M nodes
        double[] weights = transposedWeights(x);
        double[] gradientT = gradient == null ? null : new double[m * d];
        double[] z = new double[m];
        double[] active = new double[m];
        double sum = 0;
        for (int mu = 0; mu < p; mu++) {
            int offset = mu * d;
            java.util.Arrays.fill(z, 0.0);
            for (int j = 0; j < d; j++) {
                double xj = inputs[offset + j] * scale;
                int row = j * m;
                for (int i = 0; i < m; i++) {
                    z[i] += weights[row + i] * xj;
                }
            }
            double f = 0;
            for (int i = 0; i < m; i++) {
                f += z[i] > 0 ? x[i] * z[i] : 0;
            }
            double gap = margin - signs[mu] * f / m;
            if (!(gap > 0)) {
                continue;
            }
            sum += loss.cost(gap);
            if (gradient == null) {
                continue;
            }
            // ∂E/∂a_i = −(1/P) ℓ′ y ReLU(z_i);   ∂E/∂w_i = −(1/P) ℓ′ y a_i θ(z_i) x/√d
            double c = -loss.slope(gap) * signs[mu] / p;
            for (int i = 0; i < m; i++) {
                boolean on = z[i] > 0;
                gradient[i] += on ? c * z[i] : 0;
                active[i] = on ? x[i] : 0;
            }
            for (int j = 0; j < d; j++) {
                double cx = c * inputs[offset + j] * scale;
                int row = j * m;
                for (int i = 0; i < m; i++) {
                    gradientT[row + i] += cx * active[i];
                }
            }
        }
        if (gradient != null) {
            for (int i = 0; i < m; i++) {
                int w = m + i * d;
                for (int j = 0; j < d; j++) {
                    gradient[w + j] = gradientT[j * m + i];
                }
            }
        }
        return sum * m / p;
    }

    private double[] transposedWeights(double[] x) {
        double[] t = new double[hidden * d];
        for (int i = 0; i < hidden; i++) {
            int w = hidden + i * d;
            for (int j = 0; j < d; j++) {
                t[j * hidden + i] = x[w + j];
            }
        }
        return t;
    }

    /** f(x_μ), leaving the pre-activations w_i·x_μ/√d in z. */
    private double output(double[] x, int mu, double[] z) {
        int offset = mu * d;
        double f = 0;
        for (int i = 0; i < hidden; i++) {
            int w = hidden + i * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[w + j] * inputs[offset + j];
            }
            s *= scale;
            z[i] = s;
            if (s > 0) {
                f += x[i] * s;
            }
        }
        return f / hidden;
    }

    @Override
    public String toString() {
        return "ShallowHingeNetwork[M=" + hidden + ", d=" + d + ", P=" + p + ", h=" + margin + ", loss=" + loss + "]";
    }
}
