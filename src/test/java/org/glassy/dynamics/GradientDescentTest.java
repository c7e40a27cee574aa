package org.glassy.dynamics;

import static org.glassy.testing.Tolerances.assertRelativelyEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void monotoneStopsAtTheFirstStepThatRaisesTheEnergyNamingDt() {
        // E = x²: 1 − ηk = −3 at η = 2, k = 2; E(x_k) = 9^k E(x_0) rises at once. Energies are evaluated before
        // each step, so the rise from E(x_0) = 1 to E(x_1) = 9 is seen in step 1.
        Quadratic model = Quadratic.isotropic(1, 2.0);
        NumericalInstabilityException e = assertThrows(NumericalInstabilityException.class,
                () -> Dynamics.of(model, GradientDescent.monotone(2.0)).seed(0L).steps(100).run(new double[] {1}));
        assertEquals(1, e.step());
        assertEquals("dt", e.knob());
        assertEquals("gradient descent raised the energy from 1.0 to 9.0 at step 1 (t = 2.0), by more than round-off "
                + "(relative 1.0E-9): the step dt = 2.0 is too large for this landscape; reduce dt (and check the "
                + "model's parameters)", e.getMessage());
        assertTrue(e.messageNaming("--dt").endsWith("; reduce --dt (and check the model's parameters)"));
    }

    @Test
    void monotoneLeavesAStableRunBitIdenticalAndPlainGradientDescentNeverChecks() {
        Quadratic model = new Quadratic(new double[] {0.1, 1.0, 3.0});
        double[] x0 = {1.0, -2.0, 0.5};
        // a stable step (η k < 2): the energy falls at every step, the check never fires, the trajectory is the same
        double[] plain = Dynamics.of(model, new GradientDescent(0.3)).seed(0L).steps(500).run(x0).finalState();
        double[] checked = Dynamics.of(model, GradientDescent.monotone(0.3)).seed(0L).steps(500).run(x0).finalState();
        assertArrayEquals(plain, checked);
        // an oscillating but bounded step on one direction: E rises by 1e-3 relative per step (|1 − ηk| = 1.0005);
        // plain gradient descent, as the hinge studies use on their non-smooth loss, goes on
        Quadratic well = Quadratic.isotropic(1, 1.0);
        double[] x = Dynamics.of(well, new GradientDescent(2.0005)).seed(0L).steps(100).run(new double[] {1}).finalState();
        assertRelativelyEquals(Math.pow(-1.0005, 100), x[0], 1e-12, "x after 100 steps");
        assertThrows(NumericalInstabilityException.class,
                () -> Dynamics.of(well, GradientDescent.monotone(2.0005)).seed(0L).steps(100).run(new double[] {1}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0.1, 0))
                .getMessage().startsWith("riseTolerance must be > 0"));
    }

    @Test
    void nonPositiveStepIsRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescent(0))
                .getMessage().startsWith("dt must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescent(Double.NaN))
                .getMessage().startsWith("dt must be > 0"));
    }
}
