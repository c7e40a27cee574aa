package org.glassy.observable;

import org.glassy.core.StepHandler;

import tech.tablesaw.api.Table;

/**
 * A quantity measured along a run at its recording steps. Its lifecycle is that of a
 * {@link StepHandler}; its results come out as a Tablesaw table in long format.
 */
public interface Observable extends StepHandler {

    /**
     * Returns the observable's name, the value of the {@code observable} column of its table.
     *
     * @return a short lower-case name, e.g. {@code "energy"}
     */
    String name();

    /**
     * Returns what was recorded so far, in long format: one row per record.
     *
     * @return a new table (not a view)
     */
    Table table();
}
