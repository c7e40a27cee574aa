package org.glassy.study.hinge;

import org.glassy.internal.Require;
import org.hipparchus.special.Erf;

/**
 * The explicit mean-field solution of the hinge-loss dynamics of a one-hidden-layer ReLU network
 * on linearly separable Gaussian data (F. Pellegrini and G. Biroli, "An analytic theory of shallow
 * networks dynamics for hinge loss classification", NeurIPS 2020, arXiv:2006.11209; model and
 * conventions of {@code org.glassy.study.hinge.ShallowHingeNetwork}), for M, P → ∞.
 *
 * <p>Since θ(z) + θ(−z) = 1 and the unsatisfied set is symmetric under x → −x, the data average
 * ⟨u y θ(w·x) x⟩ = ½ g ŵ*, with g = ⟨u |x∥|⟩. Every node then moves on a fixed hyperbola,
 *
 * <pre>
 *   a_i(t) = a_i(0) cosh γ + w∥_i(0) sinh γ,     w∥_i(t) = w∥_i(0) cosh γ + a_i(0) sinh γ,
 * </pre>
 *
 * <p>with w⊥_i constant, at a speed set by one function γ(t) with dγ/dt = β g/(2√d). For a
 * symmetric initialisation with variances σ_a², σ_w² the network output is
 * f(x) = (σ_a² + σ_w²) sinh(2γ) x∥/(4√d), so the unsatisfied examples are exactly those with
 * |x∥| &lt; x*, x* = 4√d h/((σ_a² + σ_w²) sinh 2γ) (= 2√d h/sinh 2γ at unit variances). For
 * Gaussian inputs
 *
 * <pre>
 *   g = √(2/π)(1 − e^{−x*²/2}),   unsatisfied fraction = erf(x* /√2),   L = h [erf(x* /√2) − g/x*].
 * </pre>
 *
 * <p>At late times e^{4γ} ≈ 64 β √(2/π) √d h² t/(σ_a² + σ_w²)², so the unsatisfied fraction tends
 * to (2d/π)^{1/4}/√(βt) and the loss to h/2 times it: both decay as t^{−1/2}, independently of
 * h and of the initial variances.
 *
 * <p>γ(t) is obtained from t(γ) = ∫_0^γ 2√d/(β g) dγ′, integrated by the fourth-order Runge–Kutta
 * rule in γ (step 10⁻³), the last partial step in t.
 */
public final class ShallowHingeTheory {

    /**
     * The parameters of the mean-field dynamics.
     *
     * @param dimension the input dimension d, at least 1
     * @param margin the hinge threshold h, &gt; 0
     * @param rate β, the learning rate in units of M (1 for unit-rate gradient flow on M·L)
     * @param outputVariance σ_a², the variance of the initial output weights, &gt; 0
     * @param inputVariance σ_w², the variance of each initial input-weight component, &gt; 0
     */
    public record Parameters(int dimension, double margin, double rate, double outputVariance, double inputVariance) {

        /**
         * Validates the parameters.
         *
         * @param dimension the input dimension d, at least 1
         * @param margin the hinge threshold h, &gt; 0
         * @param rate β, &gt; 0
         * @param outputVariance σ_a², &gt; 0
         * @param inputVariance σ_w², &gt; 0
         */
        public Parameters {
            Require.atLeast("dimension", dimension, 1);
            Require.positive("margin", margin);
            Require.positive("rate", rate);
            Require.positive("outputVariance", outputVariance);
            Require.positive("inputVariance", inputVariance);
        }

        /**
         * The paper's setting: unit rate β = 1 and unit initial variances.
         *
         * @param dimension the input dimension d, at least 1
         * @param margin the hinge threshold h, &gt; 0
         * @return the parameters
         */
        public static Parameters standard(int dimension, double margin) {
            return new Parameters(dimension, margin, 1, 1, 1);
        }
    }

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double GAMMA_STEP = 1e-3;

    private final Parameters parameters;

    /**
     * Creates the solution for one set of parameters.
     *
     * @param parameters the parameters
     */
    public ShallowHingeTheory(Parameters parameters) {
        this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
    }

    /**
     * Returns the parameters.
     *
     * @return the parameters
     */
    public Parameters parameters() {
        return parameters;
    }

    /**
     * The boundary of the unsatisfied slab for a given γ, x* = 4√d h/((σ_a² + σ_w²) sinh 2γ).
     *
     * @param gamma γ ≥ 0
     * @return x* (infinite at γ = 0)
     */
    public double boundaryAt(double gamma) {
        Require.nonNegative("gamma", gamma);
        double s = parameters.outputVariance() + parameters.inputVariance();
        return 4 * Math.sqrt(parameters.dimension()) * parameters.margin() / (s * Math.sinh(2 * gamma));
    }

    /**
     * γ(t), the solution of dγ/dt = β g(x*(γ))/(2√d) with γ(0) = 0.
     *
     * @param time t ≥ 0
     * @return γ(t)
     */
    public double gamma(double time) {
        Require.nonNegative("time", time);
        double gamma = 0;
        double t = 0;
        while (true) {
            // one RK4 step of dt/dγ = 1/k(γ)
            double h = GAMMA_STEP;
            double k1 = 1 / rate(gamma);
            double k2 = 1 / rate(gamma + h / 2);
            double k4 = 1 / rate(gamma + h);
            double dt = h * (k1 + 4 * k2 + k4) / 6;
            if (t + dt > time) {
                break;
            }
            t += dt;
            gamma += h;
        }
        // the remaining time, one RK4 step of dγ/dt = k(γ)
        double dt = time - t;
        double r1 = rate(gamma);
        double r2 = rate(gamma + dt * r1 / 2);
        double r3 = rate(gamma + dt * r2 / 2);
        double r4 = rate(gamma + dt * r3);
        return gamma + dt * (r1 + 2 * r2 + 2 * r3 + r4) / 6;
    }

    /**
     * x*(t): the examples with |x∥| &lt; x* are unsatisfied.
     *
     * @param time t ≥ 0
     * @return x*(t), infinite at t = 0
     */
    public double boundary(double time) {
        return boundaryAt(gamma(time));
    }

    /**
     * The fraction of unsatisfied examples, erf(x* /√2).
     *
     * @param time t ≥ 0
     * @return the fraction in (0, 1]
     */
    public double unsatisfiedFraction(double time) {
        double x = boundary(time);
        return Double.isInfinite(x) ? 1 : Erf.erf(x / Math.sqrt(2));
    }

    /**
     * The training loss per example, L = h [erf(x* /√2) − g/x*] (linear hinge).
     *
     * @param time t ≥ 0
     * @return L(t), h at t = 0
     */
    public double loss(double time) {
        double x = boundary(time);
        if (Double.isInfinite(x)) {
            return parameters.margin();
        }
        return parameters.margin() * (Erf.erf(x / Math.sqrt(2)) - g(x) / x);
    }

    /**
     * The local slope of the loss on log–log axes, d ln L/d ln t = t L′(t)/L, exactly: with
     * dL/dx* = h g/x*², dx* /dγ = −2 x* coth 2γ and dγ/dt = β g/(2√d),
     *
     * <pre>
     *   d ln L/d ln t = −t h β g² coth(2γ) / (√d x* L).
     * </pre>
     *
     * <p>It starts at 0, falls well below −½ (−1.10 at t = 10 for d = 10, h = 1) and returns to the
     * late-time value −½ slowly, with corrections O(t^{−1/2}): the power-law fit of L over
     * [100, 1000] gives −0.52 and over [10⁴, 10⁶] −0.5001 (d = 10, h = 1).
     *
     * @param time t &gt; 0
     * @return the local slope
     */
    public double lossLogSlope(double time) {
        Require.positive("time", time);
        double gamma = gamma(time);
        double x = boundaryAt(gamma);
        double g = g(x);
        double dLdt = -parameters.margin() * parameters.rate() * g * g / (Math.tanh(2 * gamma) * x
                * Math.sqrt(parameters.dimension()));
        return time * dLdt / loss(time);
    }

    /**
     * The local slope of the unsatisfied fraction on log–log axes, d ln u/d ln t with
     * u = erf(x* /√2): du/dx* = √(2/π) e^{−x*²/2}, so
     *
     * <pre>
     *   d ln u/d ln t = −t √(2/π) e^{−x*²/2} x* β g coth(2γ) / (√d u),
     * </pre>
     *
     * <p>→ −½ at late times.
     *
     * @param time t &gt; 0
     * @return the local slope
     */
    public double unsatisfiedLogSlope(double time) {
        Require.positive("time", time);
        double gamma = gamma(time);
        double x = boundaryAt(gamma);
        double dudt = -SQRT_2_OVER_PI * Math.exp(-x * x / 2) * x * parameters.rate() * g(x)
                / (Math.tanh(2 * gamma) * Math.sqrt(parameters.dimension()));
        return time * dudt / unsatisfiedFraction(time);
    }

    /**
     * The late-time law of the unsatisfied fraction, (2d/π)^{1/4}/√(βt).
     *
     * @param time t &gt; 0
     * @return the asymptote
     */
    public double lateUnsatisfiedFraction(double time) {
        Require.positive("time", time);
        return Math.pow(2 * parameters.dimension() / Math.PI, 0.25) / Math.sqrt(parameters.rate() * time);
    }

    /**
     * The late-time law of the loss, h/2 times {@link #lateUnsatisfiedFraction}.
     *
     * @param time t &gt; 0
     * @return the asymptote
     */
    public double lateLoss(double time) {
        return parameters.margin() * lateUnsatisfiedFraction(time) / 2;
    }

    /**
     * One node's position on its hyperbola: (a, w∥) at time t from (a(0), w∥(0)).
     *
     * @param outputWeight a_i(0)
     * @param parallelWeight w∥_i(0)
     * @param time t ≥ 0
     * @return {a_i(t), w∥_i(t)}
     */
    public double[] node(double outputWeight, double parallelWeight, double time) {
        double gamma = gamma(time);
        double c = Math.cosh(gamma);
        double s = Math.sinh(gamma);
        return new double[] {outputWeight * c + parallelWeight * s, parallelWeight * c + outputWeight * s};
    }

    /** k(γ) = dγ/dt = β g(x*(γ))/(2√d). */
    private double rate(double gamma) {
        return parameters.rate() * g(boundaryAt(gamma)) / (2 * Math.sqrt(parameters.dimension()));
    }

    /** g = ⟨u |x∥|⟩ = √(2/π)(1 − e^{−x*²/2}). */
    private static double g(double boundary) {
        if (Double.isInfinite(boundary)) {
            return SQRT_2_OVER_PI;
        }
        return -SQRT_2_OVER_PI * Math.expm1(-boundary * boundary / 2);
    }
}
