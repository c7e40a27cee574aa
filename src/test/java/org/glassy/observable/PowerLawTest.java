package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PowerLawTest {

    @Test
    void recoversAnExactPowerLawInTheWindowOnly() {
        double[] x = {0.5, 1, 2, 4, 8, 16, 32};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] < 1.5 ? 100 : 3 * Math.pow(x[i], 0.75); // the first two points are off the law
        }
        PowerLaw fit = PowerLaw.fit(x, y, 2, 32);
        assertEquals(0.75, fit.exponent(), 1e-12);
        assertEquals(3, fit.prefactor(), 1e-12);
        assertEquals(1, fit.rSquared(), 1e-12);
        assertEquals(5, fit.points());
        assertEquals(0, fit.exponentError(), 1e-12);
    }

    @Test
    void exponentErrorIsTheOrdinaryLeastSquaresSlopeError() {
        // ln x = 0, 1, 2, 3 and ln y = 0, 1, 1, 3, by hand: slope Sxy/Sxx = 4.5/5 = 0.9, residuals 0.1, 0.2, −0.7,
        // 0.4, s² = 0.70/2 = 0.35, s.e. = √(0.35/5) = √0.07
        double[] x = {1, Math.E, Math.exp(2), Math.exp(3)};
        double[] y = {1, Math.E, Math.E, Math.exp(3)};
        PowerLaw fit = PowerLaw.fit(x, y, 0, 100);
        assertEquals(0.9, fit.exponent(), 1e-14);
        assertEquals(Math.sqrt(0.07), fit.exponentError(), 1e-14);
        // two points leave no degree of freedom for the error
        assertTrue(Double.isNaN(PowerLaw.fit(new double[] {1, 2}, new double[] {1, 3}, 0, 10).exponentError()));
    }

    @Test
    void exponentErrorAgreesWithTheScatterOverNoiseRealisations() {
        // y = 2 x^0.5 e^{σ z}, σ = 0.05, 20 points: the scatter of 1000 fitted exponents against the mean reported
        // error (sample s.d. of 1000 values: relative error 2.2 %; 10 % passes neither √2 nor 2)
        double[] x = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(10, i / 5.0);
        }
        SplittableRandom random = new SplittableRandom(5);
        int sets = 1000;
        double[] exponents = new double[sets];
        double reported = 0;
        for (int k = 0; k < sets; k++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = 2 * Math.sqrt(x[i]) * Math.exp(0.05 * random.nextGaussian());
            }
            PowerLaw fit = PowerLaw.fit(x, y, 0, 1e9);
            exponents[k] = fit.exponent();
            reported += fit.exponentError() / sets;
        }
        double mean = Arrays.stream(exponents).average().orElseThrow();
        double scatter = Math.sqrt(Arrays.stream(exponents).map(v -> (v - mean) * (v - mean)).sum() / (sets - 1));
        assertEquals(scatter, reported, 0.1 * scatter, "scatter " + scatter + ", mean s.e. " + reported);
        assertEquals(0.5, mean, 4 * scatter / Math.sqrt(sets));
    }
}
