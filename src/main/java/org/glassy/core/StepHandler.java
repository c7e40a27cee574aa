package org.glassy.core;

/**
 * Receives the state at the recording steps of a run (Hipparchus's {@code ODEStepHandler}). The run
 * loop knows nothing about what is measured: observables, CSV writers and progress displays are
 * step handlers.
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
}
