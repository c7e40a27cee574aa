package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    }
}
