package org.glassy.observable;

/**
 * The squared norm per degree of freedom, |x(t)|² / n: identically 1 on the sphere |x|² = N (a
 * check of the constraint), and the spread of the weights for unconstrained dynamics.
 */
public final class SquaredNorm extends ScalarObservable {

    @Override
    public String name() {
        return "squared_norm";
    }

    @Override
    protected double measure(double time, double[] x, double energy) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s / x.length;
    }
}
