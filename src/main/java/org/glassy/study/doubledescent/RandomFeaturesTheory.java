package org.glassy.study.doubledescent;

import org.glassy.internal.Require;
import org.glassy.model.Activation;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The asymptotic test error of random features ridge regression (S. Mei and A. Montanari, "The generalization
 * error of random features regression: precise asymptotics and double descent curve", arXiv:1908.05355, Comm.
 * Pure Appl. Math. 75, 667 (2022), Theorem 1 and Definition 1), the published closed form, not Gaussian-equivalent
 * numerics.
 *
 * <p>Setting: f(x) = (1/√N) Σ_i a_i σ(θ_i·x/√D), inputs x and first-layer weights θ_i on the sphere of radius √D,
 * teacher y = x·β + ε with |β|² = F₁², noise variance τ², a fitted by minimising (1/P)|y − Za|² + λ|a|² where
 * Z_{μi} = σ(θ_i·x_μ/√D)/√N. Mei and Montanari write the penalty as (Nλ_MM/D)|a_MM|² with a_MM = a/√N, so
 * λ_MM = λ·D ({@link #mmRidge}). With ψ₁ = N/D, ψ₂ = P/D, the Hermite coefficients μ₀ = Eσ(G), μ₁ = E Gσ(G),
 * μ*² = Eσ(G)² − μ₀² − μ₁² (G ~ N(0, 1), {@link Coefficients}), ζ = μ₁/μ*, λ̄ = λ_MM/μ*²:
 *
 * <pre>
 *   ν₁ = ψ₁ (−ξ − ν₂ − ζ²ν₂/(1 − ζ²ν₁ν₂))⁻¹,   ν₂ = ψ₂ (−ξ − ν₁ − ζ²ν₁/(1 − ζ²ν₁ν₂))⁻¹,   ξ = i √(ψ₁ψ₂λ̄),
 *   χ = ν₁ν₂,
 *   E₀ = −χ⁵ζ⁶ + 3χ⁴ζ⁴ + (ψ₁ψ₂ − ψ₂ − ψ₁ + 1)χ³ζ⁶ − 2χ³ζ⁴ − 3χ³ζ² + (ψ₁ + ψ₂ − 3ψ₁ψ₂ + 1)χ²ζ⁴ + 2χ²ζ² + χ²
 *        + 3ψ₁ψ₂χζ² − ψ₁ψ₂,
 *   E₁ = ψ₂χ³ζ⁴ − ψ₂χ²ζ² + ψ₁ψ₂χζ² − ψ₁ψ₂,
 *   E₂ = χ⁵ζ⁶ − 3χ⁴ζ⁴ + (ψ₁ − 1)χ³ζ⁶ + 2χ³ζ⁴ + 3χ³ζ² − (ψ₁ + 1)χ²ζ⁴ − 2χ²ζ² − χ²,
 *   R = F₁² E₁/E₀ + τ² E₂/E₀,
 * </pre>
 *
 * <p>R the excess risk E_x(f(x) − x·β)². On the imaginary axis ν₁ = i a, ν₂ = i b with a, b &gt; 0 solving
 * a = ψ₁/(s + b + ζ²b/(1 + ζ²ab)), b = ψ₂/(s + a + ζ²a/(1 + ζ²ab)), s = √(ψ₁ψ₂λ̄), and χ = −ab: solved here by
 * damped fixed-point iteration. At λ = 0 (the min-norm interpolator) Mei and Montanari's Theorem 3 gives χ in
 * closed form, χ = −[√((ψζ² − ζ² − 1)² + 4ζ²ψ) + (ψζ² − ζ² − 1)]/(2ζ²) with ψ = min(ψ₁, ψ₂); R is infinite at
 * ψ₁ = ψ₂. As ψ₁ → ∞ the model becomes kernel ridge regression whose kernel is linear plus μ*² on the diagonal,
 * i.e. the linear ridge risk of {@link LinearRidgeRisk} at γ = 1/ψ₂ and ridge (μ*²/ψ₂ + λ_MM)/μ₁²: the tests
 * check the formula, and the λ convention, against that limit.
 */
public final class RandomFeaturesTheory {

    /** Relative tolerance of the fixed point. */
    private static final double TOLERANCE = 1e-13;

    /** Iterations before the fixed point gives up. */
    private static final int MAX_ITERATIONS = 10_000_000;

    private RandomFeaturesTheory() {
    }

    /**
     * The Hermite coefficients of an activation that enter the theory.
     *
     * @param mu0 μ₀ = E σ(G)
     * @param mu1 μ₁ = E G σ(G)
     * @param muStar μ* = √(E σ(G)² − μ₀² − μ₁²) &gt; 0, the nonlinear part
     */
    public record Coefficients(double mu0, double mu1, double muStar) {

        /**
         * Validates.
         *
         * @param mu0 μ₀, finite
         * @param mu1 μ₁, finite and nonzero
         * @param muStar μ* &gt; 0
         */
        public Coefficients {
            Require.finite("mu0", mu0);
            Require.finite("mu1", mu1);
            if (mu1 == 0) {
                throw Require.invalid("mu1", "must be nonzero (a linear teacher is then unlearnable), got 0");
            }
            Require.positive("muStar", muStar);
        }

        /**
         * The coefficients of an activation, by trapezoidal quadrature of the Gaussian integrals over [−12, 12]
         * with step 10⁻³ (exponentially accurate for smooth σ; error ~10⁻⁷ at ReLU's kink, placed on a node).
         *
         * @param activation σ
         * @return its μ₀, μ₁, μ*
         */
        public static Coefficients of(Activation activation) {
            double h = 1e-3;
            int half = 12_000;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            for (int k = -half; k <= half; k++) {
                double g = k * h;
                double w = (Math.abs(k) == half ? 0.5 : 1) * h * Math.exp(-g * g / 2) / Math.sqrt(2 * Math.PI);
                double v = activation.value(g);
                s0 += w * v;
                s1 += w * g * v;
                s2 += w * v * v;
            }
            return new Coefficients(s0, s1, Math.sqrt(s2 - s0 * s0 - s1 * s1));
        }

        /** @return ζ = μ₁/μ* */
        public double zeta() {
            return mu1 / muStar;
        }
    }

    /**
     * Mei and Montanari's ridge λ_MM for this package's λ: λ_MM = λ·D.
     *
     * @param ridge λ of (1/P)|y − Za|² + λ|a|², &gt;= 0
     * @param dim D &gt;= 1
     * @return λ·D
     */
    public static double mmRidge(double ridge, int dim) {
        Require.nonNegative("ridge", ridge);
        Require.atLeast("dim", dim, 1);
        return ridge * dim;
    }

    /**
     * χ = ν₁ν₂ at ξ = i√(ψ₁ψ₂λ̄) (closed form at λ̄ = 0).
     *
     * @param zeta ζ &gt; 0
     * @param psi1 ψ₁ = N/D &gt; 0
     * @param psi2 ψ₂ = P/D &gt; 0
     * @param lambdaBar λ̄ = λ_MM/μ*² &gt;= 0
     * @return χ &lt; 0
     */
    public static double chi(double zeta, double psi1, double psi2, double lambdaBar) {
        Require.positive("zeta", zeta);
        Require.positive("psi1", psi1);
        Require.positive("psi2", psi2);
        Require.nonNegative("lambdaBar", lambdaBar);
        double z2 = zeta * zeta;
        if (lambdaBar == 0) {
            double psi = Math.min(psi1, psi2);
            double c = psi * z2 - z2 - 1;
            return -(Math.sqrt(c * c + 4 * z2 * psi) + c) / (2 * z2);
        }
        double s = Math.sqrt(psi1 * psi2 * lambdaBar);
        double a = psi1 / (s + 1);
        double b = psi2 / (s + 1);
        double damping = 0.5;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double q = z2 / (1 + z2 * a * b);
            double aNew = psi1 / (s + b + q * b);
            double bNew = psi2 / (s + a + q * a);
            aNew = (1 - damping) * a + damping * aNew;
            bNew = (1 - damping) * b + damping * bNew;
            boolean done = Math.abs(aNew - a) <= TOLERANCE * aNew && Math.abs(bNew - b) <= TOLERANCE * bNew;
            a = aNew;
            b = bNew;
            if (done) {
                return -a * b;
            }
        }
        throw new ArithmeticException("the fixed point of nu1, nu2 did not converge at psi1 = " + psi1 + ", psi2 = "
                + psi2 + ", lambdaBar = " + lambdaBar);
    }

    /**
     * The excess risk R = F₁² E₁/E₀ + τ² E₂/E₀.
     *
     * @param c the activation's coefficients
     * @param psi1 ψ₁ = N/D &gt; 0
     * @param psi2 ψ₂ = P/D &gt; 0
     * @param mmRidge λ_MM &gt;= 0 ({@link #mmRidge})
     * @param signal F₁² = |β|² &gt;= 0
     * @param noise τ² &gt;= 0, the label-noise variance
     * @return the asymptotic E_x(f(x) − x·β)², +∞ at ψ₁ = ψ₂ and λ_MM = 0
     */
    public static double excessRisk(Coefficients c, double psi1, double psi2, double mmRidge, double signal,
                                    double noise) {
        Require.nonNegative("signal", signal);
        Require.nonNegative("noise", noise);
        if (mmRidge == 0 && psi1 == psi2) {
            return Double.POSITIVE_INFINITY;
        }
        double z = c.zeta();
        double chi = chi(z, psi1, psi2, mmRidge / (c.muStar() * c.muStar()));
        double z2 = z * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double x2 = chi * chi;
        double x3 = x2 * chi;
        double x4 = x3 * chi;
        double x5 = x4 * chi;
        double pp = psi1 * psi2;
        double e0 = -x5 * z6 + 3 * x4 * z4 + (pp - psi2 - psi1 + 1) * x3 * z6 - 2 * x3 * z4 - 3 * x3 * z2
                + (psi1 + psi2 - 3 * pp + 1) * x2 * z4 + 2 * x2 * z2 + x2 + 3 * pp * chi * z2 - pp;
        double e1 = psi2 * x3 * z4 - psi2 * x2 * z2 + pp * chi * z2 - pp;
        double e2 = x5 * z6 - 3 * x4 * z4 + (psi1 - 1) * x3 * z6 + 2 * x3 * z4 + 3 * x3 * z2 - (psi1 + 1) * x2 * z4
                - 2 * x2 * z2 - x2;
        return signal * e1 / e0 + noise * e2 / e0;
    }

    /**
     * The excess risk for this package's sizes and ridge: ψ₁ = N/D, ψ₂ = P/D, λ_MM = λD.
     *
     * @param activation σ
     * @param features N &gt;= 1
     * @param samples P &gt;= 1
     * @param dim D &gt;= 1
     * @param ridge λ &gt;= 0
     * @param signal F₁² &gt;= 0
     * @param noise τ² &gt;= 0
     * @return the asymptotic excess risk
     */
    public static double excessRisk(Activation activation, int features, int samples, int dim, double ridge,
                                    double signal, double noise) {
        Require.atLeast("features", features, 1);
        Require.atLeast("samples", samples, 1);
        return excessRisk(Coefficients.of(activation), (double) features / dim, (double) samples / dim,
                mmRidge(ridge, dim), signal, noise);
    }

    /**
     * The ridge λ_MM that minimises the asymptotic excess risk at given ψ₁, ψ₂: golden-section search in ln λ_MM
     * over [10⁻⁶, 10²] after a scan of 81 points (the risk is unimodal in λ for these models); returns the lower
     * end when the risk still falls there.
     *
     * @param c the activation's coefficients
     * @param psi1 ψ₁ &gt; 0
     * @param psi2 ψ₂ &gt; 0
     * @param signal F₁² &gt; 0
     * @param noise τ² &gt;= 0
     * @return λ_MM*, to divide by D for this package's λ
     */
    public static double optimalMmRidge(Coefficients c, double psi1, double psi2, double signal, double noise) {
        double lo = Math.log(1e-6);
        double hi = Math.log(1e2);
        int n = 81;
        int best = 0;
        double bestRisk = Double.POSITIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double r = excessRisk(c, psi1, psi2, Math.exp(lo + (hi - lo) * k / (n - 1)), signal, noise);
            if (r < bestRisk) {
                bestRisk = r;
                best = k;
            }
        }
        double step = (hi - lo) / (n - 1);
        double a = lo + step * Math.max(best - 1, 0);
        double b = lo + step * Math.min(best + 1, n - 1);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = b - g * (b - a);
        double x2 = a + g * (b - a);
        double f1 = excessRisk(c, psi1, psi2, Math.exp(x1), signal, noise);
        double f2 = excessRisk(c, psi1, psi2, Math.exp(x2), signal, noise);
        while (b - a > 1e-7) {
            if (f1 < f2) {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - g * (b - a);
                f1 = excessRisk(c, psi1, psi2, Math.exp(x1), signal, noise);
            } else {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + g * (b - a);
                f2 = excessRisk(c, psi1, psi2, Math.exp(x2), signal, noise);
            }
        }
        return Math.exp((a + b) / 2);
    }

    /**
     * A theory curve against N/P for a plot, at fixed ψ₂ = P/D: columns {@code ratio} (N/P), {@code curve} (the
     * label), {@code ridge} (this package's λ = λ_MM/D) and {@code theory} (the excess risk; +∞ rows at the ridgeless
     * peak are kept and left out of plots).
     *
     * @param c the activation's coefficients
     * @param samples P &gt;= 1
     * @param dim D &gt;= 1
     * @param ratios the values of N/P &gt; 0
     * @param ridge λ &gt;= 0, or NaN for the optimal ridge at each point ({@link #optimalMmRidge})
     * @param noise τ² &gt;= 0 (F₁² = 1)
     * @param curve the label
     * @return one row per ratio
     */
    public static Table curve(Coefficients c, int samples, int dim, double[] ratios, double ridge, double noise,
                              String curve) {
        double psi2 = (double) samples / dim;
        DoubleColumn ratio = DoubleColumn.create("ratio");
        StringColumn label = StringColumn.create("curve");
        DoubleColumn lambda = DoubleColumn.create("ridge");
        DoubleColumn theory = DoubleColumn.create("theory");
        for (double r : ratios) {
            double psi1 = r * psi2;
            double mm = Double.isNaN(ridge) ? optimalMmRidge(c, psi1, psi2, 1, noise) : mmRidge(ridge, dim);
            ratio.append(r);
            label.append(curve);
            lambda.append(mm / dim);
            theory.append(excessRisk(c, psi1, psi2, mm, 1, noise));
        }
        return Table.create("random features theory", ratio, label, lambda, theory);
    }
}
