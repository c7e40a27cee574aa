package org.glassy.theory;

import java.util.Objects;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.model.PSpinSpherical;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

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

    /** The level of the signal overlap whose first passage time is extrapolated: m = 1/2. */
    public static final double HALF = 0.5;

    /**
     * The first time the DMFT's signal overlap reaches 1/2, at T = 0 (gradient flow) or the parameters' temperature:
     * {@link CugliandoloKurchan#passageTime} with level {@value #HALF}.
     *
     * @param parameters p, T, h and the longest time t_max integrated (the decimating solver stops at the passage)
     * @param inverseDelta2 1/Δ2 ≥ 0
     * @param deltap Δp &gt; 0
     * @param startOverlap m(0) in [0, 1/2): small, so that m grows by the instability of the threshold states
     *     and not by the first transient (m(0) = 10⁻⁸ stays below 10⁻⁴ up to t = 1000 at p = 3, Δp = 1, 1/Δ2 =
     *     1.9; m(0) = 0.01 passes 1/2 at t ≈ 45 at 1/Δ2 = 1.8, below the threshold 2)
     * @param progress told of every step, or null
     * @return t_{1/2}, or +∞ if m stays below 1/2 up to t_max
     */
    public static double halfTime(CugliandoloKurchan.Parameters parameters, double inverseDelta2, double deltap,
                                  double startOverlap, ProgressListener progress) {
        return CugliandoloKurchan.passageTime(parameters,
                new CugliandoloKurchan.Signal(inverseDelta2, deltap, startOverlap), HALF, progress);
    }

    /**
     * The gradient-flow threshold located from the dynamical mean-field equations alone, as S. Sarao Mannelli,
     * F. Krzakala, P. Urbani, L. Zdeborová ("Passed &amp; Spurious", ICML 2019, arXiv:1902.00139) located it before
     * a closed form was known: the time t_{1/2} for the signal overlap m(t) to reach 1/2 from a small m(0) diverges
     * as 1/Δ2 decreases to the threshold, as a power law
     * <pre>
     *   t_{1/2} = A (1/Δ2 − 1/Δ2^GF)^{−θ} ,   fitted as   1/Δ2 = 1/Δ2^GF + A^{1/θ} t_{1/2}^{−1/θ}
     * </pre>
     * ({@link PowerLawApproach}: Levenberg–Marquardt with standard errors; its limit is 1/Δ2^GF and its exponent
     * 1/θ). Why a power law: at the threshold states a matrix spike of strength x = 1/Δ2 gives the Hessian an
     * outlier below the semicircle edge by (x − √Q″(1))²/x (BBP), the rate at which ln m grows once the flow is
     * near them, so t_{1/2} ≈ ln(1/(2 m(0)))/rate diverges with θ = 2 for m(0) → 0; the slow (power-law)
     * approach to the threshold states and the first transient make θ an effective exponent, fitted rather than
     * imposed. Points whose m stays below 1/2 up to t_max are kept in the table (time +∞) and left out of the fit.
     *
     * @param p the tensor order, in [2, {@value PSpinSpherical#MAX_P}]
     * @param deltap Δp &gt; 0
     * @param inverseDelta2 the values of 1/Δ2 integrated, above the threshold to be found (at least 4 whose m
     *     reaches 1/2 by t_max)
     * @param startOverlap m(0) in (0, 1/2)
     * @param step the Heun step h of the decimating solver
     * @param maxTime the longest time integrated per point, a multiple of h
     * @param progress told of every step of every point, or null
     * @return the half times and the fit
     * @throws IllegalArgumentException naming the parameter at fault, or if the fit fails (fewer than 4 finite
     *     times, an exponent at the edge of its range)
     */
    public static Extrapolation extrapolate(int p, double deltap, double[] inverseDelta2, double startOverlap,
                                            double step, double maxTime, ProgressListener progress) {
        Objects.requireNonNull(inverseDelta2, "inverseDelta2");
        if (!(startOverlap > 0 && startOverlap < HALF)) {
            throw Require.invalid("startOverlap", "must lie in (0, 0.5), got " + startOverlap);
        }
        CugliandoloKurchan.Parameters parameters = CugliandoloKurchan.Parameters.builder(p, 0, maxTime).step(step)
                .build();
        DoubleColumn x = DoubleColumn.create("inverse_delta2");
        DoubleColumn t = DoubleColumn.create("half_time");
        for (double value : inverseDelta2) {
            x.append(value);
            t.append(halfTime(parameters, value, deltap, startOverlap, progress));
        }
        Table table = Table.create("half times p=" + p + " deltap=" + deltap, x, t);
        Table finite = table.where(t.isLessThan(Double.POSITIVE_INFINITY));
        PowerLawApproach fit = PowerLawApproach.fit(finite.doubleColumn("half_time").asDoubleArray(),
                finite.doubleColumn("inverse_delta2").asDoubleArray(), Double.MIN_VALUE);
        return new Extrapolation(p, deltap, startOverlap, table, fit);
    }

    /**
     * The threshold extrapolated from the DMFT ({@link #extrapolate}) beside the closed form.
     *
     * @param p the tensor order
     * @param deltap Δp
     * @param startOverlap m(0) of the DMFT runs
     * @param halfTimes columns {@code inverse_delta2, half_time} (+∞: m did not reach 1/2 by t_max)
     * @param fit the fit of 1/Δ2 against t_{1/2}: limit 1/Δ2^GF, exponent 1/θ
     */
    public record Extrapolation(int p, double deltap, double startOverlap, Table halfTimes, PowerLawApproach fit) {

        /**
         * Checks the fields.
         *
         * @param p the tensor order
         * @param deltap Δp
         * @param startOverlap m(0)
         * @param halfTimes the half-time table
         * @param fit the fit
         */
        public Extrapolation {
            Objects.requireNonNull(halfTimes, "halfTimes");
            Objects.requireNonNull(fit, "fit");
        }

        /** @return the extrapolated threshold 1/Δ2^GF, the fit's limit */
        public double inverseDelta2() {
            return fit.limit();
        }

        /** @return the standard error of {@link #inverseDelta2()} */
        public double inverseDelta2Error() {
            return fit.limitError();
        }

        /** @return the fitted divergence exponent θ = 1/a, t_{1/2} ∝ (1/Δ2 − 1/Δ2^GF)^{−θ} */
        public double exponent() {
            return 1 / fit.exponent();
        }

        /** @return the standard error of θ, σ_a/a² */
        public double exponentError() {
            return fit.exponentError() / (fit.exponent() * fit.exponent());
        }

        /** @return the closed form {@link SpikedThreshold#inverseDelta2(int, double)} at the same p and Δp */
        public double closedForm() {
            return SpikedThreshold.inverseDelta2(p, deltap);
        }
    }
}
