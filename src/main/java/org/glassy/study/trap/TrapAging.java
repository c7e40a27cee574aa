package org.glassy.study.trap;

import java.util.Locale;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;

import tech.tablesaw.api.Table;

/**
 * The aging study of the trap models: Π(t_w + t, t_w) at one waiting time for lags t
 * log-spaced from 10⁻² t_w to 10² t_w, as a table {@code tw, t, pi, pi_se}. Full aging means that the
 * curve depends on t/t_w only: for Bouchaud's model with x &lt; 1
 * (J.-P. Bouchaud, J. Phys. I France 2, 1705 (1992)) and for the Barrat–Mézard model at T = 0
 * (A. Barrat and M. Mézard, J. Phys. I France 5, 941 (1995)).
 */
public final class TrapAging {

    /** Lags per decade of the study. */
    public static final int LAGS_PER_DECADE = 10;

    private TrapAging() {
    }

    /** The trap model of a study. */
    public enum Model {
        /** {@link BouchaudTrapModel}; x = T/T_g. */
        BOUCHAUD("bouchaud"),
        /** {@link BarratMezardModel}; x = T. */
        BARRAT_MEZARD("barrat-mezard");

        private final String label;

        Model(String label) {
            this.label = label;
        }

        /** @return the command-line name, {@code bouchaud} or {@code barrat-mezard} */
        public String label() {
            return label;
        }

        /**
         * Parses a command-line name.
         *
         * @param label {@code bouchaud} or {@code barrat-mezard}
         * @return the model
         */
        public static Model parse(String label) {
            for (Model m : values()) {
                if (m.label.equals(label == null ? null : label.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw Require.invalid("model", "must be bouchaud or barrat-mezard, got " + label);
        }
    }

    /**
     * One study.
     *
     * @param model the trap model
     * @param x T/T_g in (0, ∞) for Bouchaud; the temperature T &gt;= 0 for Barrat–Mézard
     * @param tw the waiting time t_w &gt; 0 and finite
     * @param samples the number of walkers, at least 1
     * @param seed the seed
     * @param states Barrat–Mézard: M &gt;= 2, or {@link BarratMezardModel#INFINITE} (0) for M → ∞;
     *     Bouchaud: must be {@link BarratMezardModel#INFINITE} (its trap set is always infinite)
     */
    public record Parameters(Model model, double x, double tw, int samples, long seed, int states) {

        /**
         * Validates every parameter, naming it.
         *
         * @param model the model
         * @param x T/T_g or T
         * @param tw t_w
         * @param samples the number of walkers
         * @param seed the seed
         * @param states M or 0
         */
        public Parameters {
            if (model == null) {
                throw Require.invalid("model", "must be bouchaud or barrat-mezard, got null");
            }
            if (model == Model.BOUCHAUD) {
                if (!(x > 0) || !Double.isFinite(x)) {
                    throw Require.invalid("x", "must lie in (0, ∞) for bouchaud, got " + x);
                }
                if (states != BarratMezardModel.INFINITE) {
                    throw Require.invalid("states", "is not allowed for bouchaud, got " + states);
                }
            } else {
                Require.nonNegative("x", x);
                if (states != BarratMezardModel.INFINITE && states < 2) {
                    throw Require.invalid("states", "must be >= 2 (or omitted: infinite), got " + states);
                }
            }
            Require.positive("tw", tw);
            Require.atLeast("samples", samples, 1);
        }

        /**
         * The estimated heap of a run: a walker of the finite Barrat–Mézard model holds the energies and rates of
         * its M states, 16 M bytes; otherwise a few numbers.
         *
         * @return the bytes
         */
        public double bytes() {
            return 16.0 * states + 4096;
        }

        /**
         * The estimated number of jumps of one walker up to t_w: for Bouchaud's model t_w^x when x &lt; 1 (the
         * number of traps visited grows as t_w^x while the model ages) and t_w otherwise (the mean trapping time
         * is at least 1); for Barrat–Mézard ln(1 + t_w) at T = 0 (each jump deepens the walker by Exp(1), the
         * exit rate falls as e^{−depth}) and t_w^min(T, 1) above (the total rate is at most 1). Rough: what
         * matters is the order of magnitude.
         *
         * @return the jumps, at least 1
         */
        public double jumpsPerWalker() {
            double exponent = Math.min(x, 1);
            if (model == Model.BARRAT_MEZARD && x == 0) {
                return 1 + Math.log1p(tw);
            }
            return 1 + Math.pow(tw, exponent);
        }

        /**
         * The estimated work of a run: samples × {@link #jumpsPerWalker()} jumps of about 10 operations each (M
         * for the finite Barrat–Mézard model, whose every jump sums the rates to all states).
         *
         * @return the operations
         */
        public double operations() {
            return samples * jumpsPerWalker() * (states == BarratMezardModel.INFINITE ? 10.0 : 10.0 * states);
        }

        /**
         * Checks, before anything is allocated, that the run fits this JVM's heap (naming {@code states}) and the
         * bound on work (naming {@code tw}); {@link TrapAging#aging} calls it first.
         *
         * @throws IllegalArgumentException naming the parameter otherwise
         */
        public void requireResources() {
            Resources.requireMemory("states", bytes(), "the energies and rates of " + states + " states");
            Resources.requireWork("tw", operations(), Resources.count(samples) + " walkers of about "
                    + Resources.count(jumpsPerWalker()) + " jumps each up to tw = " + tw);
        }

        /** @return the configured trap model */
        public TrapModel trapModel() {
            return model == Model.BOUCHAUD ? new BouchaudTrapModel(x) : new BarratMezardModel(x, states);
        }
    }

    /**
     * Lags t_w·10^{−2 + k/perDecade}, k = 0, …, 4·perDecade: from 10⁻² t_w to 10² t_w.
     *
     * @param tw the waiting time t_w &gt; 0
     * @param perDecade lags per decade, at least 1
     * @return the increasing lags
     */
    public static double[] lags(double tw, int perDecade) {
        Require.positive("tw", tw);
        Require.atLeast("perDecade", perDecade, 1);
        double[] lags = new double[4 * perDecade + 1];
        for (int k = 0; k < lags.length; k++) {
            lags[k] = tw * Math.pow(10, -2 + (double) k / perDecade);
        }
        return lags;
    }

    /**
     * Runs the study.
     *
     * @param parameters the study
     * @return the Monte Carlo estimates at the lags {@link #lags}(tw, {@value #LAGS_PER_DECADE})
     */
    public static Aging aging(Parameters parameters) {
        return aging(parameters, null);
    }

    /**
     * Runs the study, telling {@code progress} after each walker (the running estimate of Π(2 t_w, t_w) as the
     * value); an interrupt of the thread stops it between walkers with a
     * {@link java.util.concurrent.CancellationException}.
     *
     * @param parameters the study
     * @param progress told after each walker, or null
     * @return the Monte Carlo estimates at the lags {@link #lags}(tw, {@value #LAGS_PER_DECADE})
     * @throws IllegalArgumentException if the run needs more memory or work than
     *     {@link Parameters#requireResources()} allows
     */
    public static Aging aging(Parameters parameters, ProgressListener progress) {
        parameters.requireResources();
        return parameters.trapModel().aging(parameters.tw(), lags(parameters.tw(), LAGS_PER_DECADE),
                parameters.samples(), parameters.seed(), progress);
    }

    /**
     * Runs the study and returns its table.
     *
     * @param parameters the study
     * @return columns {@code tw, t, pi, pi_se} (Π and its binomial standard error), one row per lag
     */
    public static Table run(Parameters parameters) {
        return aging(parameters).table();
    }
}
