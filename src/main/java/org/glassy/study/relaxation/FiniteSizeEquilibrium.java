package org.glassy.study.relaxation;

import java.util.SplittableRandom;

import org.glassy.internal.Require;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Rows;
import org.glassy.theory.SphericalPSpinTheory;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The equilibrium energy per spin of the spherical p-spin at finite N in the paramagnet (T &gt; T_d), where the
 * mean-field value −1/(2T) holds only for N → ∞.
 *
 * <p>For a fixed configuration s on the sphere |s|² = N the energy H(s) is Gaussian over the couplings with
 * variance
 * <pre>
 *   V(s) = E_J H(s)² = (p!/(2N^{p−1})) e_p(s_1², …, s_N²),
 * </pre>
 * e_p the elementary symmetric polynomial of degree p (the couplings of {@link PSpinSpherical}: p!/(2N^{p−1})
 * each, distinct indices only); V = N/2 only when every s_i² = 1. The annealed free energy
 * ln E_J Z = ln ∫ dσ(s) e^{β² V(s)/2} (σ the uniform measure on the sphere) gives the energy per spin
 * <pre>
 *   e_N(T) = −(1/N) ∂_β ln E_J Z = −(β/N) ⟨V⟩_β,    ⟨V⟩_β = ∫ dσ V e^{β²V/2} / ∫ dσ e^{β²V/2},
 * </pre>
 * computed here by sampling σ. Its first order in β is exact through the moments of σ,
 * E_σ[s_1² ⋯ s_p²] = N^p / (N (N + 2) ⋯ (N + 2p − 2)):
 * <pre>
 *   e_N(T) = −(β/2) Π_{k=1}^{p−1} (N − k)/(N + 2k) + O(β³)    (p = 3: −(β/2)(N−1)(N−2)/((N+2)(N+4)) ≈ −(β/2)(1 − 9/N)),
 * </pre>
 * the "−9/N" correction; the O(β³) term, −(β³/2N) Var_σ(V), lowers it further (by 0.003 at N = 64, T = 1).
 * The quenched average E_J ln Z differs from the annealed one by −(1/2) Var Z/(E Z)² to leading order, which
 * raises the energy by β³ p!/(4N^{p−1}) per spin (1.5 β³/N² for p = 3: 4·10⁻⁴ at N = 64, 2·10⁻⁵ at N = 256,
 * T = 1), below the statistical errors of the simulations it is compared with. As N → ∞, e_N → −1/(2T)
 * ({@link SphericalPSpinTheory#paramagneticEnergy}).
 *
 * <p>A. Crisanti and H.-J. Sommers, Z. Phys. B 87, 341 (1992) (the model and its paramagnet); the finite-N
 * expansion is the standard high-temperature (annealed) expansion on the sphere.
 */
public final class FiniteSizeEquilibrium {

    private FiniteSizeEquilibrium() {
    }

    /**
     * A Monte Carlo estimate.
     *
     * @param value the estimate
     * @param standardError its standard error
     */
    public record Estimate(double value, double standardError) {
    }

    /**
     * The first order of the high-temperature expansion, exact in N: e = −(β/2) Π_{k=1}^{p−1} (N − k)/(N + 2k).
     *
     * @param p the interaction order, in [2, 500]
     * @param n the number of spins, at least p
     * @param temperature T &gt; 0
     * @return the energy per spin to first order in β = 1/T
     */
    public static double firstOrderEnergy(int p, int n, double temperature) {
        PSpinSpherical.requireOrder(p);
        Require.atLeast("n", n, p);
        double beta = 1 / Require.positive("temperature", temperature);
        double ratio = 1;
        for (int k = 1; k < p; k++) {
            ratio *= (n - (double) k) / (n + 2.0 * k);
        }
        return -0.5 * beta * ratio;
    }

    /**
     * The annealed equilibrium energy per spin e_N(T) = −(β/N)⟨V⟩_β, by {@code samples} uniform points of the
     * sphere weighted by e^{β²V/2} (self-normalised importance sampling; the standard error by the delta method).
     * The weights' spread grows with β² (about e^{±1} at N = 256, T = 0.7), so the estimate is for the
     * paramagnet, T &gt; T_d, not for low temperatures.
     *
     * @param p the interaction order, in [2, 500]
     * @param n the number of spins, at least p
     * @param temperature T &gt; 0
     * @param samples the number of points of the sphere, at least 2
     * @param seed the seed of the points
     * @return e_N(T) and its standard error
     */
    public static Estimate annealedEnergy(int p, int n, double temperature, int samples, long seed) {
        PSpinSpherical.requireOrder(p);
        Require.atLeast("n", n, p);
        double beta = 1 / Require.positive("temperature", temperature);
        Require.atLeast("samples", samples, 2);
        double scale = Math.exp(logFactorial(p) - Math.log(2) - (p - 1) * Math.log(n));
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[samples];
        double[] squares = new double[n];
        double[] e = new double[p + 1];
        double mean = 0;
        for (int m = 0; m < samples; m++) {
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double g = random.nextGaussian();
                squares[i] = g * g;
                norm += squares[i];
            }
            java.util.Arrays.fill(e, 0);
            e[0] = 1;
            for (int i = 0; i < n; i++) {
                double s2 = squares[i] * n / norm;
                for (int k = p; k > 0; k--) {
                    e[k] += s2 * e[k - 1];
                }
            }
            v[m] = scale * e[p];
            mean += v[m] / samples;
        }
        // weights e^{β²(V − mean)/2}: the shift cancels in the ratio and keeps the exponentials finite
        double sumW = 0;
        double sumWV = 0;
        double[] w = new double[samples];
        for (int m = 0; m < samples; m++) {
            w[m] = Math.exp(0.5 * beta * beta * (v[m] - mean));
            sumW += w[m];
            sumWV += w[m] * v[m];
        }
        double ratio = sumWV / sumW;
        // delta method for a ratio of means: Var = Σ w²(V − ratio)² / (Σ w)²
        double variance = 0;
        for (int m = 0; m < samples; m++) {
            double d = w[m] * (v[m] - ratio);
            variance += d * d;
        }
        double standardError = Math.sqrt(variance) / sumW;
        return new Estimate(-beta * ratio / n, beta * standardError / n);
    }

    /**
     * The finite-N equilibrium energies side by side: the first order, the annealed value and the N = ∞ value, for
     * every size and temperature (200 000 points of the sphere each).
     *
     * @param p the interaction order, in [3, 500]
     * @param sizes the numbers of spins, each at least p
     * @param temperatures the temperatures, each &gt; 0 (meaningful above T_d)
     * @return columns {@code n, temperature, first_order, annealed, annealed_se, mean_field (−1/(2T)),
     *     relative_to_mean_field (annealed/(−1/(2T)))}
     */
    public static Table table(int p, int[] sizes, double... temperatures) {
        Rows rows = Rows.of("finite-N equilibrium energy per spin", IntColumn.create("n"),
                DoubleColumn.create("temperature"), DoubleColumn.create("first_order"), DoubleColumn.create("annealed"),
                DoubleColumn.create("annealed_se"), DoubleColumn.create("mean_field"),
                DoubleColumn.create("relative_to_mean_field"));
        for (int n : sizes) {
            for (double t : temperatures) {
                Estimate e = annealedEnergy(p, n, t, 200_000, 1L);
                double meanField = SphericalPSpinTheory.paramagneticEnergy(t);
                rows.add(n, t, firstOrderEnergy(p, n, t), e.value(), e.standardError(), meanField,
                        e.value() / meanField);
            }
        }
        return rows.table();
    }

    private static double logFactorial(int p) {
        double s = 0;
        for (int k = 2; k <= p; k++) {
            s += Math.log(k);
        }
        return s;
    }
}
