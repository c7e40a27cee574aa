package org.glassy.study.hinge;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.data.LinearTeacher;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.core.LogTimes;
import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.HingeLoss;
import org.glassy.observable.Aggregates;
import org.glassy.observable.Evaluation;
import org.glassy.observable.PowerLaw;
import org.glassy.observable.Rows;
import org.glassy.observable.ScalarObservable;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Gradient flow of Pellegrini and Biroli's shallow network under the linear hinge loss (NeurIPS
 * 2020, arXiv:2006.11209) next to its mean-field solution: a {@link ShallowHingeNetwork} with M
 * hidden nodes, trained on P Gaussian examples labelled by a random linear teacher, from the
 * paper's N(0, 1) initialisation, by gradient descent on M·L with step {@link Parameters#dt()}
 * (time t = k·dt is the paper's time at β = 1), compared with {@link ShallowHingeTheory}.
 */
public final class HingeDynamics {

    /** The name of the late-time asymptote's curve in {@link #widths}. */
    public static final String LATE_TIME_LAW = "late-time law ∝ t^(−1/2)";

    /** The default Euler step of the gradient flow. */
    public static final double DEFAULT_DT = 0.2;

    /**
     * One run.
     *
     * @param hidden the number of hidden nodes M, at least 1
     * @param samples the number of training examples P, at least 1
     * @param dim the input dimension d, at least 1
     * @param margin the hinge threshold h, &gt; 0
     * @param time the final time, at least dt
     * @param seed the seed of the teacher, the data and the initial weights
     * @param dt the Euler step of the gradient flow, &gt; 0
     */
    public record Parameters(int hidden, int samples, int dim, double margin, double time, long seed, double dt) {

        /**
         * Validates the parameters.
         *
         * @param hidden the number of hidden nodes M, at least 1
         * @param samples the number of training examples P, at least 1
         * @param dim the input dimension d, at least 1
         * @param margin the hinge threshold h, &gt; 0
         * @param time the final time, at least dt
         * @param seed the seed of the teacher, the data and the initial weights
         * @param dt the Euler step, &gt; 0
         */
        public Parameters {
            Require.atLeast("hidden", hidden, 1);
            Require.atLeast("samples", samples, 1);
            Require.atLeast("dim", dim, 1);
            Require.positive("margin", margin);
            Require.positive("dt", dt);
            Require.positive("time", time);
            if (time < dt) {
                throw Require.invalid("time", "must be >= dt = " + dt + ", got " + time);
            }
        }

        /**
         * The parameters with the default step {@link #DEFAULT_DT}.
         *
         * @param hidden the number of hidden nodes M, at least 1
         * @param samples the number of training examples P, at least 1
         * @param dim the input dimension d, at least 1
         * @param margin the hinge threshold h, &gt; 0
         * @param time the final time, at least {@link #DEFAULT_DT}
         * @param seed the seed
         */
        public Parameters(int hidden, int samples, int dim, double margin, double time, long seed) {
            this(hidden, samples, dim, margin, time, seed, DEFAULT_DT);
        }

        /** @return the number of steps, round(time/dt) */
        public long steps() {
            return Math.round(time / dt);
        }

        /**
         * The estimated heap of a run: the P inputs of dimension d, 8 P d bytes, the M d + M parameters in a
         * few vectors and the network's per-example buffers.
         *
         * @return the bytes
         */
        public double bytes() {
            return 8.0 * samples * (dim + 4) + 8.0 * 8 * hidden * (dim + 1.0);
        }

        /**
         * The estimated work of a run: per step a pass over the P examples through the M hidden units, about
         * 4 P M d multiply–adds (forward and backward).
         *
         * @return the operations
         */
        public double operations() {
            return 4.0 * steps() * samples * hidden * dim;
        }

        /**
         * Checks, before anything is allocated, that the run fits in one array per vector and this JVM's heap
         * (naming {@code samples} and {@code hidden}) and the bound on work (naming {@code time});
         * {@link HingeDynamics#run(Parameters, ProgressListener, double...)} calls it first.
         *
         * @throws IllegalArgumentException naming the parameter otherwise
         */
        public void requireResources() {
            Resources.requireArrayLength("samples", (double) samples * dim, "input coordinates (samples × dim)");
            Resources.requireArrayLength("hidden", (double) hidden * (dim + 1), "network parameters");
            Resources.requireMemory("samples", bytes(), Resources.count(samples) + " examples of dimension " + dim
                    + " and " + Resources.count(hidden) + " hidden units");
            Resources.requireWork("time", operations(), Resources.count(steps()) + " steps over "
                    + Resources.count(samples) + " examples and " + Resources.count(hidden) + " hidden units of dimension "
                    + dim);
        }

        /**
         * A builder with the default step {@link #DEFAULT_DT}; hidden, samples, dim, margin, time
         * and seed must be set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters, to change some of them */
        public Builder toBuilder() {
            return builder().hidden(hidden).samples(samples).dim(dim).margin(margin).time(time).seed(seed).dt(dt);
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private Integer hidden;
            private Integer samples;
            private Integer dim;
            private Double margin;
            private Double time;
            private Long seed;
            private double dt = DEFAULT_DT;

            private Builder() {
            }

            /**
             * @param value the number of hidden nodes M
             * @return this builder
             */
            public Builder hidden(int value) {
                hidden = value;
                return this;
            }

            /**
             * @param value the number of training examples P
             * @return this builder
             */
            public Builder samples(int value) {
                samples = value;
                return this;
            }

            /**
             * @param value the input dimension d
             * @return this builder
             */
            public Builder dim(int value) {
                dim = value;
                return this;
            }

            /**
             * @param value the hinge threshold h
             * @return this builder
             */
            public Builder margin(double value) {
                margin = value;
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
             * @param value the seed of the teacher, the data and the initial weights
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value the Euler step of the gradient flow
             * @return this builder
             */
            public Builder dt(double value) {
                dt = value;
                return this;
            }

            /**
             * @return the parameters
             * @throws IllegalStateException if a parameter without default was not set
             * @throws IllegalArgumentException if a parameter is out of range
             */
            public Parameters build() {
                return new Parameters(Require.given("hidden", hidden), Require.given("samples", samples),
                        Require.given("dim", dim), Require.given("margin", margin), Require.given("time", time),
                        Require.given("seed", seed), dt);
            }
        }
    }

    private HingeDynamics() {
    }

    /**
     * Runs the gradient flow, recording 10 log-spaced times per decade (plus step 0 and the end).
     *
     * @param parameters the run
     * @return columns {@code time, loss, unsat, loss_theory, unsat_theory, overlap, overlap_theory,
     *     perpendicular}, where overlap is the mean of a_i w∥_i, predicted (σ_a² + σ_w²) sinh(2γ)/2 =
     *     sinh 2γ, and perpendicular the mean of |w⊥_i|², constant in the theory
     */
    public static Table run(Parameters parameters) {
        return run(parameters, null, new double[0]);
    }

    /**
     * Runs the gradient flow, recording 10 log-spaced times per decade and the given times.
     *
     * @param parameters the run
     * @param progress told of progress, or null
     * @param times extra times to record, each rounded to the nearest step
     * @return the columns of {@link #run(Parameters)}
     */
    public static Table run(Parameters parameters, ProgressListener progress, double... times) {
        parameters.requireResources();
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        LinearTeacher teacher = LinearTeacher.random(parameters.dim(), seeds.nextLong());
        Dataset data = teacher.sample(parameters.samples(), seeds.nextLong());
        ShallowHingeNetwork network = new ShallowHingeNetwork(data, parameters.hidden(), parameters.margin(),
                HingeLoss.LINEAR);
        double[] x0 = network.initialState(seeds.nextLong());
        double[] direction = teacher.direction();
        long steps = parameters.steps();
        long[] extra = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            extra[i] = Math.min(steps, Math.round(Require.nonNegative("times[i]", times[i]) / parameters.dt()));
        }
        ScalarObservable loss = new Evaluation("loss", network::loss);
        ScalarObservable unsat = new Evaluation("unsat", network::unsatisfiedFraction);
        ScalarObservable overlap = new Evaluation("overlap", x -> {
            double[] a = network.outputWeights(x);
            double[] parallel = network.parallelComponents(x, direction);
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * parallel[i];
            }
            return s / a.length;
        });
        ScalarObservable perpendicular = new Evaluation("perpendicular", x -> {
            double s = 0;
            for (double v : network.perpendicularSquaredNorms(x, direction)) {
                s += v;
            }
            return s / parameters.hidden();
        });
        var run = Dynamics.of(network, new GradientDescent(parameters.dt()))
                .seed(seeds.nextLong())
                .steps(steps)
                .record(LogTimes.merge(LogTimes.upTo(steps, 10), extra), loss, unsat, overlap, perpendicular)
                .progress(progress)
                .run(x0);
        ShallowHingeTheory theory = new ShallowHingeTheory(
                ShallowHingeTheory.Parameters.standard(parameters.dim(), parameters.margin()));
        double[] t = run.recording(loss).times();
        double[] lossTheory = new double[t.length];
        double[] unsatTheory = new double[t.length];
        double[] overlapTheory = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            lossTheory[i] = theory.loss(t[i]);
            unsatTheory[i] = theory.unsatisfiedFraction(t[i]);
            overlapTheory[i] = Math.sinh(2 * theory.gamma(t[i]));
        }
        return Table.create(String.format(Locale.ROOT, "hinge shallow network M=%d P=%d d=%d h=%g",
                        parameters.hidden(), parameters.samples(), parameters.dim(), parameters.margin()),
                DoubleColumn.create("time", t),
                DoubleColumn.create("loss", run.recording(loss).values()),
                DoubleColumn.create("unsat", run.recording(unsat).values()),
                DoubleColumn.create("loss_theory", lossTheory),
                DoubleColumn.create("unsat_theory", unsatTheory),
                DoubleColumn.create("overlap", run.recording(overlap).values()),
                DoubleColumn.create("overlap_theory", overlapTheory),
                DoubleColumn.create("perpendicular", run.recording(perpendicular).values()));
    }

    /**
     * Loss and unsatisfied fraction against time, simulated for several widths M, from the
     * mean-field theory, and its late-time law (unsatisfied fraction (2d/π)^{1/4}/√t, loss h/2
     * times it, where below 1), in long format for {@code Plots.lines}: {@link #widths(int[], int, int, int,
     * double, double, long, ProgressListener)} with one seed.
     *
     * @param widths the numbers of hidden nodes M
     * @param samples P
     * @param dim d
     * @param margin h
     * @param time the final time
     * @param seed the seed (the same data and teacher for every width)
     * @return columns {@code curve, time, loss, loss_se, unsat, unsat_se} (the standard errors NaN)
     */
    public static Table widths(int[] widths, int samples, int dim, double margin, double time, long seed) {
        return widths(widths, 1, samples, dim, margin, time, seed, null);
    }

    /**
     * Loss and unsatisfied fraction against time for several widths M, each averaged over
     * {@code seeds} runs (teacher, data and initial weights from the seeds {@code seed}, {@code seed + 1},
     * …), with the standard errors over the runs; the mean-field theory and its late-time law (unsatisfied
     * fraction (2d/π)^{1/4}/√t, loss h/2 times it, where below 1). The runs are a {@link Sweep} over
     * {@code hidden × seed} on all cores; the first seed's curves are {@link #run}'s.
     *
     * @param widths the numbers of hidden nodes M, distinct, at least one
     * @param seeds the runs per width, at least 1
     * @param samples P
     * @param dim d
     * @param margin h
     * @param time the final time
     * @param seed the first seed
     * @param progress told of the runs done, or null
     * @return columns {@code curve, time, loss, loss_se, unsat, unsat_se} (t &gt; 0; the standard errors NaN for
     *     the theory and for one seed)
     */
    public static Table widths(int[] widths, int seeds, int samples, int dim, double margin, double time, long seed,
                               ProgressListener progress) {
        Require.atLeast("widths.length", widths.length, 1);
        Require.atLeast("seeds", seeds, 1);
        Grid grid = Grid.of(Axis.of("hidden", Arrays.stream(widths).boxed().toArray()),
                Axis.range("seed", seed, seed + seeds - 1));
        Table runs = Sweep.over(grid).progress(progress).run(point -> run(new Parameters(point.intValue("hidden"),
                samples, dim, margin, time, point.longValue("seed"))));
        runs = runs.where(runs.doubleColumn("time").isGreaterThan(0));
        Table mean = Aggregates.meanAndError(runs, List.of("loss", "unsat"), "hidden", "time");
        Rows all = Rows.of("hinge dynamics: simulation and mean-field theory", StringColumn.create("curve"),
                DoubleColumn.create("time"), DoubleColumn.create("loss"), DoubleColumn.create("loss_se"),
                DoubleColumn.create("unsat"), DoubleColumn.create("unsat_se"));
        for (int m : widths) {
            all.addAll(mean.where(mean.intColumn("hidden").isEqualTo(m)).selectColumns("time", "loss", "loss_se",
                    "unsat", "unsat_se"), "M = " + m);
        }
        Table one = runs.where(runs.intColumn("hidden").isEqualTo(widths[widths.length - 1])
                .and(runs.numberColumn("seed").isEqualTo(seed)));
        for (int r = 0; r < one.rowCount(); r++) {
            all.add("mean-field theory", one.doubleColumn("time").get(r), one.doubleColumn("loss_theory").get(r),
                    Double.NaN, one.doubleColumn("unsat_theory").get(r), Double.NaN);
        }
        ShallowHingeTheory theory = new ShallowHingeTheory(ShallowHingeTheory.Parameters.standard(dim, margin));
        for (double t : one.doubleColumn("time").asDoubleArray()) {
            if (theory.lateUnsatisfiedFraction(t) < 1) {
                all.add(LATE_TIME_LAW, t, theory.lateLoss(t), Double.NaN, theory.lateUnsatisfiedFraction(t), Double.NaN);
            }
        }
        return all.table();
    }

    /**
     * Late-time exponents: power laws A t^a fitted to loss and unsatisfied fraction of each curve of
     * {@link #widths} over [tMin, tMax], and to the mean-field theory over a late window
     * [10⁴, 10⁶] where its t^{−1/2} law holds.
     *
     * @param curves a table from {@link #widths}
     * @param dim d, for the late-window theory
     * @param margin h, for the late-window theory
     * @param tMin the start of the fitting window
     * @param tMax its end
     * @return columns {@code curve, window, loss_exponent, unsat_exponent}
     */
    public static Table exponents(Table curves, int dim, double margin, double tMin, double tMax) {
        Rows table = Rows.of("late-time exponents", StringColumn.create("curve"), StringColumn.create("window"),
                DoubleColumn.create("loss_exponent"), DoubleColumn.create("unsat_exponent"));
        String window = String.format(Locale.ROOT, "[%g, %g]", tMin, tMax);
        for (String curve : new java.util.LinkedHashSet<>(curves.stringColumn("curve").asList())) {
            Table c = curves.where(curves.stringColumn("curve").isEqualTo(curve));
            double[] t = c.doubleColumn("time").asDoubleArray();
            table.add(curve, window, PowerLaw.fit(t, c.doubleColumn("loss").asDoubleArray(), tMin, tMax).exponent(),
                    PowerLaw.fit(t, c.doubleColumn("unsat").asDoubleArray(), tMin, tMax).exponent());
        }
        ShallowHingeTheory theory = new ShallowHingeTheory(ShallowHingeTheory.Parameters.standard(dim, margin));
        double[] t = {1e4, 1e5, 1e6};
        double[] loss = new double[t.length];
        double[] unsat = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            loss[i] = theory.loss(t[i]);
            unsat[i] = theory.unsatisfiedFraction(t[i]);
        }
        table.add("mean-field theory", "[1e4, 1e6]", PowerLaw.fit(t, loss, 1e4, 1e6).exponent(),
                PowerLaw.fit(t, unsat, 1e4, 1e6).exponent());
        return table.table();
    }

    /** The rows at t &gt; 0 of a run, columns {@code time} and the two given, renamed {@code loss, unsat}. */
}
