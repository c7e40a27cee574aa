package org.glassy.theory;

import org.glassy.internal.Require;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

import tech.tablesaw.api.Table;

/**
 * A power-law approach to a limit, y(t) = y∞ + A t^{−a}, fitted by nonlinear least squares (Hipparchus'
 * Levenberg–Marquardt optimizer) with standard errors of the three parameters from the covariance
 * s² (JᵀJ)^{−1}, s² = Σ residual² / (n − 3). Used to extrapolate the mean-field energy e(t) to t = ∞ (at T = 0
 * the spherical 3-spin approaches the threshold −2/√3 with a ≈ 2/3).
 *
 * <p>The exponent must lie inside an admissible range, by default [{@value #MIN_EXPONENT},
 * {@value #MAX_EXPONENT}]. A fit whose exponent ends outside it or within two standard errors of its edge, or
 * that does not converge, or whose covariance is singular (a → 0 makes y∞ and A indistinguishable) is not
 * returned: it throws an {@link IllegalArgumentException} that names the fit, the exponent found and the range.
 * A wider range can be asked for (e.g. a true exponent 5 is found with [0.05, 10]).
 *
 * @param limit the fitted limit y∞
 * @param amplitude the fitted amplitude A
 * @param exponent the fitted exponent a, inside the admissible range
 * @param rms the root-mean-square residual of the fit
 * @param points the number of points fitted, at least 4
 * @param limitError the standard error of y∞ (0 for data the model fits exactly)
 * @param amplitudeError the standard error of A
 * @param exponentError the standard error of a
 */
public record PowerLawApproach(double limit, double amplitude, double exponent, double rms, int points,
                               double limitError, double amplitudeError, double exponentError) {

    /** The smallest admissible exponent by default: 0.05. */
    public static final double MIN_EXPONENT = 0.05;
    /** The largest admissible exponent by default: 3. */
    public static final double MAX_EXPONENT = 3;
    /** How many standard errors of a the fitted exponent must keep from the edges of the admissible range. */
    static final double EDGE_STANDARD_ERRORS = 2;
    private static final int MAX_ITERATIONS = 1000;

    /**
     * Checks the fit.
     *
     * @param limit y∞
     * @param amplitude A
     * @param exponent a &gt; 0
     * @param rms the rms residual
     * @param points the number of points, at least 4
     * @param limitError the standard error of y∞, &gt;= 0
     * @param amplitudeError the standard error of A, &gt;= 0
     * @param exponentError the standard error of a, &gt;= 0
     */
    public PowerLawApproach {
        Require.positive("exponent", exponent);
        Require.atLeast("points", points, 4);
        Require.nonNegative("limitError", limitError);
        Require.nonNegative("amplitudeError", amplitudeError);
        Require.nonNegative("exponentError", exponentError);
    }

    /**
     * Fits y = y∞ + A t^{−a} to the points with t ≥ {@code from}, the exponent admissible in
     * [{@value #MIN_EXPONENT}, {@value #MAX_EXPONENT}].
     *
     * @param times the times t &gt; 0
     * @param values the values y(t)
     * @param from the first time fitted, &gt; 0
     * @return the fit
     * @throws IllegalArgumentException if fewer than 4 points have t ≥ from, the arrays differ in length, or the
     *     fit fails (see the class comment)
     */
    public static PowerLawApproach fit(double[] times, double[] values, double from) {
        return fit(times, values, from, MIN_EXPONENT, MAX_EXPONENT);
    }

    /**
     * Fits y = y∞ + A t^{−a} to the points with t ≥ {@code from}, the exponent admissible in
     * [{@code minExponent}, {@code maxExponent}].
     *
     * @param times the times t &gt; 0
     * @param values the values y(t), finite
     * @param from the first time fitted, &gt; 0
     * @param minExponent the smallest admissible exponent, &gt; 0
     * @param maxExponent the largest admissible exponent, &gt; minExponent
     * @return the fit
     * @throws IllegalArgumentException if fewer than 4 points have t ≥ from, the arrays differ in length, or the
     *     fit fails (see the class comment)
     */
    public static PowerLawApproach fit(double[] times, double[] values, double from, double minExponent,
                                       double maxExponent) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values must have the same length, got "
                    + times.length + " and " + values.length);
        }
        Require.positive("minExponent", minExponent);
        if (!(maxExponent > minExponent) || !Double.isFinite(maxExponent)) {
            throw Require.invalid("maxExponent", "must be finite and > minExponent = " + minExponent + ", got "
                    + maxExponent);
        }
        int n = 0;
        for (double t : times) {
            if (t >= from) {
                n++;
            }
        }
        if (n < 4 || !(from > 0)) {
            throw new IllegalArgumentException("need at least 4 points with t >= from > 0, got " + n + " (from = " + from + ")");
        }
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0, k = 0; i < times.length; i++) {
            if (times[i] >= from) {
                if (!Double.isFinite(values[i])) {
                    throw Require.invalid("values", "must be finite, got " + values[i] + " at t = " + times[i]);
                }
                t[k] = times[i];
                y[k++] = values[i];
            }
        }
        String range = "[" + minExponent + ", " + maxExponent + "]";
        String name = "power-law approach fit y = y∞ + A t^(−a) on t >= " + from;

        // start: the best of a few exponents, geometrically spaced over the range widened fourfold on each side
        // (so an exponent outside the range is found, and reported), each with its linear least-squares (y∞, A)
        double lo = minExponent / 4;
        double hi = maxExponent * 4;
        double[] start = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int guesses = 24;
        for (int g = 0; g <= guesses; g++) {
            double a = lo * Math.pow(hi / lo, (double) g / guesses);
            double[] linear = linearFit(t, y, a);
            if (linear[2] < bestCost) {
                bestCost = linear[2];
                start = new double[] {linear[0], linear[1], a};
            }
        }
        if (start == null) {
            throw new IllegalArgumentException(name + ": no starting point (times too close together?)");
        }

        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(start)
                    .target(y)
                    .model(point -> valueAndJacobian(t, point))
                    .parameterValidator(point -> {
                        // keep a in the widened range, where t^(−a) stays finite
                        double a = Math.max(lo, Math.min(hi, point.getEntry(2)));
                        point.setEntry(2, a);
                        return point;
                    })
                    .maxIterations(MAX_ITERATIONS)
                    .maxEvaluations(MAX_ITERATIONS)
                    .lazyEvaluation(false)
                    .build());
        } catch (MathRuntimeException e) {
            throw new IllegalArgumentException(name + " did not converge (" + e.getMessage() + "); the exponent must be"
                    + " admissible in " + range, e);
        }
        double[] p = optimum.getPoint().toArray();
        double sumOfSquares = optimum.getResiduals().dotProduct(optimum.getResiduals());
        double[] errors = new double[3];
        try {
            RealMatrix covariance = optimum.getCovariances(1e-14);
            double s2 = sumOfSquares / (n - 3);
            for (int k = 0; k < 3; k++) {
                errors[k] = Math.sqrt(Math.max(0, covariance.getEntry(k, k)) * s2);
            }
        } catch (MathRuntimeException e) {
            throw new IllegalArgumentException(name + ": singular covariance at a = " + p[2] + " (the limit and the"
                    + " amplitude cannot be told apart); the exponent must be admissible in " + range, e);
        }
        double a = p[2];
        double margin = EDGE_STANDARD_ERRORS * errors[2];
        if (!(a - margin >= minExponent && a + margin <= maxExponent)) {
            throw new IllegalArgumentException(name + ": the exponent a = " + a + " ± " + errors[2] + " must lie inside"
                    + " the admissible range " + range + " by " + EDGE_STANDARD_ERRORS + " standard errors (fitted y∞ = "
                    + p[0] + " is not trusted)");
        }
        return new PowerLawApproach(p[0], p[1], a, Math.sqrt(sumOfSquares / n), n, errors[0], errors[1], errors[2]);
    }

    /**
     * Fits two columns of a table, the exponent admissible in [{@value #MIN_EXPONENT}, {@value #MAX_EXPONENT}].
     *
     * @param table the table
     * @param time the name of the time column
     * @param value the name of the value column
     * @param from the first time fitted
     * @return the fit
     */
    public static PowerLawApproach fit(Table table, String time, String value, double from) {
        return fit(table.doubleColumn(time).asDoubleArray(), table.doubleColumn(value).asDoubleArray(), from);
    }

    /** y∞ + A t^{−a} at every time, and its derivatives by (y∞, A, a). */
    private static Pair<RealVector, RealMatrix> valueAndJacobian(double[] t, RealVector point) {
        double limit = point.getEntry(0);
        double amplitude = point.getEntry(1);
        double a = point.getEntry(2);
        double[] value = new double[t.length];
        double[][] jacobian = new double[t.length][3];
        for (int i = 0; i < t.length; i++) {
            double power = Math.pow(t[i], -a);
            value[i] = limit + amplitude * power;
            jacobian[i][0] = 1;
            jacobian[i][1] = power;
            jacobian[i][2] = -amplitude * power * Math.log(t[i]);
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }

    /** For a fixed exponent: the least-squares (y∞, A) of the straight line y = y∞ + A x, x = t^{−a}, and its cost. */
    private static double[] linearFit(double[] t, double[] y, double a) {
        int n = t.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.pow(t[i], -a);
            sx += x;
            sy += y[i];
            sxx += x * x;
            sxy += x * y[i];
        }
        double denominator = n * sxx - sx * sx;
        if (!(denominator > 0)) {
            return new double[] {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY};
        }
        double amplitude = (n * sxy - sx * sy) / denominator;
        double limit = (sy - amplitude * sx) / n;
        double cost = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - limit - amplitude * Math.pow(t[i], -a);
            cost += d * d;
        }
        return new double[] {limit, amplitude, cost};
    }
}
