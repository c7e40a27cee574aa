package org.glassy.dynamics;

import static org.glassy.testing.Tolerances.assertRelativelyEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.NumericalInstabilityException;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

    @Test
    void quadraticDecaysExactlyAsOneMinusEtaKToTheT() {
        double eta = 0.05;
        double[] k = {0.1, 1.0, 3.0, 7.5};
        double[] x0 = {1.0, -2.0, 0.5, 3.0};
        Quadratic model = new Quadratic(k);
        for (long steps : new long[] {1, 7, 100}) {
            double[] x = Dynamics.of(model, new GradientDescent(eta)).seed(0L).steps(steps).run(x0).finalState();
            for (int i = 0; i < k.length; i++) {
                assertRelativelyEquals(Math.pow(1 - eta * k[i], steps) * x0[i], x[i], 1e-12,
                        "x_" + i + " after " + steps + " steps");
            }
        }
    }

    @Test
    void unstableStepStopsWithAMessageInsteadOfOverflowing() {
        // 1 − ηk = −3: |x| grows as 3^t and overflows after ~650 steps
        Quadratic model = Quadratic.isotropic(3, 2.0);
        NumericalInstabilityException e = assertThrows(NumericalInstabilityException.class,
                () -> Dynamics.of(model, new GradientDescent(2.0)).seed(0L).steps(10_000).run(new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("reduce dt"), e.getMessage());
        assertTrue(e.step() > 300 && e.step() < 1000, "blew up at step " + e.step());
    }

    @Test
    void nonPositiveStepIsRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0))
                .getMessage().startsWith("dt must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescent(Double.NaN))
                .getMessage().startsWith("dt must be > 0"));
    }
}
