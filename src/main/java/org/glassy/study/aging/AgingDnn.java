package org.glassy.study.aging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.data.Pca;
import org.glassy.data.TeacherStudent;
import org.glassy.dynamics.CheckpointPolicy;
import org.glassy.dynamics.Dynamics;
import org.glassy.core.LogTimes;
import org.glassy.dynamics.MiniBatchSgd;
import org.glassy.core.ProgressListener;
import org.glassy.core.StepHandler;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.Activation;
import org.glassy.model.BatchModel;
import org.glassy.model.DeepLearning4jNetwork;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
import org.glassy.observable.Aggregates;
import org.glassy.observable.Evaluation;
import org.glassy.observable.MeanQuarticDisplacement;
import org.glassy.observable.MeanSquareDisplacement;
import org.glassy.observable.SgdNoise;
import org.glassy.observable.Rows;
import org.glassy.observable.TwoTimeObservable;
import org.glassy.observable.TwoTimeRows;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Aging in the training of a one-hidden-layer network by SGD, the DNN side of M. Baity-Jesi et
 * al., "Comparing dynamics: deep neural networks versus glassy systems", ICML 2018
 * (arXiv:1803.06969): the mean square displacement Δ(t_w, t_w + t) of all weights and biases on
 * the authors' log-spaced grid, its fourth moment Δ₄, the training and test losses and the strength D(t)
 * of the SGD noise ({@link SgdNoise}) on the loss grid, so that Δ/D(t_w) can be formed. Time is counted in
 * SGD steps.
 *
 * <p>The network is the authors' toy model: d-H-C, ReLU ({@link Parameters#hiddenActivation}), squared
 * error to one-hot targets on sigmoid outputs as in their code ({@link Output#SIGMOID}) or on linear
 * outputs, PyTorch's initialisation; SGD with momentum (they used 0.5). The inputs are the raw ones or K
 * whitened principal components ({@link Pca}). The hidden width H is the knob between under-parametrised
 * (fewer parameters than P·C constraints) and over-parametrised.
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

    /** The output units of the network and the loss on them. */
    public enum Output {
        /** Linear outputs, squared error to the one-hot target ({@link Loss#SQUARED}). */
        LINEAR,
        /** Sigmoid outputs, squared error to the one-hot target ({@link Loss#SIGMOID_SQUARED}): the authors' toy model. */
        SIGMOID;

        /**
         * Parses {@code linear} or {@code sigmoid}.
         *
         * @param name the name
         * @return the output
         */
        public static Output parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "linear" -> LINEAR;
                case "sigmoid" -> SIGMOID;
                default -> throw Require.invalid("output", "must be sigmoid or linear, got '" + name + "'");
            };
        }

        /** @return the loss on these outputs */
        public Loss loss() {
            return this == LINEAR ? Loss.SQUARED : Loss.SIGMOID_SQUARED;
        }
    }

    /**
     * Parses the input option: {@code raw} (0) or {@code pca:K} (K ≥ 1 whitened principal components).
     *
     * @param spec {@code raw} or {@code pca:K}
     * @return K, or 0 for raw inputs
     */
    public static int parseInputs(String spec) {
        String s = spec.toLowerCase(Locale.ROOT).trim();
        if (s.equals("raw")) {
            return 0;
        }
        if (s.startsWith("pca:")) {
            try {
                int k = Integer.parseInt(s.substring(4));
                if (k >= 1) {
                    return k;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw Require.invalid("inputs", "must be raw or pca:K with K >= 1, got '" + spec + "'");
    }

    /**
     * Parses a hidden activation: {@code relu}, {@code tanh} or {@code sigmoid}.
     *
     * @param name the name
     * @return the activation
     */
    public static Activation parseActivation(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            default -> throw Require.invalid("hiddenActivation", "must be relu, tanh or sigmoid, got '" + name + "'");
        };
    }

    /** Batches per estimate of the SGD noise D ({@link SgdNoise}). */
    public static final int NOISE_BATCHES = 16;

    /** The most training examples the SGD noise D is estimated on ({@link SgdNoise}'s subset n). */
    public static final int NOISE_SUBSET = 1000;

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
     * @param hiddenActivation the hidden units' activation (ReLU in the authors' toy model)
     * @param output the output units and loss (sigmoid in the authors' toy model)
     * @param pcaComponents K whitened principal components of the inputs ({@link Pca}, fitted on the training
     *     set), 1 ≤ K ≤ d, or 0 for the raw inputs
     */
    public record Parameters(DataSource data, int samples, int hidden, double learningRate, int batch,
                             double momentum, long steps, long seed, Engine engine, int waitingTimes,
                             Activation hiddenActivation, Output output, int pcaComponents) {

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
         * @param hiddenActivation the hidden activation
         * @param output the output units
         * @param pcaComponents K principal components, or 0
         */
        public Parameters {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(hiddenActivation, "hiddenActivation");
            Objects.requireNonNull(output, "output");
            int d = data == DataSource.TEACHER ? TEACHER_INPUTS : FashionMnist.INPUT_DIMENSION;
            if (pcaComponents < 0 || pcaComponents > d) {
                throw Require.invalid("pcaComponents", "must lie in [0, " + d + "] (0: raw inputs), got " + pcaComponents);
            }
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

        /**
         * The authors' toy model with this library's earlier defaults: ReLU hidden units, linear outputs, raw
         * inputs.
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
        public Parameters(DataSource data, int samples, int hidden, double learningRate, int batch, double momentum,
                          long steps, long seed, Engine engine, int waitingTimes) {
            this(data, samples, hidden, learningRate, batch, momentum, steps, seed, engine, waitingTimes,
                    Activation.RELU, Output.LINEAR, 0);
        }

        /** @return the input dimension the network sees: K with PCA, else d */
        public int inputs() {
            if (pcaComponents > 0) {
                return pcaComponents;
            }
            return data == DataSource.TEACHER ? TEACHER_INPUTS : FashionMnist.INPUT_DIMENSION;
        }

        /** @return the network's architecture for these data */
        public Mlp.Architecture architecture() {
            int classes = data == DataSource.TEACHER ? 2 : FashionMnist.CLASSES;
            return Mlp.Architecture.oneHidden(inputs(), hidden, classes, hiddenActivation, output.loss());
        }

        /** @return the waiting times and lags in steps, {waitingSteps, lagSteps} */
        long[][] grid() {
            return TwoTimeObservable.logGrid(steps, Math.min(10, steps / 4), waitingTimes, 40);
        }

        /** @return the number of parameters M of the network (weights and biases), as a double */
        double parameterCount() {
            double d = inputs();
            double c = data == DataSource.TEACHER ? 2 : FashionMnist.CLASSES;
            return d * hidden + hidden + (double) hidden * c + c;
        }

        /**
         * The estimated heap of a run: the training and test inputs (and, for Fashion-MNIST, the pool the
         * class-balanced subset is drawn from), 8 bytes per pixel or coordinate; the M parameters in the state,
         * the gradient, the velocity and one copy per waiting time; the activations of a chunk of examples; with
         * PCA, the d × d covariance and its eigenvectors.
         *
         * @return the bytes
         */
        public double bytes() {
            double d = data == DataSource.TEACHER ? TEACHER_INPUTS : FashionMnist.INPUT_DIMENSION;
            double pool = data == DataSource.TEACHER ? 0 : Math.min(FashionMnist.TRAIN_SIZE, Math.max(3.0 * samples, 3000));
            double m = parameterCount();
            double pca = pcaComponents > 0 ? 3 * d * d : 0;
            return 8 * ((samples + 1000 + pool) * d + m * (waitingTimes + 8) + 2.0 * Math.max(batch, 250) * (hidden + 10)
                    + pca);
        }

        /**
         * The estimated work of a run: per SGD step a forward and a backward pass over a batch, 3 B M
         * multiply–adds; per record the training loss over P examples, the test loss and error over 1000
         * examples and the SGD noise over n + 16 B examples (3 multiply–adds each), (P + 2000 + 3(n + 16 B)) M.
         *
         * @return the operations
         */
        public double operations() {
            double records = LogTimes.upTo(steps, 10).length + 40.0 * waitingTimes;
            double noise = 3.0 * (Math.min(samples, NOISE_SUBSET) + NOISE_BATCHES * batch);
            return parameterCount() * (3.0 * batch * steps + records * (samples + 2000.0 + noise));
        }

        /**
         * Checks, before any data is loaded, that the run fits in one array per parameter vector (naming
         * {@code hidden}), in this JVM's heap (naming {@code samples}) and within the bound on work (naming
         * {@code steps}); {@link AgingDnn#run} calls it first.
         *
         * @throws IllegalArgumentException naming the parameter otherwise
         */
        public void requireResources() {
            Resources.requireArrayLength("hidden", parameterCount(), "network parameters");
            Resources.requireMemory("samples", bytes(), Resources.count(samples) + " training examples and a network of "
                    + Resources.count(parameterCount()) + " parameters");
            Resources.requireWork("steps", operations(), Resources.count(steps) + " SGD steps on batches of " + batch
                    + " with " + Resources.count(parameterCount()) + " parameters");
        }

        /**
         * A builder with the lean engine and 8 waiting times; data, samples, hidden, learningRate,
         * batch, momentum, steps and seed must be set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters, to change some of them */
        public Builder toBuilder() {
            return builder().data(data).samples(samples).hidden(hidden).learningRate(learningRate).batch(batch)
                    .momentum(momentum).steps(steps).seed(seed).engine(engine).waitingTimes(waitingTimes)
                    .hiddenActivation(hiddenActivation).output(output).pcaComponents(pcaComponents);
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private DataSource data;
            private Integer samples;
            private Integer hidden;
            private Double learningRate;
            private Integer batch;
            private Double momentum;
            private Long steps;
            private Long seed;
            private Engine engine = Engine.LEAN;
            private int waitingTimes = 8;
            private Activation hiddenActivation = Activation.RELU;
            private Output output = Output.LINEAR;
            private int pcaComponents;

            private Builder() {
            }

            /**
             * @param value the training data
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
             * @param value the learning rate η
             * @return this builder
             */
            public Builder learningRate(double value) {
                learningRate = value;
                return this;
            }

            /**
             * @param value the batch size B
             * @return this builder
             */
            public Builder batch(int value) {
                batch = value;
                return this;
            }

            /**
             * @param value the momentum μ
             * @return this builder
             */
            public Builder momentum(double value) {
                momentum = value;
                return this;
            }

            /**
             * @param value the number of SGD steps
             * @return this builder
             */
            public Builder steps(long value) {
                steps = value;
                return this;
            }

            /**
             * @param value the seed of data, initial weights and batch order
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value the engine that evaluates the network
             * @return this builder
             */
            public Builder engine(Engine value) {
                engine = value;
                return this;
            }

            /**
             * @param value the number of waiting times t_w
             * @return this builder
             */
            public Builder waitingTimes(int value) {
                waitingTimes = value;
                return this;
            }

            /**
             * @param value the hidden units' activation (default ReLU)
             * @return this builder
             */
            public Builder hiddenActivation(Activation value) {
                hiddenActivation = value;
                return this;
            }

            /**
             * @param value the output units (default linear)
             * @return this builder
             */
            public Builder output(Output value) {
                output = value;
                return this;
            }

            /**
             * @param value K whitened principal components of the inputs, or 0 for raw inputs (default)
             * @return this builder
             */
            public Builder pcaComponents(int value) {
                pcaComponents = value;
                return this;
            }

            /**
             * @return the parameters
             * @throws IllegalStateException if a parameter without default was not set
             * @throws IllegalArgumentException if a parameter is out of range
             */
            public Parameters build() {
                return new Parameters(Require.given("data", data), Require.given("samples", samples),
                        Require.given("hidden", hidden), Require.given("learningRate", learningRate),
                        Require.given("batch", batch), Require.given("momentum", momentum),
                        Require.given("steps", steps), Require.given("seed", seed), engine, waitingTimes,
                        hiddenActivation, output, pcaComponents);
            }
        }
    }

    /**
     * The outcome of a run.
     *
     * @param label the network, e.g. {@code "H = 256"}
     * @param msd Δ(t_w, t_w + t): columns {@code tw, t, delta, delta4} (steps; {@code delta4} the fourth moment
     *     Δ₄ of the displacements, {@link MeanQuarticDisplacement})
     * @param loss columns {@code step, loss, test_loss, test_error, noise} ({@code noise} the SGD noise D,
     *     {@link #noise})
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
        Rows t = Rows.of("networks: parameters M against constraints P·C", StringColumn.create("network"),
                IntColumn.create("parameters_M"), IntColumn.create("constraints_PC"), StringColumn.create("regime"),
                DoubleColumn.create("final_train_loss"), DoubleColumn.create("final_test_loss"),
                DoubleColumn.create("final_test_error"));
        for (Result r : results) {
            t.add(r.label(), r.parameters(), r.constraints(), r.regime(), r.last("loss"), r.last("test_loss"),
                    r.last("test_error"));
        }
        return t.table();
    }

    /**
     * The loss tables of several runs stacked, with a {@code network} column.
     *
     * @param results the runs
     * @return columns {@code network, step, loss, test_loss, test_error, noise}
     */
    public static Table losses(Result... results) {
        Rows all = Rows.of("losses", StringColumn.create("network"));
        for (Result r : results) {
            all.addAll(r.loss(), r.label());
        }
        return all.table();
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
        Dataset[] sets = datasets(p.data(), p.samples(), p.seed());
        if (p.pcaComponents() > 0) {
            Pca pca = Pca.fit(sets[0], p.pcaComponents());
            return new Dataset[] {pca.apply(sets[0]), pca.apply(sets[1])};
        }
        return sets;
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
        return run(p, progress, checkpoint, null, handlers);
    }

    /**
     * Trains the network, records Δ and the losses, and hands each row of Δ to {@code msdRows} as soon as it is
     * final, in the order rows complete (time-major: by t_w + t, then t_w); the result's {@code msd} table holds
     * the same rows sorted by t_w, then t. A resumed run hands the rows made before the checkpoint on again
     * first.
     *
     * @param p the run
     * @param progress progress listener, or null
     * @param checkpoint where to checkpoint the run (resuming from an existing checkpoint), or null
     * @param msdRows receives (t_w, t, {Δ}) in steps as each row is final, or null
     * @param handlers extra handlers at every record (e.g. CSV writers); with a checkpoint they must
     *     support {@link StepHandler#snapshot()}
     * @return the tables
     */
    public static Result run(Parameters p, ProgressListener progress, CheckpointPolicy checkpoint,
                             TwoTimeRows.Sink msdRows, StepHandler... handlers) {
        p.requireResources();
        Dataset[] sets = datasets(p);
        SplittableRandom seeds = new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
        long initSeed = seeds.nextLong();
        long noiseSeed = seeds.nextLong();
        Mlp lean = new Mlp(p.architecture(), sets[0]);
        BatchModel model = p.engine() == Engine.LEAN ? lean : new DeepLearning4jNetwork(p.architecture(), sets[0]);
        Mlp test = lean.withData(sets[1]);
        long[][] grid = p.grid();
        List<long[]> msdSteps = new ArrayList<>();
        List<Double> msdValues = new ArrayList<>();
        List<Double> quarticValues = new ArrayList<>();
        TwoTimeRows msd = new TwoTimeRows((tw, t, values) -> {
            msdSteps.add(new long[] {tw, t});
            msdValues.add(values[0]);
            quarticValues.add(values[1]);
            if (msdRows != null) {
                msdRows.row(tw, t, values);
            }
        }, new MeanSquareDisplacement(grid[0], grid[1]), new MeanQuarticDisplacement(grid[0], grid[1]));
        Evaluation loss = Evaluation.loss();
        Evaluation testLoss = Evaluation.of("test_loss", test);
        Evaluation testError = new Evaluation("test_error", test::errorRate);
        Evaluation noise = noise(p, lean, seeds.nextLong());
        var dynamics = Dynamics.of(model, new MiniBatchSgd(p.learningRate(), p.batch(), p.momentum()))
                .seed(noiseSeed)
                .steps(p.steps())
                .record(LogTimes.upTo(p.steps(), 10), loss, testLoss, testError, noise)
                .record(new long[0], msd)
                .record(new long[0], handlers)
                .progress(progress);
        var run = CheckpointPolicy.apply(checkpoint, dynamics).run(lean.initialParameters(initSeed));
        Integer[] order = new Integer[msdValues.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> msdSteps.get(i)[0])
                .thenComparingLong(i -> msdSteps.get(i)[1]));
        Table d = Table.create("msd", LongColumn.create("tw", Arrays.stream(order).mapToLong(i -> msdSteps.get(i)[0]).toArray()),
                LongColumn.create("t", Arrays.stream(order).mapToLong(i -> msdSteps.get(i)[1]).toArray()),
                DoubleColumn.create("delta", Arrays.stream(order).mapToDouble(msdValues::get).toArray()),
                DoubleColumn.create("delta4", Arrays.stream(order).mapToDouble(quarticValues::get).toArray()));
        Table l = Table.create("loss", LongColumn.create("step", run.recording(loss).steps()),
                DoubleColumn.create("loss", run.recording(loss).values()),
                DoubleColumn.create("test_loss", run.recording(testLoss).values()),
                DoubleColumn.create("test_error", run.recording(testError).values()),
                DoubleColumn.create("noise", run.recording(noise).values()));
        return new Result("H = " + p.hidden(), d, l, lean.dimension(), sets[0].size() * sets[0].classes());
    }

    /**
     * The SGD noise D(t) of a run as a recorded observable {@code noise}: {@link SgdNoise} with the run's η and B,
     * K = {@value #NOISE_BATCHES} batches per estimate on a fixed random subset of n = min(P, max({@value
     * #NOISE_SUBSET}, 4B)) training examples (all of them when P is smaller), so its relative standard error is
     * about √(2/K)·(spread of the per-batch terms) — a few tens of percent per point — plus, for n &lt; P, the
     * subset's sampling error; full-batch runs (B = P) have D = 0 exactly.
     *
     * @param p the run
     * @param model the training loss
     * @param seed chooses the subset and seeds the batches
     * @return the observable
     */
    static Evaluation noise(Parameters p, BatchModel model, long seed) {
        int n = Math.min(p.samples(), Math.max(NOISE_SUBSET, 4 * p.batch()));
        if (p.batch() >= model.exampleCount()) {
            return new Evaluation("noise", x -> 0.0);
        }
        return new SgdNoise(model, p.learningRate(), p.batch(), n, NOISE_BATCHES, seed).observable("noise");
    }

    /**
     * A run's tables as one long table, the per-point table of a {@link #sweep}: Δ(t_w, t_w + t) and Δ₄ as the
     * observables {@code delta} and {@code delta4}, and the losses and the SGD noise as one-time observables at
     * t_w = 0 ({@code loss}, {@code test_loss}, {@code test_error}, {@code noise}, t the SGD step).
     *
     * @param result a run
     * @return columns {@code observable, tw, t, value} (steps), Δ and Δ₄ first, then each loss and the noise
     */
    public static Table table(Result result) {
        Rows rows = Rows.of("aging run " + result.label(), StringColumn.create("observable"));
        for (String observable : List.of("delta", "delta4")) {
            rows.addAll(Table.create(observable, result.msd().longColumn("tw").copy(), result.msd().longColumn("t").copy(),
                    result.msd().doubleColumn(observable).copy().setName("value")), observable);
        }
        LongColumn steps = result.loss().longColumn("step");
        for (String observable : List.of("loss", "test_loss", "test_error", "noise")) {
            rows.addAll(Table.create(observable, LongColumn.create("tw", steps.size()).setMissingTo(0L),
                    steps.copy().setName("t"), result.loss().doubleColumn(observable).copy().setName("value")),
                    observable);
        }
        return rows.table();
    }

    /**
     * Trains a network at every hidden width and seed, as a {@link Sweep} on all cores: the seeds are
     * {@code base.seed()}, {@code base.seed() + 1}, …, each the seed of one run's data subset, initial
     * weights and batch order, so a point's rows are those of {@link #run} with that width and seed,
     * whatever the number of workers.
     *
     * @param base the run; its hidden width and seed are replaced by the grid's
     * @param widths the hidden widths H, at least one, distinct
     * @param seeds the number of seeds per width, at least 1
     * @param progress told of the points done, or null
     * @return columns {@code hidden, seed} (a long), {@code observable, tw, t, value} ({@link #table} behind the point),
     *     widths in the given order, seeds within each width
     */
    public static Table sweep(Parameters base, int[] widths, int seeds, ProgressListener progress) {
        Require.atLeast("widths.length", widths.length, 1);
        Require.atLeast("seeds", seeds, 1);
        Object[] h = java.util.Arrays.stream(widths).boxed().toArray();
        Grid grid = Grid.of(Axis.of("hidden", h), Axis.range("seed", base.seed(), base.seed() + seeds - 1));
        Table t = Sweep.over(grid).progress(progress).run(p -> table(run(base.toBuilder().hidden(p.intValue("hidden"))
                .seed(p.longValue("seed")).build(), null)));
        if (t.column("seed") instanceof IntColumn small) {   // small seeds come back as int: keep one type
            t.replaceColumn("seed", small.asLongColumn().setName("seed"));
        }
        return t.setName("aging runs: widths × seeds");
    }

    /**
     * One observable of a {@link #sweep} averaged over the seeds, per width and (t_w, t), with the
     * standard error over the seeds.
     *
     * @param sweep a table from {@link #sweep}
     * @param observable {@code delta}, {@code delta4}, {@code loss}, {@code test_loss}, {@code test_error} or
     *     {@code noise}
     * @return columns {@code network} (e.g. {@code "H = 256"}), {@code hidden, tw, t, samples} (the seeds),
     *     the mean named after the observable and its standard error {@code <observable>_se}
     */
    public static Table mean(Table sweep, String observable) {
        Table one = sweep.where(sweep.stringColumn("observable").isEqualTo(observable));
        if (one.rowCount() == 0) {
            throw Require.invalid("observable", "must be one of " + sweep.stringColumn("observable").unique().asList()
                    + ", got '" + observable + "'");
        }
        Table m = Aggregates.meanAndError(one, List.of("value"), "hidden", "tw", "t");
        m.column("value").setName(observable);
        m.column("value_se").setName(observable + "_se");
        StringColumn network = StringColumn.create("network", m.rowCount());
        for (int r = 0; r < m.rowCount(); r++) {
            network.set(r, "H = " + m.intColumn("hidden").get(r));
        }
        return m.insertColumn(0, network).setName(observable + ", mean over seeds");
    }

    /**
     * One row per width of a {@link #sweep}: parameters against constraints, regime, and the final
     * training loss, test loss and test error averaged over the seeds, with their standard errors.
     *
     * @param sweep a table from {@link #sweep}
     * @param base the parameters the sweep ran with (data, inputs and samples give M and P·C)
     * @return columns {@code network, parameters_M, constraints_PC, regime, seeds, final_train_loss,
     *     final_train_loss_se, final_test_loss, final_test_loss_se, final_test_error, final_test_error_se}
     */
    public static Table summary(Table sweep, Parameters base) {
        Table losses = sweep.where(sweep.stringColumn("observable").isNotIn("delta", "delta4"));
        Table end = losses.where(losses.longColumn("t").isEqualTo(losses.longColumn("t").max()));
        int classes = architecture(base.data(), 1).widths()[2];
        Rows rows = Rows.of("networks: parameters M against constraints P·C", StringColumn.create("network"),
                IntColumn.create("parameters_M"), IntColumn.create("constraints_PC"), StringColumn.create("regime"),
                IntColumn.create("seeds"), DoubleColumn.create("final_train_loss"),
                DoubleColumn.create("final_train_loss_se"), DoubleColumn.create("final_test_loss"),
                DoubleColumn.create("final_test_loss_se"), DoubleColumn.create("final_test_error"),
                DoubleColumn.create("final_test_error_se"));
        for (int hidden : new java.util.LinkedHashSet<>(sweep.intColumn("hidden").asList())) {
            Table mine = end.where(end.intColumn("hidden").isEqualTo(hidden));
            Table m = Aggregates.meanAndError(mine, List.of("value"), "observable");
            int parameters = base.toBuilder().hidden(hidden).build().architecture().parameterCount();
            int constraints = base.samples() * classes;
            Object[] row = new Object[11];
            row[0] = "H = " + hidden;
            row[1] = parameters;
            row[2] = constraints;
            row[3] = parameters < constraints ? "under-parametrised" : "over-parametrised";
            row[4] = m.intColumn("samples").get(0);
            List<String> names = m.stringColumn("observable").asList();
            int k = 5;
            for (String observable : List.of("loss", "test_loss", "test_error")) {
                int r = names.indexOf(observable);
                row[k++] = m.doubleColumn("value").get(r);
                row[k++] = m.doubleColumn("value_se").get(r);
            }
            rows.add(row);
        }
        return rows.table();
    }
}
