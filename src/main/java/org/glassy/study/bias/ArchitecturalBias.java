package org.glassy.study.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.nn.api.Model;
import org.glassy.core.ProgressListener;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The protocol of d'Ascoli, Sagun, Bruna and Biroli, "Finding the needle in the haystack with
 * convolutions: on the benefits of architectural bias", NeurIPS 2019, arXiv:1906.06766, on
 * Fashion-MNIST (their CIFAR-10 is not available here): a CNN of
 * {@link ConvolutionalNetwork.Architecture#fashionMnist} is trained by plain SGD (cross-entropy, no
 * momentum, no weight decay) for R epochs, mapped by {@code cnn2fc} onto its eFCN
 * ({@link ConvolutionalNetwork#equivalentFullyConnected}), and the eFCN is trained on to E epochs
 * with the same learning rate and batch size. R = 0 starts the eFCN from the CNN's initialisation.
 * The baseline is a standard FCN of the eFCN's layer sizes trained for E epochs from its own
 * initialisation.
 *
 * <p>Training is DL4J's own {@code fit} loop on shuffled mini-batches of the first P training
 * images (the order reshuffled each epoch from the seed); after each epoch one row:
 * {@code train_loss} the mean cross-entropy over the P training images, {@code test_accuracy} over
 * the 10 000 test images (in the CNN phase computed through the CNN's eFCN, the same function to rounding and
 * ten times faster than DL4J's float64 convolution on two cores), {@code off_mask_norm} the norm of the network's weights outside the
 * CNN's sparsity mask ({@link ConvolutionalNetwork#offMaskNorm}; 0 in the CNN phase) and
 * {@code subspace_distance} their distance from the CNN subspace, locality and weight sharing together
 * ({@link ConvolutionalNetwork#distanceToCnnSubspace}; 0 in the CNN phase; not a column of the command line's CSV,
 * whose columns issue 23 fixes).
 */
public final class ArchitecturalBias {

    /** Images evaluated at a time, bounding the activations held off-heap. */
    private static final int CHUNK = 500;

    private ArchitecturalBias() {
    }

    /** What is trained: the CNN then its eFCN, or the standard FCN baseline. */
    public enum Baseline {
        /** The CNN up to the relax time, then its eFCN. */
        NONE,
        /** The standard FCN of the eFCN's layer sizes from its own initialisation. */
        FCN;

        /**
         * Parses the option value {@code fcn}.
         *
         * @param name the value
         * @return the baseline
         */
        public static Baseline parse(String name) {
            if ("fcn".equals(name)) {
                return FCN;
            }
            throw Require.invalid("baseline", "must be fcn, got " + name);
        }
    }

    /**
     * The parameters of one run (build them with {@link #builder()}).
     *
     * @param samples training images P, 1 to 60 000
     * @param relaxEpochs epochs R of the CNN before the switch, 0 to totalEpochs
     * @param totalEpochs epochs E in all, at least 1
     * @param seed the seed of the initialisations and the batch order
     * @param channels feature maps of both convolutions, 1 to 16
     * @param learningRate the SGD learning rate η &gt; 0
     * @param batch the batch size, 1 to P
     * @param baseline {@link Baseline#NONE} or the FCN baseline
     */
    public record Parameters(int samples, int relaxEpochs, int totalEpochs, long seed, int channels,
                             double learningRate, int batch, Baseline baseline) {

        /**
         * Validates every field, naming it and its range.
         *
         * @param samples training images P, 1 to 60 000
         * @param relaxEpochs epochs R of the CNN before the switch, 0 to totalEpochs
         * @param totalEpochs epochs E in all, at least 1
         * @param seed the seed of the initialisations and the batch order
         * @param channels feature maps of both convolutions, 1 to 16
         * @param learningRate the SGD learning rate η &gt; 0
         * @param batch the batch size, 1 to P
         * @param baseline {@link Baseline#NONE} or the FCN baseline
         */
        public Parameters {
            Require.inRange("samples", samples, 1, FashionMnist.TRAIN_SIZE);
            Require.atLeast("totalEpochs", totalEpochs, 1);
            Require.inRange("relaxEpochs", relaxEpochs, 0, totalEpochs);
            Require.inRange("channels", channels, 1, 16);
            Require.positive("learningRate", learningRate);
            Require.finite("learningRate", learningRate);
            Require.inRange("batch", batch, 1, samples);
            Objects.requireNonNull(baseline, "baseline");
        }

        /** @return the CNN's shape */
        public ConvolutionalNetwork.Architecture architecture() {
            return ConvolutionalNetwork.Architecture.fashionMnist(channels);
        }

        /** Checks the memory (data and the eFCN with its activations) and the work against this machine. */
        public void requireResources() {
            ConvolutionalNetwork.Architecture a = architecture();
            double weights = a.denseCount(0) + a.denseCount(1);
            double units = a.channels()[0] * 576.0 + a.channels()[1] * 64.0;
            double bytes = 8 * (4 * weights + (samples + FashionMnist.TEST_SIZE) * 785.0
                    + 4 * units * Math.max(batch, CHUNK));
            Resources.requireMemory("samples", bytes, Resources.count(samples) + " training images and an eFCN of "
                    + Resources.count(weights) + " weights");
            Resources.requireWork("totalEpochs", 6 * weights * (double) totalEpochs
                    * (samples * 2.0 + FashionMnist.TEST_SIZE), totalEpochs + " epochs on " + samples + " images");
        }

        /** @return a builder with 4 channels, η = 0.05, batch 32, no baseline; the rest must be set */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private int samples = -1;
            private int relaxEpochs = -1;
            private int totalEpochs = -1;
            private long seed;
            private int channels = 4;
            private double learningRate = 0.05;
            private int batch = 32;
            private Baseline baseline = Baseline.NONE;

            private Builder() {
            }

            /**
             * Sets a parameter.
             *
             * @param value training images P
             * @return this builder
             */
            public Builder samples(int value) {
                samples = value;
                return this;
            }

            /**
             * Sets a parameter.
             *
             * @param value epochs R before the switch
             * @return this builder
             */
            public Builder relaxEpochs(int value) {
                relaxEpochs = value;
                return this;
            }

            /**
             * Sets a parameter.
             *
             * @param value epochs E in all
             * @return this builder
             */
            public Builder totalEpochs(int value) {
                totalEpochs = value;
                return this;
            }

            /**
             * Sets a parameter.
             *
             * @param value the seed
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * Sets a parameter.
             *
             * @param value feature maps of both convolutions
             * @return this builder
             */
            public Builder channels(int value) {
                channels = value;
                return this;
            }

            /**
             * Sets a parameter.
             *
             * @param value the learning rate η
             * @return this builder
             */
            public Builder learningRate(double value) {
                learningRate = value;
                return this;
            }

            /**
             * Sets a parameter.
             *
             * @param value the batch size
             * @return this builder
             */
            public Builder batch(int value) {
                batch = value;
                return this;
            }

            /**
             * Sets a parameter.
             *
             * @param value the baseline
             * @return this builder
             */
            public Builder baseline(Baseline value) {
                baseline = value;
                return this;
            }

            /** @return the validated parameters */
            public Parameters build() {
                return new Parameters(samples, relaxEpochs, totalEpochs, seed, channels, learningRate, batch, baseline);
            }
        }
    }

    /**
     * One epoch's row.
     *
     * @param epoch the epoch, 1 to E
     * @param phase {@code cnn}, {@code efcn} or {@code fcn}
     * @param trainLoss the mean cross-entropy over the training images after the epoch
     * @param testAccuracy the fraction of the test images classified right
     * @param offMaskNorm the norm of the weights outside the CNN's mask, 0 for the CNN
     * @param subspaceDistance the distance of the weights from the CNN subspace
     *     ({@link ConvolutionalNetwork#distanceToCnnSubspace}), 0 for the CNN
     */
    public record Row(int epoch, String phase, double trainLoss, double testAccuracy, double offMaskNorm,
                      double subspaceDistance) {
    }

    /**
     * Tabulates rows: columns {@code epoch, phase, train_loss, test_accuracy, off_mask_norm} (the command line's)
     * and {@code subspace_distance}.
     *
     * @param rows the rows of one run, in order
     * @return the table, one row per epoch
     */
    public static Table table(List<Row> rows) {
        IntColumn epoch = IntColumn.create("epoch");
        StringColumn phase = StringColumn.create("phase");
        DoubleColumn loss = DoubleColumn.create("train_loss");
        DoubleColumn accuracy = DoubleColumn.create("test_accuracy");
        DoubleColumn offMask = DoubleColumn.create("off_mask_norm");
        DoubleColumn distance = DoubleColumn.create("subspace_distance");
        for (Row r : rows) {
            epoch.append(r.epoch());
            phase.append(r.phase());
            loss.append(r.trainLoss());
            accuracy.append(r.testAccuracy());
            offMask.append(r.offMaskNorm());
            distance.append(r.subspaceDistance());
        }
        return Table.create("cnn2fc", epoch, phase, loss, accuracy, offMask, distance);
    }

    /** The observables {@link #summary} averages. */
    private static final List<String> OBSERVABLES = List.of("train_loss", "test_accuracy", "off_mask_norm",
            "subspace_distance");

    /**
     * Means over seeds: groups the rows of a sweep of {@link #table(Parameters, Dataset, Dataset)} by the values of
     * {@code by} (e.g. {@code "relax", "epoch"}) and gives, per group, {@code runs} and the mean and standard error
     * (sample standard deviation / √n; NaN for one run) of each observable, columns {@code train_loss},
     * {@code train_loss_se}, {@code test_accuracy}, {@code test_accuracy_se}, {@code off_mask_norm},
     * {@code off_mask_norm_se}, {@code subspace_distance}, {@code subspace_distance_se}. Groups in order of first
     * appearance; numeric {@code by} columns stay numeric (as doubles), others text.
     *
     * @param sweep the long table, one row per run and epoch
     * @param by the grouping columns
     * @return one row per group
     */
    public static Table summary(Table sweep, String... by) {
        java.util.LinkedHashMap<List<String>, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int r = 0; r < sweep.rowCount(); r++) {
            List<String> key = new ArrayList<>();
            for (String b : by) {
                key.add(sweep.column(b).getString(r));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        Table out = Table.create(sweep.name() + " summary");
        for (String b : by) {
            out.addColumns(sweep.column(b) instanceof tech.tablesaw.api.NumericColumn<?>
                    ? DoubleColumn.create(b) : StringColumn.create(b));
        }
        IntColumn runs = IntColumn.create("runs");
        out.addColumns(runs);
        for (String o : OBSERVABLES) {
            out.addColumns(DoubleColumn.create(o), DoubleColumn.create(o + "_se"));
        }
        for (var g : groups.entrySet()) {
            int first = g.getValue().get(0);
            for (String b : by) {
                if (out.column(b) instanceof DoubleColumn d) {
                    d.append(((tech.tablesaw.api.NumericColumn<?>) sweep.column(b)).getDouble(first));
                } else {
                    out.stringColumn(b).append(sweep.column(b).getString(first));
                }
            }
            int n = g.getValue().size();
            runs.append(n);
            for (String o : OBSERVABLES) {
                DoubleColumn c = sweep.doubleColumn(o);
                double mean = 0;
                for (int r : g.getValue()) {
                    mean += c.get(r);
                }
                mean /= n;
                double var = 0;
                for (int r : g.getValue()) {
                    var += (c.get(r) - mean) * (c.get(r) - mean);
                }
                out.doubleColumn(o).append(mean);
                out.doubleColumn(o + "_se").append(n > 1 ? Math.sqrt(var / (n - 1) / n) : Double.NaN);
            }
        }
        return out;
    }

    /**
     * Runs the protocol on given data and tabulates it ({@link #table(List)}): a sweep's task.
     *
     * @param p the parameters (its {@code samples} ignored: all of {@code train} is used)
     * @param train the training set
     * @param test the test set
     * @return one row per epoch
     */
    public static Table table(Parameters p, Dataset train, Dataset test) {
        List<Row> rows = new ArrayList<>();
        run(p, train, test, null, rows::add);
        return table(rows);
    }

    /**
     * Runs the protocol on Fashion-MNIST (the first P training images, the whole test set).
     *
     * @param p the parameters
     * @param progress told after every epoch (value: test accuracy), or null
     * @param rows receives each row as soon as its epoch ends
     * @throws CancellationException if the thread is interrupted (checked after every batch)
     */
    public static void run(Parameters p, ProgressListener progress, Consumer<Row> rows) {
        run(p, FashionMnist.train(p.samples()), FashionMnist.test(), progress, rows);
    }

    /**
     * Runs the protocol on given data (28 × 28 images, 10 classes).
     *
     * @param p the parameters (its {@code samples} ignored: all of {@code train} is used)
     * @param train the training set
     * @param test the test set
     * @param progress told after every epoch, or null
     * @param rows receives each row as soon as its epoch ends
     */
    public static void run(Parameters p, Dataset train, Dataset test, ProgressListener progress, Consumer<Row> rows) {
        ConvolutionalNetwork.Architecture a = p.architecture();
        DataSet trainSet = dataSet(train);
        DataSet testSet = dataSet(test);
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(p.seed());
        long initSeed = seeds.nextLong();
        long orderSeed = seeds.nextLong();
        boolean fcn = p.baseline() == Baseline.FCN;
        MultiLayerNetwork network = fcn ? ConvolutionalNetwork.fullyConnected(a, p.learningRate(), initSeed)
                : ConvolutionalNetwork.convolutional(a, p.learningRate(), initSeed);
        String phase = fcn ? "fcn" : "cnn";
        if (!fcn && p.relaxEpochs() == 0) {
            network = ConvolutionalNetwork.equivalentFullyConnected(a, network, p.learningRate());
            phase = "efcn";
        }
        for (int epoch = 1; epoch <= p.totalEpochs(); epoch++) {
            if (phase.equals("cnn") && epoch > p.relaxEpochs()) {
                network = ConvolutionalNetwork.equivalentFullyConnected(a, network, p.learningRate());
                phase = "efcn";
            }
            trainSet.shuffle(orderSeed + epoch);
            DataSetIterator batches = new ListDataSetIterator<>(trainSet.batchBy(p.batch()));
            network.setListeners(new BaseTrainingListener() {
                @Override
                public void iterationDone(Model model, int iteration, int epochCount) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("run interrupted");
                    }
                }
            });
            network.fit(batches);
            // the CNN is evaluated through its eFCN: the same function to rounding (EquivalentFullyConnectedTest),
            // and DL4J's float64 convolution costs about 1 ms per image here, ten times the dense eFCN
            MultiLayerNetwork evaluated = phase.equals("cnn")
                    ? ConvolutionalNetwork.equivalentFullyConnected(a, network, p.learningRate()) : network;
            double[] evaluation = evaluate(evaluated, trainSet);
            double accuracy = evaluate(evaluated, testSet)[1];
            double offMask = phase.equals("cnn") ? 0 : ConvolutionalNetwork.offMaskNorm(a, network);
            double distance = phase.equals("cnn") ? 0 : Math.hypot(offMask,
                    ConvolutionalNetwork.weightSharingNorm(a, network));
            rows.accept(new Row(epoch, phase, evaluation[0], accuracy, offMask, distance));
            if (progress != null) {
                progress.progress(epoch, p.totalEpochs(), epoch, accuracy);
            }
        }
    }

    /** Mean cross-entropy and accuracy, in chunks. */
    static double[] evaluate(MultiLayerNetwork network, DataSet data) {
        int n = data.numExamples();
        double loss = 0;
        long right = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            INDArray x = data.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray y = data.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray out = network.output(x, false);
            loss -= org.nd4j.linalg.ops.transforms.Transforms.log(out.mul(y).sum(1), false).sumNumber().doubleValue();
            right += out.argMax(1).eq(y.argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT)
                    .sumNumber().longValue();
        }
        return new double[] {loss / n, (double) right / n};
    }

    private static DataSet dataSet(Dataset data) {
        int d = data.inputDimension();
        double[] labels = new double[data.size() * data.classes()];
        for (int i = 0; i < data.size(); i++) {
            labels[i * data.classes() + data.labels()[i]] = 1;
        }
        return new DataSet(Nd4j.createFromArray(data.inputs()).reshape(data.size(), d),
                Nd4j.createFromArray(labels).reshape(data.size(), data.classes()));
    }
}
