package org.glassy.model;

/**
 * The two-dimensional double well E(x, y) = (x² − 1)² + y², the simplest test of a path
 * optimiser with an exact answer: minima at (±1, 0) with E = 0, and one saddle at (0, 0) with
 * E = 1, so the minimum energy path between the minima is the segment y = 0 and its barrier is
 * exactly 1.
 *
 * <p>Immutable and thread-safe.
 */
public final class DoubleWell implements Model {

    /** The barrier E(saddle) − E(minimum) = 1. */
    public static final double BARRIER = 1;

    /** Creates the potential. */
    public DoubleWell() {
    }

    /** @return a new array holding the minimum (−1, 0) */
    public static double[] leftMinimum() {
        return new double[] {-1, 0};
    }

    /** @return a new array holding the minimum (1, 0) */
    public static double[] rightMinimum() {
        return new double[] {1, 0};
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        double w = x[0] * x[0] - 1;
        return w * w + x[1] * x[1];
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        double w = x[0] * x[0] - 1;
        gradient[0] = 4 * x[0] * w;
        gradient[1] = 2 * x[1];
        return w * w + x[1] * x[1];
    }

    @Override
    public String toString() {
        return "DoubleWell";
    }
}
