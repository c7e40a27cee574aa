package org.glassy.core;

import org.glassy.dynamics.StepRule;

/**
 * Thrown when the energy becomes NaN or infinite during a run: the run stops instead of producing
 * meaningless numbers. Rows recorded before the blow-up have already been handed to the step
 * handlers.
 */
public final class NumericalInstabilityException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** The step at which the energy stopped being finite. */
    private final long step;

    /**
     * Creates the exception.
     *
     * @param step the step at which the energy stopped being finite
     * @param time its time
     * @param energy the offending value
     * @param rule the step rule, for the message
     */
    public NumericalInstabilityException(long step, double time, double energy, StepRule rule) {
        super("energy became " + energy + " at step " + step + " (t = " + time + ") with " + rule
                + ": the dynamics diverged; reduce dt (or the learning rate) and check the model's parameters");
        this.step = step;
    }

    /** @return the step at which the energy stopped being finite */
    public long step() {
        return step;
    }
}
