package org.glassy.study.doubledescent;

import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The excess test risk E|β̂ − β|² of ridge and min-norm ("ridgeless") least squares with isotropic Gaussian
 * inputs x ~ N(0, I_D), labels y = x·β + ε, |β|² = r², ε ~ N(0, σ²), P samples, γ = D/P (T. Hastie,
 * A. Montanari, S. Rosset, R. J. Tibshirani, "Surprises in high-dimensional ridgeless least squares
 * interpolation", arXiv:1903.08560, Ann. Statist. 50, 949 (2022)). With isotropic inputs the excess risk
 * E_x (x·β̂ − x·β)² is |β̂ − β|².
 *
 * <p>The ridge estimator minimises (1/P)|y − Xb|² + λ|b|², β̂ = (XᵀX + PλI)⁻¹Xᵀy; λ → 0⁺ gives the min-norm
 * solution X⁺y. Formulas:
 * <ul>
 * <li>ridgeless, P, D → ∞ at fixed γ: R = σ²γ/(1 − γ) for γ &lt; 1 and R = r²(1 − 1/γ) + σ²/(γ − 1) for
 *     γ &gt; 1, infinite at γ = 1 ({@link #ridgeless});</li>
 * <li>ridgeless at finite size, exact expectations over Gaussian X (inverse-Wishart means):
 *     σ²D/(P − D − 1) for D &lt; P − 1 and r²(1 − P/D) + σ²P/(D − P − 1) for D &gt; P + 1, infinite for
 *     |D − P| ≤ 1 ({@link #ridgelessFinite});</li>
 * <li>ridge λ &gt; 0, asymptotic (their Theorem 5 for isotropic features): R = r²λ²m'(−λ) + σ²γ[m(−λ) − λm'(−λ)],
 *     bias plus variance, with m the Stieltjes transform of the Marchenko–Pastur law of XᵀX/P,
 *     m(−λ) = [−(1 − γ + λ) + √((1 − γ + λ)² + 4γλ)]/(2γλ), the root of γλm² + (1 − γ + λ)m − 1 = 0
 *     ({@link #ridge}, {@link #stieltjes});</li>
 * <li>the optimal ridge λ* = σ²γ/r² (E. Dobriban and S. Wager, Ann. Statist. 46, 247 (2018)), the posterior
 *     mean for a Gaussian prior of variance r²/D per coordinate, whose risk σ²γ m(−λ*) is finite at γ = 1
 *     ({@link #optimalRidge}, {@link #bayesRisk}).</li>
 * </ul>
 */
public final class LinearRidgeRisk {

    private LinearRidgeRisk() {
    }

    /**
     * The asymptotic ridgeless risk.
     *
     * @param gamma γ = D/P &gt; 0
     * @param signal r² = |β|² &gt;= 0
     * @param noise σ² &gt;= 0, the label-noise variance
     * @return σ²γ/(1 − γ) (γ &lt; 1), r²(1 − 1/γ) + σ²/(γ − 1) (γ &gt; 1), +∞ at γ = 1 (0 if σ² = 0 there)
     */
    public static double ridgeless(double gamma, double signal, double noise) {
        Require.positive("gamma", gamma);
        Require.nonNegative("signal", signal);
        Require.nonNegative("noise", noise);
        if (gamma < 1) {
            return noise * gamma / (1 - gamma);
        }
        if (gamma > 1) {
            return signal * (1 - 1 / gamma) + noise / (gamma - 1);
        }
        return noise == 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    /**
     * The exact expected ridgeless risk at finite size, averaged over Gaussian X and the noise, for any fixed β
     * of norm r (X is rotation invariant): σ² E tr((XᵀX)⁻¹) = σ²D/(P − D − 1) below the threshold; above it the
     * projection of β out of the row space of X, r²(1 − P/D), plus σ² E tr((XXᵀ)⁻¹) = σ²P/(D − P − 1).
     *
     * @param dim D &gt;= 1
     * @param samples P &gt;= 1
     * @param signal r² &gt;= 0
     * @param noise σ² &gt;= 0
     * @return the expected |β̂ − β|², +∞ for |D − P| ≤ 1 when σ² &gt; 0
     */
    public static double ridgelessFinite(int dim, int samples, double signal, double noise) {
        Require.atLeast("dim", dim, 1);
        Require.atLeast("samples", samples, 1);
        Require.nonNegative("signal", signal);
        Require.nonNegative("noise", noise);
        double d = dim;
        double p = samples;
        if (dim < samples - 1) {
            return noise * d / (p - d - 1);
        }
        if (dim > samples + 1) {
            return signal * (1 - p / d) + noise * p / (d - p - 1);
        }
        double bias = dim > samples ? signal * (1 - p / d) : 0;
        return noise == 0 ? bias : Double.POSITIVE_INFINITY;
    }

    /**
     * The Stieltjes transform m(z) = ∫ dμ(s)/(s − z) of the Marchenko–Pastur law μ of XᵀX/P at z = −λ (the
     * stable root of γλm² + (1 − γ + λ)m − 1 = 0).
     *
     * @param gamma γ = D/P &gt; 0
     * @param lambda λ &gt; 0
     * @return m(−λ) &gt; 0
     */
    public static double stieltjes(double gamma, double lambda) {
        Require.positive("gamma", gamma);
        Require.positive("lambda", lambda);
        double b = 1 - gamma + lambda;
        double root = Math.sqrt(b * b + 4 * gamma * lambda);
        return b >= 0 ? 2 / (b + root) : (root - b) / (2 * gamma * lambda);
    }

    /**
     * The derivative m'(z) = ∫ dμ(s)/(s − z)² at z = −λ, from the implicit equation:
     * m' = (γm² + m)/(2γλm + 1 − γ + λ).
     *
     * @param gamma γ = D/P &gt; 0
     * @param lambda λ &gt; 0
     * @return m'(−λ) &gt; 0
     */
    public static double stieltjesDerivative(double gamma, double lambda) {
        double m = stieltjes(gamma, lambda);
        return (gamma * m * m + m) / (2 * gamma * lambda * m + 1 - gamma + lambda);
    }

    /**
     * The asymptotic bias of ridge regression, r²λ²m'(−λ) (→ r²(1 − 1/γ)₊ as λ → 0).
     *
     * @param gamma γ = D/P &gt; 0
     * @param lambda λ &gt; 0
     * @param signal r² &gt;= 0
     * @return the bias
     */
    public static double bias(double gamma, double lambda, double signal) {
        Require.nonNegative("signal", signal);
        return signal * lambda * lambda * stieltjesDerivative(gamma, lambda);
    }

    /**
     * The asymptotic variance of ridge regression, σ²γ[m(−λ) − λm'(−λ)].
     *
     * @param gamma γ = D/P &gt; 0
     * @param lambda λ &gt; 0
     * @param noise σ² &gt;= 0
     * @return the variance
     */
    public static double variance(double gamma, double lambda, double noise) {
        Require.nonNegative("noise", noise);
        return noise * gamma * (stieltjes(gamma, lambda) - lambda * stieltjesDerivative(gamma, lambda));
    }

    /**
     * The asymptotic risk of ridge regression, bias plus variance; at λ = 0 the ridgeless limit.
     *
     * @param gamma γ = D/P &gt; 0
     * @param lambda λ &gt;= 0 (the (1/P)|y − Xb|² + λ|b|² convention)
     * @param signal r² &gt;= 0
     * @param noise σ² &gt;= 0
     * @return R(γ, λ)
     */
    public static double ridge(double gamma, double lambda, double signal, double noise) {
        Require.nonNegative("lambda", lambda);
        if (lambda == 0) {
            return ridgeless(gamma, signal, noise);
        }
        return bias(gamma, lambda, signal) + variance(gamma, lambda, noise);
    }

    /**
     * The ridge that minimises the asymptotic risk, λ* = σ²γ/r².
     *
     * @param gamma γ = D/P &gt; 0
     * @param signal r² &gt; 0
     * @param noise σ² &gt;= 0
     * @return λ*
     */
    public static double optimalRidge(double gamma, double signal, double noise) {
        Require.positive("gamma", gamma);
        Require.positive("signal", signal);
        Require.nonNegative("noise", noise);
        return noise * gamma / signal;
    }

    /**
     * The risk at the optimal ridge, σ²γ m(−λ*): the Bayes risk of the Gaussian prior β ~ N(0, r²/D I), finite
     * for every γ, r² as σ² → ∞.
     *
     * @param gamma γ = D/P &gt; 0
     * @param signal r² &gt; 0
     * @param noise σ² &gt; 0
     * @return R(γ, λ*)
     */
    public static double bayesRisk(double gamma, double signal, double noise) {
        Require.positive("noise", noise);
        return noise * gamma * stieltjes(gamma, optimalRidge(gamma, signal, noise));
    }

    /**
     * Theory curves against γ for a plot: columns {@code ratio} (γ), {@code curve} (the label, as given),
     * {@code asymptotic} ({@link #ridge}) and {@code finite} (at λ = 0 the exact finite-size expectation with
     * D = round(γP), else NaN: missing).
     *
     * @param gammas the values of γ &gt; 0
     * @param samples P for the finite-size curve, &gt;= 1
     * @param noise σ² &gt;= 0
     * @param ridge λ &gt;= 0
     * @param curve the label of the curve
     * @return one row per γ (r² = 1)
     */
    public static Table curve(double[] gammas, int samples, double noise, double ridge, String curve) {
        DoubleColumn ratio = DoubleColumn.create("ratio");
        StringColumn label = StringColumn.create("curve");
        DoubleColumn asymptotic = DoubleColumn.create("asymptotic");
        DoubleColumn finite = DoubleColumn.create("finite");
        for (double g : gammas) {
            ratio.append(g);
            label.append(curve);
            asymptotic.append(ridge(g, ridge, 1, noise));
            finite.append(ridge == 0 ? ridgelessFinite((int) Math.round(g * samples), samples, 1, noise) : Double.NaN);
        }
        return Table.create("linear theory", ratio, label, asymptotic, finite);
    }
}
