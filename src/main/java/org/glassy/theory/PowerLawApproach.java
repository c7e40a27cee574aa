package org.glassy.theory;

import org.glassy.internal.Require;

import tech.tablesaw.api.Table;

/**
 * A power-law approach to a limit, y(t) = y∞ + A t^{−a}, fitted by least squares: for each exponent a on a fine
 * grid the best (y∞, A) is linear, and the exponent with the smallest residual is kept. Used to extrapolate the
 * mean-field energy e(t) to t = ∞ (at T = 0 the spherical 3-spin approaches the threshold −2/√3 with a ≈ 2/3).
 *
 * @param limit the fitted limit y∞
 * @param amplitude the fitted amplitude A
 * @param exponent the fitted exponent a &gt; 0
 * @param rms the root-mean-square residual of the fit
 * @param points the number of points fitted
 */
public record PowerLawApproach(double limit, double amplitude, double exponent, double rms, int points) {

    /** The exponents scanned: a ∈ [0.05, 3] in steps of 0.0005. */
    private static final double MIN_EXPONENT = 0.05;
    private static final double MAX_EXPONENT = 3;
    private static final double EXPONENT_STEP = 5e-4;

    /**
     * Checks the fit.
     *
     * @param limit y∞
     * @param amplitude A
     * @param exponent a &gt; 0
     * @param rms the rms residual
     * @param points the number of points, at least 3
     */
    public PowerLawApproach {
        Require.positive("exponent", exponent);
        Require.atLeast("points", points, 3);
    }

    /**
     * Fits y = y∞ + A t^{−a} to the points with t ≥ {@code from}.
     *
     * @param times the times t &gt; 0
     * @param values the values y(t)
     * @param from the first time fitted
     * @return the best fit
     * @throws IllegalArgumentException if fewer than 3 points have t ≥ from, or the arrays differ in length
     */
    public static PowerLawApproach fit(double[] times, double[] values, double from) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values must have the same length, got "
                    + times.length + " and " + values.length);
        }
        int n = 0;
        for (double t : times) {
            if (t >= from) {
                n++;
            }
        }
        if (n < 3 || !(from > 0)) {
            throw new IllegalArgumentException("need at least 3 points with t >= from > 0, got " + n + " (from = " + from + ")");
        }
        double bestResidual = Double.POSITIVE_INFINITY;
        double bestLimit = Double.NaN;
        double bestAmplitude = Double.NaN;
        double bestExponent = Double.NaN;
        for (double a = MIN_EXPONENT; a <= MAX_EXPONENT; a += EXPONENT_STEP) {
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < times.length; i++) {
                if (times[i] >= from) {
                    double x = Math.pow(times[i], -a);
                    sx += x;
                    sy += values[i];
                    sxx += x * x;
                    sxy += x * values[i];
                }
            }
            double amplitude = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double limit = (sy - amplitude * sx) / n;
            double residual = 0;
            for (int i = 0; i < times.length; i++) {
                if (times[i] >= from) {
                    double d = values[i] - limit - amplitude * Math.pow(times[i], -a);
                    residual += d * d;
                }
            }
            if (residual < bestResidual) {
                bestResidual = residual;
                bestLimit = limit;
                bestAmplitude = amplitude;
                bestExponent = a;
            }
        }
        return new PowerLawApproach(bestLimit, bestAmplitude, bestExponent, Math.sqrt(bestResidual / n), n);
    }

    /**
     * Fits two columns of a table.
     *
     * @param table the table
     * @param time the name of the time column
     * @param value the name of the value column
     * @param from the first time fitted
     * @return the best fit
     */
    public static PowerLawApproach fit(Table table, String time, String value, double from) {
        return fit(table.doubleColumn(time).asDoubleArray(), table.doubleColumn(value).asDoubleArray(), from);
    }
}
