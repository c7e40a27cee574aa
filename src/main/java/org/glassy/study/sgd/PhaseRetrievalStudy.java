package org.glassy.study.sgd;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.core.LogTimes;
import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.StepHandler;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.Langevin;
import org.glassy.dynamics.Selection;
import org.glassy.dynamics.StochasticGradientDescent;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.BatchModel;
import org.glassy.model.PhaseRetrieval;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Real phase retrieval trained by gradient descent, mini-batch SGD, persistent SGD or Langevin dynamics: the
 * {@code bin/glassy phase-retrieval} command and notebook 09 (Mignacco, Urbani, Zdeborová, "Stochasticity helps to
 * navigate rough landscapes: comparing gradient-descent-based algorithms in the phase retrieval problem",
 * Mach. Learn.: Sci. Technol. 2, 035029 (2021), arXiv:2103.04902).
 *
 * <p>A teacher w* uniform on the sphere |w*|² = d labels n = round(α d) Gaussian inputs, y_μ = (w*·x_μ/√d)²; the
 * student minimises {@link PhaseRetrieval}'s loss (1/(4n)) Σ_μ [y_μ − (w·x_μ/√d)²]², in R^d or on the sphere
 * |w|² = d, from a uniformly random point of that sphere (start overlap 0) or from an informed start with overlap
 * exactly m₀ (w₀ = m₀ w* + √(1 − m₀²) u, u ⊥ w*, |u|² = d). Every algorithm has time step η (the learning rate), so
 * time = step × η means the same for all: gradient descent w ← w − η∇L; SGD and persistent SGD use the mean loss of
 * the selected examples ({@link StochasticGradientDescent}); Langevin adds √(2Tη) ξ per step ({@link Langevin}).
 * Recorded: the training loss and the overlap |m| = |w·w*|/(|w||w*|) ∈ [0, 1], at 10 log-spaced times per decade
 * ending at the final time. A run succeeds if its final overlap exceeds {@link #SUCCESS_OVERLAP}.
 *
 * <p>Reference thresholds: α = 1 is the information-theoretic threshold for real signals (below it recovery is
 * impossible); the thresholds of AMP (≈ 1.13) and of gradient flow at N → ∞ (≈ 13.8) are recollections we could
 * not confirm from the papers' text here.
 *
 * <p>One seed fixes everything: teacher and data, the initial point and the noise are drawn from three
 * generators split from it, so the algorithms compared at one seed see the same data and start.
 */
public final class PhaseRetrievalStudy {

    /** The overlap a run must exceed at the end to count as a success: 0.99. */
    public static final double SUCCESS_OVERLAP = 0.99;

    private PhaseRetrievalStudy() {
    }

    /** The training algorithms. */
    public enum Algorithm {
        /** Gradient descent on the full loss. */
        GD("gd"),
        /** Fresh Bernoulli(b) mini-batches each step. */
        SGD("sgd"),
        /** The persistent selection process with persistence time τ. */
        PERSISTENT_SGD("persistent-sgd"),
        /** Langevin dynamics at temperature T. */
        LANGEVIN("langevin");

        private final String spelling;

        Algorithm(String spelling) {
            this.spelling = spelling;
        }

        /** @return the command-line spelling, e.g. {@code persistent-sgd} */
        public String spelling() {
            return spelling;
        }

        /**
         * Parses the command-line spelling.
         *
         * @param name gd, sgd, persistent-sgd or langevin (case-insensitive)
         * @return the algorithm
         */
        public static Algorithm parse(String name) {
            for (Algorithm a : values()) {
                if (a.spelling.equalsIgnoreCase(name)) {
                    return a;
                }
            }
            throw Require.invalid("algorithm", "must be gd, sgd, persistent-sgd or langevin, got '" + name + "'");
        }
    }

    /**
     * The parameters of one run; build them with {@link #builder()}.
     *
     * @param dimension d, in [1, 10⁵]
     * @param alpha α = n/d &gt; 0, with n = round(α d) ≥ 1
     * @param algorithm the algorithm
     * @param learningRate η &gt; 0, the time step
     * @param time the final time ≥ η
     * @param seed the seed of data, start and noise
     * @param batchFraction b in (0, 1] (SGD and persistent SGD; 1 for the others)
     * @param persistence τ ≥ η·max(1, (1 − b)/b) (persistent SGD)
     * @param temperature T ≥ 0; &gt; 0 with Langevin, 0 otherwise
     * @param startOverlap m₀ in [0, 1): 0 for a uniformly random start
     * @param spherical whether w lives on the sphere |w|² = d
     */
    public record Parameters(int dimension, double alpha, Algorithm algorithm, double learningRate, double time,
                             long seed, double batchFraction, double persistence, double temperature,
                             double startOverlap, boolean spherical) {

        /**
         * Validates every parameter, naming it in the message.
         *
         * @param dimension d, in [1, 10⁵]
         * @param alpha α &gt; 0
         * @param algorithm the algorithm
         * @param learningRate η &gt; 0
         * @param time the final time ≥ η
         * @param seed the seed
         * @param batchFraction b in (0, 1]
         * @param persistence τ &gt; 0
         * @param temperature T ≥ 0
         * @param startOverlap m₀ in [0, 1)
         * @param spherical the constraint
         */
        public Parameters {
            Require.inRange("dimension", dimension, 1, 100_000);
            Require.positive("alpha", alpha);
            Objects.requireNonNull(algorithm, "algorithm");
            Require.positive("learningRate", learningRate);
            Require.positive("time", time);
            if (time < learningRate) {
                throw Require.invalid("time", "must be >= the learning rate " + learningRate + ", got " + time);
            }
            if (time / learningRate > 1e12) {
                throw Require.invalid("time", "must be at most 1e12 learning rates, got " + time / learningRate
                        + " steps");
            }
            if (Math.round(alpha * dimension) < 1 || alpha * dimension > 1e8) {
                throw Require.invalid("alpha", "must give 1 <= n = alpha·d <= 1e8 examples, got " + alpha * dimension);
            }
            if (!(batchFraction > 0 && batchFraction <= 1)) {
                throw Require.invalid("batchFraction", "must be in (0, 1], got " + batchFraction);
            }
            Require.positive("persistence", persistence);
            Require.nonNegative("temperature", temperature);
            if (!(startOverlap >= 0 && startOverlap < 1)) {
                throw Require.invalid("startOverlap", "must be in [0, 1), got " + startOverlap);
            }
            if (algorithm == Algorithm.LANGEVIN && temperature == 0) {
                throw Require.invalid("temperature", "must be > 0 with langevin, got 0");
            }
            if (algorithm != Algorithm.LANGEVIN && temperature != 0) {
                throw Require.invalid("temperature", "must be 0 (not given) except with langevin, got "
                        + temperature);
            }
            if ((algorithm == Algorithm.GD || algorithm == Algorithm.LANGEVIN) && batchFraction != 1) {
                throw Require.invalid("batchFraction", "must be 1 (not given) with " + algorithm.spelling()
                        + ", got " + batchFraction);
            }
            if (algorithm == Algorithm.PERSISTENT_SGD) {
                Selection.persistent(batchFraction, persistence).checkStep(learningRate);
            }
        }

        /** @return n = round(α d), the number of examples */
        public int samples() {
            return (int) Math.round(alpha * dimension);
        }

        /** @return the number of steps, time/η rounded */
        public long steps() {
            return Math.max(1, Math.round(time / learningRate));
        }

        /**
         * Checks that the work, steps × n × d multiply-adds (twice), is at most 10¹⁵ (naming {@code time}).
         *
         * @throws IllegalArgumentException otherwise
         */
        public void requireResources() {
            double operations = 2.0 * steps() * samples() * dimension;
            Resources.requireWork("time", operations, Resources.count(steps()) + " steps of "
                    + Resources.count(2.0 * samples() * dimension) + " multiply-adds");
        }

        /**
         * The step rule of these parameters.
         *
         * @return gradient descent, {@link StochasticGradientDescent} or {@link Langevin}
         */
        public StepRule<? super BatchModel, ?> rule() {
            return switch (algorithm) {
                case GD -> new GradientDescent(learningRate);
                case SGD -> new StochasticGradientDescent(learningRate, Selection.bernoulli(batchFraction));
                case PERSISTENT_SGD -> new StochasticGradientDescent(learningRate,
                        Selection.persistent(batchFraction, persistence));
                case LANGEVIN -> new Langevin(temperature, learningRate);
            };
        }

        /** @return a short label for plots, e.g. "SGD b = 0.5" */
        public String label() {
            return switch (algorithm) {
                case GD -> "GD";
                case SGD -> String.format(Locale.ROOT, "SGD b = %.3g", batchFraction);
                case PERSISTENT_SGD -> String.format(Locale.ROOT, "p-SGD b = %.3g, τ = %.3g", batchFraction,
                        persistence);
                case LANGEVIN -> String.format(Locale.ROOT, "Langevin T = %.3g", temperature);
            };
        }

        /**
         * A builder: b = 1, τ = 1, T = 0, m₀ = 0, unconstrained; dimension, α, algorithm, learning rate, time
         * and seed must be set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters */
        public Builder toBuilder() {
            return builder().dimension(dimension).alpha(alpha).algorithm(algorithm).learningRate(learningRate)
                    .time(time).seed(seed).batchFraction(batchFraction).persistence(persistence)
                    .temperature(temperature).startOverlap(startOverlap).spherical(spherical);
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private Integer dimension;
            private Double alpha;
            private Algorithm algorithm;
            private Double learningRate;
            private Double time;
            private Long seed;
            private double batchFraction = 1;
            private double persistence = 1;
            private double temperature;
            private double startOverlap;
            private boolean spherical;

            private Builder() {
            }

            /**
             * @param value d
             * @return this builder
             */
            public Builder dimension(int value) {
                dimension = value;
                return this;
            }

            /**
             * @param value α = n/d
             * @return this builder
             */
            public Builder alpha(double value) {
                alpha = value;
                return this;
            }

            /**
             * @param value the algorithm
             * @return this builder
             */
            public Builder algorithm(Algorithm value) {
                algorithm = value;
                return this;
            }

            /**
             * @param value η
             * @return this builder
             */
            public Builder learningRate(double value) {
                learningRate = value;
                return this;
            }

            /**
             * @param value the final time
             * @return this builder
             */
            public Builder time(double value) {
                time = value;
                return this;
            }

            /**
             * @param value the seed of data, start and noise
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value b
             * @return this builder
             */
            public Builder batchFraction(double value) {
                batchFraction = value;
                return this;
            }

            /**
             * @param value τ
             * @return this builder
             */
            public Builder persistence(double value) {
                persistence = value;
                return this;
            }

            /**
             * @param value T
             * @return this builder
             */
            public Builder temperature(double value) {
                temperature = value;
                return this;
            }

            /**
             * @param value m₀
             * @return this builder
             */
            public Builder startOverlap(double value) {
                startOverlap = value;
                return this;
            }

            /**
             * @param value whether w lives on the sphere |w|² = d
             * @return this builder
             */
            public Builder spherical(boolean value) {
                spherical = value;
                return this;
            }

            /** @return the validated parameters */
            public Parameters build() {
                return new Parameters(Require.given("dimension", dimension), Require.given("alpha", alpha),
                        Require.given("algorithm", algorithm), Require.given("learningRate", learningRate),
                        Require.given("time", time), Require.given("seed", seed), batchFraction, persistence,
                        temperature, startOverlap, spherical);
            }
        }
    }

    /**
     * One instance: the teacher, the loss over its data and the initial point.
     *
     * @param teacher w*, |w*|² = d
     * @param model the training loss
     * @param start w₀, |w₀|² = d
     */
    public record Instance(double[] teacher, PhaseRetrieval model, double[] start) {

        /**
         * Returns |m| = |w·w*|/(|w||w*|).
         *
         * @param w the weights
         * @return the overlap in [0, 1] (0 for w = 0)
         */
        public double overlap(double[] w) {
            double dot = 0;
            double ww = 0;
            double tt = 0;
            for (int i = 0; i < w.length; i++) {
                dot += w[i] * teacher[i];
                ww += w[i] * w[i];
                tt += teacher[i] * teacher[i];
            }
            return ww == 0 ? 0 : Math.min(1, Math.abs(dot) / Math.sqrt(ww * tt));
        }
    }

    /**
     * Draws the instance of a run: teacher and data from the first generator split from the seed, the start from
     * the second.
     *
     * @param parameters the parameters
     * @return the instance
     */
    public static Instance instance(Parameters parameters) {
        int d = parameters.dimension();
        int n = parameters.samples();
        SplittableRandom root = new SplittableRandom(parameters.seed());
        SplittableRandom data = root.split();
        SplittableRandom init = root.split();
        double[] teacher = Sphere.randomPoint(d, data.nextLong());
        double[] x = new double[n * d];
        double[] y = new double[n];
        double s = 1 / Math.sqrt(d);
        for (int mu = 0; mu < n; mu++) {
            double h = 0;
            for (int i = 0; i < d; i++) {
                double v = data.nextGaussian();
                x[mu * d + i] = v;
                h += v * teacher[i];
            }
            h *= s;
            y[mu] = h * h;
        }
        double[] start = Sphere.randomPoint(d, init.nextLong());
        double m0 = parameters.startOverlap();
        if (m0 > 0 && d > 1) {
            double c = 0;
            for (int i = 0; i < d; i++) {
                c += start[i] * teacher[i];
            }
            c /= d;
            double norm = 0;
            for (int i = 0; i < d; i++) {
                start[i] -= c * teacher[i];
                norm += start[i] * start[i];
            }
            double scale = Math.sqrt(d / norm) * Math.sqrt(1 - m0 * m0);
            for (int i = 0; i < d; i++) {
                start[i] = m0 * teacher[i] + scale * start[i];
            }
            Space.sphere().retract(start);
        }
        return new Instance(teacher, new PhaseRetrieval(d, x, y), start);
    }

    /**
     * Runs the parameters' algorithm and calls the handlers at 10 log-spaced steps per decade (and step 0),
     * ending at the final step; the handlers get the training loss as the energy.
     *
     * @param parameters the parameters
     * @param progress told of progress, or null
     * @param handlers called at the recording steps (e.g. a CSV writer)
     * @return the final weights
     */
    public static double[] run(Parameters parameters, ProgressListener progress, StepHandler... handlers) {
        parameters.requireResources();
        Instance instance = instance(parameters);
        return run(instance, parameters, progress, handlers);
    }

    /**
     * Runs the parameters' algorithm on a given instance (from {@link #instance}, e.g. to measure the overlap in
     * the handlers).
     *
     * @param instance the teacher, the loss and the start
     * @param parameters the parameters
     * @param progress told of progress, or null
     * @param handlers called at the recording steps with the training loss as the energy
     * @return the final weights
     * @throws org.glassy.core.NumericalInstabilityException if the loss stops being finite (the step is too large)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static double[] run(Instance instance, Parameters parameters, ProgressListener progress,
                               StepHandler... handlers) {
        long noiseSeed = new SplittableRandom(parameters.seed()).split().split().nextLong() ^ 0x5DEECE66DL;
        StepRule rule = parameters.rule();
        Dynamics<PhaseRetrieval, ?> dynamics = Dynamics.of(instance.model(), rule);
        return dynamics.space(parameters.spherical() ? Space.sphere() : Space.euclidean())
                .seed(noiseSeed)
                .steps(parameters.steps())
                .record(LogTimes.upTo(parameters.steps(), 10), handlers)
                .progress(progress)
                .run(instance.start())
                .state().position();
    }

    /**
     * Runs and returns the table {@code time, train_loss, overlap}.
     *
     * @param parameters the parameters
     * @return the long table of the run, one row per recording step
     */
    public static Table table(Parameters parameters) {
        parameters.requireResources();
        Instance instance = instance(parameters);
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn loss = DoubleColumn.create("train_loss");
        DoubleColumn overlap = DoubleColumn.create("overlap");
        run(instance, parameters, null, (step, t, x, energy) -> {
            time.append(t);
            loss.append(energy);
            overlap.append(instance.overlap(x));
        });
        return Table.create("phase retrieval " + parameters.label(), time, loss, overlap);
    }

    /**
     * Runs and returns the final overlap.
     *
     * @param parameters the parameters
     * @return |m| at the final time
     */
    public static double finalOverlap(Parameters parameters) {
        parameters.requireResources();
        Instance instance = instance(parameters);
        return instance.overlap(run(instance, parameters, null));
    }

    /**
     * Whether a run recovers the teacher: final overlap &gt; {@link #SUCCESS_OVERLAP}.
     *
     * @param parameters the parameters
     * @return true on success
     */
    public static boolean succeeds(Parameters parameters) {
        return finalOverlap(parameters) > SUCCESS_OVERLAP;
    }
}
