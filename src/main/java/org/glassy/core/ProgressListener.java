package org.glassy.core;

/** Told how far a run has got: at every recording step, every percent of the run and at least every 1000 steps. */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Reports progress.
     *
     * @param step the steps done
     * @param totalSteps the steps the run will do
     * @param time the current time
     * @param energy the latest energy the step rule evaluated
     */
    void progress(long step, long totalSteps, double time, double energy);
}
