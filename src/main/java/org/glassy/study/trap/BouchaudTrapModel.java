package org.glassy.study.trap;

import java.util.SplittableRandom;

import org.glassy.internal.Require;

/**
 * Bouchaud's trap model: independent traps of depth E &gt;= 0 drawn from ρ(E) = e^{−E/T_g}/T_g; a
 * walker leaves its trap after an exponential time of mean τ = τ₀ e^{E/T} and falls into a fresh
 * trap (fully connected). With T_g = τ₀ = 1 and x = T/T_g the trapping times are Pareto,
 * P(τ &gt; s) = s^{−x}, so ⟨τ⟩ = ∞ and the model ages for x &lt; 1: Π(t_w + t, t_w) becomes a
 * function of t/t_w, {@link org.glassy.study.trap.TrapModelTheory#bouchaudPersistence}. Finite-t_w
 * corrections grow as x → 1. The energy of a trap is −E.
 *
 * <p>J.-P. Bouchaud, J. Phys. I France 2, 1705 (1992); C. Monthus and J.-P. Bouchaud, J. Phys. A
 * 29, 3847 (1996).
 *
 * @param x the reduced temperature T/T_g, &gt; 0 and finite (aging for x &lt; 1)
 */
public record BouchaudTrapModel(double x) implements TrapModel {

    /**
     * Validates x.
     *
     * @param x T/T_g
     */
    public BouchaudTrapModel {
        if (!(x > 0) || !Double.isFinite(x)) {
            throw Require.invalid("x", "must lie in (0, ∞), got " + x);
        }
    }

    /**
     * Draws traps and exponential holding times until the first jump after t_w; a trap of depth
     * E = −ln U has mean trapping time U^{−1/x}.
     *
     * @param waitingTime t_w &gt; 0
     * @param random the walker's generator
     * @return the trap occupied at t_w, energy −E, and its exit time
     */
    @Override
    public Occupation occupation(double waitingTime, SplittableRandom random) {
        double time = 0;
        while (true) {
            double depth = -Math.log(1 - random.nextDouble());
            double exit = time - Math.exp(depth / x) * Math.log(1 - random.nextDouble());
            if (exit > waitingTime) {
                return new Occupation(-depth, exit);
            }
            time = exit;
        }
    }
}
