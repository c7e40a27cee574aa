package org.glassy.study.trap;

import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Monte Carlo estimates at one waiting time: the persistence Π(t_w + t, t_w) at each lag (the
 * fraction of walkers that did not leave the state occupied at t_w) and the mean energy ⟨E(t_w)⟩.
 * The arrays are copied in and out.
 *
 * @param waitingTime t_w
 * @param lags the lags t
 * @param persistence Π(t_w + t, t_w) at each lag, a binomial proportion
 * @param meanEnergy ⟨E(t_w)⟩ in units of T_g
 * @param meanEnergyError the standard error of {@code meanEnergy}
 * @param samples the number of walkers
 */
public record Aging(double waitingTime, double[] lags, double[] persistence, double meanEnergy,
        double meanEnergyError, int samples) {

    /**
     * Copies the arrays and checks that they have equal lengths.
     *
     * @param waitingTime t_w
     * @param lags the lags
     * @param persistence Π at each lag
     * @param meanEnergy the mean energy
     * @param meanEnergyError its standard error
     * @param samples the number of walkers
     */
    public Aging {
        if (lags.length != persistence.length) {
            throw Require.invalid("persistence", "must have the length of lags, " + lags.length
                    + ", got " + persistence.length);
        }
        lags = lags.clone();
        persistence = persistence.clone();
    }

    /** @return a copy of the lags t */
    @Override
    public double[] lags() {
        return lags.clone();
    }

    /** @return a copy of Π(t_w + t, t_w) at each lag */
    @Override
    public double[] persistence() {
        return persistence.clone();
    }

    /**
     * The binomial standard error √(Π(1 − Π)/samples) of the persistence at one lag.
     *
     * @param index the index of the lag
     * @return the standard error
     */
    public double persistenceError(int index) {
        double p = persistence[index];
        return Math.sqrt(p * (1 - p) / samples);
    }

    /**
     * The long-format table of the estimates.
     *
     * @return columns {@code tw, t, pi, pi_se}, one row per lag; {@code pi_se} is {@link #persistenceError}
     */
    public Table table() {
        double[] tw = new double[lags.length];
        java.util.Arrays.fill(tw, waitingTime);
        double[] errors = new double[lags.length];
        for (int j = 0; j < lags.length; j++) {
            errors[j] = persistenceError(j);
        }
        return Table.create("trap-model persistence", DoubleColumn.create("tw", tw), DoubleColumn.create("t", lags),
                DoubleColumn.create("pi", persistence), DoubleColumn.create("pi_se", errors));
    }
}
