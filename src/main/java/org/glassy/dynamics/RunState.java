package org.glassy.dynamics;

import java.io.Serializable;

/**
 * The state of one run of a {@link StepRule}: the position and whatever the rule carries from step
 * to step (a velocity, Adam's moments, FIRE's adaptive step, the order of the mini-batches, the
 * images of a band). States are plain serialisable records owned by one run, so runs share nothing
 * and a run can be checkpointed and resumed ({@link Dynamics#checkpoint}).
 *
 * <p>A rule may update a state's arrays in place and return a new record around them: after
 * {@link StepRule#step} only the returned state is valid.
 */
public interface RunState extends Serializable {

    /**
     * Returns the position x: the point the observables see (for a chain of images, all images in
     * one flat array).
     *
     * @return the run's array (not a copy: do not modify)
     */
    double[] position();

    /**
     * Returns the energy (or loss) the rule evaluated last, which the run loop checks for NaN and
     * overflow and reports as progress; NaN before the first step if the rule evaluates none.
     *
     * @return the latest energy
     */
    double energy();

    /**
     * Whether the rule has reached its own stopping criterion (a force tolerance, a target loss):
     * the run loop then stops before the requested number of steps. Never, by default.
     *
     * @return true to stop
     */
    default boolean converged() {
        return false;
    }
}
