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

    /** What happened, without the advice to turn the knob. */
    private final String what;

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
        this(quantity + " became " + value + " at step " + step + " (t = " + time + ") with " + method
                + ": the dynamics diverged", step, knob);
    }

    /**
     * Creates the exception for another sign of an unstable step than a non-finite value (e.g. gradient descent
     * raising the energy).
     *
     * @param what what happened, e.g. {@code "gradient descent raised the energy from -1.2 to 3.4 at step 7"}
     * @param step the step at which it happened
     * @param knob the parameter to reduce, e.g. {@code dt}
     */
    public NumericalInstabilityException(String what, long step, String knob) {
        super(what + "; reduce " + knob + " (and check the model's parameters)");
        this.step = step;
        this.knob = knob;
        this.what = what;
    }

    /**
     * The message with the knob called by another name, e.g. a command-line option ({@code --dt} for {@code dt}).
     *
     * @param name the name of the knob to print
     * @return the message, advising to reduce {@code name}
     */
    public String messageNaming(String name) {
        return what + "; reduce " + name + " (and check the model's parameters)";
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
