package org.glassy.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.Space;
import org.glassy.model.DoubleWell;
import org.glassy.model.MullerBrown;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;

class NudgedElasticBandTest {

    /** A bent start from (−1, 0) to (1, 0): images on the half-ellipse (cos θ, 0.8 sin θ). */
    private static Chain bentDoubleWellChain(int images) {
        double[][] points = new double[images][];
        for (int i = 0; i < images; i++) {
            double theta = Math.PI * (1 - (double) i / (images - 1));
            points[i] = new double[] {Math.cos(theta), 0.8 * Math.sin(theta)};
        }
        points[0] = DoubleWell.leftMinimum();
        points[images - 1] = DoubleWell.rightMinimum();
        return Chain.of(points);
    }

    private static int highest(Chain chain, org.glassy.model.Model model) {
        int best = 1;
        for (int i = 1; i < chain.images() - 1; i++) {
            if (model.energy(chain.image(i)) > model.energy(chain.image(best))) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void climbingImageSitsOnTheDoubleWellSaddleWithBarrierOne() {
        DoubleWell model = new DoubleWell();
        for (NudgedElasticBand neb : new NudgedElasticBand[] {
            NudgedElasticBand.string(0.01, 4000).withClimbingImage(),
            NudgedElasticBand.string(0.01, 4000).withSpring(5).withClimbingImage()}) {
            // an even number of images: no image sits on the saddle by symmetry, the climber must get there
            Chain relaxed = neb.relax(model, Space.euclidean(), bentDoubleWellChain(8), 1L);
            double[] saddle = relaxed.image(highest(relaxed, model));
            assertEquals(0, saddle[0], 1e-6, "saddle x with " + neb);
            assertEquals(0, saddle[1], 1e-6, "saddle y with " + neb);
            Profile profile = Profile.along(relaxed, 10, Space.euclidean(), Measure.of("energy", model));
            Barrier barrier = profile.barrier("energy");
            assertEquals(0, profile.values("energy")[0], 0, "the start point is evaluated");
            assertEquals(0, profile.values("energy")[profile.positions().length - 1], 0, "the end point is evaluated");
            assertEquals(DoubleWell.BARRIER, barrier.height(), 1e-6, "barrier with " + neb);
            assertEquals(0.5, barrier.saddlePosition(), 1e-3);
            assertEquals(1, barrier.relativeLength(), 1e-3, "the minimum energy path is the straight segment");
        }
    }

    @Test
    void withoutClimbingTheImagesStillConvergeToTheStraightPath() {
        DoubleWell model = new DoubleWell();
        Chain relaxed = NudgedElasticBand.string(0.01, 4000).relax(model, Space.euclidean(), bentDoubleWellChain(9), 1L);
        for (int i = 0; i < relaxed.images(); i++) {
            assertEquals(0, relaxed.image(i)[1], 1e-6, "image " + i + " off the minimum energy path");
        }
        // string re-spacing keeps the images equally spaced: the middle one of nine is the saddle
        assertArrayEquals(new double[] {0, 0}, relaxed.image(4), 1e-6);
    }

    @Test
    void mullerBrownHighestSaddleMatchesTheLiterature() {
        MullerBrown model = new MullerBrown();
        double[] a = MullerBrown.minimumA();
        double[] b = MullerBrown.minimumB();
        assertEquals(-146.6995, model.energy(a), 1e-3);
        assertEquals(-108.1667, model.energy(b), 1e-3);
        for (NudgedElasticBand neb : new NudgedElasticBand[] {
            NudgedElasticBand.string(2e-4, 20_000).withClimbingImage(),
            NudgedElasticBand.string(2e-4, 20_000).withSpring(200).withClimbingImage()}) {
            Chain relaxed = neb.relax(model, Space.euclidean(), Chain.linear(a, b, 15), 1L);
            Barrier barrier = Profile.along(relaxed, 10, Space.euclidean(), Measure.of("energy", model)).barrier("energy");
            assertEquals(MullerBrown.SADDLE_AC_ENERGY, barrier.saddle(), 1e-2, "highest saddle with " + neb);
            assertEquals(MullerBrown.SADDLE_AC_ENERGY - model.energy(b), barrier.height(), 1e-2);
            // the path passes through the intermediate minimum C
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < relaxed.images(); i++) {
                nearest = Math.min(nearest, Chain.distance(relaxed.image(i), 0, MullerBrown.minimumC(), 0, 2));
            }
            assertTrue(nearest < 0.15, "closest image to minimum C: " + nearest);
        }
    }

    @Test
    void convexValleyGivesAStraightPathWithoutBarrier() {
        // E = ½(x0² + 2 x1²): minima fill the plane x0 = x1 = 0 (a convex problem with connected minima)
        Quadratic model = new Quadratic(1, 2, 0, 0);
        double[] a = {0, 0, 1, 0};
        double[] b = {0, 0, -1, 2};
        Chain straight = Chain.linear(a, b, 9);
        double[][] bent = new double[9][];
        for (int i = 0; i < 9; i++) {
            bent[i] = straight.image(i);
            double bump = Math.sin(Math.PI * i / 8);
            bent[i][0] += 0.7 * bump;
            bent[i][1] -= 0.4 * bump;
        }
        Chain relaxed = NudgedElasticBand.string(0.1, 2000).relax(model, Space.euclidean(), Chain.of(bent), 1L);
        Barrier barrier = Profile.along(relaxed, 10, Space.euclidean(), Measure.of("energy", model)).barrier("energy");
        assertEquals(0, barrier.height(), 1e-12);
        assertEquals(1, barrier.relativeLength(), 1e-9);
        Barrier before = Profile.along(Chain.of(bent), 10, Space.euclidean(), Measure.of("energy", model)).barrier("energy");
        assertTrue(before.height() > 0.1 && before.relativeLength() > 1.1, before.toString());
    }

    @Test
    void imagesStayOnTheSphere() {
        var model = new org.glassy.model.PSpinSpherical(3, 20, 4L);
        double[] a = org.glassy.core.Sphere.randomPoint(20, 1L);
        double[] b = org.glassy.core.Sphere.randomPoint(20, 2L);
        Chain chain = Chain.linear(a, b, 7).redistributed(Space.sphere());
        Chain relaxed = NudgedElasticBand.string(0.05, 50).withClimbingImage().relax(model, Space.sphere(), chain, 1L);
        for (int i = 0; i < relaxed.images(); i++) {
            double[] p = relaxed.image(i);
            double norm2 = 0;
            for (double v : p) {
                norm2 += v * v;
            }
            assertEquals(20, norm2, 1e-9, "image " + i);
        }
        assertArrayEquals(a, relaxed.start(), 0);
        assertArrayEquals(b, relaxed.end(), 0);
    }

    @Test
    void improvedTangentPointsToTheHigherNeighbourAndMixesAtExtrema() {
        double[] x = {0, 0, 1, 0, 1, 2};   // images (0,0), (1,0), (1,2) in R²
        double[] out = new double[2];
        NudgedElasticBand.tangent(x, 2, 1, new double[] {0, 1, 2}, out);
        assertArrayEquals(new double[] {0, 2}, out, 0, "rising: towards the next image");
        NudgedElasticBand.tangent(x, 2, 1, new double[] {2, 1, 0}, out);
        assertArrayEquals(new double[] {1, 0}, out, 0, "falling: from the previous image");
        // τ⁺ = (0, 2), τ⁻ = (1, 0); at a maximum with |ΔE| = 3 on the lower side and 1 on the higher side
        NudgedElasticBand.tangent(x, 2, 1, new double[] {4, 5, 2}, out);
        assertArrayEquals(new double[] {3, 2}, out, 0, "maximum, previous higher: τ⁺ ΔE_min + τ⁻ ΔE_max");
        NudgedElasticBand.tangent(x, 2, 1, new double[] {2, 5, 4}, out);
        assertArrayEquals(new double[] {1 * 1, 2 * 3}, out, 0, "maximum, next higher: τ⁻ ΔE_min + τ⁺ ΔE_max");
    }

    @Test
    void parametersAreCheckedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NudgedElasticBand.string(0.1, 10).withMomentum(1));
        assertTrue(e.getMessage().startsWith("momentum must lie in [0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NudgedElasticBand.string(-1, 10));
        assertTrue(e.getMessage().startsWith("learningRate must be > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NudgedElasticBand.string(0.1, 10).withBatches(0));
        assertTrue(e.getMessage().startsWith("batchSize must be >= 1"), e.getMessage());
        // mini-batches need a loss over training examples: withBatches(5).relax(new DoubleWell(), …) does not
        // type-check
    }
}
