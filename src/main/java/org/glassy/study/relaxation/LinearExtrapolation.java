package org.glassy.study.relaxation;

import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A straight-line extrapolation y(x) = y₀ + a x to x = 0, by weighted least squares with weights 1/σ_i² (σ_i the
 * standard errors of the means y_i): a finite-size extrapolation in x = N^{−ν} (y₀ the N → ∞ limit), or the
 * time-step extrapolation of a first-order integrator in x = dt (Euler–Maruyama's stationary averages carry an
 * O(dt) bias). The standard errors of y₀ and a are those of the weighted fit, the square roots of the diagonal of
 * (XᵀWX)⁻¹ with the given σ_i, i.e. they assume the σ_i are right; χ²/dof (NaN for two points) says whether the
 * straight line describes the points within them.
 *
 * @param limit y₀, the intercept at x = 0
 * @param limitError its standard error
 * @param slope a
 * @param slopeError its standard error
 * @param chiSquarePerDegree Σ((y_i − fit)/σ_i)² / (k − 2), k the number of points
 * @param points the data: columns {@code x, y, y_se, fit}
 */
public record LinearExtrapolation(double limit, double limitError, double slope, double slopeError,
                                  double chiSquarePerDegree, Table points) {

    /**
     * Fits y = y₀ + a N^{−ν} and extrapolates to N → ∞ (ν = 1: the 1/N corrections of a finite system).
     *
     * @param sizes the sizes N, positive, at least two distinct
     * @param exponent ν &gt; 0
     * @param values the means y_i
     * @param errors their standard errors σ_i, positive
     * @return the fit in x = N^{−ν}
     */
    public static LinearExtrapolation inSize(double[] sizes, double exponent, double[] values, double[] errors) {
        Require.positive("exponent", exponent);
        double[] x = new double[sizes.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(Require.positive("sizes", sizes[i]), -exponent);
        }
        return toZero(x, values, errors);
    }

    /**
     * Fits y = y₀ + a x and extrapolates to x = 0.
     *
     * @param x the abscissae, finite, at least two distinct
     * @param values the means y_i
     * @param errors their standard errors σ_i, positive
     * @return the fit
     */
    public static LinearExtrapolation toZero(double[] x, double[] values, double[] errors) {
        if (x.length != values.length || x.length != errors.length) {
            throw new IllegalArgumentException("x, values and errors must have the same length, got "
                    + x.length + ", " + values.length + ", " + errors.length);
        }
        Require.atLeast("x.length", x.length, 2);
        double[] sizes = x;
        double s = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < sizes.length; i++) {
            double w = 1 / (Require.positive("errors", errors[i]) * errors[i]);
            double xi = Require.finite("x", sizes[i]);
            s += w;
            sx += w * xi;
            sy += w * values[i];
            sxx += w * xi * xi;
            sxy += w * xi * values[i];
        }
        double determinant = s * sxx - sx * sx;
        if (!(determinant > 0)) {
            throw Require.invalid("x", "must take at least two distinct values");
        }
        double slope = (s * sxy - sx * sy) / determinant;
        double limit = (sxx * sy - sx * sxy) / determinant;
        double chiSquare = 0;
        double[] fit = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            fit[i] = limit + slope * sizes[i];
            double r = (values[i] - fit[i]) / errors[i];
            chiSquare += r * r;
        }
        Table points = Table.create("y(x) = y₀ + a x", DoubleColumn.create("x", sizes.clone()),
                DoubleColumn.create("y", values.clone()), DoubleColumn.create("y_se", errors.clone()),
                DoubleColumn.create("fit", fit));
        return new LinearExtrapolation(limit, Math.sqrt(sxx / determinant), slope, Math.sqrt(s / determinant),
                sizes.length > 2 ? chiSquare / (sizes.length - 2) : Double.NaN, points);
    }

    /**
     * The fitted line for a plot, from x = 0 to the largest x.
     *
     * @param samples points along the line, at least 2
     * @return columns {@code x, fit}
     */
    public Table line(int samples) {
        Require.atLeast("samples", samples, 2);
        double largest = points.doubleColumn("x").max();
        double[] x = new double[samples];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = largest * i / (samples - 1);
            y[i] = limit + slope * x[i];
        }
        return Table.create("fit", DoubleColumn.create("x", x), DoubleColumn.create("fit", y));
    }
}
