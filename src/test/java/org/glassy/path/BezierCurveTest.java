package org.glassy.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.Space;
import org.glassy.dynamics.Schedule;
import org.glassy.model.Model;
import org.junit.jupiter.api.Test;

class BezierCurveTest {

    /** The ring E = (|x|² − 1)²: the unit circle is a valley of minima, its centre a maximum of height 1. */
    private static final Model RING = new Model() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double energy(double[] x) {
            double r = x[0] * x[0] + x[1] * x[1] - 1;
            return r * r;
        }

        @Override
        public double energyAndGradient(double[] x, double[] g) {
            double r = x[0] * x[0] + x[1] * x[1] - 1;
            g[0] = 4 * r * x[0];
            g[1] = 4 * r * x[1];
            return r * r;
        }
    };

    @Test
    void curveInterpolatesTheEndpointsThroughTheBend() {
        BezierCurve c = new BezierCurve(new double[] {-1, 0}, new double[] {0, 2}, new double[] {1, 0});
        assertArrayEquals(new double[] {-1, 0}, c.point(0), 0);
        assertArrayEquals(new double[] {1, 0}, c.point(1), 0);
        assertArrayEquals(new double[] {0, 1}, c.point(0.5), 1e-15);
        Chain chain = c.toChain(61);
        assertEquals(61, chain.images());
        assertArrayEquals(c.point(0.5), chain.image(30), 1e-15);
    }

    @Test
    void garipovScheduleIsFlatThenLinearThenOnePercent() {
        Schedule s = BezierFit.of(1000, 0.2, 0.9).schedule();
        assertEquals(0.2, s.at(300), 0);
        assertEquals(0.2, s.at(500), 0);
        assertEquals(0.2 * 0.505, s.at(700), 1e-12);
        assertEquals(0.2 * 0.01, s.at(900), 1e-12);
        assertEquals(0.2 * 0.01, s.at(1000), 0);
    }

    @Test
    void fittedBendBendsAroundTheRingsCentre() {
        double[] a = {-1, 0};
        double[] b = {0.6, 0.8};
        Barrier straight = Profile.along(BezierCurve.straight(a, b).toChain(201), 1, Space.euclidean(),
                Measure.of("e", RING)).barrier("e");
        // the chord passes at distance 1/√5 from the centre: E = (1/5 − 1)² = 0.64
        assertEquals(0.64, straight.height(), 1e-4, "the straight path cuts across the ring");
        BezierCurve fitted = BezierCurve.fit(RING, a, b, BezierFit.of(4000, 0.05, 0.9), 3L, null);
        Barrier curved = Profile.along(fitted.toChain(201), 1, Space.euclidean(), Measure.of("e", RING)).barrier("e");
        assertTrue(curved.height() < 0.05, "barrier along the fitted curve: " + curved);
        assertTrue(curved.relativeLength() > 1.05, "the curve follows the ring: " + curved);
    }
}
