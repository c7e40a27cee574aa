package org.glassy.study.hinge;

import java.util.Objects;

import org.glassy.core.Space;
import org.glassy.data.Dataset;
import org.glassy.internal.Require;
import org.glassy.model.HingeLoss;
import org.glassy.model.Model;

/**
 * The spherical perceptron with margin κ under a hinge loss, the simplest model of jamming:
 *
 * <pre>
 *   E(w) = Σ_μ ℓ(κ − h_μ),   h_μ = y_μ w·x_μ / √N,   |w|² = N,
 * </pre>
 *
 * <p>with ℓ a {@link HingeLoss} (linear or quadratic), labels y_μ = ±1 and P = αN patterns x_μ.
 * The constraints h_μ ≥ κ can all be satisfied (E = 0, SAT) with probability one for N → ∞ below
 * the Gardner capacity α_c(κ) = 1/∫_{−κ}^∞ Dt (t + κ)², and not above it (UNSAT): E. Gardner,
 * J. Phys. A 21, 257 (1988); the jamming view is S. Franz and G. Parisi, J. Phys. A 49, 145001
 * (2016). See {@code org.glassy.study.hinge.GardnerCapacity}.
 *
 * <p>The spherical constraint is not part of the model: run it on {@code Space.sphere()}.
 * The gradient is ∇E = −Σ_μ ℓ′(κ − h_μ) y_μ x_μ/√N; at a kink (h_μ = κ exactly) ℓ′ = 0.
 * Immutable and thread-safe.
 */
public final class HingePerceptron implements Model {

    private final int n;
    private final int p;
    private final double[] inputs;
    private final double[] signs;
    private final double kappa;
    private final HingeLoss loss;
    private final double scale;

    /**
     * Builds the perceptron's loss over a two-class dataset; class 1 has label y = +1, class 0
     * y = −1.
     *
     * @param patterns P patterns of dimension N (the arrays are shared, not copied), 2 classes
     * @param kappa the margin κ, finite (negative margins give the non-convex perceptron)
     * @param loss the hinge cost
     */
    public HingePerceptron(Dataset patterns, double kappa, HingeLoss loss) {
        Objects.requireNonNull(patterns, "patterns");
        if (patterns.classes() != 2) {
            throw Require.invalid("patterns", "must have 2 classes, got " + patterns.classes());
        }
        this.kappa = Require.finite("kappa", kappa);
        this.loss = Objects.requireNonNull(loss, "loss");
        this.n = patterns.inputDimension();
        this.p = patterns.size();
        this.inputs = patterns.inputs();
        this.signs = new double[p];
        for (int mu = 0; mu < p; mu++) {
            signs[mu] = patterns.labels()[mu] == 1 ? 1 : -1;
        }
        this.scale = 1 / Math.sqrt(n);
    }

    @Override
    public int dimension() {
        return n;
    }

    /**
     * Returns the number of patterns P.
     *
     * @return P
     */
    public int patternCount() {
        return p;
    }

    /**
     * Returns the margin κ.
     *
     * @return κ
     */
    public double kappa() {
        return kappa;
    }

    /**
     * Returns the hinge cost.
     *
     * @return ℓ
     */
    public HingeLoss loss() {
        return loss;
    }

    /**
     * Returns the stabilities h_μ = y_μ w·x_μ/√N of all patterns.
     *
     * @param w the weights, of length N; not modified
     * @return P stabilities; the gaps of the jamming literature are h_μ − κ
     */
    public double[] stabilities(double[] w) {
        checkDimension("w", w);
        double[] h = new double[p];
        for (int mu = 0; mu < p; mu++) {
            h[mu] = stability(w, mu);
        }
        return h;
    }

    /**
     * Returns the constraint vector ξ_μ = y_μ x_μ/√N of one pattern, so that h_μ = ξ_μ·w.
     *
     * @param mu the pattern, in [0, P)
     * @return a new array of length N
     */
    public double[] constraint(int mu) {
        if (mu < 0 || mu >= p) {
            throw new IndexOutOfBoundsException("pattern " + mu + " of " + p);
        }
        double[] xi = new double[n];
        int offset = mu * n;
        for (int i = 0; i < n; i++) {
            xi[i] = signs[mu] * scale * inputs[offset + i];
        }
        return xi;
    }

    /**
     * Returns the force Σ_μ f_μ ξ_μ that constraints with forces f_μ exert on w (ξ_μ = y_μ x_μ/√N):
     * with f_μ = ℓ′(κ − h_μ) it is −∇E.
     *
     * @param forces P forces f_μ (zeros are skipped); not modified
     * @return a new array of length N
     */
    public double[] constraintForce(double[] forces) {
        if (forces.length != p) {
            throw new IllegalArgumentException("forces must have length P = " + p + ", got " + forces.length);
        }
        double[] sum = new double[n];
        for (int mu = 0; mu < p; mu++) {
            if (forces[mu] != 0) {
                double c = forces[mu] * signs[mu] * scale;
                int offset = mu * n;
                for (int i = 0; i < n; i++) {
                    sum[i] += c * inputs[offset + i];
                }
            }
        }
        return sum;
    }

    /**
     * Returns the fraction of unsatisfied constraints, #{μ : h_μ &lt; κ}/P (examples with a positive
     * hinge).
     *
     * @param w the weights, of length N; not modified
     * @return the fraction in [0, 1]
     */
    public double unsatisfiedFraction(double[] w) {
        checkDimension("w", w);
        int count = 0;
        for (int mu = 0; mu < p; mu++) {
            if (kappa - stability(w, mu) > 0) {
                count++;
            }
        }
        return (double) count / p;
    }

    @Override
    public double energy(double[] w) {
        checkDimension("w", w);
        double e = 0;
        for (int mu = 0; mu < p; mu++) {
            e += loss.cost(kappa - stability(w, mu));
        }
        return e;
    }

    @Override
    public double energyAndGradient(double[] w, double[] gradient) {
        checkDimension("w", w);
        checkDimension("gradient", gradient);
        java.util.Arrays.fill(gradient, 0.0);
        double e = 0;
        for (int mu = 0; mu < p; mu++) {
            double gap = kappa - stability(w, mu);
            if (gap > 0) {
                e += loss.cost(gap);
                double c = -loss.slope(gap) * signs[mu] * scale;
                int offset = mu * n;
                for (int i = 0; i < n; i++) {
                    gradient[i] += c * inputs[offset + i];
                }
            }
        }
        return e;
    }

    private double stability(double[] w, int mu) {
        return signs[mu] * dot(inputs, mu * n, w, n) * scale;
    }

    /**
     * Σ_i a[offset + i] b[i] over i &lt; length, in four interleaved partial sums (which the JIT compiles to
     * independent chains: about three times faster than one running sum, and as accurate).
     */
    static double dot(double[] a, int offset, double[] b, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[offset + i] * b[i];
            s1 += a[offset + i + 1] * b[i + 1];
            s2 += a[offset + i + 2] * b[i + 2];
            s3 += a[offset + i + 3] * b[i + 3];
        }
        for (; i < length; i++) {
            s0 += a[offset + i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public String toString() {
        return "HingePerceptron[n=" + n + ", p=" + p + ", kappa=" + kappa + ", loss=" + loss + "]";
    }
}
