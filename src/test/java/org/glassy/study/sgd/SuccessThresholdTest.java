package org.glassy.study.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link SuccessThreshold}: the logistic fit recovers a known crossing; bisection brackets a sharp one. */
class SuccessThresholdTest {

    private static boolean draw(double alpha, long seed, double crossing, double width) {
        double p = 1 / (1 + Math.exp(-(alpha - crossing) / width));
        return new SplittableRandom(seed * 1_000_003L + Double.hashCode(alpha)).nextDouble() < p;
    }

    @Test
    void logisticFitRecoversAKnownCrossingWithinItsError() {
        int n = 4000;
        double[] alpha = new double[n];
        double[] y = new double[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            alpha[i] = 2 + 2 * r.nextDouble();
            y[i] = draw(alpha[i], i, 3.0, 0.3) ? 1 : 0;
        }
        double[] fit = SuccessThreshold.fit(alpha, y);
        // 4000 runs over [2, 4]: the crossing is known to about 0.02; a wrong sign or factor 2 in the
        // delta method would make the error bar useless, and a biased fit would be far outside it
        assertTrue(fit[1] > 0.005 && fit[1] < 0.05, "standard error " + fit[1]);
        assertEquals(3.0, fit[0], 4 * fit[1]);
        assertEquals(0.3, fit[2], 0.06);
    }

    @Test
    void separableOutcomesGiveTheMidpointOfTheGap() {
        double[] fit = SuccessThreshold.fit(new double[] {1, 2, 3, 4}, new double[] {0, 0, 1, 1});
        assertEquals(2.5, fit[0], 0.0);
        assertEquals(0.5, fit[1], 0.0);
        assertTrue(Double.isNaN(fit[2]));
    }

    @Test
    void oneMixedLevelBetweenSeparatedOnesStaysFinite() {
        // failures at 1 and 2, half of the runs at 3, successes at 4 and 5: plain maximum likelihood makes a step
        double[] alpha = {1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5};
        double[] y = {0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1};
        double[] fit = SuccessThreshold.fit(alpha, y);
        assertEquals(3.0, fit[0], 1e-9, "symmetric outcomes: the crossing is at the mixed level");
        assertTrue(fit[1] > 0 && fit[1] < 1, "a finite error bar: " + fit[1]);
        assertTrue(fit[2] > 0 && fit[2] < 1, "a finite width: " + fit[2]);
    }

    @Test
    void bisectionBracketsASharpThreshold() throws Exception {
        SuccessThreshold.Estimate e = SuccessThreshold.locate((alpha, seed) -> alpha > 2.7, 1, 5, 8, 4, 2, null);
        assertTrue(Math.abs(e.alpha() - 2.7) <= e.standardError() + 1e-12, e.alpha() + " ± " + e.standardError());
        assertTrue(e.standardError() <= 4.0 / 256 / 2 + 1e-12, "eight halvings of [1, 5]: " + e.standardError());
        assertEquals(10 * 4, e.outcomes().rowCount(), "two ends and eight midpoints, 4 seeds each");
    }

    @Test
    void bisectionAndFitLocateASmoothThreshold() throws Exception {
        SuccessThreshold.Estimate e = SuccessThreshold.locate((alpha, seed) -> draw(alpha, seed, 3.0, 0.3), 1, 6, 6,
                64, 2, null);
        assertEquals(3.0, e.alpha(), 4 * e.standardError());
        assertTrue(e.standardError() < 0.15, "standard error " + e.standardError());
    }
}
