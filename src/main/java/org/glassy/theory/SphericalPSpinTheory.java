package org.glassy.theory;

import org.glassy.internal.Require;

/**
 * Mean-field (N → ∞) reference values of the spherical p-spin in the physics normalisation
 * (covariance N q^p / 2), energies per spin.
 *
 * <ul>
 *   <li>Dynamical temperature T_d = √(p (p−2)^{p−2} / (2 (p−1)^{p−1})), √(3/8) for p = 3.</li>
 *   <li>Above T_d the dynamics equilibrates in the paramagnet, e = −1/(2T).</li>
 *   <li>Below T_d, after a quench from a random start, the energy approaches the
 *       Cugliandolo–Kurchan asymptote e_∞(T) = −(1/2T)[1 − (1−x) q^p], with q the largest root of
 *       (p(p−1)/2) q^{p−2} (1−q)² = T² and x = (p−2)(1−q)/q; at T = 0 this is the threshold
 *       E_th = −√(2(p−1)/p) (−2/√3 for p = 3), never the ground state (−1.1717 for p = 3,
 *       {@link #groundStateEnergy}).</li>
 *   <li>There the fluctuation–dissipation theorem is violated with the ratio x: the integrated response
 *       χ = (1 − C)/T for C ≥ q, and a line of slope −x/T below q.</li>
 * </ul>
 *
 * <p>L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71, 173 (1993); A. Crisanti and
 * H.-J. Sommers, Z. Phys. B 87, 341 (1992); T. Castellani and A. Cavagna, J. Stat. Mech. (2005)
 * P05012.
 */
public final class SphericalPSpinTheory {

    private SphericalPSpinTheory() {
    }

    /**
     * The dynamical (mode-coupling) temperature.
     *
     * @param p the interaction order, at least 3
     * @return T_d
     */
    public static double dynamicalTemperature(int p) {
        Require.atLeast("p", p, 3);
        return Math.sqrt(p * Math.pow(p - 2, p - 2) / (2 * Math.pow(p - 1, p - 1)));
    }

    /**
     * The threshold energy per spin, where T = 0 dynamics from a random start ends.
     *
     * @param p the interaction order, at least 2
     * @return E_th = −√(2(p−1)/p)
     */
    public static double thresholdEnergy(int p) {
        Require.atLeast("p", p, 2);
        return -Math.sqrt(2.0 * (p - 1) / p);
    }

    /**
     * The ground-state energy per spin: where the complexity of minima vanishes. With u = √2 e (the energy in
     * the normalisation of covariance N q^p) and E_∞ = 2√((p−1)/p), the complexity of critical points below
     * the threshold is (A. Auffinger, G. Ben Arous and J. Černý, Comm. Pure Appl. Math. 66, 165 (2013))
     *
     * <pre>
     *   Θ(u) = ½ ln(p−1) − (p−2) u² / (4(p−1)) − I₁(u),
     *   I₁(u) = −(u/E_∞²) √(u² − E_∞²) − ln(−u + √(u² − E_∞²)) + ln E_∞,   u ≤ −E_∞,
     * </pre>
     *
     * <p>and E_gs is the root of Θ(√2 e) = 0 below the threshold −E_∞/√2 = E_th: −1.1717 for p = 3, the
     * one-step replica-symmetry-breaking value of A. Crisanti and H.-J. Sommers (Z. Phys. B 87, 341 (1992));
     * E_th itself for p = 2.
     *
     * @param p the interaction order, at least 2
     * @return E_gs ≤ E_th
     */
    public static double groundStateEnergy(int p) {
        Require.atLeast("p", p, 2);
        double edge = 2 * Math.sqrt((p - 1.0) / p);
        java.util.function.DoubleUnaryOperator complexity = u -> {
            double root = Math.sqrt(Math.max(0, u * u - edge * edge));
            double i1 = -u / (edge * edge) * root - Math.log(-u + root) + Math.log(edge);
            return 0.5 * Math.log(p - 1.0) - (p - 2.0) * u * u / (4 * (p - 1.0)) - i1;
        };
        double hi = -edge;   // Θ ≥ 0 at the threshold
        if (complexity.applyAsDouble(hi) <= 0) {
            return hi / Math.sqrt(2);
        }
        double lo = 2 * hi;
        while (complexity.applyAsDouble(lo) > 0) {
            lo *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
            double mid = 0.5 * (lo + hi);
            if (complexity.applyAsDouble(mid) > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi) / Math.sqrt(2);
    }

    /**
     * The paramagnetic equilibrium energy per spin.
     *
     * @param temperature T &gt; 0
     * @return −1/(2T)
     */
    public static double paramagneticEnergy(double temperature) {
        return -0.5 / Require.positive("temperature", temperature);
    }

    /**
     * The Edwards–Anderson plateau q of the aging (threshold) state below T_d: the largest root of
     * (p(p−1)/2) q^{p−2} (1−q)² = T².
     *
     * @param p the interaction order, at least 3
     * @param temperature T in [0, T_d]
     * @return q in [(p−2)/(p−1), 1]
     */
    public static double agingPlateau(int p, double temperature) {
        double td = dynamicalTemperature(p);
        Require.nonNegative("temperature", temperature);
        if (temperature > td * (1 + 1e-12)) {
            throw Require.invalid("temperature", "must be <= T_d = " + td + " for an aging plateau, got "
                    + temperature);
        }
        if (temperature == 0) {
            return 1;
        }
        // the left side decreases on [(p−2)/p, 1] from its maximum (≥ T_d²) to 0: bisect there
        double lo = (p - 2.0) / p;
        double hi = 1;
        double t2 = temperature * temperature;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            double f = 0.5 * p * (p - 1) * Math.pow(mid, p - 2) * (1 - mid) * (1 - mid) - t2;
            if (f > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * The long-time energy per spin after a quench from infinite temperature: −1/(2T) above
     * T_d, the Cugliandolo–Kurchan aging asymptote below it, the threshold at T = 0.
     *
     * @param p the interaction order, at least 3
     * @param temperature T ≥ 0
     * @return e_∞(T)
     */
    public static double asymptoticEnergy(int p, double temperature) {
        Require.nonNegative("temperature", temperature);
        if (temperature == 0) {
            return thresholdEnergy(p);
        }
        if (temperature >= dynamicalTemperature(p)) {
            return paramagneticEnergy(temperature);
        }
        double q = agingPlateau(p, temperature);
        double x = fluctuationDissipationRatio(p, temperature);
        return -(1 - (1 - x) * Math.pow(q, p)) / (2 * temperature);
    }

    /**
     * The fluctuation–dissipation ratio x of the aging state after a quench: below T_d the response to a field
     * switched on at t_w obeys, for t_w → ∞, R(t, t_w) = (x/T) ∂_{t_w} C(t, t_w) on the aging time scales
     * (C &lt; q_EA), with x = (p − 2)(1 − q_EA)/q_EA (Cugliandolo and Kurchan 1993); above T_d the
     * fluctuation–dissipation theorem holds, x = 1. x is continuous at T_d (q_EA = (p − 2)/(p − 1) there) and
     * vanishes at T = 0 (q_EA = 1).
     *
     * @param p the interaction order, at least 3
     * @param temperature T ≥ 0
     * @return x in [0, 1]
     */
    public static double fluctuationDissipationRatio(int p, double temperature) {
        Require.nonNegative("temperature", temperature);
        if (temperature >= dynamicalTemperature(p)) {
            return 1;
        }
        double q = agingPlateau(p, temperature);
        return (p - 2) * (1 - q) / q;
    }

    /**
     * The fluctuation–dissipation relation of the aging state, χ as a function of C for t_w → ∞, where
     * χ(t_w + t, t_w) = ∫_{t_w}^{t_w + t} R(t_w + t, s) ds is the response to a field switched on at t_w: the
     * equilibrium line χ = (1 − C)/T for C ≥ q_EA (and for every C above T_d), and below the plateau the
     * straight line of slope −x/T, χ = (1 − q_EA)/T + x (q_EA − C)/T ({@link #fluctuationDissipationRatio};
     * Cugliandolo and Kurchan 1993).
     *
     * @param p the interaction order, at least 3
     * @param temperature T &gt; 0
     * @param correlation C in [0, 1]
     * @return χ(C)
     */
    public static double integratedResponse(int p, double temperature, double correlation) {
        Require.positive("temperature", temperature);
        if (!(correlation >= 0 && correlation <= 1)) {
            throw Require.invalid("correlation", "must lie in [0, 1], got " + correlation);
        }
        if (temperature >= dynamicalTemperature(p)) {
            return (1 - correlation) / temperature;
        }
        double q = agingPlateau(p, temperature);
        return correlation >= q ? (1 - correlation) / temperature
                : (1 - q + fluctuationDissipationRatio(p, temperature) * (q - correlation)) / temperature;
    }
}
