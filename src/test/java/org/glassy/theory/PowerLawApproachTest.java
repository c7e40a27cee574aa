package org.glassy.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The Levenberg–Marquardt fit of y∞ + A t^(−a), on synthetic data with known parameters. */
class PowerLawApproachTest {

    /** n times log-spaced from t0 to t1. */
    private static double[] times(double t0, double t1, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = t0 * Math.pow(t1 / t0, (double) i / (n - 1));
        }
        return t;
    }

    private static double[] values(double[] t, double limit, double amplitude, double exponent, double noise,
                                   SplittableRandom random) {
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = limit + amplitude * Math.pow(t[i], -exponent) + (noise > 0 ? noise * random.nextGaussian() : 0);
        }
        return y;
    }

    @Test
    void exactDataGiveTheParametersBack() {
        // the 3-spin's approach to the threshold: e∞ = −2/√3, a = 2/3
        double[] t = times(10, 1e4, 40);
        double limit = -2 / Math.sqrt(3);
        PowerLawApproach fit = PowerLawApproach.fit(t, values(t, limit, 0.8, 2.0 / 3, 0, null), 10);
        assertEquals(limit, fit.limit(), 1e-10);
        assertEquals(0.8, fit.amplitude(), 1e-9);
        assertEquals(2.0 / 3, fit.exponent(), 1e-9);
        assertEquals(40, fit.points());
        assertTrue(fit.rms() < 1e-12, "rms " + fit.rms());
        assertTrue(fit.limitError() < 1e-10, "s.e. of an exact fit " + fit.limitError());
    }

    @Test
    void onlyPointsFromTheFirstFittedTimeCount() {
        // points before `from` follow another law; they must not bias the fit
        double[] t = times(1, 1e4, 41);
        double[] y = values(t, 1.5, -2, 0.5, 0, null);
        for (int i = 0; i < t.length; i++) {
            if (t[i] < 100) {
                y[i] += 7;
            }
        }
        PowerLawApproach fit = PowerLawApproach.fit(t, y, 100);
        assertEquals(21, fit.points());
        assertEquals(1.5, fit.limit(), 1e-10);
        assertEquals(0.5, fit.exponent(), 1e-9);
    }

    @Test
    void standardErrorsAgreeWithTheScatterOverNoiseRealisations() {
        // 400 data sets with Gaussian noise σ = 1e-3: the reported standard errors (the same for every set up to the
        // s² estimate) must match the scatter of the fitted parameters. The sample standard deviation of 400 values
        // has relative error 1/√800 = 3.5 %; 15 % passes neither a missing (n − 3)/n nor a factor √2 or 2.
        double[] t = times(10, 1e4, 30);
        SplittableRandom random = new SplittableRandom(11);
        int sets = 400;
        double[][] fitted = new double[3][sets];
        double[][] reported = new double[3][sets];
        int inside = 0;
        for (int k = 0; k < sets; k++) {
            PowerLawApproach fit = PowerLawApproach.fit(t, values(t, -1.15, 0.8, 0.67, 1e-3, random), 10);
            fitted[0][k] = fit.limit();
            fitted[1][k] = fit.amplitude();
            fitted[2][k] = fit.exponent();
            reported[0][k] = fit.limitError();
            reported[1][k] = fit.amplitudeError();
            reported[2][k] = fit.exponentError();
            if (Math.abs(fit.limit() + 1.15) < 2 * fit.limitError()) {
                inside++;
            }
        }
        double[] truth = {-1.15, 0.8, 0.67};
        String[] names = {"limit", "amplitude", "exponent"};
        for (int j = 0; j < 3; j++) {
            double mean = java.util.Arrays.stream(fitted[j]).average().orElseThrow();
            double scatter = Math.sqrt(java.util.Arrays.stream(fitted[j]).map(v -> (v - mean) * (v - mean)).sum()
                    / (sets - 1));
            double error = java.util.Arrays.stream(reported[j]).average().orElseThrow();
            assertEquals(scatter, error, 0.15 * scatter, names[j] + ": scatter " + scatter + ", mean s.e. " + error);
            assertEquals(truth[j], mean, 4 * scatter / Math.sqrt(sets), names[j] + " unbiased");
        }
        // about 95 % of the intervals ±2 s.e. hold the true limit (binomial s.e. 1.1 %)
        assertEquals(0.954, inside / (double) sets, 0.045, "coverage of ±2 s.e.");
    }

    @Test
    void anExponentBeyondTheAdmissibleRangeFailsLoudlyOrIsFoundInAWiderRange() {
        // a = 5: the old grid scan over [0.05, 3] returned 2.9995 silently
        double[] t = times(1, 100, 30);
        double[] y = values(t, -1, 1, 5, 0, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerLawApproach.fit(t, y, 1));
        assertTrue(e.getMessage().startsWith("power-law approach fit y = y∞ + A t^(−a) on t >= 1.0: the exponent a = 5."),
                e.getMessage());
        assertTrue(e.getMessage().contains("admissible range [0.05, 3.0]"), e.getMessage());
        PowerLawApproach wide = PowerLawApproach.fit(t, y, 1, 0.05, 10);
        assertEquals(5, wide.exponent(), 1e-8);
        assertEquals(-1, wide.limit(), 1e-12);
        assertEquals(1, wide.amplitude(), 1e-8);
    }

    @Test
    void anExponentBelowTheAdmissibleRangeFailsLoudly() {
        // a = 0.01: the old scan returned a = 0.05 and a limit off by 1.5, silently
        double[] t = times(10, 1e4, 30);
        double[] y = values(t, -1.15, 0.8, 0.01, 0, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerLawApproach.fit(t, y, 10));
        assertTrue(e.getMessage().contains("admissible range [0.05, 3.0]"), e.getMessage());
        assertTrue(e.getMessage().startsWith("power-law approach fit y = y∞ + A t^(−a) on t >= 10.0"), e.getMessage());
    }

    @Test
    void anExponentNearTheEdgeWithinItsErrorFailsLoudly() {
        // a = 0.06 with noise 1e-2 (s.e. of a about 0.03): inside [0.05, 3] but not by two standard errors
        double[] t = times(10, 1e4, 30);
        double[] y = values(t, -1.15, 0.8, 0.06, 1e-2, new SplittableRandom(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PowerLawApproach.fit(t, y, 10));
        assertTrue(e.getMessage().contains("must lie inside the admissible range [0.05, 3.0] by 2.0 standard errors"),
                e.getMessage());
    }

    @Test
    void tooFewPointsOrBadArgumentsAreNamed() {
        double[] t = {1, 2, 3, 4, 5};
        double[] y = {1, 0.5, 0.33, 0.25, 0.2};
        assertEquals("need at least 4 points with t >= from > 0, got 3 (from = 3.0)",
                assertThrows(IllegalArgumentException.class, () -> PowerLawApproach.fit(t, y, 3)).getMessage());
        assertEquals("times and values must have the same length, got 5 and 4", assertThrows(
                IllegalArgumentException.class, () -> PowerLawApproach.fit(t, new double[4], 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerLawApproach.fit(t, y, 1, 1, 0.5))
                .getMessage().startsWith("maxExponent must be finite and > minExponent"));
    }
}
