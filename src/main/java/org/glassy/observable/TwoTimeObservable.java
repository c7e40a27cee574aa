package org.glassy.observable;

import java.util.Arrays;
import java.util.TreeSet;

import org.glassy.core.LogTimes;
import org.glassy.internal.Require;

/**
 * A two-time observable A(t_w + t, t_w), measured for every waiting time t_w and lag t of a grid.
 * A run's {@link TwoTimeRecording} copies the state only at the waiting times (memory n × |t_w|); at
 * every step t_w + t the value is computed from that copy and the current state.
 *
 * <p>The table is in long format with columns {@code observable, tw, t, value} (times, i.e.
 * steps × dt) plus {@code tw_step, t_step}, one row per pair (t_w, t) with t_w + t within the run,
 * so grouped plots (one curve per t_w) and scaling plots (against t/t_w) need no reshaping.
 * Subclasses say what is measured; they hold no data.
 */
public abstract class TwoTimeObservable implements Observable<TwoTimeRecording> {

    private final long[] waitingSteps;
    private final long[] lagSteps;

    /**
     * Creates the observable on a grid.
     *
     * @param waitingSteps the waiting times t_w in steps, each ≥ 0 (duplicates are removed)
     * @param lagSteps the lags t in steps, each ≥ 1 (duplicates are removed)
     */
    protected TwoTimeObservable(long[] waitingSteps, long[] lagSteps) {
        if (waitingSteps.length == 0 || lagSteps.length == 0) {
            throw new IllegalArgumentException("waitingSteps and lagSteps must each hold at least one step");
        }
        this.waitingSteps = Arrays.stream(waitingSteps).sorted().distinct().toArray();
        this.lagSteps = Arrays.stream(lagSteps).sorted().distinct().toArray();
        for (long tw : this.waitingSteps) {
            Require.atLeast("waitingSteps[i]", tw, 0);
        }
        for (long t : this.lagSteps) {
            Require.atLeast("lagSteps[i]", t, 1);
        }
    }

    /**
     * The grid of Baity-Jesi et al. for a run of {@code totalSteps} steps: waiting times
     * log-spaced from {@code firstWaiting} to totalSteps/2, lags log-spaced from 1 to totalSteps/2.
     *
     * @param totalSteps the run length in steps, at least 2·firstWaiting
     * @param firstWaiting the first waiting time in steps, at least 1 (the authors used 10)
     * @param waitingCount the number of waiting times before deduplication, at least 2
     * @param lagCount the number of lags before deduplication, at least 2
     * @return {waitingSteps, lagSteps}
     */
    public static long[][] logGrid(long totalSteps, long firstWaiting, int waitingCount, int lagCount) {
        Require.atLeast("firstWaiting", firstWaiting, 1);
        Require.atLeast("totalSteps", totalSteps, 2 * firstWaiting);
        return new long[][] {LogTimes.geometric(firstWaiting, totalSteps / 2, waitingCount),
            LogTimes.geometric(1, totalSteps / 2, lagCount)};
    }

    /**
     * Computes A from the state at the waiting time and the current state.
     *
     * @param atWaiting x(t_w)
     * @param now x(t_w + t)
     * @return the value
     */
    protected abstract double measure(double[] atWaiting, double[] now);

    /** @return the waiting times, in steps, sorted */
    public long[] waitingSteps() {
        return waitingSteps.clone();
    }

    /** @return the lags, in steps, sorted */
    public long[] lagSteps() {
        return lagSteps.clone();
    }

    @Override
    public long[] requiredSteps(long totalSteps) {
        TreeSet<Long> steps = new TreeSet<>();
        for (long tw : waitingSteps) {
            if (tw > totalSteps) {
                continue;
            }
            steps.add(tw);
            for (long t : lagSteps) {
                if (tw + t <= totalSteps) {
                    steps.add(tw + t);
                }
            }
        }
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public TwoTimeRecording newRecording() {
        return new TwoTimeRecording(name(), waitingSteps, lagSteps, this::measure);
    }

    @Override
    public String toString() {
        return name();
    }
}
