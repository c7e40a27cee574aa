package org.glassy.observable;

import java.util.Arrays;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An observable with one value per recording time. Its table has the long-format columns
 * {@code observable, step, time, value}, so tables of several scalar observables (or of several
 * runs, with an added key column) stack with {@code Table.append}.
 */
public abstract class ScalarObservable implements Observable {

    private long[] steps = new long[16];
    private double[] times = new double[16];
    private double[] values = new double[16];
    private int size;

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
    public void init(double[] x0, long[] schedule, double dt) {
        size = 0;
    }

    @Override
    public final void handle(long step, double time, double[] x, double energy) {
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, 2 * size);
            times = Arrays.copyOf(times, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        steps[size] = step;
        times[size] = time;
        values[size] = measure(time, x, energy);
        size++;
    }

    /**
     * Returns the number of values recorded.
     *
     * @return the number of records
     */
    public int size() {
        return size;
    }

    /**
     * Returns the latest value recorded.
     *
     * @return the last value
     * @throws IllegalStateException if nothing has been recorded
     */
    public double last() {
        if (size == 0) {
            throw new IllegalStateException(name() + " has recorded nothing yet");
        }
        return values[size - 1];
    }

    /**
     * Returns a copy of the recorded values, in recording order.
     *
     * @return the values
     */
    public double[] values() {
        return Arrays.copyOf(values, size);
    }

    /**
     * Returns a copy of the recording times.
     *
     * @return the times t = k·dt
     */
    public double[] times() {
        return Arrays.copyOf(times, size);
    }

    @Override
    public Table table() {
        String[] names = new String[size];
        Arrays.fill(names, name());
        return Table.create(name(),
                StringColumn.create("observable", names),
                LongColumn.create("step", Arrays.copyOf(steps, size)),
                DoubleColumn.create("time", Arrays.copyOf(times, size)),
                DoubleColumn.create("value", Arrays.copyOf(values, size)));
    }
}
