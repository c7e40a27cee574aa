package org.glassy.sweep;

import tech.tablesaw.api.Table;

/**
 * What a sweep computes at one point: any study function that turns the point's parameters into a
 * table (a run's curves, a summary row). It must depend only on the point (seeds come from the
 * point's values, never from its position or the worker that runs it), so that a sweep's result does
 * not depend on the number of workers or the order in which points run. It may be called from
 * several threads at once.
 */
@FunctionalInterface
public interface Task {

    /**
     * Computes the point.
     *
     * @param point the parameters
     * @return the point's table (its columns must not repeat the point's parameter names, which the
     *     sweep adds in front)
     * @throws Exception if the point fails (recorded, the other points go on)
     */
    Table run(Point point) throws Exception;
}
