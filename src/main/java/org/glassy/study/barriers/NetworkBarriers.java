package org.glassy.study.barriers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.MiniBatchSgd;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.BatchModel;
import org.glassy.model.Mlp;
import org.glassy.observable.Aggregates;
import org.glassy.observable.Rows;
import org.glassy.path.AutoNeb;
import org.glassy.path.Barrier;
import org.glassy.path.BezierCurve;
import org.glassy.path.BezierFit;
import org.glassy.path.Chain;
import org.glassy.path.Measure;
import org.glassy.path.Profile;
import org.glassy.study.aging.AgingDnn;
import org.glassy.study.aging.AgingDnn.DataSource;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Barriers between two independently trained networks (F. Draxler et al., "Essentially No
 * Barriers in Neural Network Energy Landscape", ICML 2018; C. D. Freeman and J. Bruna, ICLR 2017;
 * T. Garipov et al., NeurIPS 2018): the {@code bin/glassy barrier} command and the network half of
 * notebook 04.
 *
 * <p>The minima are one-hidden-layer ReLU networks with the squared loss (the toy model of
 * {@link AgingDnn}), trained by SGD with momentum from two seeds on the same data; they are joined
 * by the straight segment, by {@link AutoNeb} with the authors' schedule, or by a
 * {@link BezierCurve} ({@link Method}), and the training loss, test loss and test error are
 * evaluated densely along the path, both endpoints included.
 */
public final class NetworkBarriers {

    private NetworkBarriers() {
    }

    /**
     * How each network is trained to its minimum.
     *
     * @param learningRate η &gt; 0
     * @param batch the batch size B, at least 1
     * @param momentum μ in [0, 1)
     * @param steps SGD steps, at least 1
     */
    public record Training(double learningRate, int batch, double momentum, long steps) {

        /**
         * Validates the settings, naming the offending one.
         *
         * @param learningRate η &gt; 0
         * @param batch B, at least 1
         * @param momentum μ in [0, 1)
         * @param steps SGD steps, at least 1
         */
        public Training {
            Require.positive("learningRate", learningRate);
            Require.atLeast("batch", batch, 1);
            if (!(momentum >= 0 && momentum < 1)) {
                throw Require.invalid("momentum", "must lie in [0, 1), got " + momentum);
            }
            Require.atLeast("steps", steps, 1);
        }

        /** @return η = 0.05, B = 50, μ = 0.9, 10 000 steps */
        public static Training standard() {
            return new Training(0.05, 50, 0.9, 10_000);
        }
    }

    /**
     * A pair of networks to connect. Build one with {@link #builder()}.
     *
     * @param data the data source
     * @param samples training examples P (a multiple of 10 up to 60 000 for Fashion-MNIST), at least the batch size
     * @param hidden the hidden width H, at least 1
     * @param seedA the seed of the first network's initialisation and batch order
     * @param seedB the seed of the second network's, different from seedA
     * @param seed the seed of the data and of the path optimiser's noise
     * @param training how both networks are trained
     * @param effort the path optimisers' budget relative to the authors' (AutoNEB: 16 000 band
     *     steps at effort 1; the Bézier fit gets as many steps), &gt; 0
     */
    public record Parameters(DataSource data, int samples, int hidden, long seedA, long seedB, long seed,
                             Training training, double effort) {

        /**
         * Validates every parameter, naming it.
         *
         * @param data the data source, not null
         * @param samples P, at least the batch size
         * @param hidden H, at least 1
         * @param seedA the first network's seed
         * @param seedB the second network's seed, different from seedA
         * @param seed the data's and the path optimiser's seed
         * @param training the training, not null
         * @param effort the path budget, &gt; 0
         */
        public Parameters {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(training, "training");
            Require.atLeast("hidden", hidden, 1);
            Require.atLeast("samples", samples, 1);
            if (data == DataSource.TEACHER && samples > AgingDnn.MAX_TEACHER_SAMPLES) {
                throw Require.invalid("samples", "must be <= " + AgingDnn.MAX_TEACHER_SAMPLES + " for teacher data, got "
                        + samples);
            }
            if (training.batch() > samples) {
                throw Require.invalid("batch", "must be <= samples = " + samples + ", got " + training.batch());
            }
            if (data == DataSource.FASHION_MNIST && (samples % 10 != 0 || samples > FashionMnist.TRAIN_SIZE)) {
                throw Require.invalid("samples", "must be a multiple of 10 up to 60000 for fashion-mnist, got "
                        + samples);
            }
            if (seedA == seedB) {
                throw Require.invalid("seedB", "must differ from the first network's seed (two independent minima), got "
                        + seedB);
            }
            Require.positive("effort", effort);
        }

        /** @return the number of parameters M of each network, as a double */
        double parameterCount() {
            double d = data == DataSource.TEACHER ? AgingDnn.TEACHER_INPUTS : FashionMnist.INPUT_DIMENSION;
            double c = data == DataSource.TEACHER ? 2 : FashionMnist.CLASSES;
            return d * hidden + hidden + (double) hidden * c + c;
        }

        /**
         * The estimated heap of a run: the training and test inputs (and the Fashion-MNIST pool), 8 bytes per
         * coordinate; the path, up to 61 points of M parameters, with a few vectors of M per point for the band
         * or the curve's fit.
         *
         * @return the bytes
         */
        public double bytes() {
            double d = data == DataSource.TEACHER ? AgingDnn.TEACHER_INPUTS : FashionMnist.INPUT_DIMENSION;
            double pool = data == DataSource.TEACHER ? 0 : Math.min(FashionMnist.TRAIN_SIZE, Math.max(3.0 * samples, 3000));
            return 8 * ((samples + 1000 + pool) * d + 4 * Method.CURVE_POINTS * parameterCount());
        }

        /**
         * The estimated work of a run: two trainings of {@code steps} SGD steps, 3 B M multiply–adds each; the
         * path's budget, {@code effort} × 16 000 steps of up to 31 images; the profile along the path, 61 points
         * of (P + 2000) M.
         *
         * @return the operations
         */
        public double operations() {
            double m = parameterCount();
            return 3.0 * training.batch() * m * (2.0 * training.steps() + effort * 16_000 * 31)
                    + Method.CURVE_POINTS * (samples + 2000.0) * m;
        }

        /**
         * Checks, before any data is loaded, that the networks fit in one array (naming {@code hidden}), the run
         * in this JVM's heap (naming {@code samples}) and within the bound on work (naming {@code steps});
         * {@link NetworkBarriers#train} calls it first.
         *
         * @throws IllegalArgumentException naming the parameter otherwise
         */
        public void requireResources() {
            Resources.requireArrayLength("hidden", parameterCount(), "network parameters");
            Resources.requireMemory("samples", bytes(), Resources.count(samples) + " training examples and paths of "
                    + "networks of " + Resources.count(parameterCount()) + " parameters");
            Resources.requireWork("steps", operations(), "two trainings of " + Resources.count(training.steps())
                    + " steps and a path of effort " + effort + " with " + Resources.count(parameterCount())
                    + " parameters");
        }

        /**
         * A builder with the standard training ({@link Training#standard()}) and the authors' path
         * budget (effort 1); data, samples, hidden and the three seeds must be set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters, to change some of them */
        public Builder toBuilder() {
            return builder().data(data).samples(samples).hidden(hidden).seedA(seedA).seedB(seedB).seed(seed)
                    .training(training).effort(effort);
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private DataSource data;
            private Integer samples;
            private Integer hidden;
            private Long seedA;
            private Long seedB;
            private Long seed;
            private Training training = Training.standard();
            private double effort = 1;

            private Builder() {
            }

            /**
             * @param value the data source
             * @return this builder
             */
            public Builder data(DataSource value) {
                data = value;
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
             * @param value the hidden width H
             * @return this builder
             */
            public Builder hidden(int value) {
                hidden = value;
                return this;
            }

            /**
             * @param value the seed of the first network's initialisation and batch order
             * @return this builder
             */
            public Builder seedA(long value) {
                seedA = value;
                return this;
            }

            /**
             * @param value the seed of the second network's initialisation and batch order
             * @return this builder
             */
            public Builder seedB(long value) {
                seedB = value;
                return this;
            }

            /**
             * @param value the seed of the data and of the path optimiser's noise
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value how both networks are trained
             * @return this builder
             */
            public Builder training(Training value) {
                training = value;
                return this;
            }

            /**
             * @param value the path budget relative to the authors'
             * @return this builder
             */
            public Builder effort(double value) {
                effort = value;
                return this;
            }

            /**
             * @return the parameters
             * @throws IllegalStateException if a parameter without default was not set
             * @throws IllegalArgumentException if a parameter is out of range
             */
            public Parameters build() {
                return new Parameters(Require.given("data", data), Require.given("samples", samples),
                        Require.given("hidden", hidden), Require.given("seedA", seedA), Require.given("seedB", seedB),
                        Require.given("seed", seed), training, effort);
            }
        }
    }

    /**
     * Two trained networks on the same data.
     *
     * @param parameters what was trained
     * @param train the loss on the training set
     * @param test the same network on the test set
     * @param a the first minimum
     * @param b the second minimum
     */
    public record Minima(Parameters parameters, Mlp train, Mlp test, double[] a, double[] b) {

        /** @return the number of parameters M */
        public int parameterCount() {
            return train.dimension();
        }

        /** @return the number of training constraints P·C */
        public int constraints() {
            return train.data().size() * train.data().classes();
        }
    }

    /**
     * A path between two networks and what was measured along it.
     *
     * @param hidden the networks' hidden width H
     * @param parameters their number of parameters M
     * @param method how they were joined
     * @param profile {@code train_loss, test_loss, test_error} along the path
     * @param chain the path's images (for the straight path and the Bézier curve: the sampled points)
     */
    public record Result(int hidden, int parameters, Method method, Profile profile, Chain chain) {

        /** @return the barrier of the training loss */
        public Barrier barrier() {
            return profile.barrier("train_loss");
        }
    }

    /**
     * Trains the two networks.
     *
     * @param p the pair
     * @param progress told about each training run, or null
     * @return the minima
     */
    public static Minima train(Parameters p, ProgressListener progress) {
        p.requireResources();
        Dataset[] sets = AgingDnn.datasets(p.data(), p.samples(), p.seed());
        Mlp train = new Mlp(AgingDnn.architecture(p.data(), p.hidden()), sets[0]);
        return new Minima(p, train, train.withData(sets[1]), minimum(train, p.training(), p.seedA(), progress),
                minimum(train, p.training(), p.seedB(), progress));
    }

    private static double[] minimum(Mlp model, Training t, long seed, ProgressListener progress) {
        SplittableRandom seeds = new SplittableRandom(seed);
        long init = seeds.nextLong();
        long noise = seeds.nextLong();
        return Dynamics.of(model, new MiniBatchSgd(t.learningRate(), t.batch(), t.momentum()))
                .seed(noise).steps(t.steps()).progress(progress)
                .run(model.initialParameters(init)).finalState();
    }

    /**
     * Joins two trained networks and evaluates the training loss, test loss and test error along the path.
     *
     * @param minima the networks
     * @param method how to join them
     * @param progress told about the path optimisation, or null
     * @return the path and its profile
     */
    public static Result connect(Minima minima, Method method, ProgressListener progress) {
        Parameters p = minima.parameters();
        Training t = p.training();
        long seed = new SplittableRandom(p.seed() ^ 0x9E3779B97F4A7C15L).nextLong();
        Chain chain;
        int subdivisions;
        switch (method) {
            case LINEAR -> {
                chain = Chain.linear(minima.a(), minima.b(), 2);
                subdivisions = Method.CURVE_POINTS - 1;
            }
            case AUTONEB -> {
                AutoNeb<BatchModel> autoNeb = AutoNeb.draxler(1).withSteps(p.effort()).withBatches(t.batch());
                chain = autoNeb.run(minima.train(), Space.euclidean(), minima.a(), minima.b(), seed, progress).chain();
                subdivisions = autoNeb.subdivisions();
            }
            case BEZIER -> {
                long steps = Math.max(1, Math.round(AutoNeb.draxler(1).totalSteps() * p.effort()));
                BezierCurve curve = BezierCurve.fit(minima.train(), minima.a(), minima.b(),
                        BezierFit.of(steps, t.learningRate(), t.momentum()).withBatches(t.batch()), seed, progress);
                chain = curve.toChain(Method.CURVE_POINTS);
                subdivisions = 1;
            }
            default -> throw new AssertionError(method);
        }
        Profile profile = Profile.along(chain, subdivisions, Space.euclidean(),
                Measure.of("train_loss", minima.train()), Measure.of("test_loss", minima.test()),
                new Measure("test_error", minima.test()::errorRate));
        return new Result(p.hidden(), minima.parameterCount(), method, profile, chain);
    }

    /**
     * Trains a pair of networks at each hidden width and joins each pair by every method.
     *
     * @param base the pair's parameters; its hidden width is replaced by each of {@code widths}
     * @param widths the hidden widths H, each at least 1
     * @param progress a listener per run, from its label (e.g. {@code Notebook::progress}), or null
     * @param methods the methods, at least one
     * @return the results, width by width, in the order of the methods; {@link #summary} and
     *     {@link #profiles} turn them into tables keyed by {@code hidden} and {@code method}
     */
    public static List<Result> widthSweep(Parameters base, int[] widths, Function<String, ProgressListener> progress,
                                          Method... methods) {
        Require.atLeast("methods.length", methods.length, 1);
        List<Result> results = new ArrayList<>();
        for (int h : widths) {
            Minima m = train(base.toBuilder().hidden(h).build(), listener(progress, "training two networks, H = " + h));
            for (Method method : methods) {
                results.add(connect(m, method, method == Method.LINEAR ? null
                        : listener(progress, method.label() + ", H = " + h)));
            }
        }
        return results;
    }

    private static ProgressListener listener(Function<String, ProgressListener> progress, String label) {
        return progress == null ? null : progress.apply(label);
    }

    /**
     * One row per path: the barrier of the training loss, of the test loss, and the largest rise
     * of the test error above the higher endpoint.
     *
     * @param results the paths
     * @return columns {@code hidden, method, parameters, images, start, end, saddle, barrier,
     *     barrier_above_linear, relative_length, test_loss_barrier, test_error_rise}
     */
    public static Table summary(List<Result> results) {
        Rows rows = Rows.of("barriers", IntColumn.create("hidden"), StringColumn.create("method"),
                IntColumn.create("parameters"));
        for (Result r : results) {
            Table row = PathSummary.barrierRow(r.chain(), r.profile(), "train_loss");
            row.addColumns(DoubleColumn.create("test_loss_barrier", r.profile().barrier("test_loss").height()),
                    DoubleColumn.create("test_error_rise", r.profile().barrier("test_error").height()));
            rows.addAll(row, r.hidden(), r.method().label(), r.parameters());
        }
        return rows.table();
    }

    /**
     * The profiles of several paths stacked in one long table.
     *
     * @param results the paths
     * @return columns {@code hidden, method, parameters, t, train_loss, test_loss, test_error}
     */
    public static Table profiles(List<Result> results) {
        Rows rows = Rows.of("profiles", IntColumn.create("hidden"), StringColumn.create("method"),
                IntColumn.create("parameters"));
        for (Result r : results) {
            rows.addAll(r.profile().table(), r.hidden(), r.method().label(), r.parameters());
        }
        return rows.table();
    }

    /** The profile's columns in a {@link #sweep}'s table. */
    private static final String[] PROFILE = {"t", "train_loss", "test_loss", "test_error"};

    /**
     * One path as a long table, the rows of a {@link #sweep} point: the profile behind the path's own numbers.
     *
     * @param r a path
     * @return columns {@code method, parameters, images, start, end, saddle, barrier, barrier_above_linear,
     *     relative_length, test_loss_barrier, test_error_rise, t, train_loss, test_loss, test_error}
     */
    public static Table pathTable(Result r) {
        Table row = Table.create("path", StringColumn.create("method", new String[] {r.method().label()}),
                IntColumn.create("parameters", new int[] {r.parameters()}));
        row.addColumns(PathSummary.barrierRow(r.chain(), r.profile(), "train_loss").columnArray());
        row.addColumns(DoubleColumn.create("test_loss_barrier", r.profile().barrier("test_loss").height()),
                DoubleColumn.create("test_error_rise", r.profile().barrier("test_error").height()));
        return PathSummary.pathRows(row, r.profile());
    }

    /**
     * Trains pairs of networks at each hidden width and joins each pair by every method, as a {@link Sweep}
     * over {@code hidden × pair} on all cores. Pair k is trained from the seeds {@code base.seedA() + 2k} and
     * {@code base.seedB() + 2k} on the same data ({@code base.seed()}): pair 0 is {@link #widthSweep}'s pair,
     * result for result.
     *
     * @param base the pair's parameters; its hidden width and the networks' seeds are replaced by the grid's
     * @param widths the hidden widths H, distinct, each at least 1
     * @param pairs the pairs of minima per width, at least 1
     * @param progress told of the points done, or null
     * @param methods the methods, at least one
     * @return columns {@code hidden, pair}, then {@link #pathTable}'s, points in grid order, methods in the
     *     given order; {@link #summary(Table)}, {@link #profiles(Table)} and {@link #averaged} read it
     */
    public static Table sweep(Parameters base, int[] widths, int pairs, ProgressListener progress, Method... methods) {
        Require.atLeast("methods.length", methods.length, 1);
        Require.atLeast("pairs", pairs, 1);
        Grid grid = Grid.of(Axis.of("hidden", java.util.Arrays.stream(widths).boxed().toArray()),
                Axis.range("pair", 0, pairs - 1));
        return Sweep.over(grid).progress(progress).run(point -> {
            int k = point.intValue("pair");
            Minima m = train(base.toBuilder().hidden(point.intValue("hidden")).seedA(base.seedA() + 2L * k)
                    .seedB(base.seedB() + 2L * k).build(), null);
            Rows rows = Rows.of("paths");
            for (Method method : methods) {
                rows.addAll(pathTable(connect(m, method, null)));
            }
            return rows.table();
        }).setName("paths between pairs of networks");
    }

    /**
     * One row per path of a {@link #sweep}.
     *
     * @param sweep a table from {@link #sweep}
     * @return columns {@code hidden, pair, method, parameters, images, start, end, saddle, barrier,
     *     barrier_above_linear, relative_length, test_loss_barrier, test_error_rise}
     */
    public static Table summary(Table sweep) {
        return PathSummary.summaryRows(sweep, PROFILE).setName("barriers");
    }

    /**
     * The profiles of a {@link #sweep}, stacked.
     *
     * @param sweep a table from {@link #sweep}
     * @return columns {@code hidden, pair, method, parameters, t, train_loss, test_loss, test_error}
     */
    public static Table profiles(Table sweep) {
        return PathSummary.profileRows(sweep, "hidden", "pair", "method", "parameters", "t", "train_loss",
                "test_loss", "test_error").setName("profiles");
    }

    /**
     * Averages a {@link #summary(Table)} over the pairs of each width and method, with standard errors.
     *
     * @param summary a summary (columns {@code hidden, method, parameters, barrier, relative_length,
     *     test_error_rise} at least)
     * @return columns {@code hidden, method, parameters, samples} (the pairs), {@code barrier, barrier_se,
     *     relative_length, relative_length_se, test_error_rise, test_error_rise_se}, in order of first appearance
     */
    public static Table averaged(Table summary) {
        return Aggregates.meanAndError(summary, List.of("barrier", "relative_length", "test_error_rise"), "hidden",
                "method", "parameters").setName("mean barriers over pairs of minima");
    }
}
