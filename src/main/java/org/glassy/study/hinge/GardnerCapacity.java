package org.glassy.study.hinge;

import org.glassy.internal.Require;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * The capacity of the spherical perceptron with margin κ (E. Gardner, J. Phys. A 21, 257 (1988);
 * E. Gardner and B. Derrida, J. Phys. A 21, 271 (1988)): P = αN random patterns with random labels
 * can all be stored with stabilities h_μ ≥ κ, for N → ∞, iff α &lt; α_c(κ), with
 *
 * <pre>
 *   α_c(κ) = 1 / ∫_{−κ}^∞ Dt (t + κ)²,      Dt = e^{−t²/2} dt/√(2π),
 * </pre>
 *
 * <p>the replica-symmetric result, exact for κ ≥ 0 (the convex perceptron). α_c(0) = 2 (Cover's
 * counting); α_c(0.5) ≈ 0.961, α_c(1) ≈ 0.520, α_c(2) ≈ 0.200. For κ &lt; 0 the true threshold
 * needs replica symmetry breaking (S. Franz et al., SciPost Phys. 2, 019 (2017)) and this value is
 * only the replica-symmetric estimate. At α_c the perceptron jams: below, gradient descent on a
 * hinge loss reaches zero loss (SAT); above, the loss stays positive (UNSAT).
 */
public final class GardnerCapacity {

    /** Beyond t = −κ + this cutoff the Gaussian weight is below 10⁻⁸⁰. */
    private static final double CUTOFF = 20;

    private GardnerCapacity() {
    }

    /**
     * α_c(κ) by Gauss–Legendre quadrature of ∫_{−κ}^∞ Dt (t + κ)² (relative accuracy 10⁻¹²).
     *
     * @param kappa the margin κ, finite and &gt;= −10
     * @return α_c(κ)
     */
    public static double alphaC(double kappa) {
        Require.finite("kappa", kappa);
        if (kappa < -10) {
            throw Require.invalid("kappa", "must be >= -10, got " + kappa);
        }
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-15);
        double lower = -kappa;
        double upper = Math.max(lower, 0) + CUTOFF;
        double integral = integrator.integrate(1_000_000,
                t -> Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI) * (t + kappa) * (t + kappa), lower, upper);
        return 1 / integral;
    }
}
