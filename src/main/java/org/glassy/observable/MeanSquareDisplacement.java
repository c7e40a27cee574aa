package org.glassy.observable;

/**
 * The two-time mean square displacement of all degrees of freedom,
 *
 * <pre>
 *   Δ(t_w, t_w + t) = (1/M) Σ_i [x_i(t_w + t) − x_i(t_w)]²,
 * </pre>
 *
 * <p>over all M parameters of a network (weights and biases) or all N spins, as in M. Baity-Jesi
 * et al., "Comparing dynamics: deep neural networks versus glassy systems", ICML 2018
 * (arXiv:1803.06969). On the sphere |x|² = N it is tied to the correlation:
 * Δ = 2[1 − C(t_w + t, t_w)].
 */
public final class MeanSquareDisplacement extends TwoTimeObservable {

    /**
     * Creates the observable on a grid of waiting times and lags.
     *
     * @param waitingSteps the waiting times t_w in steps, each ≥ 0
     * @param lagSteps the lags t in steps, each ≥ 1
     */
    public MeanSquareDisplacement(long[] waitingSteps, long[] lagSteps) {
        super(waitingSteps, lagSteps);
    }

    @Override
    public String name() {
        return "msd";
    }

    @Override
    protected double measure(double[] atWaiting, double[] now) {
        double sum = 0;
        for (int i = 0; i < now.length; i++) {
            double d = now[i] - atWaiting[i];
            sum += d * d;
        }
        return sum / now.length;
    }
}
