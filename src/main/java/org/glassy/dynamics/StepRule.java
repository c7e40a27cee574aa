package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.model.Model;

/**
 * One step of a dynamics: turns (model, space, x, random state) into the next x.
 *
 * <p>Step rules are immutable and hold no random state: the run loop ({@link Dynamics}) owns the
 * generator and the work buffer, so the same seed gives a bit-identical trajectory and one rule
 * may serve several runs at once.
 */
public interface StepRule {

    /**
     * Returns the time step dt: step k is at time t = k·dt.
     *
     * @return dt, positive
     */
    double timeStep();

    /**
     * Advances {@code x} in place by one step.
     *
     * @param model the energy
     * @param space the constraint
     * @param x the state at time {@code time}, overwritten with the state at time + dt
     * @param time the time t = k·dt before the step
     * @param random the run's generator
     * @param work a buffer of the state's length, free for the rule to overwrite
     * @return the energy the rule evaluated before moving (E(x) for full-gradient rules), which
     *     the run loop checks for NaN and overflow
     */
    double step(Model model, Space space, double[] x, double time, RandomGenerator random, double[] work);

    /**
     * Called by the run loop before the first step of every run. Rules with internal state (the
     * velocity of momentum SGD, the position in the current epoch) reset it here; such rules must
     * not be shared by runs that execute at the same time.
     *
     * @param dimension the state's length
     */
    default void reset(int dimension) {
    }
}
