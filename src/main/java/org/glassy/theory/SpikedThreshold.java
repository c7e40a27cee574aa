package org.glassy.theory;

import org.glassy.internal.Require;
import org.glassy.model.PSpinSpherical;

/**
 * The gradient-flow threshold of the spiked matrix–tensor model ({@link org.glassy.model.SpikedMatrixTensor}):
 * gradient flow from a random start finds the signal when 1/Δ2 exceeds
 *
 * <pre>
 *   1/Δ2^GF = [1 + √(1 + 4(p − 1)/Δp)] / 2 .
 * </pre>
 *
 * <p>Origin: gradient flow from a random start first descends towards the threshold states of the noise landscape
 * (self-overlap q → 1, signal overlap m ≈ 0), marginal minima whose Hessian on the sphere has a semicircle
 * spectrum of radius 2√Q″(1) touching zero, with Q″(1) = 1/Δ2 + (p − 1)/Δp. The matrix signal adds a rank-one
 * perturbation of strength 1/Δ2 along x*; by the BBP transition it pulls an eigenvalue below the edge, a descent
 * direction towards the signal, exactly when 1/Δ2 &gt; √Q″(1), i.e. (1/Δ2)² − 1/Δ2 − (p − 1)/Δp &gt; 0, whose
 * positive root is the formula above. This is the mechanism ("surfing on saddles" with a BBP-type negative
 * direction) of S. Sarao Mannelli, G. Biroli, C. Cammarota, F. Krzakala, L. Zdeborová, "Who is afraid of big bad
 * minima? Analysis of gradient-flow in spiked matrix-tensor models", NeurIPS 2019, arXiv:1907.08226, which gives
 * the gradient-flow threshold in closed form from it (the closed form here is derived by that argument; its
 * equation number in the paper was not checked). The earlier S. Sarao Mannelli, F. Krzakala, P. Urbani,
 * L. Zdeborová, "Passed &amp; Spurious", ICML 2019, arXiv:1902.00139, obtained the same line only by extrapolating
 * the convergence time of the DMFT equations. As Δp → ∞ it tends to the matrix (BBP) threshold 1/Δ2 = 1.
 * Values: p = 3, Δ2^GF = 0.390, 0.500, 0.618, 0.732, 0.854 at Δp = 0.5, 1, 2, 4, 10; p = 4, 0.434 at Δp = 1
 * and 0.667 at Δp = 4.
 *
 * <p>The Bayes-optimal line of the phase diagram (Marvels and pitfalls, arXiv:1812.09066) comes from a replica
 * free energy and state evolution, with no closed form in the sources read, so it is not given here.
 */
public final class SpikedThreshold {

    private SpikedThreshold() {
    }

    /**
     * The gradient-flow threshold 1/Δ2^GF = [1 + √(1 + 4(p − 1)/Δp)]/2.
     *
     * @param p the tensor order, in [2, {@value PSpinSpherical#MAX_P}]
     * @param deltap the tensor noise variance Δp &gt; 0 (+∞ gives the matrix threshold 1)
     * @return 1/Δ2^GF, at least 1
     */
    public static double inverseDelta2(int p, double deltap) {
        PSpinSpherical.requireOrder(p);
        if (!(deltap > 0)) {
            throw Require.invalid("deltap", "must be > 0, got " + deltap);
        }
        return (1 + Math.sqrt(1 + 4 * (p - 1) / deltap)) / 2;
    }

    /**
     * The gradient-flow threshold as a noise variance, Δ2^GF = 1/{@link #inverseDelta2}: gradient flow from a random
     * start finds the signal for Δ2 &lt; Δ2^GF.
     *
     * @param p the tensor order, in [2, {@value PSpinSpherical#MAX_P}]
     * @param deltap the tensor noise variance Δp &gt; 0
     * @return Δ2^GF, in (0, 1]
     */
    public static double delta2(int p, double deltap) {
        return 1 / inverseDelta2(p, deltap);
    }
}
