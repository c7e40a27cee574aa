package org.glassy.observable;

/**
 * The two-time correlation C(t_w + t, t_w) = x(t_w)·x(t_w + t) / N, the order parameter of the
 * aging dynamics of mean-field spin glasses (L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett.
 * 71, 173 (1993)): in equilibrium it depends on t only; when the system ages it depends on t_w
 * too, decaying more slowly the older the system.
 */
public final class TwoTimeCorrelation extends TwoTimeObservable {

    /**
     * Creates the observable on a grid of waiting times and lags.
     *
     * @param waitingSteps the waiting times t_w in steps, each ≥ 0
     * @param lagSteps the lags t in steps, each ≥ 1
     */
    public TwoTimeCorrelation(long[] waitingSteps, long[] lagSteps) {
        super(waitingSteps, lagSteps);
    }

    @Override
    public String name() {
        return "correlation";
    }

    @Override
    protected double measure(double[] atWaiting, double[] now) {
        double sum = 0;
        for (int i = 0; i < now.length; i++) {
            sum += atWaiting[i] * now[i];
        }
        return sum / now.length;
    }
}
