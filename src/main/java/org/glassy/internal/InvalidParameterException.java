package org.glassy.internal;

/**
 * A parameter outside its allowed range, with the parameter's name kept apart from the reason, so
 * a front end can name its own option instead (the command line maps {@code learningRate} to
 * {@code --lr}) without rewriting messages. The message is "{@code name reason}", e.g.
 * {@code "learningRate must be > 0 and finite, got -0.1"}. Thrown through {@link Require}.
 */
public final class InvalidParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The parameter's name, e.g. {@code learningRate}. */
    private final String parameter;

    /** What is wrong, e.g. {@code must be > 0 and finite, got -0.1}. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param parameter the parameter's name
     * @param reason what is wrong with its value, starting with "must" or "is"
     */
    public InvalidParameterException(String parameter, String reason) {
        super(parameter + " " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    /** @return the parameter's name, e.g. {@code learningRate} */
    public String parameter() {
        return parameter;
    }

    /** @return what is wrong with its value, e.g. {@code must be > 0 and finite, got -0.1} */
    public String reason() {
        return reason;
    }
}
