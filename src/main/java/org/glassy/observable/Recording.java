package org.glassy.observable;

import org.glassy.core.StepHandler;

import tech.tablesaw.api.Table;

/**
 * What one run recorded of an {@link Observable}: the step handler the run loop calls, and the
 * results as a Tablesaw table in long format. Recordings can be checkpointed
 * ({@link StepHandler#snapshot()}).
 */
public interface Recording extends StepHandler {

    /**
     * Returns the observable's name.
     *
     * @return the name, e.g. {@code "energy"}
     */
    String name();

    /**
     * Returns what was recorded so far, in long format: one row per record.
     *
     * @return a new table (not a view)
     */
    Table table();
}
