package org.glassy.observable;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One run's record of a {@link TwoTimeObservable}: the states saved at the waiting times and the
 * values A(t_w + t, t_w) measured so far. Table columns {@code observable, tw, t, value, tw_step,
 * t_step}, sorted by t_w, then t.
 */
public final class TwoTimeRecording implements Recording {

    /** What is measured from x(t_w) and x(t_w + t). */
    @FunctionalInterface
    interface Measure {
        double of(double[] atWaiting, double[] now);
    }

    /**
     * The data of a recording, for checkpoints.
     *
     * @param savedSteps the waiting times passed so far
     * @param savedStates the states at those times
     * @param dt the time step
     * @param twSteps the t_w of each row
     * @param tSteps the t of each row
     * @param values the values
     */
    record Rows(long[] savedSteps, double[][] savedStates, double dt, long[] twSteps, long[] tSteps,
                double[] values) implements Serializable {
    }

    private final String name;
    private final long[] waitingSteps;
    private final long[] lagSteps;
    private final Measure measure;
    private final TreeMap<Long, double[]> saved = new TreeMap<>();
    private double dt = 1;
    private long[] twSteps = new long[64];
    private long[] tSteps = new long[64];
    private double[] values = new double[64];
    private int size;

    TwoTimeRecording(String name, long[] waitingSteps, long[] lagSteps, Measure measure) {
        this.name = name;
        this.waitingSteps = waitingSteps;
        this.lagSteps = lagSteps;
        this.measure = measure;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(double[] x0, long[] schedule, double dt) {
        this.dt = dt;
        saved.clear();
        size = 0;
    }

    @Override
    public void handle(long step, double time, double[] x, double energy) {
        for (Map.Entry<Long, double[]> entry : saved.entrySet()) {
            long lag = step - entry.getKey();
            if (Arrays.binarySearch(lagSteps, lag) >= 0) {
                append(entry.getKey(), lag, measure.of(entry.getValue(), x));
            }
        }
        if (Arrays.binarySearch(waitingSteps, step) >= 0) {
            saved.put(step, x.clone());
        }
    }

    private void append(long tw, long t, double value) {
        if (size == values.length) {
            twSteps = Arrays.copyOf(twSteps, 2 * size);
            tSteps = Arrays.copyOf(tSteps, 2 * size);
            values = Arrays.copyOf(values, 2 * size);
        }
        twSteps[size] = tw;
        tSteps[size] = t;
        values[size] = value;
        size++;
    }

    /** step·dt rounded to 12 significant digits: 3.05, not 3.0500000000000003. */
    private double time(long step) {
        return TwoTimeRows.time(step, dt);
    }

    @Override
    public void finish() {
        saved.clear(); // the copies are only needed while the run goes on
    }

    /** @return the number of values recorded */
    public int size() {
        return size;
    }

    @Override
    public Table table() {
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> twSteps[a] != twSteps[b] ? Long.compare(twSteps[a], twSteps[b])
                : Long.compare(tSteps[a], tSteps[b]));
        StringColumn observable = StringColumn.create("observable");
        DoubleColumn tw = DoubleColumn.create("tw");
        DoubleColumn t = DoubleColumn.create("t");
        DoubleColumn value = DoubleColumn.create("value");
        LongColumn twStep = LongColumn.create("tw_step");
        LongColumn tStep = LongColumn.create("t_step");
        for (int i : order) {
            observable.append(name);
            tw.append(time(twSteps[i]));
            t.append(time(tSteps[i]));
            value.append(values[i]);
            twStep.append(twSteps[i]);
            tStep.append(tSteps[i]);
        }
        return Table.create(name, observable, tw, t, value, twStep, tStep);
    }

    @Override
    public Serializable snapshot() {
        long[] keys = saved.keySet().stream().mapToLong(Long::longValue).toArray();
        double[][] states = saved.values().stream().map(double[]::clone).toArray(double[][]::new);
        return new Rows(keys, states, dt, Arrays.copyOf(twSteps, size), Arrays.copyOf(tSteps, size),
                Arrays.copyOf(values, size));
    }

    @Override
    public void restore(Serializable snapshot) {
        Rows r = (Rows) snapshot;
        saved.clear();
        for (int i = 0; i < r.savedSteps().length; i++) {
            saved.put(r.savedSteps()[i], r.savedStates()[i].clone());
        }
        dt = r.dt();
        size = r.values().length;
        int capacity = Math.max(64, size);
        twSteps = Arrays.copyOf(r.twSteps(), capacity);
        tSteps = Arrays.copyOf(r.tSteps(), capacity);
        values = Arrays.copyOf(r.values(), capacity);
    }

    @Override
    public String toString() {
        return "TwoTimeRecording[" + name + ", " + size + " values]";
    }
}
