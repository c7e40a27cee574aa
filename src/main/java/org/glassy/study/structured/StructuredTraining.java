package org.glassy.study.structured;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import org.glassy.core.StepHandler;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.data.TeacherStudent;
import org.glassy.dynamics.Adam;
import org.glassy.dynamics.BatchCursor;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.MiniBatchSgd;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.Activation;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
import org.glassy.model.Precision;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 11 and {@code bin/glassy structured-training}: a one-hidden-layer ReLU network (D-H-C, {@link Mlp})
 * trained on P examples by SGD, Adam, {@link BlockMajorization} or {@link GaussNewton}, with the full-batch
 * training loss, the test error and the cumulative wall time of training after every epoch. For SGD and Adam an
 * epoch is ⌊P/B⌋ mini-batches; for the full-batch trainers one step. Data: Fashion-MNIST (the first P training
 * images, pixels in [0, 1], test error on the 10 000 test images) or a teacher–student rule
 * ({@link TeacherStudent}: D = {@value #TEACHER_INPUTS} Gaussian inputs, a tanh teacher with
 * {@value #TEACHER_HIDDEN} hidden units and C = 10 classes drawn from the seed, test error on
 * {@value #TEACHER_TEST} fresh inputs). Also the bifurcation measure of Bertoin, Bolte, Gerchinovitz and
 * Pauwels (NeurIPS 2021, arXiv:2106.12915), {@link #bifurcationFraction}.
 */
public final class StructuredTraining {

    /** The teacher's input dimension D. */
    public static final int TEACHER_INPUTS = 50;
    /** The teacher's hidden width. */
    public static final int TEACHER_HIDDEN = 8;
    /** Test inputs of the teacher rule. */
    public static final int TEACHER_TEST = 10_000;

    private StructuredTraining() {
    }

    /** The trainers. */
    public enum Optimizer {
        /** Plain mini-batch SGD, no momentum. */
        SGD,
        /** Adam with PyTorch's defaults on mini-batches. */
        ADAM,
        /** {@link BlockMajorization}, full batch. */
        BLOCK_MM,
        /** {@link GaussNewton} (Levenberg–Marquardt), full batch. */
        GAUSS_NEWTON;

        /**
         * Parses the command-line name.
         *
         * @param name sgd, adam, block-mm or gauss-newton
         * @return the optimizer
         */
        public static Optimizer parse(String name) {
            for (Optimizer o : values()) {
                if (o.label().equals(name)) {
                    return o;
                }
            }
            throw Require.invalid("optimizer", "must be sgd, adam, block-mm or gauss-newton, got " + name);
        }

        /** @return the command-line name */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** @return whether the trainer uses mini-batches (and a learning rate) */
        public boolean stochastic() {
            return this == SGD || this == ADAM;
        }
    }

    /** The data sets. */
    public enum Data {
        /** The teacher–student rule. */
        TEACHER,
        /** Fashion-MNIST. */
        FASHION_MNIST;

        /**
         * Parses the command-line name.
         *
         * @param name teacher or fashion-mnist
         * @return the data
         */
        public static Data parse(String name) {
            return switch (name) {
                case "teacher" -> TEACHER;
                case "fashion-mnist" -> FASHION_MNIST;
                default -> throw Require.invalid("data", "must be teacher or fashion-mnist, got " + name);
            };
        }

        /** @return the input dimension D */
        public int inputs() {
            return this == TEACHER ? TEACHER_INPUTS : FashionMnist.INPUT_DIMENSION;
        }
    }

    /**
     * One run; build it by name with {@link #builder()}.
     *
     * @param optimizer the trainer
     * @param data the data
     * @param samples P ≥ 1 (≤ 60 000 for Fashion-MNIST)
     * @param hidden H ≥ 1
     * @param epochs E ≥ 0
     * @param seed the seed of teacher, data, initialisation and batch order
     * @param loss the loss
     * @param learningRate η &gt; 0 (SGD, Adam)
     * @param batch B in [1, P] (SGD, Adam)
     * @param reluDerivativeAtZero ReLU′(0) in [0, 1]
     * @param precision the arithmetic of the network's passes (float32: SGD and Adam only)
     */
    public record Parameters(Optimizer optimizer, Data data, int samples, int hidden, int epochs, long seed, Loss loss,
                             double learningRate, int batch, double reluDerivativeAtZero, Precision precision) {

        /**
         * Validates the parameters.
         *
         * @param optimizer the trainer
         * @param data the data
         * @param samples P ≥ 1 (≤ 60 000 for Fashion-MNIST)
         * @param hidden H ≥ 1
         * @param epochs E ≥ 0
         * @param seed the seed
         * @param loss the loss
         * @param learningRate η &gt; 0
         * @param batch B in [1, P]
         * @param reluDerivativeAtZero ReLU′(0) in [0, 1]
         * @param precision float64, or float32 for SGD and Adam (the structured trainers' curvature products
         *     are float64)
         */
        public Parameters {
            Require.given("optimizer", optimizer);
            Require.given("precision", precision);
            if (precision == Precision.FLOAT32 && !optimizer.stochastic()) {
                throw Require.invalid("precision", "float32 applies to sgd and adam only, not to " + optimizer.label());
            }
            Require.given("data", data);
            Require.given("loss", loss);
            Require.inRange("samples", samples, 1, data == Data.FASHION_MNIST ? FashionMnist.TRAIN_SIZE
                    : (int) (Resources.MAX_ARRAY_LENGTH / TEACHER_INPUTS));
            Require.atLeast("hidden", hidden, 1);
            Require.atLeast("epochs", epochs, 0);
            Require.positive("learningRate", learningRate);
            Require.inRange("batch", batch, 1, samples);
            if (!(reluDerivativeAtZero >= 0 && reluDerivativeAtZero <= 1)) {
                throw Require.invalid("reluDerivativeAtZero", "must lie in [0, 1], got " + reluDerivativeAtZero);
            }
        }

        /**
         * A builder: cross-entropy, ReLU′(0) = 0, float64, and for SGD and Adam a batch of min(32, P) and η = 0.05
         * (SGD) or 0.001 (Adam); optimizer, data, samples, hidden width, epochs and seed must be set. The learning
         * rate and the batch are those of the stochastic trainers: setting either for block MM or Gauss–Newton is an
         * error (as {@code glassy structured-training} rejects {@code --lr} and {@code --batch} for them).
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters (the rate and batch only for SGD and Adam) */
        public Builder toBuilder() {
            Builder b = builder().optimizer(optimizer).data(data).samples(samples).hidden(hidden).epochs(epochs)
                    .seed(seed).loss(loss).reluDerivativeAtZero(reluDerivativeAtZero).precision(precision);
            return optimizer.stochastic() ? b.learningRate(learningRate).batch(batch) : b;
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private Optimizer optimizer;
            private Data data;
            private Integer samples;
            private Integer hidden;
            private Integer epochs;
            private Long seed;
            private Loss loss = Loss.CROSS_ENTROPY;
            private Double learningRate;
            private Integer batch;
            private double reluDerivativeAtZero;
            private Precision precision = Precision.FLOAT64;

            private Builder() {
            }

            /**
             * @param value the trainer
             * @return this builder
             */
            public Builder optimizer(Optimizer value) {
                optimizer = value;
                return this;
            }

            /**
             * @param value the data
             * @return this builder
             */
            public Builder data(Data value) {
                data = value;
                return this;
            }

            /**
             * @param value P ≥ 1 (≤ 60 000 for Fashion-MNIST)
             * @return this builder
             */
            public Builder samples(int value) {
                samples = value;
                return this;
            }

            /**
             * @param value H ≥ 1
             * @return this builder
             */
            public Builder hidden(int value) {
                hidden = value;
                return this;
            }

            /**
             * @param value E ≥ 0
             * @return this builder
             */
            public Builder epochs(int value) {
                epochs = value;
                return this;
            }

            /**
             * @param value the seed of teacher, data, initialisation and batch order
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value the loss (default cross-entropy)
             * @return this builder
             */
            public Builder loss(Loss value) {
                loss = value;
                return this;
            }

            /**
             * @param value η &gt; 0, SGD and Adam only (default 0.05 for SGD, 0.001 for Adam)
             * @return this builder
             */
            public Builder learningRate(double value) {
                learningRate = value;
                return this;
            }

            /**
             * @param value B in [1, P], SGD and Adam only (default min(32, P))
             * @return this builder
             */
            public Builder batch(int value) {
                batch = value;
                return this;
            }

            /**
             * @param value ReLU′(0) in [0, 1] (default 0)
             * @return this builder
             */
            public Builder reluDerivativeAtZero(double value) {
                reluDerivativeAtZero = value;
                return this;
            }

            /**
             * @param value the arithmetic of the network's passes (default float64; float32 for SGD and Adam only)
             * @return this builder
             */
            public Builder precision(Precision value) {
                precision = value;
                return this;
            }

            /** @return the validated parameters */
            public Parameters build() {
                Optimizer o = Require.given("optimizer", optimizer);
                int p = Require.given("samples", samples);
                if (!o.stochastic() && learningRate != null) {
                    throw Require.invalid("learningRate", "applies to sgd and adam only, not to the full-batch "
                            + o.label());
                }
                if (!o.stochastic() && batch != null) {
                    throw Require.invalid("batch", "applies to sgd and adam only, not to the full-batch " + o.label());
                }
                double eta = learningRate != null ? learningRate : o == Optimizer.ADAM ? 1e-3 : 0.05;
                int b = batch != null ? batch : Math.max(1, Math.min(32, p));
                return new Parameters(o, Require.given("data", data), p, Require.given("hidden", hidden),
                        Require.given("epochs", epochs), Require.given("seed", seed), loss, eta, b,
                        reluDerivativeAtZero, precision);
            }
        }

        /** Checks memory and work before anything runs. */
        public void requireResources() {
            double d = data.inputs();
            double weights = (d + 1) * hidden + (hidden + 1) * 10.0;
            double perPass = 2 * weights * samples;
            double perEpoch = switch (optimizer) {
                case SGD, ADAM -> 3 * perPass;
                case BLOCK_MM -> 6 * perPass + samples * (hidden + 1.0) * (hidden + 1);
                case GAUSS_NEWTON -> 6 * perPass * 60;
            };
            Resources.requireMemory("samples", 8 * (samples * (d + 12.0 * hidden + 20) + 10 * weights
                    + (hidden + 1.0) * samples), Resources.count(samples) + " examples, hidden width " + hidden);
            Resources.requireWork("epochs", perEpoch * (double) epochs, epochs + " epochs on " + samples
                    + " examples");
        }
    }

    /**
     * The state after one epoch.
     *
     * @param epoch the epochs done
     * @param trainLoss the full-batch training loss
     * @param testError the test classification error
     * @param seconds the cumulative wall time of training (evaluations excluded)
     */
    public record Row(int epoch, double trainLoss, double testError, double seconds) {
    }

    /**
     * The training and test networks of a run.
     *
     * @param parameters the run
     * @return {train, test}, sharing architecture and ReLU′(0)
     */
    public static Mlp[] networks(Parameters parameters) {
        Dataset train;
        Dataset test;
        if (parameters.data() == Data.FASHION_MNIST) {
            train = FashionMnist.train(parameters.samples());
            test = FashionMnist.test();
        } else {
            TeacherStudent teacher = new TeacherStudent(new TeacherStudent.Parameters(TEACHER_INPUTS, TEACHER_HIDDEN,
                    10, parameters.seed()));
            SplittableRandom seeds = new SplittableRandom(parameters.seed());
            train = teacher.sample(parameters.samples(), seeds.nextLong());
            test = teacher.sample(TEACHER_TEST, seeds.nextLong());
        }
        Mlp.Architecture a = Mlp.Architecture.oneHidden(train.inputDimension(), parameters.hidden(), 10,
                Activation.RELU, parameters.loss());
        Mlp mlp = new Mlp(a, train, parameters.reluDerivativeAtZero(), parameters.precision());
        return new Mlp[] {mlp, mlp.withData(test)};
    }

    /**
     * Trains and hands a row to {@code rows} after the start (epoch 0) and after every epoch.
     *
     * @param parameters the run
     * @param rows receives the rows in order
     */
    public static void run(Parameters parameters, Consumer<Row> rows) {
        Mlp[] nets = networks(parameters);
        Mlp train = nets[0];
        Mlp test = nets[1];
        int epochs = parameters.epochs();
        long stepsPerEpoch = parameters.optimizer().stochastic()
                ? parameters.samples() / parameters.batch() : 1;
        long[] record = LongStream.rangeClosed(0, epochs).map(e -> e * stepsPerEpoch).toArray();
        long start = System.nanoTime();
        long[] excluded = {0};
        StepHandler handler = (step, time, x, energy) -> {
            long t0 = System.nanoTime();
            double seconds = (t0 - start - excluded[0]) * 1e-9;
            rows.accept(new Row((int) (step / stepsPerEpoch), energy, test.errorRate(x), step == 0 ? 0 : seconds));
            excluded[0] += System.nanoTime() - t0;
        };
        double[] x0 = train.initialParameters(parameters.seed() ^ 0x5DEECE66DL);
        long steps = epochs * stepsPerEpoch;
        long noise = parameters.seed() + 1;
        switch (parameters.optimizer()) {
            case SGD -> Dynamics.of(train, new MiniBatchSgd(parameters.learningRate(), parameters.batch(), 0))
                    .seed(noise).steps(steps).record(record, handler).run(x0);
            case ADAM -> Dynamics.of(train, Adam.of(parameters.learningRate()).withBatches(parameters.batch()))
                    .seed(noise).steps(steps).record(record, handler).run(x0);
            case BLOCK_MM -> Dynamics.of(train, BlockMajorization.defaults()).seed(noise).steps(steps)
                    .record(record, handler).run(x0);
            case GAUSS_NEWTON -> Dynamics.of(train, GaussNewton.defaults()).seed(noise).steps(steps)
                    .record(record, handler).run(x0);
            default -> throw new AssertionError(parameters.optimizer());
        }
    }

    /**
     * Notebook 11's comparison: every trainer on the same data from {@code seeds} initialisations (seeds
     * {@code seed}, {@code seed} + 1, …), after one warm-up run of each trainer (one epoch on min(P, 100)
     * examples) so that the just-in-time compiler is not timed. SGD runs with η = {@code sgdRate}, Adam with
     * {@code adamRate}, both with batches of B; the full-batch trainers ignore both.
     *
     * @param optimizers the trainers
     * @param data the data
     * @param samples P
     * @param hidden H
     * @param epochs E
     * @param seeds the number of seeds ≥ 1
     * @param seed the first seed
     * @param loss the loss
     * @param sgdRate SGD's η
     * @param adamRate Adam's η
     * @param batch B
     * @return long format: optimizer, seed (0, 1, …), epoch, train_loss, test_error, seconds
     */
    public static Table comparison(List<Optimizer> optimizers, Data data, int samples, int hidden, int epochs,
                                   int seeds, long seed, Loss loss, double sgdRate, double adamRate, int batch) {
        Require.atLeast("seeds", seeds, 1);
        for (Optimizer o : optimizers) {
            int warm = Math.min(samples, 100);
            run(trainer(o, sgdRate, adamRate, Math.min(batch, warm)).data(data).samples(warm).hidden(hidden)
                    .epochs(1).seed(seed).loss(loss).build(), r -> { });
        }
        Table runs = Table.create("comparison, " + data.name().toLowerCase(Locale.ROOT), StringColumn.create("optimizer"),
                IntColumn.create("seed"), IntColumn.create("epoch"), DoubleColumn.create("train_loss"),
                DoubleColumn.create("test_error"), DoubleColumn.create("seconds"));
        for (Optimizer o : optimizers) {
            for (int s = 0; s < seeds; s++) {
                int index = s;
                run(trainer(o, sgdRate, adamRate, batch).data(data).samples(samples).hidden(hidden)
                        .epochs(epochs).seed(seed + s).loss(loss).build(), r -> {
                    runs.stringColumn("optimizer").append(o.label());
                    runs.intColumn("seed").append(index);
                    runs.intColumn("epoch").append(r.epoch());
                    runs.doubleColumn("train_loss").append(r.trainLoss());
                    runs.doubleColumn("test_error").append(r.testError());
                    runs.doubleColumn("seconds").append(r.seconds());
                });
            }
        }
        return runs;
    }


    /** A builder for {@code o}, with SGD's or Adam's rate and the batch for those two only. */
    private static Parameters.Builder trainer(Optimizer o, double sgdRate, double adamRate, int batch) {
        Parameters.Builder b = Parameters.builder().optimizer(o);
        return o.stochastic() ? b.learningRate(o == Optimizer.ADAM ? adamRate : sgdRate).batch(batch) : b;
    }

    /**
     * Means over seeds of a {@link #comparison}, with standard errors s/√n (s the sample standard deviation
     * over the n seeds; 0 for one seed).
     *
     * @param runs a comparison table
     * @return optimizer, epoch, train_loss, train_loss_se, test_error, test_error_se, seconds (mean)
     */
    public static Table summary(Table runs) {
        Table out = Table.create(runs.name() + " (mean ± s.e.)", StringColumn.create("optimizer"),
                IntColumn.create("epoch"), DoubleColumn.create("train_loss"), DoubleColumn.create("train_loss_se"),
                DoubleColumn.create("test_error"), DoubleColumn.create("test_error_se"),
                DoubleColumn.create("seconds"));
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < runs.rowCount(); i++) {
            groups.computeIfAbsent(runs.stringColumn("optimizer").get(i) + "\u0000" + runs.intColumn("epoch").get(i),
                    k -> new ArrayList<>()).add(i);
        }
        for (var rows : groups.values()) {
            int first = rows.get(0);
            out.stringColumn("optimizer").append(runs.stringColumn("optimizer").get(first));
            out.intColumn("epoch").append(runs.intColumn("epoch").get(first));
            for (String c : List.of("train_loss", "test_error", "seconds")) {
                double mean = 0;
                for (int i : rows) {
                    mean += runs.doubleColumn(c).get(i);
                }
                mean /= rows.size();
                out.doubleColumn(c).append(mean);
                if (!c.equals("seconds")) {
                    double ss = 0;
                    for (int i : rows) {
                        double d = runs.doubleColumn(c).get(i) - mean;
                        ss += d * d;
                    }
                    int n = rows.size();
                    out.doubleColumn(c + "_se").append(n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0);
                }
            }
        }
        return out;
    }

    /** The half-width δ of the window around 0 in which {@link #bifurcations} estimates the density of s. */
    public static final double ZERO_WINDOW = 1e-3;

    /**
     * What an SGD run met at ReLU's kink ({@link #bifurcations}).
     *
     * @param steps the SGD steps
     * @param bifurcations the steps at which the gradients with ReLU′(0) = 0 and 1 differed
     * @param preActivations the hidden pre-activations evaluated at those steps (B · Σ_l n_l per step)
     * @param exactZeros those that were exactly 0 in the network's precision
     * @param expectedZeros the number of exact zeros that rounding predicts, Σ 1{|s| &lt; δ} ulp(b_j) / 2δ
     *     (see {@link #bifurcations})
     * @param trainLoss the full-batch training loss at the end
     */
    public record Bifurcations(long steps, long bifurcations, long preActivations, long exactZeros,
                               double expectedZeros, double trainLoss) {

        /** @return the fraction of steps with a bifurcation */
        public double fraction() {
            return (double) bifurcations / steps;
        }
    }

    /**
     * The bifurcation measure of Bertoin et al. (arXiv:2106.12915): along plain SGD with the network's own
     * ReLU′(0), the fraction of steps at which the mini-batch gradient backpropagated with ReLU′(0) = 0 differs
     * (in any component, bit for bit) from that with ReLU′(0) = 1 at the same point and batch. Nonzero only
     * where some pre-activation is exactly 0.
     *
     * @param train the network on its training set (its ReLU′(0) drives the training; its precision is that of
     *     all the backpropagations)
     * @param learningRate η &gt; 0
     * @param batch B in [1, P]
     * @param steps the SGD steps ≥ 1
     * @param seed the seed of the initialisation and the batch order
     * @return the fraction of the steps with a bifurcation, in [0, 1]
     */
    public static double bifurcationFraction(Mlp train, double learningRate, int batch, long steps, long seed) {
        return bifurcations(train, train.initialParameters(seed ^ 0x5DEECE66DL), learningRate, batch, steps, seed)
                .fraction();
    }

    /**
     * {@link #bifurcationFraction} with its mechanism. At every step it also counts the hidden pre-activations
     * s = (W a)_j + b_j of the batch that are exactly 0 in the network's precision, and the number that
     * rounding predicts. The engine adds the bias last, so s is exactly 0 only if the computed dot product
     * equals −b_j exactly: one number of the format, whose neighbours lie ulp(b_j) apart. For a dot product
     * whose distribution is smooth on that scale the chance is ρ_j(0) ulp(b_j), ρ_j the density of s_j at 0;
     * estimating ρ_j(0) by the s (computed in float64) that fall in |s| &lt; δ = {@value #ZERO_WINDOW} gives
     * the expected count Σ 1{|s| &lt; δ} ulp(b_j) / 2δ, ulp taken in the network's precision (2⁻²³ |b| in
     * float32, 2⁻⁵² |b| in float64, within a factor 2). Both grow with the width, depth, batch and steps: this
     * is why Bertoin et al. see bifurcations on a large fraction of 600-batch epochs of 784-256-256-256-10
     * networks in float32 and never in float64.
     *
     * @param train the network on its training set (its ReLU′(0) drives the training)
     * @param x0 the initial parameters (not modified)
     * @param learningRate η &gt; 0
     * @param batch B in [1, P]
     * @param steps the SGD steps ≥ 1
     * @param seed the seed of the batch order
     * @return the counts
     */
    public static Bifurcations bifurcations(Mlp train, double[] x0, double learningRate, int batch, long steps,
                                            long seed) {
        Require.positive("learningRate", learningRate);
        Require.atLeast("steps", steps, 1);
        Require.inRange("batch", batch, 1, train.exampleCount());
        Mlp zero = train.withReluDerivativeAtZero(0);
        Mlp one = train.withReluDerivativeAtZero(1);
        Mlp wide = train.withPrecision(Precision.FLOAT64);
        boolean float32 = train.precision() == Precision.FLOAT32;
        int[] widths = train.architecture().widths();
        int[] biasOffset = new int[widths.length];
        for (int l = 1, offset = 0; l < widths.length; l++) {
            offset += widths[l - 1] * widths[l];
            biasOffset[l] = offset;
            offset += widths[l];
        }
        double[] x = x0.clone();
        double[] g0 = new double[x.length];
        double[] g1 = new double[x.length];
        double[] g = train.reluDerivativeAtZero() == 0 ? g0 : train.reluDerivativeAtZero() == 1 ? g1
                : new double[x.length];
        SplittableRandom random = new SplittableRandom(seed + 1);
        BatchCursor cursor = BatchCursor.start(train.exampleCount(), batch);
        long bifurcations = 0;
        long evaluated = 0;
        long zeros = 0;
        double expected = 0;
        for (long k = 0; k < steps; k++) {
            cursor = cursor.next(random);
            int[] idx = cursor.permutation();
            double[][] s = train.preActivations(x, idx, cursor.from(), cursor.to());
            double[][] s64 = float32 ? wide.preActivations(x, idx, cursor.from(), cursor.to()) : s;
            for (int l = 1; l < widths.length - 1; l++) {
                int n = widths[l];
                for (int i = 0; i < s[l - 1].length; i++) {
                    if (s[l - 1][i] == 0) {
                        zeros++;
                    }
                    if (Math.abs(s64[l - 1][i]) < ZERO_WINDOW) {
                        double b = x[biasOffset[l] + i % n];
                        expected += (float32 ? Math.ulp((float) b) : Math.ulp(b)) / (2 * ZERO_WINDOW);
                    }
                }
                evaluated += s[l - 1].length;
            }
            zero.batchEnergyAndGradient(x, idx, cursor.from(), cursor.to(), g0);
            one.batchEnergyAndGradient(x, idx, cursor.from(), cursor.to(), g1);
            if (!Arrays.equals(g0, g1)) {
                bifurcations++;
            }
            if (g != g0 && g != g1) {
                train.batchEnergyAndGradient(x, idx, cursor.from(), cursor.to(), g);
            }
            for (int i = 0; i < x.length; i++) {
                x[i] -= learningRate * g[i];
            }
        }
        return new Bifurcations(steps, bifurcations, evaluated, zeros, expected, train.energy(x));
    }
}
