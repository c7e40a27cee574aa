package org.glassy.dynamics;

import java.util.concurrent.CancellationException;

/**
 * Thrown by {@link Dynamics} when the thread running it is interrupted (a notebook's stop button):
 * the run stops at the next step and hands over what it had recorded, as a partial
 * {@link Trajectory}.
 */
public final class RunInterruptedException extends CancellationException {

    private static final long serialVersionUID = 1L;

    /** The run up to the interrupt; not serialised. */
    private final transient Trajectory<?> partial;

    RunInterruptedException(String message, Trajectory<?> partial) {
        super(message);
        this.partial = partial;
    }

    /**
     * Returns the run up to the interrupt: the state reached and every record made.
     *
     * @return the partial trajectory (null if this exception was deserialised)
     */
    public Trajectory<?> partial() {
        return partial;
    }
}
