package org.glassy.model;

import org.glassy.internal.Require;

/**
 * The cost ℓ(Δ) of one constraint with gap Δ = κ − (stability): zero when the constraint is
 * satisfied (Δ ≤ 0), growing with Δ when it is not. The linear hinge is the loss of Pellegrini and
 * Biroli's shallow networks and of the linear perceptron of S. Franz et al. (arXiv:1902.08243);
 * the quadratic hinge is the soft-sphere-like loss of the jamming studies (S. Franz and G. Parisi,
 * J. Phys. A 49, 145001 (2016); M. Geiger et al., Phys. Rev. E 100, 012115 (2019)).
 */
public enum HingeLoss {
    /** ℓ(Δ) = max(0, Δ), ℓ′(Δ) = θ(Δ). */
    LINEAR,
    /** ℓ(Δ) = ½ max(0, Δ)², ℓ′(Δ) = max(0, Δ). */
    QUADRATIC;

    /**
     * Returns the cost of one constraint.
     *
     * @param gap Δ, positive when the constraint is violated
     * @return ℓ(Δ) ≥ 0
     */
    public double cost(double gap) {
        if (!(gap > 0)) {
            return 0;
        }
        return this == LINEAR ? gap : 0.5 * gap * gap;
    }

    /**
     * Returns the derivative of the cost (0 at the kink Δ = 0).
     *
     * @param gap Δ
     * @return ℓ′(Δ) ≥ 0
     */
    public double slope(double gap) {
        if (!(gap > 0)) {
            return 0;
        }
        return this == LINEAR ? 1 : gap;
    }

    /**
     * Parses the command-line spelling.
     *
     * @param name {@code linear} or {@code quadratic}
     * @return the loss
     * @throws IllegalArgumentException naming {@code loss} otherwise
     */
    public static HingeLoss parse(String name) {
        return switch (name) {
            case "linear" -> LINEAR;
            case "quadratic" -> QUADRATIC;
            default -> throw Require.invalid("loss", "must be linear or quadratic, got " + name);
        };
    }
}
