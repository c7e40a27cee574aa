package org.glassy.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.junit.jupiter.api.Test;

class ChainTest {

    @Test
    void linearChainIsEquallySpacedWithExactEndpoints() {
        Chain c = Chain.linear(new double[] {0, 0}, new double[] {3, 4}, 6);
        assertEquals(6, c.images());
        assertArrayEquals(new double[] {0, 0}, c.start(), 0);
        assertArrayEquals(new double[] {3, 4}, c.end(), 0);
        for (double d : c.segmentLengths()) {
            assertEquals(1.0, d, 1e-12);
        }
        assertEquals(5, c.length(), 1e-12);
        assertEquals(5, c.endpointDistance(), 1e-12);
    }

    @Test
    void redistributionMakesSpacingsProportionalToTheWeights() {
        // an L-shaped polyline of length 4 with badly placed images, weights 1 : 2 : 1
        double[][] points = {{0, 0}, {0.1, 0}, {2, 0}, {2, 1.9}, {2, 2}};
        Chain c = Chain.of(points, new double[] {1, 2, 0.5, 0.5}).redistributed(Space.euclidean());
        double[] lengths = c.segmentLengths();
        // targets along the polyline of length 4: 1, 3, 3.5 → (1, 0), (2, 1), (2, 1.5)
        assertArrayEquals(new double[] {1, 0}, c.image(1), 1e-12);
        assertArrayEquals(new double[] {2, 1}, c.image(2), 1e-12);
        assertArrayEquals(new double[] {2, 1.5}, c.image(3), 1e-12);
        assertEquals(1, lengths[0], 1e-12);
        // on a straight polyline the new segment lengths are exactly proportional to the weights
        Chain line = Chain.of(new double[][] {{0}, {0.1}, {3.9}, {3.95}, {4}}, new double[] {1, 2, 0.5, 0.5})
                .redistributed(Space.euclidean());
        assertArrayEquals(new double[] {1, 2, 0.5, 0.5}, line.segmentLengths(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 0.5, 0.5}, c.weights(), 0);
        assertArrayEquals(new double[] {2, 2}, c.end(), 0);
    }

    @Test
    void insertionSplitsTheSegmentAndItsWeight() {
        Chain c = Chain.linear(new double[] {0}, new double[] {4}, 3).withInserted(1, 0.25, Space.euclidean());
        assertEquals(4, c.images());
        assertArrayEquals(new double[] {0, 2, 2.5, 4}, c.coordinates(), 1e-12);
        assertArrayEquals(new double[] {1, 0.25, 0.75}, c.weights(), 1e-12);
        // re-spacing keeps the inserted image where it is: its weights encode its position
        assertArrayEquals(c.coordinates(), c.redistributed(Space.euclidean()).coordinates(), 1e-12);
    }

    @Test
    void densePointsIncludeBothEndpointsAndLieOnTheSphere() {
        double[] a = Sphere.randomPoint(10, 1L);
        double[] b = Sphere.randomPoint(10, 2L);
        Chain c = Chain.linear(a, b, 4);
        double[][] dense = c.dense(5, Space.sphere());
        assertEquals(3 * 5 + 1, dense.length);
        assertArrayEquals(a, dense[0], 0);
        assertArrayEquals(b, dense[dense.length - 1], 0);
        for (int i = 1; i < dense.length - 1; i++) {
            double norm2 = 0;
            for (double v : dense[i]) {
                norm2 += v * v;
            }
            assertEquals(10, norm2, 1e-9, "point " + i);
        }
    }

    @Test
    void profilePositionsRunFromZeroToOneAndTheTableHasOneColumnPerMeasure() {
        Chain c = Chain.linear(new double[] {0, 0}, new double[] {2, 0}, 3);
        Profile p = Profile.along(c, 4, Space.euclidean(), new Measure("x", x -> x[0]), new Measure("xx", x -> x[0] * x[0]));
        assertArrayEquals(new double[] {0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1}, p.positions(), 1e-12);
        assertEquals(java.util.List.of("t", "x", "xx"), p.table().columnNames());
        assertEquals(1, p.relativeLength(), 1e-12);
        Barrier b = p.barrier("xx");
        assertEquals(4, b.saddle(), 0);
        assertEquals(0, b.height(), 0);
        assertEquals(1, b.saddlePosition(), 0);
    }

    @Test
    void barrierAboveTheEndpointsAndAboveTheirLinearInterpolation() {
        double[] t = {0, 0.25, 0.5, 0.75, 1};
        double[] e = {1, 2, 1.5, 3.5, 3};
        Barrier b = Barrier.of(t, e, 1.2);
        assertEquals(3.5, b.saddle(), 0);
        assertEquals(0.75, b.saddlePosition(), 0);
        assertEquals(0.5, b.height(), 1e-15);
        // linear interpolation at t: 1 + 2t → 1.5, 2, 2.5, 3: excesses 0.5, −0.5, 1.0
        assertEquals(1.0, b.aboveLinear(), 1e-15);
        assertEquals(1.2, b.relativeLength(), 0);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chain.linear(new double[] {0}, new double[] {1}, 1));
        assertTrue(e.getMessage().startsWith("images must be >= 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Chain.linear(new double[] {0}, new double[] {1}, 3).withInserted(0, 1.0, Space.euclidean()));
        assertTrue(e.getMessage().startsWith("alpha must lie strictly between 0 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chain.of(new double[][] {{0}, {1}}, new double[] {0}));
        assertTrue(e.getMessage().startsWith("weights[0] must be > 0"), e.getMessage());
    }
}
