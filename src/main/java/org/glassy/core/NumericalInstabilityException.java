package org.glassy.core;

/**
 * Thrown when a run produces a non-finite value (NaN or ±∞ energy or loss): the run stops instead
 * of producing meaningless numbers. The message names the step, the value, the method and the knob
 * to turn (e.g. "reduce dt"). Rows recorded before the blow-up have already been handed to the step
 * handlers.
 */
public final class NumericalInstabilityException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** The step at which the value stopped being finite. */
    private final long step;

    /** The knob to turn, e.g. {@code dt} or {@code learningRate}. */
    private final String knob;

    /**
     * Creates the exception.
     *
     * @param quantity what became non-finite, e.g. {@code "energy"}
     * @param value the offending value
     * @param step the step at which it happened
     * @param time its time
     * @param method the method that produced it, for the message (e.g. the step rule)
     * @param knob the parameter to reduce, e.g. {@code dt}
     */
    public NumericalInstabilityException(String quantity, double value, long step, double time, Object method,
                                         String knob) {
        super(quantity + " became " + value + " at step " + step + " (t = " + time + ") with " + method
                + ": the dynamics diverged; reduce " + knob + " (and check the model's parameters)");
        this.step = step;
        this.knob = knob;
    }

    /** @return the step at which the value stopped being finite */
    public long step() {
        return step;
    }

    /** @return the parameter to reduce, e.g. {@code dt} */
    public String knob() {
        return knob;
    }
}
