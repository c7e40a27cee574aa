package org.glassy.study.aging;

import org.glassy.internal.Require;

/**
 * The three regimes of the training loss of M. Baity-Jesi et al., "Comparing dynamics: deep neural networks
 * versus glassy systems", ICML 2018 (arXiv:1803.06969): an initial plateau up to t₁, a decrease linear in
 * ln t for t₁ &lt; t &lt; t₂, then a drastic slowing down as the loss approaches its minimum.
 *
 * <p><b>The rule.</b> The rate of decrease per e-fold of time, r(t) = −dL/d ln t, is the slope of a
 * least-squares line through the recorded points (t_j, L(t_j)) with |ln t_j − ln t| ≤ w (w = a quarter of a
 * decade by default). The logarithmic regime is the half-maximum width of r around its largest value r_max:
 * of the contiguous run of recorded times around the maximum where r ≥ r_max/2, t₁ and t₂ are the
 * half-maximum crossings just outside its first and last time (r interpolated linearly in ln t between
 * neighbouring recorded times; the first or last recorded time if the run reaches the end of the curve). For a loss that is flat, then falls linearly in ln t between t₁ and t₂, then much more slowly,
 * r is a box whose smoothed edges cross r_max/2 at t₁ and t₂.
 *
 * @param t1 the end of the initial plateau, in the loss curve's time unit (steps)
 * @param t2 the end of the logarithmic decrease
 * @param rate r_max, the largest decrease of the loss per e-fold of time
 */
public record LossRegimes(double t1, double t2, double rate) {

    /** The default half-width of the slope window, a quarter of a decade in ln t. */
    public static final double WINDOW = Math.log(10) / 4;

    /**
     * Locates t₁ and t₂ with the default window.
     *
     * @param steps the recorded times, increasing (times ≤ 0 are skipped)
     * @param loss the loss at those times
     * @return the regimes; NaN times when the loss never decreases
     */
    public static LossRegimes of(double[] steps, double[] loss) {
        return of(steps, loss, WINDOW);
    }

    /**
     * Locates t₁ and t₂.
     *
     * @param steps the recorded times, increasing (times ≤ 0 are skipped)
     * @param loss the loss at those times, as many as the times
     * @param window w &gt; 0, the half-width in ln t of the slope window
     * @return the regimes; NaN times when the loss never decreases
     */
    public static LossRegimes of(double[] steps, double[] loss, double window) {
        if (steps.length != loss.length) {
            throw Require.invalid("loss", "must have one value per step (" + steps.length + "), got " + loss.length);
        }
        Require.positive("window", window);
        int first = 0;
        while (first < steps.length && steps[first] <= 0) {
            first++;
        }
        int n = steps.length - first;
        if (n < 3) {
            throw Require.invalid("steps", "must hold at least 3 positive times, got " + n);
        }
        double[] rate = new double[n];
        for (int k = 0; k < n; k++) {
            double centre = Math.log(steps[first + k]);
            double sx = 0;
            double sy = 0;
            int m = 0;
            for (int j = first; j < steps.length; j++) {
                if (Math.abs(Math.log(steps[j]) - centre) <= window + 1e-12) {
                    sx += Math.log(steps[j]);
                    sy += loss[j];
                    m++;
                }
            }
            double mx = sx / m;
            double my = sy / m;
            double sxx = 0;
            double sxy = 0;
            for (int j = first; j < steps.length; j++) {
                if (Math.abs(Math.log(steps[j]) - centre) <= window + 1e-12) {
                    double dx = Math.log(steps[j]) - mx;
                    sxx += dx * dx;
                    sxy += dx * (loss[j] - my);
                }
            }
            rate[k] = sxx > 0 ? -sxy / sxx : 0;
        }
        int peak = 0;
        for (int k = 1; k < n; k++) {
            if (rate[k] > rate[peak]) {
                peak = k;
            }
        }
        if (!(rate[peak] > 0)) {
            return new LossRegimes(Double.NaN, Double.NaN, rate[peak]);
        }
        double half = rate[peak] / 2;
        int lo = peak;
        while (lo > 0 && rate[lo - 1] >= half) {
            lo--;
        }
        int hi = peak;
        while (hi < n - 1 && rate[hi + 1] >= half) {
            hi++;
        }
        double t1 = lo > 0 ? crossing(steps[first + lo - 1], rate[lo - 1], steps[first + lo], rate[lo], half)
                : steps[first];
        double t2 = hi < n - 1 ? crossing(steps[first + hi], rate[hi], steps[first + hi + 1], rate[hi + 1], half)
                : steps[first + n - 1];
        return new LossRegimes(t1, t2, rate[peak]);
    }

    /** The time between a and b where the rate, linear in ln t, crosses {@code level}. */
    private static double crossing(double a, double ra, double b, double rb, double level) {
        double f = (level - ra) / (rb - ra);
        return Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a)));
    }
}
