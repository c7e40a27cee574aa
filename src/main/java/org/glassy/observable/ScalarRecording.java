package org.glassy.observable;

import java.io.Serializable;
import java.util.Arrays;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One run's record of a {@link ScalarObservable}: a value at every recording step. Its table has
 * the long-format columns {@code observable, step, time, value}.
 */
public final class ScalarRecording implements Recording {

    /** What is measured at a recording step. */
    @FunctionalInterface
    interface Measure {
        double of(double time, double[] x, double energy);
    }

    /**
     * The data of a recording, for checkpoints.
     *
     * @param steps the recording steps
     * @param times their times
     * @param values the values
     */
    record Series(long[] steps, double[] times, double[] values) implements Serializable {
    }

    private final String name;
    private final Measure measure;
    private long[] steps = new long[16];
    private double[] times = new double[16];
    private double[] values = new double[16];
    private int size;

    ScalarRecording(String name, Measure measure) {
        this.name = name;
        this.measure = measure;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(double[] x0, long[] schedule, double dt) {
        size = 0;
    }

    @Override
    public void handle(long step, double time, double[] x, double energy) {
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, 2 * size);
            times = Arrays.copyOf(times, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        steps[size] = step;
        times[size] = time;
        values[size] = measure.of(time, x, energy);
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
            throw new IllegalStateException(name + " has recorded nothing yet");
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

    /**
     * Returns a copy of the recording steps.
     *
     * @return the steps k
     */
    public long[] steps() {
        return Arrays.copyOf(steps, size);
    }

    @Override
    public Table table() {
        String[] names = new String[size];
        Arrays.fill(names, name);
        return Table.create(name,
                StringColumn.create("observable", names),
                LongColumn.create("step", steps()),
                DoubleColumn.create("time", times()),
                DoubleColumn.create("value", values()));
    }

    @Override
    public Serializable snapshot() {
        return new Series(steps(), times(), values());
    }

    @Override
    public void restore(Serializable snapshot) {
        Series s = (Series) snapshot;
        size = s.values().length;
        int capacity = Math.max(16, size);
        steps = Arrays.copyOf(s.steps(), capacity);
        times = Arrays.copyOf(s.times(), capacity);
        values = Arrays.copyOf(s.values(), capacity);
    }

    @Override
    public String toString() {
        return "ScalarRecording[" + name + ", " + size + " values]";
    }
}
