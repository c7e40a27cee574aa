package org.glassy.core;

import org.glassy.internal.Require;

/** The unconstrained space R<sup>n</sup>: displacements are added as they are. */
final class Euclidean implements Space {

    static final Euclidean INSTANCE = new Euclidean();

    private Euclidean() {
    }

    @Override
    public void tangent(double[] x, double[] v) {
        // every direction is allowed
    }

    @Override
    public void retract(double[] x) {
        // nothing to restore
    }

    @Override
    public void checkContains(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw Require.invalid("x0", "must be finite, got x0[" + i + "] = " + x[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "Euclidean";
    }
}
