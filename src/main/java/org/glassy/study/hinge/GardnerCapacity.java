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
     * Cover's exact probability that P random patterns with random labels in N dimensions can be
     * stored at κ = 0, i.e. that a random dichotomy of P points in general position is linearly
     * separable (T. M. Cover, IEEE Trans. Electron. Comput. EC-14, 326 (1965)):
     *
     * <pre>
     *   P_N(SAT; P) = 2^{1−P} Σ_{k=0}^{N−1} C(P − 1, k),
     * </pre>
     *
     * <p>the probability that a Binomial(P − 1, ½) variable is at most N − 1: 1 for P ≤ N, exactly ½
     * at P = 2N for every N (so the curves of all sizes cross at α = 2), and a step of width
     * O(N^{−1/2}) around α = 2. The mean of the largest storable P_J is Σ_{P ≥ 1} P_N(SAT; P) = 2N, so
     * the mean jamming point with the convention α_J = (P_J + ½)/N of {@code JammingThresholds} is
     * 2 + 1/(2N).
     *
     * @param n the dimension N, at least 1
     * @param p the number of patterns P, at least 1
     * @return P_N(SAT; P)
     */
    public static double coverProbability(int n, int p) {
        Require.atLeast("n", n, 1);
        Require.atLeast("p", p, 1);
        if (p <= n) {
            return 1;
        }
        return new org.hipparchus.distribution.discrete.BinomialDistribution(p - 1, 0.5).cumulativeProbability(n - 1);
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
