package org.glassy.sweep;

import java.util.List;

import tech.tablesaw.api.Table;

/**
 * Thrown by {@link Sweep#run} when some points failed after their retries; the other points ran, and
 * their results are in {@link #partial()}.
 */
public final class SweepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The finished points' table; not serialised. */
    private final transient Table partial;

    /** The failed points; not serialised. */
    private final transient List<Point> failed;

    SweepException(String message, Table partial, List<Point> failed) {
        super(message);
        this.partial = partial;
        this.failed = List.copyOf(failed);
    }

    /** @return the table of the points that finished */
    public Table partial() {
        return partial;
    }

    /** @return the points that failed */
    public List<Point> failed() {
        return failed;
    }
}
