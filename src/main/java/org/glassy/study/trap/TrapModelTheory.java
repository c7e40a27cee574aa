package org.glassy.study.trap;

import org.glassy.internal.Require;
import org.hipparchus.special.Beta;

/**
 * Exact aging functions of the mean-field trap models, Π(t_w + t, t_w) = probability that the
 * state occupied at t_w is not left during [t_w, t_w + t].
 *
 * <ul>
 *   <li>Bouchaud trap model, exponential ρ(E) = e^{−E/T_g}/T_g, x = T/T_g in (0, 1), t_w → ∞
 *       (renewal theory): Π = (sin πx/π) ∫_0^{t_w/(t_w+t)} u^{x−1}(1−u)^{−x} du, the regularised
 *       incomplete beta function I_{t_w/(t_w+t)}(x, 1−x); a function of t/t_w only (full aging),
 *       with Π_x(2t_w, t_w) + Π_{1−x}(2t_w, t_w) = 1. J.-P. Bouchaud, J. Phys. I France 2, 1705
 *       (1992); C. Monthus and J.-P. Bouchaud, J. Phys. A 29, 3847 (1996).</li>
 *   <li>Barrat–Mézard model at T = 0 and M → ∞, started in a random state. With u = e^{E} the
 *       fraction of states below the current one, every other state is proposed at total rate 1
 *       and accepted only if lower, so u(t) is the minimum of u(0) and a Poisson(t) number of
 *       uniform numbers: P(u(t) &gt; a) = (1 − a) e^{−a t}. Hence exactly
 *       Π = (1 + t_w)(1 − e^{−s})/s − t_w[1 − (1 + s) e^{−s}]/s² with s = t_w + t, which is
 *       t_w/(t_w + t) + t/(t_w + t)² up to e^{−s}, and ⟨E(t_w)⟩ = −[γ + ln t_w + E_1(t_w)
 *       + (1 − e^{−t_w})/t_w] → −ln t_w − γ. A. Barrat and M. Mézard, J. Phys. I France 5, 941
 *       (1995).</li>
 * </ul>
 */
public final class TrapModelTheory {

    /** The Euler–Mascheroni constant γ. */
    public static final double EULER_GAMMA = 0.5772156649015329;

    private TrapModelTheory() {
    }

    /**
     * The Bouchaud aging function I_{t_w/(t_w+t)}(x, 1−x), the regularised incomplete beta function of
     * Hipparchus ({@link Beta#regularizedBeta(double, double, double)}, a continued fraction accurate to
     * about 1e-14 here: the x = 1/2 closed form (2/π) arcsin √(t_w/(t_w+t)) holds to 3e-14).
     *
     * @param x T/T_g, in (0, 1)
     * @param ratio t/t_w, &gt;= 0 and finite
     * @return Π(t_w + t, t_w) in [0, 1]
     */
    public static double bouchaudPersistence(double x, double ratio) {
        if (!(x > 0 && x < 1)) {
            throw Require.invalid("x", "must lie in (0, 1), got " + x);
        }
        Require.nonNegative("ratio", ratio);
        return Beta.regularizedBeta(1 / (1 + ratio), x, 1 - x);
    }

    /**
     * The exact Barrat–Mézard aging function at T = 0, M → ∞, from a random start (see the class
     * comment); t_w/(t_w + t) for large t_w.
     *
     * @param waitingTime t_w &gt; 0
     * @param lag t &gt;= 0
     * @return Π(t_w + t, t_w)
     */
    public static double barratMezardZeroTemperaturePersistence(double waitingTime, double lag) {
        Require.positive("waitingTime", waitingTime);
        Require.nonNegative("lag", lag);
        double s = waitingTime + lag;
        double decay = Math.exp(-s);
        return (1 + waitingTime) * -Math.expm1(-s) / s - waitingTime * (1 - (1 + s) * decay) / (s * s);
    }

    /**
     * The exact mean energy of the Barrat–Mézard model at T = 0, M → ∞, from a random start:
     * −[γ + ln t_w + E_1(t_w) + (1 − e^{−t_w})/t_w], which tends to −ln t_w − γ.
     *
     * @param waitingTime t_w &gt; 0
     * @return ⟨E(t_w)⟩ in units of T_g
     */
    public static double barratMezardZeroTemperatureEnergy(double waitingTime) {
        Require.positive("waitingTime", waitingTime);
        double t = waitingTime;
        return -(EULER_GAMMA + Math.log(t) + exponentialIntegral(t) - Math.expm1(-t) / t);
    }

    /** E_1(z) = ∫_z^∞ e^{−s}/s ds for z &gt; 0: power series below 1, continued fraction above. */
    static double exponentialIntegral(double z) {
        if (z < 1) {
            double sum = 0;
            double term = 1;
            for (int k = 1; k < 60; k++) {
                term *= -z / k;
                sum += term / k;
            }
            return -EULER_GAMMA - Math.log(z) - sum;
        }
        // modified Lentz evaluation of e^{−z} / (z + 1 − 1/(z + 3 − 4/(z + 5 − …)))
        double b = z + 1;
        double c = 1 / 1e-300;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 1000; i++) {
            double a = -(double) i * i;
            b += 2;
            d = 1 / (a * d + b);
            c = b + a / c;
            double delta = c * d;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return h * Math.exp(-z);
    }
}
