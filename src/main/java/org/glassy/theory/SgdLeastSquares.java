package org.glassy.theory;

import org.glassy.internal.Require;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The exact stationary second moments of stochastic gradient descent on linear least squares,
 * L(w) = (1/(2n)) Σ_μ (y_μ − w·x_μ)² over a fixed data set ({@link org.glassy.model.LeastSquares}), with fresh
 * Bernoulli(b) selections each step and the gradient normalised by the number k of selected examples
 * ({@link org.glassy.dynamics.StochasticGradientDescent} with {@link org.glassy.dynamics.Selection#bernoulli}).
 *
 * <p>Write e = w − ŵ with ŵ the least-squares minimiser, H = (1/n) Σ x_μ x_μᵀ, r_μ = y_μ − ŵ·x_μ the residuals
 * (Σ_μ r_μ x_μ = 0) and a_μ(e) = x_μ x_μᵀ e − r_μ x_μ the per-example gradients, whose mean is H e. Given k ≥ 1 the
 * selection is a uniform k-subset, so the batch gradient has mean H e and covariance
 * (n − k)/(k(n − 1)) · S(e), S(e) = (1/n) Σ_μ (a_μ − He)(a_μ − He)ᵀ (sampling without replacement); given k = 0 the
 * step is skipped. With c₁ = P(k ≥ 1) and c₂ = E[1{k ≥ 1}(n − k)/(k(n − 1))] over k ~ Binomial(n, b), the
 * second moment Σ = E[e eᵀ] obeys the exact linear recursion
 *
 * <pre>
 *   Σ' = Σ − η c₁ (HΣ + ΣH) + η² c₁ HΣH + η² c₂ [𝓜(Σ) + C₀],
 *   𝓜(Σ) = (1/n) Σ_μ (x_μᵀ Σ x_μ) x_μ x_μᵀ − HΣH,   C₀ = (1/n) Σ_μ r_μ² x_μ x_μᵀ
 * </pre>
 *
 * <p>(the mean E[e] decays as (1 − ηc₁H)^k, so the stationary cross terms vanish). Its fixed point solves the
 * d² × d² linear system c₁(HΣ + ΣH − η HΣH) − η c₂ 𝓜(Σ) = η c₂ C₀, solved here by LU decomposition. The batch
 * noise 𝓜(Σ) depends on the iterate: dropping it ({@link Noise#AT_MINIMUM}, the constant-noise Lyapunov
 * equation with the noise covariance of the minimum) underestimates Σ at O(η). The stationary mean training
 * loss is L(ŵ) + ½ tr(HΣ), exactly, since L(w) = L(ŵ) + ½ eᵀHe.
 *
 * <p>Cost O(n d⁴ + d⁶); memory O(d⁴). d up to about 30.
 */
public final class SgdLeastSquares {

    private SgdLeastSquares() {
    }

    /** Which noise the fixed point includes. */
    public enum Noise {
        /** The exact batch noise, 𝓜(Σ) + C₀. */
        EXACT,
        /** Only the noise at the minimum, C₀: the constant-noise Lyapunov equation. */
        AT_MINIMUM
    }

    /**
     * The stationary state.
     *
     * @param minimiser ŵ
     * @param minimumLoss L(ŵ)
     * @param covariance Σ = E[(w − ŵ)(w − ŵ)ᵀ], d × d
     * @param excessLoss ½ tr(HΣ), the stationary E[L(w)] − L(ŵ)
     * @param c1 P(k ≥ 1)
     * @param c2 E[1{k ≥ 1}(n − k)/(k(n − 1))]
     */
    public record Stationary(double[] minimiser, double minimumLoss, double[][] covariance, double excessLoss,
                             double c1, double c2) {

        /** @return the stationary mean training loss L(ŵ) + ½ tr(HΣ) */
        public double meanLoss() {
            return minimumLoss + excessLoss;
        }
    }

    /**
     * Returns c₁ = P(k ≥ 1) and c₂ = E[1{k ≥ 1}(n − k)/(k(n − 1))] for k ~ Binomial(n, b).
     *
     * @param n the number of examples, at least 1
     * @param b the batch fraction in (0, 1]
     * @return {c₁, c₂}
     */
    public static double[] batchCoefficients(int n, double b) {
        Require.atLeast("n", n, 1);
        if (!(b > 0 && b <= 1)) {
            throw Require.invalid("batchFraction", "must be in (0, 1], got " + b);
        }
        double c1 = 0;
        double c2 = 0;
        for (int k = 1; k <= n; k++) {
            double p = b == 1 ? (k == n ? 1 : 0)
                    : Math.exp(logChoose(n, k) + k * Math.log(b) + (n - k) * Math.log1p(-b));
            c1 += p;
            if (n > 1) {
                c2 += p * (n - k) / ((double) k * (n - 1));
            }
        }
        return new double[] {c1, c2};
    }

    private static double logChoose(int n, int k) {
        return org.hipparchus.special.Gamma.logGamma(n + 1.0) - org.hipparchus.special.Gamma.logGamma(k + 1.0)
                - org.hipparchus.special.Gamma.logGamma(n - k + 1.0);
    }

    /**
     * Solves for the stationary second moments.
     *
     * @param dimension d, at least 1
     * @param inputs the n inputs, row-major (n·d values), with H positive definite (n ≥ d)
     * @param targets the n targets
     * @param learningRate η &gt; 0, small enough for the recursion to be stable
     * @param batchFraction b in (0, 1]
     * @param noise the exact batch noise or only the noise at the minimum
     * @return the stationary state
     * @throws IllegalArgumentException if the recursion has no positive stationary state (η too large)
     */
    public static Stationary stationary(int dimension, double[] inputs, double[] targets, double learningRate,
                                        double batchFraction, Noise noise) {
        int d = Require.atLeast("dimension", dimension, 1);
        int n = targets.length;
        if (n < 1 || inputs.length != (long) n * d) {
            throw Require.invalid("inputs", "must hold n·d values, got " + inputs.length);
        }
        Require.positive("learningRate", learningRate);
        double[] c = batchCoefficients(n, batchFraction);
        double c1 = c[0];
        double c2 = c[1];
        double eta = learningRate;

        double[][] h = new double[d][d];
        double[] xy = new double[d];
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < d; i++) {
                double xi = inputs[mu * d + i];
                xy[i] += xi * targets[mu] / n;
                for (int j = 0; j < d; j++) {
                    h[i][j] += xi * inputs[mu * d + j] / n;
                }
            }
        }
        RealMatrix hm = new Array2DRowRealMatrix(h);
        LUDecomposition hlu = new LUDecomposition(hm);
        if (Math.abs(hlu.getDeterminant()) < 1e-300) {
            throw Require.invalid("inputs", "must span R^d (H = XᵀX/n singular; need n >= d)");
        }
        double[] wHat = hlu.getSolver().solve(new ArrayRealVector(xy)).toArray();
        double[] r = new double[n];
        double minimumLoss = 0;
        for (int mu = 0; mu < n; mu++) {
            double p = 0;
            for (int i = 0; i < d; i++) {
                p += wHat[i] * inputs[mu * d + i];
            }
            r[mu] = targets[mu] - p;
            minimumLoss += r[mu] * r[mu] / (2.0 * n);
        }
        double[][] c0 = new double[d][d];
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c0[i][j] += r[mu] * r[mu] * inputs[mu * d + i] * inputs[mu * d + j] / n;
                }
            }
        }
        int m = d * d;
        double[][] op = new double[m][m];
        for (int a = 0; a < d; a++) {
            for (int bcol = 0; bcol < d; bcol++) {
                double[][] basis = new double[d][d];
                basis[a][bcol] = 1;
                double[][] image = operator(basis, h, inputs, n, d, eta, c1, c2, noise);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        op[i * d + j][a * d + bcol] = image[i][j];
                    }
                }
            }
        }
        double[] rhs = new double[m];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                rhs[i * d + j] = eta * c2 * c0[i][j];
            }
        }
        RealVector solution = new LUDecomposition(new Array2DRowRealMatrix(op, false)).getSolver()
                .solve(new ArrayRealVector(rhs, false));
        double[][] sigma = new double[d][d];
        double excess = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                sigma[i][j] = 0.5 * (solution.getEntry(i * d + j) + solution.getEntry(j * d + i));
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                excess += 0.5 * h[i][j] * sigma[j][i];
            }
        }
        for (int i = 0; i < d; i++) {
            if (!(sigma[i][i] >= 0)) {
                throw Require.invalid("learningRate", "too large: the second-moment recursion has no stationary "
                        + "state at eta = " + eta);
            }
        }
        return new Stationary(wHat, minimumLoss, sigma, excess, c1, c2);
    }

    /** c₁(HΣ + ΣH − η HΣH) − η c₂ 𝓜(Σ). */
    private static double[][] operator(double[][] s, double[][] h, double[] x, int n, int d, double eta, double c1,
                                       double c2, Noise noise) {
        double[][] hs = multiply(h, s);
        double[][] sh = multiply(s, h);
        double[][] hsh = multiply(hs, h);
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = c1 * (hs[i][j] + sh[i][j] - eta * hsh[i][j]);
            }
        }
        if (noise == Noise.EXACT) {
            for (int mu = 0; mu < n; mu++) {
                double q = 0;
                for (int i = 0; i < d; i++) {
                    double row = 0;
                    for (int j = 0; j < d; j++) {
                        row += s[i][j] * x[mu * d + j];
                    }
                    q += x[mu * d + i] * row;
                }
                if (q == 0) {
                    continue;
                }
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        out[i][j] -= eta * c2 * q * x[mu * d + i] * x[mu * d + j] / n;
                    }
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] += eta * c2 * hsh[i][j];
                }
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int d = a.length;
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double aik = a[i][k];
                if (aik == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }
}
