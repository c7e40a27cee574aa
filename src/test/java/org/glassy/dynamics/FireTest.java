package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.Space;
import org.glassy.core.SplitMix64;
import org.glassy.model.Model;
import org.glassy.model.MullerBrown;
import org.glassy.model.PSpinSpherical;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;

/** FIRE (Bitzek et al., PRL 97, 170201 (2006)) against its rules and known minima. */
class FireTest {

    @Test
    void reachesTheMinimumOfAnIllConditionedQuadratic() {
        var run = Dynamics.of(new Quadratic(1.0, 100.0), Fire.of(0.01).withForceTolerance(1e-12)).seed(0L)
                .steps(100_000).run(new double[] {1, 1});
        assertArrayEquals(new double[] {0, 0}, run.finalState(), 1e-11);
        assertTrue(run.steps() < 2000, "steps: " + run.steps());
    }

    /**
     * From inside basin A, FIRE ends at minimum A of Müller–Brown (E = −146.70); from inside basin
     * C at minimum C ≈ (−0.05001, 0.46669), E ≈ −80.77 (K. Müller and L. D. Brown, Theor. Chim. Acta
     * 53, 75 (1979)).
     */
    @Test
    void reachesTheMullerBrownMinimaOfItsBasin() {
        MullerBrown potential = new MullerBrown();
        var run = Dynamics.of(potential, Fire.of(1e-4).withForceTolerance(1e-8)).seed(0L).steps(200_000)
                .run(new double[] {-0.4, 1.3});
        double[] a = MullerBrown.minimumA();
        assertArrayEquals(a, run.finalState(), 1e-6);
        assertEquals(-146.70, potential.energy(run.finalState()), 5e-3);
        assertTrue(run.state().maxForce() <= 1e-8);
        var c = Dynamics.of(potential, Fire.of(1e-4).withForceTolerance(1e-8)).seed(0L).steps(200_000)
                .run(new double[] {-0.2, 1.0});
        assertArrayEquals(new double[] {-0.05001, 0.46669}, c.finalState(), 1e-4);
        assertEquals(-80.77, potential.energy(c.finalState()), 5e-3);
    }

    /**
     * The adaptation rules on a gentle 1-D slope (P &gt; 0 at every step): Δt stays for the first
     * N_min = 5 steps, then grows by f_inc = 1.1 per step up to Δt_max = 10 Δt, while α decays by
     * f_α = 0.99 per step.
     */
    @Test
    void stepGrowsAfterNMinDownhillStepsAndAlphaDecays() {
        Model slope = new Quadratic(1e-6);   // force ≈ −1e-6 x: always downhill from x = 1000 for a while
        Fire fire = Fire.of(0.1);
        Fire.State s = fire.init(slope, Space.euclidean(), new double[] {1000});
        SplitMix64 r = new SplitMix64(0);
        double dt = 0.1;
        double alpha = 0.1;
        for (int step = 1; step <= 40; step++) {
            s = fire.step(slope, Space.euclidean(), s, step - 1, r);
            if (step > 5) {
                dt = Math.min(dt * 1.1, 1.0);
                alpha *= 0.99;
            }
            assertEquals(dt, s.dt(), 1e-15, "Δt after step " + step);
            assertEquals(alpha, s.alpha(), 1e-15, "α after step " + step);
            assertEquals(step, s.positiveSteps());
        }
        assertEquals(1.0, s.dt(), 0, "capped at Δt_max = 10 Δt");
    }

    /**
     * An uphill step (P ≤ 0) freezes the velocity, halves Δt and resets α. On E = ½x² from x = 1 with
     * Δt = 1.5 the first MD step overshoots to x = 1 − ½·1.5² = −0.125, where F = 0.125 while
     * v = ½·1.5·(−1 + 0.125) = −0.65625 points away from it.
     */
    @Test
    void uphillStepFreezesAndHalves() {
        Model well = new Quadratic(1.0);
        Fire fire = new Fire(1.5, 15, 5, 1.1, 0.5, 0.1, 0.99, 0);
        Fire.State s = fire.init(well, Space.euclidean(), new double[] {1});
        SplitMix64 r = new SplitMix64(0);
        s = fire.step(well, Space.euclidean(), s, 0, r);
        assertEquals(-0.125, s.position()[0], 0);
        assertEquals(0.125, s.force()[0], 0);
        assertArrayEquals(new double[] {0}, s.velocity(), 0, "frozen");
        assertEquals(0.75, s.dt(), 0, "halved");
        assertEquals(0.1, s.alpha(), 0);
        assertEquals(0, s.positiveSteps());
        // next step from rest: x = −0.125 + ½ 0.75² 0.125, downhill; in 1-D the mixing leaves v as it is
        s = fire.step(well, Space.euclidean(), s, 1, r);
        double x = -0.125 + 0.5 * 0.5625 * 0.125;
        assertEquals(x, s.position()[0], 1e-16);
        assertEquals(0.375 * (0.125 - x), s.velocity()[0], 1e-16);
        assertEquals(0.75, s.dt(), 0, "unchanged during the first N_min downhill steps");
        assertEquals(1, s.positiveSteps());
    }

    @Test
    void onTheSphereItEndsAtAStationaryPointOfThePSpin() {
        PSpinSpherical model = new PSpinSpherical(3, 40, 3L);
        var run = Dynamics.of(model, Fire.of(0.05).withForceTolerance(1e-9)).space(Space.sphere()).seed(0L)
                .steps(50_000).run(org.glassy.core.Sphere.randomPoint(40, 4L));
        double norm2 = 0;
        for (double v : run.finalState()) {
            norm2 += v * v;
        }
        assertEquals(40, norm2, 1e-9, "stays on the sphere");
        assertTrue(run.state().maxForce() <= 1e-9, "projected force " + run.state().maxForce());
        // a local minimum of the 3-spin lies below −1 per spin and above the ground state −1.1717 (large N)
        double e = model.energy(run.finalState()) / 40;
        assertTrue(e < -0.9 && e > -1.3, "energy per spin " + e);
    }

    @Test
    void parametersAreCheckedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fire.of(0.1).withDtMax(0.05)).getMessage()
                .startsWith("dtMax must be >= dt"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Fire(0.1, 1, 5, 1.0, 0.5, 0.1, 0.99, 0))
                .getMessage().startsWith("fInc must be > 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fire.of(0)).getMessage()
                .startsWith("dt must be > 0"));
    }
}
