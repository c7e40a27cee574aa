package org.glassy.study.agingtheory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.glassy.core.Sphere;
import org.glassy.model.Model;
import org.glassy.model.ModelContractTest;
import org.glassy.model.PSpinSpherical;
import org.junit.jupiter.api.Test;

/** The p-spin in a static field h ξ: the model contract, and E_h = H − h ξ·s exactly. */
class RandomFieldTest extends ModelContractTest {

    private static final PSpinSpherical P_SPIN = new PSpinSpherical(3, 20, 4L);
    private static final double[] DIRECTION = Sphere.randomPoint(20, 9L);

    @Override
    protected Model model() {
        return new RandomField(P_SPIN, DIRECTION, 0.3);
    }

    @Override
    protected double[] point(SplittableRandom random) {
        return Sphere.randomPoint(20, random.nextLong());
    }

    @Test
    void energyAndGradientAreThoseOfThePSpinMinusTheField() {
        double[] s = Sphere.randomPoint(20, 5L);
        double[] g = new double[20];
        double[] g0 = new double[20];
        double e = new RandomField(P_SPIN, DIRECTION, 0.3).energyAndGradient(s, g);
        double e0 = P_SPIN.energyAndGradient(s, g0);
        double overlap = 0;
        for (int i = 0; i < 20; i++) {
            overlap += DIRECTION[i] * s[i];
            assertEquals(g0[i] - 0.3 * DIRECTION[i], g[i], 1e-14);
        }
        assertEquals(e0 - 0.3 * overlap, e, 1e-12);
    }
}
