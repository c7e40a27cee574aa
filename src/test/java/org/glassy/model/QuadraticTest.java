package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class QuadraticTest extends ModelContractTest {

    @Override
    protected Model model() {
        return new Quadratic(0.5, 1.0, 2.0, 0.0, 3.0);
    }

    @Override
    protected double[] point(SplittableRandom random) {
        return random.doubles(5, -2, 2).toArray();
    }

    @Test
    void energyIsHalfSumOfStiffnessTimesSquare() {
        assertEquals(0.5 * (0.5 * 1 + 1.0 * 4 + 2.0 * 9 + 0 + 3.0 * 1),
                model().energy(new double[] {1, 2, 3, 4, -1}), 1e-15);
    }

    @Test
    void negativeStiffnessIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Quadratic(1, -0.1));
        assertTrue(e.getMessage().contains("stiffness[1] must be >= 0"), e.getMessage());
    }
}
