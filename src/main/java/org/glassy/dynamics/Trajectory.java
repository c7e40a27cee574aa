package org.glassy.dynamics;

import java.util.ArrayList;
import java.util.List;

import org.glassy.internal.Require;
import org.glassy.observable.Observable;
import org.glassy.observable.Recording;
import org.glassy.observable.ScalarRecording;

import tech.tablesaw.api.Table;

/**
 * The outcome of one run: its final state and what its observables recorded. Each run has
 * recordings of its own, so two runs of one configuration give two independent trajectories.
 *
 * @param <S> the state type of the step rule
 */
public final class Trajectory<S extends RunState> {

    private final S state;
    private final long steps;
    private final double dt;
    private final List<Observable<?>> observables;
    private final List<Recording> recordings;

    Trajectory(S state, long steps, double dt, List<Observable<?>> observables, List<Recording> recordings) {
        this.state = state;
        this.steps = steps;
        this.dt = dt;
        this.observables = List.copyOf(observables);
        this.recordings = List.copyOf(recordings);
    }

    /**
     * Returns the final state of the step rule (velocity, moments, the best point of
     * {@link HalvingDescent}, …).
     *
     * @return the state after the last step (not a copy)
     */
    public S state() {
        return state;
    }

    /**
     * Returns a copy of the position after the last step.
     *
     * @return the final position
     */
    public double[] finalState() {
        return state.position().clone();
    }

    /** @return the number of steps done (fewer than asked if the rule converged) */
    public long steps() {
        return steps;
    }

    /** @return the final time, steps·dt */
    public double time() {
        return steps * dt;
    }

    /**
     * Returns what this run recorded of an observable given to {@link Dynamics#record}.
     *
     * @param observable the observable, the same instance that was given
     * @param <R> its recording type
     * @return the recording
     * @throws IllegalArgumentException if the run did not record that observable
     */
    public <R extends Recording> R recording(Observable<R> observable) {
        for (int i = 0; i < observables.size(); i++) {
            if (observables.get(i) == observable) {
                @SuppressWarnings("unchecked")
                R r = (R) recordings.get(i);
                return r;
            }
        }
        throw Require.invalid("observable", "must be one given to this run's record(), got " + observable);
    }

    /**
     * Returns the recording of the observable of the given name.
     *
     * @param name the observable's {@link Observable#name()}
     * @return the recording
     * @throws IllegalArgumentException if the run recorded no observable of that name
     */
    public Recording observable(String name) {
        for (Recording r : recordings) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        List<String> names = new ArrayList<>();
        recordings.forEach(r -> names.add(r.name()));
        throw Require.invalid("name", "must be one of the run's observables " + names + ", got '" + name
                + "'");
    }

    /**
     * Returns the scalar observables stacked in one long table with columns
     * {@code observable, step, time, value}.
     *
     * @return a new table
     */
    public Table table() {
        Table table = null;
        for (Recording r : recordings) {
            if (r instanceof ScalarRecording s) {
                table = table == null ? s.table().setName("trajectory") : table.append(s.table());
            }
        }
        if (table == null) {
            throw new IllegalStateException("the run recorded no scalar observable");
        }
        return table;
    }
}
