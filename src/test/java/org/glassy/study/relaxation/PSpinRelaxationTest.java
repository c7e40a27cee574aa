package org.glassy.study.relaxation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;


class PSpinRelaxationTest {

    @Test
    void builderChoosesTheDynamicsByTemperatureAndKeepsTheValidation() {
        var gd = PSpinRelaxation.Parameters.builder().p(3).n(50).dt(0.1).time(10).seed(1).build();
        assertEquals(new PSpinRelaxation.Parameters(3, 50, 0, 0.1, 10, 1, PSpinRelaxation.Kind.GD, 10), gd);
        assertEquals(PSpinRelaxation.Kind.LANGEVIN, PSpinRelaxation.Parameters.builder().p(3).n(50).dt(0.1).time(10)
                .seed(1).temperature(0.5).build().dynamics());
        assertEquals(PSpinRelaxation.Kind.LANGEVIN,
                gd.toBuilder().dynamics(PSpinRelaxation.Kind.LANGEVIN).build().dynamics(), "an explicit choice stays");
        assertThrows(IllegalArgumentException.class, () -> gd.toBuilder().temperature(0.5).build(),
                "toBuilder carries the dynamics: gradient descent at T = 0.5 is rejected");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> PSpinRelaxation.Parameters.builder().p(3).n(50).time(10).seed(1).build());
        assertEquals("dt must be set", missing.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> gd.toBuilder().temperature(-0.1).build());
        assertEquals("temperature must be >= 0 and finite, got -0.1", negative.getMessage());
    }

    @Test
    void gradientDescentAtFiniteTemperatureIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PSpinRelaxation.Parameters(3, 50, 0.5, 0.1, 10, 1, PSpinRelaxation.Kind.GD, 10));
        assertTrue(e.getMessage().startsWith("temperature must be 0 with gradient descent"));
    }
}
