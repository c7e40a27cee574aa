package org.glassy.observable;

/**
 * A quantity measured along a run, as an immutable description: every run records it afresh in a
 * {@link Recording} of its own, so running one configuration twice (or on several threads) gives
 * independent results. The run loop asks for the extra steps the observable needs (a two-time
 * observable's waiting times) and merges them into its recording schedule.
 *
 * @param <R> the kind of recording, with accessors for what it measured
 */
public interface Observable<R extends Recording> {

    /**
     * Returns the observable's name, the value of the {@code observable} column of its table.
     *
     * @return a short lower-case name, e.g. {@code "energy"}
     */
    String name();

    /**
     * Starts the recording of one run.
     *
     * @return a new, empty recording
     */
    R newRecording();

    /**
     * Extra steps this observable needs recorded (e.g. a two-time observable's waiting times).
     *
     * @param totalSteps the length of the run
     * @return steps in [0, totalSteps], any order; none by default
     */
    default long[] requiredSteps(long totalSteps) {
        return new long[0];
    }
}
