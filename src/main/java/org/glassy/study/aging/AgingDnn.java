package org.glassy.study.aging;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.data.TeacherStudent;
import org.glassy.dynamics.CheckpointPolicy;
import org.glassy.dynamics.Dynamics;
import org.glassy.core.LogTimes;
import org.glassy.dynamics.MiniBatchSgd;
import org.glassy.core.ProgressListener;
import org.glassy.core.StepHandler;
import org.glassy.internal.Require;
import org.glassy.model.Activation;
import org.glassy.model.BatchModel;
import org.glassy.model.DeepLearning4jNetwork;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
import org.glassy.observable.Evaluation;
import org.glassy.observable.MeanSquareDisplacement;
import org.glassy.observable.TwoTimeObservable;

import tech.tablesaw.api.Table;

/**
 * Aging in the training of a one-hidden-layer network by SGD, the DNN side of M. Baity-Jesi et
 * al., "Comparing dynamics: deep neural networks versus glassy systems", ICML 2018
 * (arXiv:1803.06969): the mean square displacement Δ(t_w, t_w + t) of all weights and biases on
 * the authors' log-spaced grid, and the training loss. Time is counted in SGD steps.
 *
 * <p>The network is the authors' toy model: d-H-C, ReLU, squared loss to one-hot targets,
 * PyTorch's initialisation; SGD with momentum (they used 0.5). The hidden width H is the knob
 * between under-parametrised (fewer parameters than P·C constraints) and over-parametrised.
 */
public final class AgingDnn {

    private AgingDnn() {
    }

    /** Where the training examples come from. */
    public enum DataSource {
        /** Gaussian inputs (d = 50) labelled by a random tanh teacher (10 hidden units, 2 classes). */
        TEACHER,
        /** Fashion-MNIST (d = 784, 10 classes), a class-balanced subset of the training split. */
        FASHION_MNIST;

        /**
         * Parses {@code teacher} or {@code fashion-mnist}.
         *
         * @param name the name
         * @return the source
         */
        public static DataSource parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "teacher" -> TEACHER;
                case "fashion-mnist" -> FASHION_MNIST;
                default -> throw Require.invalid("data", "must be teacher or fashion-mnist, got '" + name + "'");
            };
        }
    }

    /** Which implementation evaluates the network. */
    public enum Engine {
        /** {@link Mlp}, the pure-Java engine. */
        LEAN,
        /** {@link DeepLearning4jNetwork}. */
        DL4J;

        /**
         * Parses {@code lean} or {@code dl4j}.
         *
         * @param name the name
         * @return the engine
         */
        public static Engine parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "lean" -> LEAN;
                case "dl4j" -> DL4J;
                default -> throw Require.invalid("engine", "must be lean or dl4j, got '" + name + "'");
            };
        }
    }

    /** Input dimension of the teacher–student data. */
    public static final int TEACHER_INPUTS = 50;

    /** The largest number of teacher–student examples: P·d numbers must fit in one Java array. */
    public static final int MAX_TEACHER_SAMPLES = (Integer.MAX_VALUE - 8) / TEACHER_INPUTS;

    /**
     * One training run.
     *
     * @param data the training data
     * @param samples the number of training examples P, at least the batch size (a multiple of 10
     *     for Fashion-MNIST, whose subset is class-balanced)
     * @param hidden the hidden width H, at least 1
     * @param learningRate η &gt; 0
     * @param batch the batch size B, at least 1
     * @param momentum μ in [0, 1)
     * @param steps the number of SGD steps, at least 20
     * @param seed the seed of data, initial weights and batch order
     * @param engine the engine
     * @param waitingTimes the number of waiting times t_w, log-spaced from 10 to steps/2, at least 2
     */
    public record Parameters(DataSource data, int samples, int hidden, double learningRate, int batch,
                             double momentum, long steps, long seed, Engine engine, int waitingTimes) {

        /**
         * Validates every parameter, naming it.
         *
         * @param data the training data
         * @param samples P
         * @param hidden H
         * @param learningRate η
         * @param batch B
         * @param momentum μ
         * @param steps the number of SGD steps
         * @param seed the seed
         * @param engine the engine
         * @param waitingTimes the number of waiting times
         */
        public Parameters {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(engine, "engine");
            Require.atLeast("hidden", hidden, 1);
            Require.positive("learningRate", learningRate);
            Require.atLeast("batch", batch, 1);
            Require.atLeast("samples", samples, 1);
            if (data == DataSource.TEACHER && samples > MAX_TEACHER_SAMPLES) {
                throw Require.invalid("samples", "must be <= " + MAX_TEACHER_SAMPLES + " for teacher data (P·d numbers in "
                        + "one array), got " + samples);
            }
            if (batch > samples) {
                throw Require.invalid("batch", "must be <= samples = " + samples + ", got " + batch);
            }
            if (data == DataSource.FASHION_MNIST && (samples % 10 != 0 || samples > FashionMnist.TRAIN_SIZE)) {
                throw Require.invalid("samples", "must be a multiple of 10 up to 60000 for fashion-mnist, got "
                        + samples);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw Require.invalid("momentum", "must lie in [0, 1), got " + momentum);
            }
            Require.atLeast("steps", steps, 20);
            Require.atLeast("waitingTimes", waitingTimes, 2);
        }

        /** @return the network's architecture for these data */
        public Mlp.Architecture architecture() {
            return AgingDnn.architecture(data, hidden);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param label the network, e.g. {@code "H = 256"}
     * @param msd Δ(t_w, t_w + t): columns {@code tw, t, delta} (steps)
     * @param loss columns {@code step, loss, test_loss, test_error}
     * @param parameters the number of parameters M
     * @param constraints the number of training constraints P·C
     */
    public record Result(String label, Table msd, Table loss, int parameters, int constraints) {

        /** @return "under-parametrised" if M &lt; P·C, else "over-parametrised" */
        public String regime() {
            return parameters < constraints ? "under-parametrised" : "over-parametrised";
        }

        private double last(String column) {
            return loss.doubleColumn(column).get(loss.rowCount() - 1);
        }
    }

    /**
     * One row per run: parameters against constraints, regime, final training loss and test error.
     *
     * @param results the runs
     * @return columns {@code network, parameters_M, constraints_PC, regime, final_train_loss,
     *     final_test_loss, final_test_error}
     */
    public static Table summary(Result... results) {
        Table t = Table.create("networks: parameters M against constraints P·C",
                tech.tablesaw.api.StringColumn.create("network"), tech.tablesaw.api.IntColumn.create("parameters_M"),
                tech.tablesaw.api.IntColumn.create("constraints_PC"), tech.tablesaw.api.StringColumn.create("regime"),
                tech.tablesaw.api.DoubleColumn.create("final_train_loss"),
                tech.tablesaw.api.DoubleColumn.create("final_test_loss"),
                tech.tablesaw.api.DoubleColumn.create("final_test_error"));
        for (Result r : results) {
            t.stringColumn("network").append(r.label());
            t.intColumn("parameters_M").append(r.parameters());
            t.intColumn("constraints_PC").append(r.constraints());
            t.stringColumn("regime").append(r.regime());
            t.doubleColumn("final_train_loss").append(r.last("loss"));
            t.doubleColumn("final_test_loss").append(r.last("test_loss"));
            t.doubleColumn("final_test_error").append(r.last("test_error"));
        }
        return t;
    }

    /**
     * The loss tables of several runs stacked, with a {@code network} column.
     *
     * @param results the runs
     * @return columns {@code network, step, loss, test_loss, test_error}
     */
    public static Table losses(Result... results) {
        Table all = null;
        for (Result r : results) {
            String[] labels = new String[r.loss().rowCount()];
            java.util.Arrays.fill(labels, r.label());
            Table t = Table.create("losses", tech.tablesaw.api.StringColumn.create("network", labels));
            t.addColumns(r.loss().columnArray());
            all = all == null ? t.copy() : all.append(t);
        }
        return all;
    }

    /**
     * The toy model's architecture for a data source: d-H-C, ReLU, squared loss.
     *
     * @param data the data source (d = 50, C = 2 for the teacher; d = 784, C = 10 for Fashion-MNIST)
     * @param hidden the hidden width H, at least 1
     * @return the architecture
     */
    public static Mlp.Architecture architecture(DataSource data, int hidden) {
        int inputs = data == DataSource.TEACHER ? TEACHER_INPUTS : FashionMnist.INPUT_DIMENSION;
        int classes = data == DataSource.TEACHER ? 2 : FashionMnist.CLASSES;
        return Mlp.Architecture.oneHidden(inputs, hidden, classes, Activation.RELU, Loss.SQUARED);
    }

    /**
     * The training and test sets of a run (the test set has 1000 examples, or 1000 more teacher
     * samples).
     *
     * @param p the parameters
     * @return {training, test}
     */
    public static Dataset[] datasets(Parameters p) {
        return datasets(p.data(), p.samples(), p.seed());
    }

    /**
     * The training and test sets drawn from a seed: P teacher samples and 1000 more, or a
     * class-balanced subset of P Fashion-MNIST training images and the first 1000 test images.
     *
     * @param data the data source
     * @param samples P (a multiple of 10 for Fashion-MNIST)
     * @param seed the seed
     * @return {training, test}
     */
    public static Dataset[] datasets(DataSource data, int samples, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        long dataSeed = seeds.nextLong();
        if (data == DataSource.TEACHER) {
            TeacherStudent teacher = new TeacherStudent(new TeacherStudent.Parameters(TEACHER_INPUTS, 10, 2, dataSeed));
            return new Dataset[] {teacher.sample(samples, seeds.nextLong()), teacher.sample(1000, seeds.nextLong())};
        }
        int pool = Math.min(FashionMnist.TRAIN_SIZE, Math.max(3 * samples, 3000));
        Dataset train = FashionMnist.train(pool).balancedSubset(samples / 10, dataSeed);
        return new Dataset[] {train, FashionMnist.test(1000)};
    }

    /**
     * Trains the network and records Δ and the losses.
     *
     * @param p the run
     * @param progress progress listener, or null
     * @param handlers extra handlers at every record (e.g. CSV writers)
     * @return the tables
     */
    public static Result run(Parameters p, ProgressListener progress, StepHandler... handlers) {
        return run(p, progress, null, handlers);
    }

    /**
     * Trains the network and records Δ and the losses, checkpointing the run.
     *
     * @param p the run
     * @param progress progress listener, or null
     * @param checkpoint where to checkpoint the run (resuming from an existing checkpoint), or null
     * @param handlers extra handlers at every record (e.g. CSV writers); with a checkpoint they must
     *     support {@link StepHandler#snapshot()}
     * @return the tables
     */
    public static Result run(Parameters p, ProgressListener progress, CheckpointPolicy checkpoint,
                             StepHandler... handlers) {
        Dataset[] sets = datasets(p);
        SplittableRandom seeds = new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
        long initSeed = seeds.nextLong();
        long noiseSeed = seeds.nextLong();
        Mlp lean = new Mlp(p.architecture(), sets[0]);
        BatchModel model = p.engine() == Engine.LEAN ? lean : new DeepLearning4jNetwork(p.architecture(), sets[0]);
        Mlp test = lean.withData(sets[1]);
        long[][] grid = TwoTimeObservable.logGrid(p.steps(), Math.min(10, p.steps() / 4), p.waitingTimes(), 40);
        MeanSquareDisplacement msd = new MeanSquareDisplacement(grid[0], grid[1]);
        Evaluation loss = Evaluation.loss();
        Evaluation testLoss = Evaluation.of("test_loss", test);
        Evaluation testError = new Evaluation("test_error", test::errorRate);
        var dynamics = Dynamics.of(model, new MiniBatchSgd(p.learningRate(), p.batch(), p.momentum()))
                .seed(noiseSeed)
                .steps(p.steps())
                .record(LogTimes.upTo(p.steps(), 10), loss, testLoss, testError, msd)
                .record(new long[0], handlers)
                .progress(progress);
        var run = CheckpointPolicy.apply(checkpoint, dynamics).run(lean.initialParameters(initSeed));
        Table m = run.recording(msd).table();
        Table d = Table.create("msd", m.longColumn("tw_step").copy().setName("tw"),
                m.longColumn("t_step").copy().setName("t"), m.doubleColumn("value").copy().setName("delta"));
        Table l = Table.create("loss", tech.tablesaw.api.LongColumn.create("step", run.recording(loss).steps()),
                tech.tablesaw.api.DoubleColumn.create("loss", run.recording(loss).values()),
                tech.tablesaw.api.DoubleColumn.create("test_loss", run.recording(testLoss).values()),
                tech.tablesaw.api.DoubleColumn.create("test_error", run.recording(testError).values()));
        return new Result("H = " + p.hidden(), d, l, lean.dimension(), sets[0].size() * sets[0].classes());
    }
}
