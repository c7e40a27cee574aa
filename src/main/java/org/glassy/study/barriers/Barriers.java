package org.glassy.study.barriers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.MiniBatchSgd;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.DoubleWell;
import org.glassy.model.Mlp;
import org.glassy.model.Model;
import org.glassy.model.MullerBrown;
import org.glassy.model.PSpinSpherical;
import org.glassy.path.AutoNeb;
import org.glassy.path.Barrier;
import org.glassy.path.BezierCurve;
import org.glassy.path.BezierFit;
import org.glassy.path.Chain;
import org.glassy.path.Measure;
import org.glassy.path.NudgedElasticBand;
import org.glassy.path.Profile;
import org.glassy.study.aging.AgingDnn.DataSource;
import org.glassy.study.aging.AgingDnn;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Barriers between minima: paths between two independently trained networks, and between two
 * minima of the spherical p-spin glass.
 *
 * <p>For networks (F. Draxler et al., "Essentially No Barriers in Neural Network Energy
 * Landscape", ICML 2018; C. D. Freeman and J. Bruna, ICLR 2017; T. Garipov et al., NeurIPS 2018)
 * the minima are one-hidden-layer ReLU networks with the squared loss (the toy model of
 * {@link AgingDnn}), trained by SGD with momentum from two seeds on the same data; they are joined
 * by the straight segment, by {@link AutoNeb} with the authors' schedule, or by a {@link BezierCurve},
 * and the training loss, test loss and test error are evaluated densely along the path.
 *
 * <p>For the p-spin the minima come from gradient descent at T = 0 from two random starts on the
 * same instance, the path stays on the sphere |s|² = N, and the measure is the energy per spin.
 */
public final class Barriers {

    private Barriers() {
    }

    /** How to join the two minima. */
    public enum Method {
        /** The straight segment (on the sphere: its projection, an arc of great circle). */
        LINEAR,
        /** AutoNEB with Draxler et al.'s schedule (steps scaled by the effort). */
        AUTONEB,
        /** A quadratic Bézier curve with one trained bend (Garipov et al.). */
        BEZIER;

        /**
         * Parses {@code linear}, {@code autoneb} or {@code bezier}.
         *
         * @param name the name
         * @return the method
         */
        public static Method parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "linear" -> LINEAR;
                case "autoneb" -> AUTONEB;
                case "bezier" -> BEZIER;
                default -> throw Require.invalid("method", "must be linear, autoneb or bezier, got '" + name + "'");
            };
        }

        /** @return the lower-case name used in tables and on the command line */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The two-dimensional test potentials of the path optimisers, with their two minima. */
    public enum Potential {
        /** (x² − 1)² + y² from (−1, 0) to (1, 0): barrier exactly 1 at (0, 0). */
        DOUBLE_WELL(new DoubleWell(), DoubleWell.leftMinimum(), DoubleWell.rightMinimum(), 0.01),
        /** Müller–Brown from its deepest minimum A to B: highest saddle −40.66. */
        MULLER_BROWN(new MullerBrown(), MullerBrown.minimumA(), MullerBrown.minimumB(), 2e-4);

        private final Model model;
        private final double[] start;
        private final double[] end;
        private final double stepSize;

        Potential(Model model, double[] start, double[] end, double stepSize) {
            this.model = model;
            this.start = start;
            this.end = end;
            this.stepSize = stepSize;
        }

        /**
         * Parses {@code double-well} or {@code muller-brown}.
         *
         * @param name the name
         * @return the potential
         */
        public static Potential parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "double-well" -> DOUBLE_WELL;
                case "muller-brown" -> MULLER_BROWN;
                default -> throw Require.invalid("potential", "must be double-well or muller-brown, got '"
                        + name + "'");
            };
        }

        /** @return the potential as a model */
        public Model model() {
            return model;
        }

        /** @return a copy of the first minimum */
        public double[] start() {
            return start.clone();
        }

        /** @return a copy of the second minimum */
        public double[] end() {
            return end.clone();
        }

        /** @return a stable step size of the band's gradient descent on this potential */
        public double stepSize() {
            return stepSize;
        }
    }

    /**
     * Relaxes a nudged elastic band on a test potential, from the straight path between its minima.
     *
     * @param potential the potential
     * @param images M, endpoints included, at least 3
     * @param steps gradient-descent steps on the band, at least 0
     * @param stepSize the step η &gt; 0 (e.g. {@link Potential#stepSize()})
     * @param springConstant k &gt; 0, or infinite for string re-spacing
     * @param climbing whether the highest image climbs during the second half
     * @return columns {@code image, x, y, energy}, one row per image of the final path, endpoints included
     */
    public static Table band(Potential potential, int images, long steps, double stepSize, double springConstant,
                             boolean climbing) {
        Require.atLeast("images", images, 3);
        NudgedElasticBand<Model> neb = NudgedElasticBand.string(stepSize, steps).withSpring(springConstant);
        if (climbing) {
            neb = neb.withClimbingImage();
        }
        Chain chain = neb.relax(potential.model(), Space.euclidean(),
                Chain.linear(potential.start(), potential.end(), images), 1L);
        Table t = Table.create("band", IntColumn.create("image"), DoubleColumn.create("x"), DoubleColumn.create("y"),
                DoubleColumn.create("energy"));
        for (int i = 0; i < chain.images(); i++) {
            double[] p = chain.image(i);
            t.intColumn("image").append(i);
            t.doubleColumn("x").append(p[0]);
            t.doubleColumn("y").append(p[1]);
            t.doubleColumn("energy").append(potential.model().energy(p));
        }
        return t;
    }

    /** Points of the dense evaluation of the straight path and of the Bézier curve (Garipov et al.: 61). */
    public static final int CURVE_POINTS = 61;

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
         * Validates the settings.
         *
         * @param learningRate η
         * @param batch B
         * @param momentum μ
         * @param steps steps
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
     * A pair of networks to connect.
     *
     * @param data the data source
     * @param samples training examples P (a multiple of 10 up to 60 000 for Fashion-MNIST), at least the batch size
     * @param hidden the hidden width H, at least 1
     * @param seedA the seed of the first network's initialisation and batch order
     * @param seedB the seed of the second network's
     * @param seed the seed of the data and of the path optimiser's noise
     * @param training how both networks are trained
     * @param effort the path optimisers' budget relative to the authors' (AutoNEB: 16 000 band
     *     steps at effort 1; the Bézier fit gets as many steps), &gt; 0
     */
    public record NetworkParameters(DataSource data, int samples, int hidden, long seedA, long seedB, long seed,
                                    Training training, double effort) {

        /**
         * Validates every parameter, naming it.
         *
         * @param data the data source
         * @param samples P
         * @param hidden H
         * @param seedA the first network's seed
         * @param seedB the second network's seed
         * @param seed the data's seed
         * @param training the training
         * @param effort the path budget
         */
        public NetworkParameters {
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

        /**
         * The pair with the standard training and the authors' path budget.
         *
         * @param data the data source
         * @param samples P
         * @param hidden H
         * @param seedA the first network's seed
         * @param seedB the second network's seed
         * @param seed the data's seed
         * @return the parameters
         */
        public static NetworkParameters of(DataSource data, int samples, int hidden, long seedA, long seedB, long seed) {
            return new NetworkParameters(data, samples, hidden, seedA, seedB, seed, Training.standard(), 1);
        }

        /**
         * @param width another hidden width
         * @return these parameters with that width
         */
        public NetworkParameters withHidden(int width) {
            return new NetworkParameters(data, samples, width, seedA, seedB, seed, training, effort);
        }

        /**
         * @param value another path budget
         * @return these parameters with that effort
         */
        public NetworkParameters withEffort(double value) {
            return new NetworkParameters(data, samples, hidden, seedA, seedB, seed, training, value);
        }

        /**
         * @param value another training
         * @return these parameters with that training
         */
        public NetworkParameters withTraining(Training value) {
            return new NetworkParameters(data, samples, hidden, seedA, seedB, seed, value, effort);
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
    public record NetworkMinima(NetworkParameters parameters, Mlp train, Mlp test, double[] a, double[] b) {

        /** @return e.g. {@code "H = 16"} */
        public String label() {
            return "H = " + parameters.hidden();
        }

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
     * A path and what was measured along it.
     *
     * @param system the minima, e.g. {@code "H = 16"} or {@code "p-spin N = 64"}
     * @param method how they were joined
     * @param parameters the number of parameters (degrees of freedom)
     * @param profile the measures along the path ({@code train_loss, test_loss, test_error} for
     *     networks, {@code energy} per spin for the p-spin)
     * @param measure the measure whose barrier is reported ({@code train_loss} or {@code energy})
     * @param chain the path's images (for the straight path and the Bézier curve: the sampled points)
     */
    public record Result(String system, Method method, int parameters, Profile profile, String measure, Chain chain) {

        /** @return the barrier of the main measure */
        public Barrier barrier() {
            return profile.barrier(measure);
        }
    }

    /**
     * Trains the two networks.
     *
     * @param p the pair
     * @param progress told about each training run, or null
     * @return the minima
     */
    public static NetworkMinima train(NetworkParameters p, ProgressListener progress) {
        Dataset[] sets = AgingDnn.datasets(p.data(), p.samples(), p.seed());
        Mlp train = new Mlp(AgingDnn.architecture(p.data(), p.hidden()), sets[0]);
        return new NetworkMinima(p, train, train.withData(sets[1]), minimum(train, p.training(), p.seedA(), progress),
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
     * @return the path's profile
     */
    public static Result connect(NetworkMinima minima, Method method, ProgressListener progress) {
        NetworkParameters p = minima.parameters();
        Training t = p.training();
        long seed = new SplittableRandom(p.seed() ^ 0x9E3779B97F4A7C15L).nextLong();
        Chain chain;
        int subdivisions;
        switch (method) {
            case LINEAR -> {
                chain = Chain.linear(minima.a(), minima.b(), 2);
                subdivisions = CURVE_POINTS - 1;
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
                chain = curve.toChain(CURVE_POINTS);
                subdivisions = 1;
            }
            default -> throw new AssertionError(method);
        }
        Profile profile = Profile.along(chain, subdivisions, Space.euclidean(),
                Measure.of("train_loss", minima.train()), Measure.of("test_loss", minima.test()),
                new Measure("test_error", minima.test()::errorRate));
        return new Result(minima.label(), method, minima.parameterCount(), profile, "train_loss", chain);
    }

    /**
     * Two minima of the spherical p-spin and the paths between them.
     *
     * @param p the interaction order, at least 2
     * @param n the number of spins N, at least p
     * @param instance the seed of the couplings
     * @param seedA the seed of the first random start
     * @param seedB the seed of the second random start
     * @param dt the gradient-descent step, &gt; 0 (0.1 is stable for p = 3)
     * @param time the gradient-descent time to each minimum, &gt; 0
     * @param effort AutoNEB's budget relative to Draxler et al.'s 16 000 steps, &gt; 0
     */
    public record PSpinParameters(int p, int n, long instance, long seedA, long seedB, double dt, double time,
                                  double effort) {

        /**
         * Validates every parameter, naming it.
         *
         * @param p the order
         * @param n N
         * @param instance the couplings' seed
         * @param seedA the first start's seed
         * @param seedB the second start's seed
         * @param dt the step
         * @param time the time
         * @param effort the budget
         */
        public PSpinParameters {
            Require.atLeast("p", p, 2);
            Require.atLeast("n", n, p);
            if (seedA == seedB) {
                throw Require.invalid("seedB", "must differ from the first network's seed (two independent minima), got "
                        + seedB);
            }
            Require.positive("dt", dt);
            Require.positive("time", time);
            Require.positive("effort", effort);
        }
    }

    /**
     * AutoNEB's learning rates on the p-spin relative to Draxler et al.'s (0.1 → 0.01): with
     * momentum 0.9 the effective step 10η then equals the stable gradient-descent step 0.1.
     */
    static final double PSPIN_LEARNING_RATE_SCALE = 0.1;

    /**
     * Finds two minima of one p-spin instance by gradient descent at T = 0 and joins them on the
     * sphere, by the projected straight segment (an arc of great circle) and by AutoNEB with exact
     * gradients.
     *
     * @param p the parameters
     * @param progress told about the runs, or null
     * @return {linear, autoneb}, with the energy per spin as measure {@code energy}
     */
    public static Result[] pspin(PSpinParameters p, ProgressListener progress) {
        PSpinSpherical model = new PSpinSpherical(p.p(), p.n(), p.instance());
        long steps = Math.max(1, Math.round(p.time() / p.dt()));
        double[][] minima = new double[2][];
        long[] seeds = {p.seedA(), p.seedB()};
        for (int k = 0; k < 2; k++) {
            minima[k] = Dynamics.of(model, new GradientDescent(p.dt())).space(Space.sphere()).seed(seeds[k])
                    .steps(steps).progress(progress).run(Sphere.randomPoint(p.n(), seeds[k])).finalState();
        }
        Measure energy = Measure.of("energy", model, p.n());
        String system = "p-spin N = " + p.n();
        Chain line = Chain.linear(minima[0], minima[1], CURVE_POINTS).redistributed(Space.sphere());
        Result linear = new Result(system, Method.LINEAR, p.n(), Profile.along(line, 1, Space.sphere(), energy),
                "energy", line);
        AutoNeb<Model> autoNeb = AutoNeb.draxler(PSPIN_LEARNING_RATE_SCALE).withSteps(p.effort());
        Chain chain = autoNeb.run(model, Space.sphere(), minima[0], minima[1], p.instance(), progress).chain();
        Result optimised = new Result(system, Method.AUTONEB, p.n(),
                Profile.along(chain, autoNeb.subdivisions(), Space.sphere(), energy), "energy", chain);
        return new Result[] {linear, optimised};
    }

    /**
     * Trains a pair of networks at each hidden width and joins each pair by every method.
     *
     * @param base the pair's parameters; its hidden width is replaced by each of {@code widths}
     * @param widths the hidden widths H, each at least 1
     * @param progress a listener per run, from its label (e.g. {@code Notebook::progress}), or null
     * @param methods the methods, at least one
     * @return the results, width by width, in the order of the methods
     */
    public static Result[] widthSweep(NetworkParameters base, int[] widths,
                                      Function<String, ProgressListener> progress, Method... methods) {
        Require.atLeast("methods.length", methods.length, 1);
        List<Result> results = new ArrayList<>();
        for (int h : widths) {
            NetworkMinima m = train(base.withHidden(h), listener(progress, "training two networks, H = " + h));
            for (Method method : methods) {
                results.add(connect(m, method, method == Method.LINEAR ? null
                        : listener(progress, method.label() + ", H = " + h)));
            }
        }
        return results.toArray(Result[]::new);
    }

    /**
     * Joins two gradient-descent minima on several p-spin instances of each size.
     *
     * @param base the parameters; N is replaced by each size and the instance seed by base + i
     * @param sizes the numbers of spins N
     * @param instances instances per size, at least 1
     * @param progress a listener per size, from its label, or null
     * @return {linear, autoneb} for every instance, size by size
     */
    public static Result[] pspinSweep(PSpinParameters base, int[] sizes, int instances,
                                      Function<String, ProgressListener> progress) {
        Require.atLeast("instances", instances, 1);
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            ProgressListener listener = listener(progress, "p-spin N = " + n);
            for (int i = 0; i < instances; i++) {
                results.addAll(List.of(pspin(new PSpinParameters(base.p(), n, base.instance() + i, base.seedA(),
                        base.seedB(), base.dt(), base.time(), base.effort()), listener)));
            }
        }
        return results.toArray(Result[]::new);
    }

    private static ProgressListener listener(Function<String, ProgressListener> progress,
                                             String label) {
        return progress == null ? null : progress.apply(label);
    }

    /**
     * Averages a {@link #summary} over the rows of each system and method (several instances).
     *
     * @param summary a summary table
     * @return columns {@code system, method, parameters, paths, barrier, barrier_error,
     *     relative_length}: the mean barrier, its standard error (NaN for one path) and the mean
     *     relative length, in order of first appearance
     */
    public static Table averaged(Table summary) {
        Table t = Table.create("mean barriers", StringColumn.create("system"), StringColumn.create("method"),
                IntColumn.create("parameters"), IntColumn.create("paths"), DoubleColumn.create("barrier"),
                DoubleColumn.create("barrier_error"), DoubleColumn.create("relative_length"));
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            groups.computeIfAbsent(summary.stringColumn("system").get(r) + "\t" + summary.stringColumn("method").get(r),
                    k -> new ArrayList<>()).add(r);
        }
        for (List<Integer> rows : groups.values()) {
            int k = rows.size();
            double sum = 0;
            double sumSquares = 0;
            double length = 0;
            for (int r : rows) {
                double b = summary.doubleColumn("barrier").get(r);
                sum += b;
                sumSquares += b * b;
                length += summary.doubleColumn("relative_length").get(r);
            }
            double mean = sum / k;
            double error = k > 1 ? Math.sqrt(Math.max(0, (sumSquares - k * mean * mean) / (k - 1)) / k) : Double.NaN;
            int first = rows.get(0);
            t.stringColumn("system").append(summary.stringColumn("system").get(first));
            t.stringColumn("method").append(summary.stringColumn("method").get(first));
            t.intColumn("parameters").append(summary.intColumn("parameters").get(first));
            t.intColumn("paths").append(k);
            t.doubleColumn("barrier").append(mean);
            t.doubleColumn("barrier_error").append(error);
            t.doubleColumn("relative_length").append(length / k);
        }
        return t;
    }

    /**
     * The profiles of several paths stacked in one long table.
     *
     * @param results the paths
     * @return columns {@code system, method, t} and the measures of the first result
     */
    public static Table profiles(Result... results) {
        Table all = null;
        for (Result r : results) {
            Table t = r.profile().table();
            int rows = t.rowCount();
            t.insertColumn(0, StringColumn.create("method", Collections.nCopies(rows, r.method().label())));
            t.insertColumn(0, StringColumn.create("system", Collections.nCopies(rows, r.system())));
            all = all == null ? t.setName("profiles") : all.append(t);
        }
        return all;
    }

    /**
     * One row per path: the barrier of its main measure and, for networks, of the test loss and
     * the largest rise of the test error above the higher endpoint.
     *
     * @param results the paths
     * @return columns {@code system, method, parameters, images, start, end, saddle, barrier,
     *     barrier_above_linear, relative_length, test_loss_barrier, test_error_rise}
     */
    public static Table summary(Result... results) {
        Table t = Table.create("barriers", StringColumn.create("system"), StringColumn.create("method"),
                IntColumn.create("parameters"), IntColumn.create("images"), DoubleColumn.create("start"),
                DoubleColumn.create("end"), DoubleColumn.create("saddle"), DoubleColumn.create("barrier"),
                DoubleColumn.create("barrier_above_linear"), DoubleColumn.create("relative_length"),
                DoubleColumn.create("test_loss_barrier"), DoubleColumn.create("test_error_rise"));
        for (Result r : results) {
            Barrier b = r.barrier();
            boolean network = r.profile().names().contains("test_error");
            t.stringColumn("system").append(r.system());
            t.stringColumn("method").append(r.method().label());
            t.intColumn("parameters").append(r.parameters());
            t.intColumn("images").append(r.chain().images());
            t.doubleColumn("start").append(b.start());
            t.doubleColumn("end").append(b.end());
            t.doubleColumn("saddle").append(b.saddle());
            t.doubleColumn("barrier").append(b.height());
            t.doubleColumn("barrier_above_linear").append(b.aboveLinear());
            t.doubleColumn("relative_length").append(b.relativeLength());
            t.doubleColumn("test_loss_barrier").append(network ? r.profile().barrier("test_loss").height() : Double.NaN);
            t.doubleColumn("test_error_rise").append(network ? r.profile().barrier("test_error").height() : Double.NaN);
        }
        return t;
    }
}
