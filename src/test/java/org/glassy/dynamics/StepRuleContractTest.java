package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;

import org.glassy.core.Space;
import org.glassy.core.SplitMix64;
import org.glassy.model.Model;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link StepRule} (Hipparchus's abstract integrator tests): seeded
 * reproducibility, the caller's arrays left alone, runs that share nothing (two interleaved runs of
 * one rule equal two sequential runs), and states that serialise and resume bit for bit. Each
 * subclass supplies a rule, a model, a space and a start; each rule's own exact law is tested in its
 * own test class.
 *
 * @param <M> the model type
 * @param <S> the state type
 */
public abstract class StepRuleContractTest<M extends Model, S extends RunState> {

    /** @return the rule under test */
    protected abstract StepRule<M, S> rule();

    /** @return a model it can advance */
    protected abstract M model();

    /** @return the space of the runs */
    protected abstract Space space();

    /** @return a start in the space (a new array each call) */
    protected abstract double[] start();

    /** @return whether the rule draws noise, so that different seeds must give different trajectories */
    protected abstract boolean stochastic();

    /** @return the number of steps of the contract's runs */
    protected long steps() {
        return 200;
    }

    private double[] run(long seed) {
        return Dynamics.of(model(), rule()).space(space()).seed(seed).steps(steps()).run(start()).finalState();
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
        S state = rule().init(model(), space(), x0);
        rule().step(model(), space(), state, 0, new SplitMix64(3L));
        assertArrayEquals(copy, x0, 0.0, "init must copy x0");
    }

    @Test
    void interleavedRunsEqualSequentialRuns() {
        StepRule<M, S> rule = rule();
        M model = model();
        Space space = space();
        long n = Math.min(steps(), 100);
        S a = rule.init(model, space, start());
        S b = rule.init(model, space, start());
        SplitMix64 ra = new SplitMix64(1L);
        SplitMix64 rb = new SplitMix64(2L);
        for (long k = 0; k < n; k++) {
            a = rule.step(model, space, a, k, ra);
            b = rule.step(model, space, b, k, rb);
        }
        S alone = rule.init(model, space, start());
        SplitMix64 r = new SplitMix64(1L);
        for (long k = 0; k < n; k++) {
            alone = rule.step(model, space, alone, k, r);
        }
        assertArrayEquals(alone.position(), a.position(), 0.0, "run 1 was disturbed by run 2");
        S other = rule.init(model, space, start());
        r = new SplitMix64(2L);
        for (long k = 0; k < n; k++) {
            other = rule.step(model, space, other, k, r);
        }
        assertArrayEquals(other.position(), b.position(), 0.0, "run 2 was disturbed by run 1");
    }

    @Test
    void aSerialisedStateResumesBitIdentically() throws IOException, ClassNotFoundException {
        StepRule<M, S> rule = rule();
        M model = model();
        Space space = space();
        long n = Math.min(steps(), 100);
        S state = rule.init(model, space, start());
        SplitMix64 random = new SplitMix64(5L);
        for (long k = 0; k < n / 2; k++) {
            state = rule.step(model, space, state, k, random);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
            out.writeObject(random);
        }
        S resumed;
        SplitMix64 resumedRandom;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            S s = (S) in.readObject();
            resumed = s;
            resumedRandom = (SplitMix64) in.readObject();
        }
        for (long k = n / 2; k < n; k++) {
            state = rule.step(model, space, state, k, random);
            resumed = rule.step(model, space, resumed, k, resumedRandom);
        }
        assertArrayEquals(state.position(), resumed.position(), 0.0);
        assertEquals(state.energy(), resumed.energy(), 0.0);
    }
}
