package org.glassy.observable;

/**
 * The energy per degree of freedom, e(t) = E(x(t)) / n: for the p-spin, the energy per spin in
 * which its reference values (threshold, ground state, −1/(2T)) are written.
 */
public final class Energy extends ScalarObservable {

    @Override
    public String name() {
        return "energy";
    }

    @Override
    protected double measure(double time, double[] x, double energy) {
        return energy / x.length;
    }
}
