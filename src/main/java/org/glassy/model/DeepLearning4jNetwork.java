package org.glassy.model;

import java.util.Objects;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.glassy.data.Dataset;
import org.glassy.internal.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A fully connected network evaluated by DeepLearning4J ({@code MultiLayerNetwork}, CPU backend,
 * double precision): the second engine, interchangeable with {@link Mlp} behind {@link BatchModel}.
 * For the same {@link Mlp.Architecture}, parameters and batch, both give the same loss and
 * gradient: the flat parameter layout is DL4J's own, and DL4J's gradient, a sum over the batch,
 * is divided by the batch size to be the gradient of the mean loss.
 *
 * <p>Slower than {@link Mlp} (it copies parameters and the batch into native arrays on every
 * call); use it as a cross-check and for layer types the lean engine lacks. Calls are serialised
 * (DL4J networks are mutable), so one instance is thread-safe but not parallel.
 */
public final class DeepLearning4jNetwork implements BatchModel {

    private final Mlp.Architecture architecture;
    private final String description;
    private final Dataset data;
    private final MultiLayerNetwork network;
    private final int parameterCount;

    private DeepLearning4jNetwork(MultiLayerConfiguration configuration, Dataset data, String description) {
        this.architecture = null;
        this.description = description;
        this.data = Objects.requireNonNull(data, "data");
        network = new MultiLayerNetwork(configuration);
        network.init();
        parameterCount = (int) network.numParams();
    }

    /**
     * A small convolutional network, a kind the lean engine lacks: one 5 × 5 convolution (stride 1,
     * no padding) with {@code channels} feature maps and the given activation, 2 × 2 max pooling, a
     * dense layer of {@code hidden} units, and the output layer of the loss (as in Baity-Jesi et
     * al.'s {@code conv1020relu}, reduced to one convolution). Inputs are the dataset's rows read as
     * single-channel images of {@code imageRows} × {@code imageColumns} pixels, row-major.
     * DL4J's own flat parameter layout; {@link #initialParameters()} gives its seeded initialisation.
     *
     * @param data the training set, with inputDimension = imageRows · imageColumns
     * @param imageRows image height, at least 6
     * @param imageColumns image width, at least 6
     * @param channels the number of feature maps, at least 1
     * @param hidden the dense layer's width, at least 1
     * @param activation the activation of the convolution and dense layers
     * @param loss the loss
     * @param seed the seed of the initial parameters
     * @return the model
     */
    public static DeepLearning4jNetwork convolutional(Dataset data, int imageRows, int imageColumns, int channels,
                                                      int hidden, Activation activation, Loss loss, long seed) {
        org.glassy.internal.Require.atLeast("imageRows", imageRows, 6);
        org.glassy.internal.Require.atLeast("imageColumns", imageColumns, 6);
        org.glassy.internal.Require.atLeast("channels", channels, 1);
        org.glassy.internal.Require.atLeast("hidden", hidden, 1);
        if (data.inputDimension() != imageRows * imageColumns) {
            throw new IllegalArgumentException("imageRows × imageColumns must equal the data's input dimension "
                    + data.inputDimension() + ", got " + imageRows + " × " + imageColumns);
        }
        boolean squared = loss != Loss.CROSS_ENTROPY;
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(seed)
                .list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(5, 5).nIn(1).nOut(channels)
                        .stride(1, 1).activation(activation(activation)).build())
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(hidden).activation(activation(activation)).build())
                .layer(new OutputLayer.Builder(squared ? LossFunctions.LossFunction.MSE : LossFunctions.LossFunction.MCXENT)
                        .nOut(data.classes())
                        .activation(outputActivation(loss))
                        .build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutionalFlat(imageRows, imageColumns, 1))
                .build();
        return new DeepLearning4jNetwork(configuration, data, "conv5x5(" + channels + ")-maxpool2-dense(" + hidden + ") "
                + activation + " " + loss);
    }

    /**
     * Returns a copy of DL4J's initial parameters of this network (seeded where the factory takes
     * a seed).
     *
     * @return the flat parameter vector
     */
    public synchronized double[] initialParameters() {
        return network.params().dup().data().asDouble();
    }

    /**
     * Builds the DL4J network of an architecture on a dataset.
     *
     * @param architecture the network, as for {@link Mlp}
     * @param data the training set
     */
    public DeepLearning4jNetwork(Mlp.Architecture architecture, Dataset data) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.description = java.util.Arrays.toString(architecture.widths()) + " " + architecture.activation() + " "
                + architecture.loss();
        this.data = Objects.requireNonNull(data, "data");
        int[] widths = architecture.widths();
        if (widths[0] != data.inputDimension() || widths[widths.length - 1] != data.classes()) {
            throw Require.invalid("widths", "must start with the data's input dimension "
                    + data.inputDimension() + " and end with its " + data.classes() + " classes, got "
                    + java.util.Arrays.toString(widths));
        }
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(0)
                .list();
        for (int l = 1; l < widths.length - 1; l++) {
            layers.layer(new DenseLayer.Builder().nIn(widths[l - 1]).nOut(widths[l])
                    .activation(activation(architecture.activation())).build());
        }
        boolean squared = architecture.loss() != Loss.CROSS_ENTROPY;
        layers.layer(new OutputLayer.Builder(squared ? LossFunctions.LossFunction.MSE : LossFunctions.LossFunction.MCXENT)
                .nIn(widths[widths.length - 2]).nOut(widths[widths.length - 1])
                .activation(outputActivation(architecture.loss()))
                .build());
        MultiLayerConfiguration configuration = layers.build();
        network = new MultiLayerNetwork(configuration);
        network.init();
        parameterCount = (int) network.numParams();
        if (parameterCount != architecture.parameterCount()) {
            throw new IllegalStateException("DL4J has " + parameterCount + " parameters, the architecture "
                    + architecture.parameterCount());
        }
    }

    private static org.nd4j.linalg.activations.Activation activation(Activation a) {
        return switch (a) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
        };
    }

    /** @return the fully connected architecture, or null for a convolutional network */
    public Mlp.Architecture architecture() {
        return architecture;
    }

    @Override
    public int dimension() {
        return parameterCount;
    }

    @Override
    public int exampleCount() {
        return data.size();
    }

    @Override
    public double energy(double[] x) {
        return energyAndGradient(x, new double[parameterCount]);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        int[] all = new int[data.size()];
        java.util.Arrays.setAll(all, i -> i);
        return batchEnergyAndGradient(x, all, 0, all.length, gradient);
    }

    @Override
    public synchronized double batchEnergyAndGradient(double[] x, int[] indices, int from, int to,
                                                      double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        checkBatch(indices, from, to);
        int batch = to - from;
        int d = data.inputDimension();
        int classes = data.classes();
        double[] features = new double[batch * d];
        double[] labels = new double[batch * classes];
        for (int b = 0; b < batch; b++) {
            int i = indices[from + b];
            System.arraycopy(data.inputs(), i * d, features, b * d, d);
            labels[b * classes + data.labels()[i]] = 1;
        }
        network.setParams(Nd4j.createFromArray(x).reshape(1, parameterCount));
        network.setInput(Nd4j.createFromArray(features).reshape(batch, d));
        network.setInputMiniBatchSize(batch);
        network.setLabels(Nd4j.createFromArray(labels).reshape(batch, classes));
        network.computeGradientAndScore();
        INDArray g = network.gradient().gradient();
        double[] sum = g.dup().data().asDouble();
        for (int i = 0; i < parameterCount; i++) {
            gradient[i] = sum[i] / batch;
        }
        return network.score();
    }

    @Override
    public String toString() {
        return "DeepLearning4jNetwork " + description + " on " + data.name();
    }

    /** DL4J's output activation for a loss: identity (squared), sigmoid (sigmoid squared), softmax. */
    private static org.nd4j.linalg.activations.Activation outputActivation(Loss loss) {
        return switch (loss) {
            case SQUARED -> org.nd4j.linalg.activations.Activation.IDENTITY;
            case SIGMOID_SQUARED -> org.nd4j.linalg.activations.Activation.SIGMOID;
            case CROSS_ENTROPY -> org.nd4j.linalg.activations.Activation.SOFTMAX;
        };
    }
}
