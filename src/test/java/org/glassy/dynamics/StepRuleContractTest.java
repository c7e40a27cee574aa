package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.glassy.core.Space;
import org.glassy.model.Model;
import org.junit.jupiter.api.Test;

/** The contract of every {@link StepRule}: seeded reproducibility, and the caller's state left alone. */
abstract class StepRuleContractTest {

    protected abstract StepRule rule();

    protected abstract Model model();

    protected abstract Space space();

    protected abstract double[] start();

    /** Whether the rule draws noise, so different seeds must give different trajectories. */
    protected abstract boolean stochastic();

    private double[] run(long seed) {
        return Dynamics.of(model(), rule()).space(space()).seed(seed).steps(200).run(start()).finalState();
    }

    @Test
    void sameSeedGivesBitIdenticalTrajectory() {
        assertArrayEquals(run(17L), run(17L), 0.0);
    }

    @Test
    void differentSeedsDifferOnlyIfStochastic() {
        boolean same = Arrays.equals(run(17L), run(18L));
        assertFalse(stochastic() && same, "a stochastic rule ignored its seed");
        if (!stochastic()) {
            assertArrayEquals(run(17L), run(18L), 0.0);
        }
    }

    @Test
    void runDoesNotMutateTheInitialState() {
        double[] x0 = start();
        double[] copy = x0.clone();
        Dynamics.of(model(), rule()).space(space()).seed(1L).steps(50).run(x0);
        assertArrayEquals(copy, x0, 0.0);
    }

    @Test
    void singleStepIsReproducibleGivenTheGenerator() {
        double[] a = start();
        double[] b = start();
        rule().step(model(), space(), a, 0, new SplittableRandom(5), new double[a.length]);
        rule().step(model(), space(), b, 0, new SplittableRandom(5), new double[b.length]);
        assertArrayEquals(a, b, 0.0);
    }
}
