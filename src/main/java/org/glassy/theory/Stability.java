package org.glassy.theory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

import org.glassy.internal.Require;

/**
 * The check both Cugliandolo–Kurchan integrators run on every new time: the solution must stay in its physical
 * range, otherwise the step is too large for the explicit scheme and the run stops with an
 * {@link IllegalArgumentException} naming {@code step}.
 *
 * <p>The ranges, laws of the continuum equations: |C(t,t')| ≤ 1 (Cauchy–Schwarz on the sphere |σ|² = N);
 * −√(f'(1)) = −√(p/2) ≤ e(t) ≤ 0 (below: the ground state, bounded by Sudakov–Fernique comparison of the
 * field, whose increments obey (1 − q^p)/2 ≤ p(1 − q)/2, with the linear field √(f'(1)) g·σ; above: after a
 * quench from T = ∞ the free energy decreases while the uniform start has the largest entropy, so the energy
 * never exceeds its initial 0), hence also T ≤ μ(t) = T − p e(t) ≤ T + p√(p/2); every value finite. Each bound
 * is widened by a solver's tolerance, relative to the bound's scale (1 for C, √(p/2) for e):
 * {@link #ROUND_OFF} for the fixed grid, whose valid runs stay within 10⁻¹⁵ (at T = 0, C(t + h, t) = 1 + O(ε));
 * {@link #DECIMATION} for the decimating solver, whose interval means let C exceed 1 by up to 5·10⁻⁴ in valid
 * runs (measured: p = 2, T = 0, 20–64 stored times, h = 0.025–0.4). An unstable step grows geometrically and
 * leaves either band within a few steps.
 */
final class Stability {

    /** The tolerance of the fixed grid: round-off. */
    static final double ROUND_OFF = 1e-9;

    /** The tolerance of the decimating solver: about 20 times its largest measured overshoot of |C| ≤ 1. */
    static final double DECIMATION = 1e-2;

    private final double step;
    private final double lowest;
    private final double tolerance;

    /**
     * A check for one run.
     *
     * @param parameters the run's p (for the energy range) and step (for the message)
     * @param tolerance the relative widening of each bound, {@link #ROUND_OFF} or {@link #DECIMATION}
     */
    Stability(CugliandoloKurchan.Parameters parameters, double tolerance) {
        this.step = parameters.step();
        this.lowest = -Math.sqrt(0.5 * parameters.p());
        this.tolerance = tolerance;
    }

    /**
     * A check for one run of the equations with a general covariance Q and a signal: the energy lies in
     * [{@code lowest}, 0].
     *
     * @param parameters the run's step (for the message)
     * @param tolerance the relative widening of each bound
     * @param lowest the lowest energy per variable allowed, negative
     */
    Stability(CugliandoloKurchan.Parameters parameters, double tolerance, double lowest) {
        this.step = parameters.step();
        this.lowest = lowest;
        this.tolerance = tolerance;
    }

    /** Checks e(t) ∈ [−√(p/2), 0] (hence μ(t) ∈ [T, T + p√(p/2)]), finite. */
    void checkEnergy(double time, double energy) {
        if (!(energy >= lowest * (1 + tolerance) && energy <= -lowest * tolerance)) {
            throw unstable(time, String.format(Locale.ROOT, "energy per spin %s outside its physical range [%.6f, 0]",
                    energy, lowest));
        }
    }

    /**
     * Checks a new row: C(t, s_j) ∈ [−1, 1] and the response (R, or its integral F) finite, for j in
     * [offset, offset + length).
     */
    void checkRow(double time, double[] correlation, double[] response, int offset, int length) {
        for (int j = offset; j < offset + length; j++) {
            double c = correlation[j];
            if (!(Math.abs(c) <= 1 + tolerance)) {
                throw unstable(time, "correlation " + c + " outside [-1, 1]");
            }
            if (!Double.isFinite(response[j])) {
                throw unstable(time, "response " + response[j]);
            }
        }
    }

    private IllegalArgumentException unstable(double time, String what) {
        return Require.invalid("step", "must be smaller than " + step + ": the integration is unstable at t = "
                + new BigDecimal(time).round(new MathContext(12)).stripTrailingZeros().toPlainString() + " (" + what + ")");
    }
}
