package org.glassy.study.relaxation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinearExtrapolationTest {

    @Test
    void pointsOnALineGiveItsInterceptAndSlopeExactly() {
        double[] sizes = {32, 64, 128, 256};
        double[] y = new double[sizes.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = -1.1547 + 7.5 / sizes[i];
        }
        LinearExtrapolation fit = LinearExtrapolation.inSize(sizes, 1, y, new double[] {0.01, 0.01, 0.02, 0.03});
        assertEquals(-1.1547, fit.limit(), 1e-12);
        assertEquals(7.5, fit.slope(), 1e-10);
        assertEquals(0, fit.chiSquarePerDegree(), 1e-20);
        assertEquals(1 / 32.0, fit.points().doubleColumn("x").get(0), 0);
        assertEquals(y[3], fit.points().doubleColumn("fit").get(3), 1e-12);
        assertEquals(0, fit.line(5).doubleColumn("x").get(0), 0);
        assertEquals(-1.1547, fit.line(5).doubleColumn("fit").get(0), 1e-12);
    }

    /** Two points: the line through them, with Var y₀ = (x₂² σ₁² + x₁² σ₂²)/(x₂ − x₁)² by error propagation. */
    @Test
    void twoPointsGiveTheLineThroughThemAndPropagatedErrors() {
        double x1 = 0.02;
        double x2 = 0.04;
        double s1 = 0.003;
        double s2 = 0.005;
        LinearExtrapolation fit = LinearExtrapolation.toZero(new double[] {x1, x2}, new double[] {-0.44, -0.43},
                new double[] {s1, s2});
        assertEquals(-0.45, fit.limit(), 1e-12);
        assertEquals(0.5, fit.slope(), 1e-10);
        assertEquals(Math.sqrt(x2 * x2 * s1 * s1 + x1 * x1 * s2 * s2) / (x2 - x1), fit.limitError(), 1e-12);
        assertEquals(Math.sqrt(s1 * s1 + s2 * s2) / (x2 - x1), fit.slopeError(), 1e-12);
        assertTrue(Double.isNaN(fit.chiSquarePerDegree()));
    }

    @Test
    void weightsFollowTheErrorsAndBadInputIsNamed() {
        // a third point far off the line but with a huge error barely moves the fit
        LinearExtrapolation fit = LinearExtrapolation.toZero(new double[] {1, 2, 3}, new double[] {1, 2, 10},
                new double[] {0.01, 0.01, 100});
        assertEquals(0, fit.limit(), 1e-3);
        assertEquals(1, fit.slope(), 1e-3);
        assertThrows(IllegalArgumentException.class,
                () -> LinearExtrapolation.toZero(new double[] {1, 1}, new double[] {1, 2}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> LinearExtrapolation.toZero(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 0}));
    }

    @Test
    void sizeExponentSetsTheAbscissa() {
        double[] sizes = {27, 64, 125};
        double[] y = {-1.0, -1.05, -1.08};
        LinearExtrapolation fit = LinearExtrapolation.inSize(sizes, 2.0 / 3, y, new double[] {0.01, 0.01, 0.01});
        assertEquals(1 / 9.0, fit.points().doubleColumn("x").get(0), 1e-15);
        assertEquals(1 / 25.0, fit.points().doubleColumn("x").get(2), 1e-15);
    }
}
