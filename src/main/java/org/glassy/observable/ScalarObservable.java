package org.glassy.observable;

/**
 * An observable with one value per recording time, recorded in a {@link ScalarRecording} whose
 * table has the long-format columns {@code observable, step, time, value}, so tables of several
 * scalar observables (or of several runs, with an added key column) stack with
 * {@code Table.append}. Subclasses say what is measured; they hold no data.
 */
public abstract class ScalarObservable implements Observable<ScalarRecording> {

    /**
     * Computes the value at one recording step.
     *
     * @param time the time
     * @param x the state (do not modify)
     * @param energy E(x)
     * @return the value
     */
    protected abstract double measure(double time, double[] x, double energy);

    @Override
    public ScalarRecording newRecording() {
        return new ScalarRecording(name(), this::measure);
    }

    @Override
    public String toString() {
        return name();
    }
}
