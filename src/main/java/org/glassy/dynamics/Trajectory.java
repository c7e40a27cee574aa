package org.glassy.dynamics;

import java.util.List;

import org.glassy.core.StepHandler;
import org.glassy.observable.Observable;
import org.glassy.observable.ScalarObservable;

import tech.tablesaw.api.Table;

/**
 * The outcome of a run: its final state and the observables it recorded.
 */
public final class Trajectory {

    private final double[] finalState;
    private final long steps;
    private final double dt;
    private final List<StepHandler> handlers;

    Trajectory(double[] finalState, long steps, double dt, List<StepHandler> handlers) {
        this.finalState = finalState;
        this.steps = steps;
        this.dt = dt;
        this.handlers = List.copyOf(handlers);
    }

    /**
     * Returns a copy of the state after the last step.
     *
     * @return the final state
     */
    public double[] finalState() {
        return finalState.clone();
    }

    /** @return the number of steps done */
    public long steps() {
        return steps;
    }

    /** @return the final time, steps·dt */
    public double time() {
        return steps * dt;
    }

    /**
     * Returns the observable of the given name.
     *
     * @param name the observable's {@link Observable#name()}
     * @return the observable
     * @throws IllegalArgumentException if the run recorded no observable of that name
     */
    public Observable observable(String name) {
        for (StepHandler handler : handlers) {
            if (handler instanceof Observable o && o.name().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("name must be one of the run's observables, got '" + name + "'");
    }

    /**
     * Returns the scalar observables stacked in one long table with columns
     * {@code observable, step, time, value}.
     *
     * @return a new table
     */
    public Table table() {
        Table table = null;
        for (StepHandler handler : handlers) {
            if (handler instanceof ScalarObservable o) {
                table = table == null ? o.table().setName("trajectory") : table.append(o.table());
            }
        }
        if (table == null) {
            throw new IllegalStateException("the run recorded no scalar observable");
        }
        return table;
    }
}
