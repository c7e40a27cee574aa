package org.glassy.observable;

import org.glassy.internal.Require;

/**
 * A least-squares power law y = A x^α, fitted as a straight line in log–log coordinates: the
 * exponent of a diffusive mean square displacement (α = 1 for free diffusion), of an energy
 * decay, of a loss.
 *
 * <p>The exponent's standard error is the ordinary least-squares one of the log–log slope,
 * √(s² / Σ(ln x − mean)²) with s² = Σ residual² / (n − 2): it treats the scatter of ln y about the line as
 * independent noise of one variance, and is NaN for two points (no degree of freedom left).
 *
 * @param exponent α
 * @param prefactor A
 * @param rSquared the coefficient of determination of the log–log fit, in [0, 1]
 * @param points the number of points used
 * @param exponentError the standard error of α (NaN for 2 points, 0 for points exactly on the law)
 */
public record PowerLaw(double exponent, double prefactor, double rSquared, int points, double exponentError) {

    /**
     * Fits y = A x^α to the points with x and y positive and x in [xMin, xMax].
     *
     * @param x abscissae
     * @param y ordinates, same length
     * @param xMin smallest x used
     * @param xMax largest x used
     * @return the fit
     * @throws IllegalArgumentException if fewer than 2 points qualify
     */
    public static PowerLaw fit(double[] x, double[] y, double xMin, double xMax) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, got " + x.length + " and " + y.length);
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && x[i] >= xMin && x[i] <= xMax && Double.isFinite(y[i])) {
                double lx = Math.log(x[i]);
                double ly = Math.log(y[i]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                syy += ly * ly;
                n++;
            }
        }
        Require.atLeast("number of positive points in [xMin, xMax]", n, 2);
        double vx = sxx - sx * sx / n;
        double vy = syy - sy * sy / n;
        double cxy = sxy - sx * sy / n;
        if (vx == 0) {
            throw Require.invalid("x", "must take at least two distinct values in [xMin, xMax]");
        }
        double slope = cxy / vx;
        double intercept = (sy - slope * sx) / n;
        double r2 = vy == 0 ? 1 : cxy * cxy / (vx * vy);
        double residualSquares = 0; // a second pass: vy − slope·cxy would cancel to round-off for exact data
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && x[i] >= xMin && x[i] <= xMax && Double.isFinite(y[i])) {
                double r = Math.log(y[i]) - intercept - slope * Math.log(x[i]);
                residualSquares += r * r;
            }
        }
        double slopeError = n > 2 ? Math.sqrt(residualSquares / (n - 2) / vx) : Double.NaN;
        return new PowerLaw(slope, Math.exp(intercept), r2, n, slopeError);
    }
}
