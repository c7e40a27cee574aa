package org.glassy.study.trap;

import java.util.Locale;

import org.glassy.internal.Require;

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
        return parameters.trapModel().aging(parameters.tw(), lags(parameters.tw(), LAGS_PER_DECADE),
                parameters.samples(), parameters.seed());
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
