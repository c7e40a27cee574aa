package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.internal.Require;

/**
 * Which training examples enter the gradient of a step of {@link StochasticGradientDescent}: each example μ has
 * a selection variable s_μ ∈ {0, 1}, and a step uses the mean loss over the examples with s_μ = 1. The three
 * processes of Mignacco, Krzakala, Urbani, Zdeborová (NeurIPS 2020, arXiv:2006.06098) and of Mignacco, Urbani,
 * Zdeborová (arXiv:2103.04902):
 *
 * <ul>
 * <li>{@link #all()}: every s_μ = 1 at every step, gradient descent;</li>
 * <li>{@link #bernoulli(double)}: fresh s_μ ~ Bernoulli(b) at every step, independently, mini-batch SGD with batch
 *     fraction b (mean batch size b·n);</li>
 * <li>{@link #persistent(double, double)}: persistent SGD, s_μ(t) a two-state Markov chain flipping
 *     0 → 1 at rate 1/τ and 1 → 0 at rate (1 − b)/(bτ). Over a step of length η (the learning rate) the flip
 *     probabilities are η/τ and η(1 − b)/(bτ), the discretisation of those papers; they must not exceed 1, so
 *     τ ≥ η·max(1, (1 − b)/b). The stationary law is Bernoulli(b) exactly (p₀₁/(p₀₁ + p₁₀) = b) and the
 *     autocorrelation ⟨s(t)s(t + kη)⟩ − b² = b(1 − b) ρ^k with ρ = 1 − η/(bτ): correlation time bτ as η → 0. At
 *     τ = η/b both flip probabilities make s(t + η) = 1 with probability b whatever s(t): mini-batch SGD.</li>
 * </ul>
 *
 * <p>(The rates are the ones stated in the issue that asked for this study, recalled from arXiv:2006.06098; we
 * could not read the paper's text here to confirm them. They are the unique rates with stationary mean b and
 * correlation time bτ whose 0 → 1 rate is 1/τ.)
 *
 * <p>Every process starts from the stationary law, s_μ(0) ~ Bernoulli(b). One uniform number u_μ is drawn per
 * example and step, and s_μ ← [u_μ &lt; q(s_μ)] with q(0) = p₀₁ and q(1) = 1 − p₁₀; with b = 1 nothing is
 * drawn. Immutable; the s_μ are the run's state.
 */
public sealed interface Selection permits Selection.All, Selection.Bernoulli, Selection.Persistent {

    /** @return every example at every step (gradient descent) */
    static Selection all() {
        return new All();
    }

    /**
     * Fresh Bernoulli(b) selections at every step.
     *
     * @param batchFraction b in (0, 1]
     * @return the process
     */
    static Selection bernoulli(double batchFraction) {
        return new Bernoulli(batchFraction);
    }

    /**
     * Persistent selections with stationary mean b and persistence time τ.
     *
     * @param batchFraction b in (0, 1]
     * @param persistence τ &gt; 0, at least η·max(1, (1 − b)/b) for the learning rate η it runs with
     * @return the process
     */
    static Selection persistent(double batchFraction, double persistence) {
        return new Persistent(batchFraction, persistence);
    }

    /** @return the stationary fraction b of selected examples */
    double batchFraction();

    /**
     * Checks that the process can be discretised with steps of length η.
     *
     * @param learningRate η
     * @throws IllegalArgumentException naming {@code persistence} otherwise
     */
    default void checkStep(double learningRate) {
    }

    /**
     * Draws s_μ(0) from the stationary law Bernoulli(b).
     *
     * @param selected overwritten with the s_μ
     * @param random the run's generator
     */
    default void initial(boolean[] selected, RandomGenerator random) {
        double b = batchFraction();
        for (int mu = 0; mu < selected.length; mu++) {
            selected[mu] = b >= 1 || random.nextDouble() < b;
        }
    }

    /**
     * Advances the s_μ over one step of length η.
     *
     * @param selected the s_μ, updated in place
     * @param learningRate η
     * @param random the run's generator
     */
    void advance(boolean[] selected, double learningRate, RandomGenerator random);

    /** Every example, always. */
    record All() implements Selection {
        @Override
        public double batchFraction() {
            return 1;
        }

        @Override
        public void advance(boolean[] selected, double learningRate, RandomGenerator random) {
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /**
     * Fresh Bernoulli(b) selections.
     *
     * @param batchFraction b in (0, 1]
     */
    record Bernoulli(double batchFraction) implements Selection {

        /**
         * Validates b.
         *
         * @param batchFraction b in (0, 1]
         */
        public Bernoulli {
            requireFraction(batchFraction);
        }

        @Override
        public void advance(boolean[] selected, double learningRate, RandomGenerator random) {
            initial(selected, random);
        }
    }

    /**
     * The persistent two-state process.
     *
     * @param batchFraction b in (0, 1]
     * @param persistence τ &gt; 0
     */
    record Persistent(double batchFraction, double persistence) implements Selection {

        /**
         * Validates b and τ.
         *
         * @param batchFraction b in (0, 1]
         * @param persistence τ &gt; 0
         */
        public Persistent {
            requireFraction(batchFraction);
            Require.positive("persistence", persistence);
        }

        /**
         * @param learningRate η
         * @return p₀₁ = η/τ, the probability that an unselected example is selected after one step
         */
        public double switchOn(double learningRate) {
            return learningRate / persistence;
        }

        /**
         * @param learningRate η
         * @return p₁₀ = η(1 − b)/(bτ), the probability that a selected example leaves after one step
         */
        public double switchOff(double learningRate) {
            return learningRate * (1 - batchFraction) / (batchFraction * persistence);
        }

        @Override
        public void checkStep(double learningRate) {
            double min = learningRate * Math.max(1, (1 - batchFraction) / batchFraction);
            if (!(persistence >= min)) {
                throw Require.invalid("persistence", "must be >= lr·max(1, (1 − b)/b) = " + min
                        + " (flip probabilities at most 1), got " + persistence);
            }
        }

        @Override
        public void advance(boolean[] selected, double learningRate, RandomGenerator random) {
            if (batchFraction >= 1) {
                return;
            }
            double on = switchOn(learningRate);
            double stay = 1 - switchOff(learningRate);
            for (int mu = 0; mu < selected.length; mu++) {
                selected[mu] = random.nextDouble() < (selected[mu] ? stay : on);
            }
        }
    }

    private static void requireFraction(double b) {
        if (!(b > 0 && b <= 1)) {
            throw Require.invalid("batchFraction", "must be in (0, 1], got " + b);
        }
    }
}
