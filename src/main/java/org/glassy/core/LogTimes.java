package org.glassy.core;

import java.util.Arrays;
import java.util.TreeSet;

import org.glassy.internal.Require;

/**
 * Log-spaced recording times, in integer steps: sorted, deduplicated, always including step 0 and
 * the last step (like {@code np.unique(np.geomspace(first, last, num).astype(int))}, plus 0).
 */
public final class LogTimes {

    private LogTimes() {
    }

    /**
     * Steps first·10^(j/perDecade), j = 0, 1, …, rounded to integers and deduplicated, together
     * with 0 and {@code last}.
     *
     * @param first the first positive step, at least 1
     * @param last the last step, at least {@code first}
     * @param perDecade points per decade before deduplication, at least 1
     * @return the sorted distinct steps
     */
    public static long[] between(long first, long last, int perDecade) {
        Require.atLeast("first", first, 1);
        Require.atLeast("last", last, first);
        Require.atLeast("perDecade", perDecade, 1);
        TreeSet<Long> steps = new TreeSet<>();
        steps.add(0L);
        steps.add(last);
        double ratio = Math.log10((double) last / first);
        long count = (long) Math.floor(ratio * perDecade + 1e-9);
        for (long j = 0; j <= count; j++) {
            long step = Math.round(first * Math.pow(10, (double) j / perDecade));
            steps.add(Math.min(step, last));
        }
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Steps from 1 to {@code last}, log-spaced, with 0 and {@code last}.
     *
     * @param last the last step, at least 1
     * @param perDecade points per decade, at least 1
     * @return the sorted distinct steps
     */
    public static long[] upTo(long last, int perDecade) {
        return between(1, last, perDecade);
    }

    /**
     * Merges schedules into one sorted, deduplicated schedule.
     *
     * @param schedules the schedules (any order, duplicates allowed)
     * @return the sorted union
     */
    public static long[] merge(long[]... schedules) {
        return Arrays.stream(schedules).flatMapToLong(Arrays::stream).sorted().distinct().toArray();
    }

    /**
     * {@code count} points geometrically spaced from {@code first} to {@code last}, rounded to
     * integers and deduplicated (so possibly fewer than {@code count}); without step 0. The grid of
     * waiting times and lags of Baity-Jesi et al. (ICML 2018): integers, t_w from ~10 and t from 1
     * up to half the run.
     *
     * @param first the first step, at least 1
     * @param last the last step, at least {@code first}
     * @param count the number of points before deduplication, at least 1 (2 or more if last &gt; first)
     * @return the sorted distinct steps, starting at {@code first} and ending at {@code last}
     */
    public static long[] geometric(long first, long last, int count) {
        Require.atLeast("first", first, 1);
        Require.atLeast("last", last, first);
        Require.atLeast("count", count, last > first ? 2 : 1);
        TreeSet<Long> steps = new TreeSet<>();
        steps.add(first);
        steps.add(last);
        double ratio = Math.log((double) last / first);
        for (int j = 1; j < count - 1; j++) {
            steps.add(Math.round(first * Math.exp(ratio * j / (count - 1))));
        }
        return steps.stream().mapToLong(Long::longValue).toArray();
    }
}
