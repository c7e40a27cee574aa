package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.Space;
import org.glassy.core.SplitMix64;
import org.glassy.model.Model;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;

/** The stall-halving descent on energies whose trajectories can be written down by hand. */
class HalvingDescentTest {

    /** E(x) = |x|, gradient sign(x): a fixed step chatters around the kink at 0. */
    static final Model ABS = new Model() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public double energy(double[] x) {
            return Math.abs(x[0]);
        }

        @Override
        public double energyAndGradient(double[] x, double[] g) {
            g[0] = Math.signum(x[0]);
            return Math.abs(x[0]);
        }
    };

    /**
     * From x = 1 with η = 0.3: 0.7, 0.4, 0.1, −0.2, 0.1, −0.2, … The best energy 0.1 is reached at
     * step 3 and stalls; after the window of 10 steps the run restarts from x = 0.1 with η = 0.15:
     * −0.05, 0.1, −0.05, … (best 0.05); after the next window η = 0.075: 0.025, −0.05, 0.025, …
     */
    @Test
    void chatterAroundAKinkHalvesTheStepAndRestartsFromTheBest() {
        HalvingDescent rule = new HalvingDescent(0.3, false, 10, 1e-9, 5, Double.NEGATIVE_INFINITY);
        HalvingDescent.State s = rule.init(ABS, Space.euclidean(), new double[] {1});
        SplitMix64 r = new SplitMix64(0);
        for (int k = 0; k < 10; k++) {
            s = rule.step(ABS, Space.euclidean(), s, k, r);
        }
        // step 10 closed the first window: it improved (1 → 0.1), so no halving yet
        assertEquals(0.3, s.eta(), 0);
        assertEquals(0.1, s.bestEnergy(), 1e-15);
        for (int k = 10; k < 20; k++) {
            s = rule.step(ABS, Space.euclidean(), s, k, r);
        }
        // the second window did not improve on 0.1: halved, restarted from the best point
        assertEquals(0.15, s.eta(), 0);
        assertEquals(1, s.halvings());
        assertEquals(0.1, s.position()[0], 1e-15);
        s = rule.step(ABS, Space.euclidean(), s, 20, r);
        assertEquals(-0.05, s.position()[0], 1e-15);
        assertEquals(0.05, s.bestEnergy(), 1e-15);
        for (int k = 21; k < 40; k++) {
            s = rule.step(ABS, Space.euclidean(), s, k, r);
        }
        // window 3 improved (0.1 → 0.05), window 4 did not: η = 0.075 from x = −0.05
        assertEquals(0.075, s.eta(), 0);
        assertEquals(2, s.halvings());
        assertEquals(-0.05, s.position()[0], 1e-15);
        assertTrue(!s.converged());
    }

    @Test
    void stopsAfterTheLastHalvingStallsAndReturnsTheBestPoint() {
        HalvingDescent rule = new HalvingDescent(0.3, false, 10, 1e-9, 2, Double.NEGATIVE_INFINITY);
        var run = Dynamics.of(ABS, rule).seed(0L).steps(1_000_000).run(new double[] {1});
        assertTrue(run.state().converged());
        assertEquals(3, run.state().halvings());
        // 0.1 (η = 0.3), 0.05 (0.15), 0.025 (0.075): the third halving's window stalls at 0.025
        assertEquals(0.025, run.state().bestEnergy(), 1e-15);
        assertEquals(0.025, Math.abs(run.state().best()[0]), 1e-15);
        assertTrue(run.steps() < 100, "steps: " + run.steps());
    }

    @Test
    void onASmoothWellItIsGradientDescentAndStopsAtTheTarget() {
        Quadratic well = new Quadratic(1.0, 2.0);
        double[] x0 = {1, 1};
        double eta = 0.1;
        HalvingDescent rule = new HalvingDescent(eta, false, 1000, 0, 0, Double.NEGATIVE_INFINITY);
        double[] x = Dynamics.of(well, rule).seed(0L).steps(37).run(x0).finalState();
        assertEquals(Math.pow(1 - eta, 37), x[0], 1e-14);
        assertEquals(Math.pow(1 - 2 * eta, 37), x[1], 1e-14);
        // with a target energy the run ends at the first step at or below it
        var stopped = Dynamics.of(well, new HalvingDescent(eta, false, 1000, 0, 0, 1e-6)).seed(0L).steps(10_000)
                .run(x0);
        long expected = 0;
        double e = well.energy(x0);
        double a = 1;
        double b = 1;
        while (e > 1e-6) {
            a *= 1 - eta;
            b *= 1 - 2 * eta;
            e = 0.5 * (a * a + 2 * b * b);
            expected++;
        }
        assertEquals(expected, stopped.steps());
    }

    @Test
    void firstMoveSetsTheStepFromTheInitialGradient() {
        Quadratic well = new Quadratic(3.0, 4.0);   // ∇E(1, 1) = (3, 4), |∇E| = 5
        HalvingDescent rule = new HalvingDescent(0.5, true, 10, 0, 0, Double.NEGATIVE_INFINITY);
        HalvingDescent.State s = rule.init(well, Space.euclidean(), new double[] {1, 1});
        assertEquals(0.1, s.eta(), 1e-16);
        s = rule.step(well, Space.euclidean(), s, 0, new SplitMix64(0));
        assertEquals(0.7, s.position()[0], 1e-15);
        assertEquals(0.6, s.position()[1], 1e-15);
    }
}
