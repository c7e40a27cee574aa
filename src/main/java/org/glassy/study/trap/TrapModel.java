package org.glassy.study.trap;

import java.util.SplittableRandom;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;

/**
 * A trap model whose walkers are simulated event by event from a fresh state at time 0. The only
 * model-specific step is {@link #occupation}: the state occupied at t_w and the time it is left.
 * Because no jump happens in [t_w, t_w + t] exactly when that exit time exceeds t_w + t, one
 * walker gives Π(t_w + t, t_w) for every lag t at once. Implementations are immutable and
 * thread-safe; randomness comes only from the generator passed in.
 */
public interface TrapModel {

    /**
     * Simulates one walker, with its own realisation of any quenched disorder, from time 0 until
     * its first jump after {@code waitingTime}.
     *
     * @param waitingTime t_w &gt; 0
     * @param random the walker's generator
     * @return the state occupied at t_w: its energy and its exit time (&gt; t_w, possibly infinite)
     */
    Occupation occupation(double waitingTime, SplittableRandom random);

    /**
     * Averages {@code samples} independent walkers; walker k uses the k-th generator split from
     * {@code new SplittableRandom(seed)}, so equal seeds give identical results.
     *
     * @param waitingTime t_w &gt; 0 and finite
     * @param lags the lags t &gt;= 0 at which Π(t_w + t, t_w) is estimated
     * @param samples the number of walkers, at least 1
     * @param seed the seed
     * @return Π at every lag and the mean energy at t_w, with their standard errors
     */
    default Aging aging(double waitingTime, double[] lags, int samples, long seed) {
        return aging(waitingTime, lags, samples, seed, null);
    }

    /**
     * Averages {@code samples} independent walkers as {@link #aging(double, double[], int, long)} does, telling
     * {@code progress} after each walker and checking the thread's interrupt between walkers.
     *
     * @param waitingTime t_w &gt; 0 and finite
     * @param lags the lags t &gt;= 0 at which Π(t_w + t, t_w) is estimated
     * @param samples the number of walkers, at least 1
     * @param seed the seed
     * @param progress told after each walker: the walkers done, {@code samples}, t_w and the running estimate of
     *     Π at the middle lag (t = t_w for {@link TrapAging}'s lags); or null
     * @return Π at every lag and the mean energy at t_w, with their standard errors
     * @throws java.util.concurrent.CancellationException if the thread is interrupted
     */
    default Aging aging(double waitingTime, double[] lags, int samples, long seed, ProgressListener progress) {
        Require.positive("waitingTime", waitingTime);
        for (double lag : lags) {
            Require.nonNegative("lag", lag);
        }
        Require.atLeast("samples", samples, 1);
        SplittableRandom root = new SplittableRandom(seed);
        long[] stayed = new long[lags.length];
        double mean = 0; // Welford's running mean and sum of squared deviations of the energy
        double squaredDeviations = 0;
        int middle = lags.length / 2;
        for (int k = 0; k < samples; k++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("run interrupted after " + k + " of " + samples
                        + " walkers");
            }
            Occupation o = occupation(waitingTime, root.split());
            for (int j = 0; j < lags.length; j++) {
                if (o.exitTime() > waitingTime + lags[j]) {
                    stayed[j]++;
                }
            }
            double delta = o.energy() - mean;
            mean += delta / (k + 1);
            squaredDeviations += delta * (o.energy() - mean);
            if (progress != null && lags.length > 0) {
                progress.progress(k + 1, samples, waitingTime, (double) stayed[middle] / (k + 1));
            }
        }
        double[] persistence = new double[lags.length];
        for (int j = 0; j < lags.length; j++) {
            persistence[j] = (double) stayed[j] / samples;
        }
        double variance = samples > 1 ? squaredDeviations / (samples - 1) : 0;
        return new Aging(waitingTime, lags, persistence, mean, Math.sqrt(variance / samples), samples);
    }

    /**
     * The state a walker occupies at the waiting time.
     *
     * @param energy its energy (−depth, so &lt;= 0)
     * @param exitTime the absolute time at which the walker leaves it, &gt; t_w, possibly infinite
     */
    record Occupation(double energy, double exitTime) {
    }
}
