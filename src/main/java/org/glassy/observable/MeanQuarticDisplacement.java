package org.glassy.observable;

/**
 * The two-time fourth moment of the displacements of all degrees of freedom,
 *
 * <pre>
 *   Δ₄(t_w, t_w + t) = (1/M) Σ_i [x_i(t_w + t) − x_i(t_w)]⁴,
 * </pre>
 *
 * <p>which M. Baity-Jesi et al., "Comparing dynamics: deep neural networks versus glassy systems", ICML 2018
 * (arXiv:1803.06969) record beside the mean square displacement Δ (their {@code fourth_corrw}, there summed
 * rather than averaged). With Δ it gives the {@link #nonGaussianParameter non-Gaussian parameter} of the
 * distribution of one parameter's displacement.
 */
public final class MeanQuarticDisplacement extends TwoTimeObservable {

    /**
     * Creates the observable on a grid of waiting times and lags.
     *
     * @param waitingSteps the waiting times t_w in steps, each ≥ 0
     * @param lagSteps the lags t in steps, each ≥ 1
     */
    public MeanQuarticDisplacement(long[] waitingSteps, long[] lagSteps) {
        super(waitingSteps, lagSteps);
    }

    /**
     * The non-Gaussian parameter of the displacements u_i = x_i(t_w + t) − x_i(t_w) seen as M samples of one
     * distribution, α₂ = ⟨u⁴⟩/(3⟨u²⟩²) − 1 = Δ₄/(3Δ²) − 1 (A. Rahman, Phys. Rev. 136, A405 (1964), in one
     * dimension): 0 for Gaussian displacements, −2/3 when every |u_i| is equal, positive for heavy tails (a few
     * parameters moving much more than the rest).
     *
     * @param msd Δ = ⟨u²⟩, &gt; 0
     * @param quartic Δ₄ = ⟨u⁴⟩
     * @return α₂ (NaN when Δ = 0)
     */
    public static double nonGaussianParameter(double msd, double quartic) {
        return msd > 0 ? quartic / (3 * msd * msd) - 1 : Double.NaN;
    }

    @Override
    public String name() {
        return "msd4";
    }

    @Override
    protected double measure(double[] atWaiting, double[] now) {
        double sum = 0;
        for (int i = 0; i < now.length; i++) {
            double d = now[i] - atWaiting[i];
            double d2 = d * d;
            sum += d2 * d2;
        }
        return sum / now.length;
    }
}
