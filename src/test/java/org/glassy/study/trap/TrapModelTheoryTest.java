package org.glassy.study.trap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrapModelTheoryTest {

    @Test
    void bouchaudAgingFunctionMatchesTabulatedValues() {
        double[][] table = {{0.3, 0.9294, 0.7276, 0.4208}, {0.5, 0.8050, 0.5000, 0.1950}, {0.7, 0.5792, 0.2724, 0.0706}};
        double[] ratios = {0.1, 1, 10};
        for (double[] row : table) {
            for (int k = 0; k < 3; k++) {
                assertEquals(row[k + 1], TrapModelTheory.bouchaudPersistence(row[0], ratios[k]), 5e-5,
                        "x = " + row[0] + ", t/tw = " + ratios[k]);
            }
        }
    }

    @Test
    void bouchaudAgingFunctionHasItsExactSymmetryAndLimits() {
        for (double x = 0.05; x < 0.96; x += 0.05) {
            assertEquals(1, TrapModelTheory.bouchaudPersistence(x, 1) + TrapModelTheory.bouchaudPersistence(1 - x, 1),
                    1e-11, "x = " + x);
        }
        // x = 1/2: Π = (2/π) arcsin √(t_w/(t_w + t)); the library's incomplete beta holds it to 3e-14
        for (double r : new double[] {1e-6, 0.01, 0.3, 1, 3, 100, 1e6}) {
            assertEquals(2 / Math.PI * Math.asin(Math.sqrt(1 / (1 + r))), TrapModelTheory.bouchaudPersistence(0.5, r),
                    1e-13, "t/tw = " + r);
        }
        assertEquals(1, TrapModelTheory.bouchaudPersistence(0.3, 0), 1e-12);
        // t ≫ t_w: Π ≈ [sin πx/(πx)] (t_w/t)^x
        double x = 0.3;
        double r = 1e8;
        assertEquals(Math.sin(Math.PI * x) / (Math.PI * x) * Math.pow(r, -x), TrapModelTheory.bouchaudPersistence(x, r),
                1e-3 * Math.pow(r, -x));
    }

    @Test
    void barratMezardZeroTemperatureTendsToFullAgingAndLogarithmicEnergy() {
        assertEquals(0.5, TrapModelTheory.barratMezardZeroTemperaturePersistence(1e6, 1e6), 1e-6);
        assertEquals(1e3 / 1.1e3 + 1e2 / (1.1e3 * 1.1e3),
                TrapModelTheory.barratMezardZeroTemperaturePersistence(1e3, 1e2), 1e-12);
        assertEquals(1, TrapModelTheory.barratMezardZeroTemperaturePersistence(5, 0), 1e-12);
        assertEquals(-Math.log(1e8) - TrapModelTheory.EULER_GAMMA,
                TrapModelTheory.barratMezardZeroTemperatureEnergy(1e8), 1e-7);
        // E_1(1) = 0.219383934395520, E_1(0.1) = 1.822923958419390
        assertEquals(0.219383934395520, TrapModelTheory.exponentialIntegral(1), 1e-13);
        assertEquals(1.822923958419390, TrapModelTheory.exponentialIntegral(0.1), 1e-13);
        assertEquals(0.219383934395520, TrapModelTheory.exponentialIntegral(1 - 1e-15), 1e-13);
    }

    @Test
    void badArgumentsAreRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrapModelTheory.bouchaudPersistence(1.2, 1));
        assertEquals("x must lie in (0, 1), got 1.2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrapModelTheory.bouchaudPersistence(0.5, -1));
        assertTrue(e.getMessage().startsWith("ratio must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrapModelTheory.barratMezardZeroTemperatureEnergy(0));
        assertTrue(e.getMessage().startsWith("waitingTime must be > 0"), e.getMessage());
    }
}
