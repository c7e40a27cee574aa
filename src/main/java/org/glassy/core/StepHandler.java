package org.glassy.core;

import java.io.Serializable;

/**
 * Receives the state at the recording steps of a run (Hipparchus's {@code ODEStepHandler}). The run
 * loop knows nothing about what is measured: observables' recordings, CSV writers and progress
 * displays are step handlers. A handler belongs to the runs it is given to; observables hand every
 * run a fresh handler of its own.
 */
@FunctionalInterface
public interface StepHandler {

    /**
     * Called once before the first step.
     *
     * @param x0 the initial state (do not modify; copy what must be kept)
     * @param schedule the steps at which {@link #handle} will be called, sorted
     * @param dt the time step
     */
    default void init(double[] x0, long[] schedule, double dt) {
    }

    /**
     * Called at each recording step, in order.
     *
     * @param step the step k
     * @param time the time t = k·dt
     * @param x the state at step k (do not modify or keep: it is the run's buffer)
     * @param energy E(x)
     */
    void handle(long step, double time, double[] x, double energy);

    /**
     * Extra steps this handler needs recorded (e.g. a two-time observable's waiting times).
     *
     * @param totalSteps the length of the run
     * @return steps in [0, totalSteps], any order; none by default
     */
    default long[] requiredSteps(long totalSteps) {
        return new long[0];
    }

    /** Called once after the last step, also when the run stops early (flush and close here). */
    default void finish() {
    }

    /**
     * What this handler has accumulated, for a checkpoint of the run (after {@link #init}, between
     * two recording steps). Handlers that return null (the default) cannot be checkpointed.
     *
     * @return a serialisable copy of the handler's data, or null
     */
    default Serializable snapshot() {
        return null;
    }

    /**
     * Restores what {@link #snapshot} returned, when a run resumes from a checkpoint; called after
     * {@link #init}.
     *
     * @param snapshot a value returned by {@link #snapshot} of a handler of the same kind
     * @throws UnsupportedOperationException if the handler cannot be checkpointed
     */
    default void restore(Serializable snapshot) {
        throw new UnsupportedOperationException(this + " cannot be restored from a checkpoint");
    }
}
