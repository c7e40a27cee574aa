package org.glassy.observable;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.glassy.core.StepHandler;

/**
 * Two-time observables on one grid, measured along a run and handed to a {@link Sink} as soon as each value is
 * final: the row (t_w, t) is complete at step t_w + t, so rows arrive in the order they complete, by t_w + t
 * (time-major), and for equal t_w + t by t_w. A CSV writer that prints each row as it arrives loses nothing
 * when the run is interrupted; sorting the rows by (t_w, t) gives {@link TwoTimeRecording#table()}'s order,
 * with the same values (the same {@link TwoTimeObservable#measure} of the same states).
 *
 * <p>Like a {@link TwoTimeRecording} it copies the state only at the waiting times (memory n × |t_w| for all the
 * observables together) and drops the copies when the run finishes. Checkpointable: a snapshot holds the copies
 * and the rows handed on so far, and a resumed run hands those rows to the sink again first, so the sink sees
 * the rows of an uninterrupted run. A handler belongs to one run at a time.
 */
public final class TwoTimeRows implements StepHandler {

    /** Receives each row as soon as it is final. */
    @FunctionalInterface
    public interface Sink {

        /**
         * One row.
         *
         * @param waitingStep t_w in steps
         * @param lagStep t in steps, at least 1
         * @param values the value of each observable, in the order they were given (a fresh array)
         */
        void row(long waitingStep, long lagStep, double[] values);
    }

    /** The copies and the rows so far, for checkpoints. */
    private record Snapshot(long[] savedSteps, double[][] savedStates, long[] waitingSteps, long[] lagSteps,
                            double[][] values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final TwoTimeObservable[] observables;
    private final long[] waitingSteps;
    private final long[] lagSteps;
    private final Sink sink;
    private final TreeMap<Long, double[]> saved = new TreeMap<>();
    private final List<long[]> rowSteps = new ArrayList<>();
    private final List<double[]> rowValues = new ArrayList<>();

    /**
     * Measures observables that share one grid of waiting times and lags.
     *
     * @param sink receives every row, in the order rows complete
     * @param observables at least one, all on the grid of the first
     * @throws IllegalArgumentException if the grids differ
     */
    public TwoTimeRows(Sink sink, TwoTimeObservable... observables) {
        this.sink = Objects.requireNonNull(sink, "sink");
        if (observables.length == 0) {
            throw new IllegalArgumentException("at least one observable is needed");
        }
        this.observables = observables.clone();
        this.waitingSteps = observables[0].waitingSteps();
        this.lagSteps = observables[0].lagSteps();
        for (TwoTimeObservable o : observables) {
            if (!Arrays.equals(o.waitingSteps(), waitingSteps) || !Arrays.equals(o.lagSteps(), lagSteps)) {
                throw new IllegalArgumentException("every observable must share the grid of " + observables[0]
                        + ", " + o + " does not");
            }
        }
    }

    /**
     * The time of a step as the two-time tables give it: step·dt rounded to 12 significant digits (3.05, not
     * 3.0500000000000003), 0 at step 0.
     *
     * @param step the step, at least 0
     * @param dt the time step
     * @return the time
     */
    public static double time(long step, double dt) {
        double t = step * dt;
        return t == 0 ? 0 : new BigDecimal(t).round(new MathContext(12)).doubleValue();
    }

    @Override
    public long[] requiredSteps(long totalSteps) {
        return observables[0].requiredSteps(totalSteps);
    }

    @Override
    public void init(double[] x0, long[] schedule, double dt) {
        saved.clear();
        rowSteps.clear();
        rowValues.clear();
    }

    @Override
    public void handle(long step, double time, double[] x, double energy) {
        for (Map.Entry<Long, double[]> entry : saved.entrySet()) {
            long lag = step - entry.getKey();
            if (Arrays.binarySearch(lagSteps, lag) >= 0) {
                double[] values = new double[observables.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = observables[i].measure(entry.getValue(), x);
                }
                emit(entry.getKey(), lag, values);
            }
        }
        if (Arrays.binarySearch(waitingSteps, step) >= 0) {
            saved.put(step, x.clone());
        }
    }

    private void emit(long waitingStep, long lagStep, double[] values) {
        rowSteps.add(new long[] {waitingStep, lagStep});
        rowValues.add(values);
        sink.row(waitingStep, lagStep, values.clone());
    }

    @Override
    public void finish() {
        saved.clear();   // the copies are only needed while the run goes on
    }

    @Override
    public Serializable snapshot() {
        long[] keys = saved.keySet().stream().mapToLong(Long::longValue).toArray();
        double[][] states = saved.values().stream().map(double[]::clone).toArray(double[][]::new);
        long[] tw = rowSteps.stream().mapToLong(r -> r[0]).toArray();
        long[] t = rowSteps.stream().mapToLong(r -> r[1]).toArray();
        return new Snapshot(keys, states, tw, t, rowValues.stream().map(double[]::clone).toArray(double[][]::new));
    }

    @Override
    public void restore(Serializable snapshot) {
        Snapshot s = (Snapshot) snapshot;
        saved.clear();
        for (int i = 0; i < s.savedSteps().length; i++) {
            saved.put(s.savedSteps()[i], s.savedStates()[i].clone());
        }
        rowSteps.clear();
        rowValues.clear();
        for (int i = 0; i < s.values().length; i++) {
            emit(s.waitingSteps()[i], s.lagSteps()[i], s.values()[i].clone());
        }
    }

    @Override
    public String toString() {
        return "TwoTimeRows" + Arrays.toString(observables) + "[" + rowValues.size() + " rows]";
    }
}
