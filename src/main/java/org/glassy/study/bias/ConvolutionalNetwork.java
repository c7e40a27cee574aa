package org.glassy.study.bias;

import java.util.Arrays;
import java.util.Objects;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.glassy.internal.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small convolutional network and its <em>equivalent fully connected network</em> (eFCN), both
 * DeepLearning4J {@code MultiLayerNetwork}s in float64 trained by plain SGD (no momentum, no weight
 * decay) with the cross-entropy loss:
 *
 * <pre>
 *   x (1 × d₀ × d₀) → conv k×k, stride s₁, C₁ maps → ReLU → max-pool 2×2 → conv k×k, stride s₂, C₂ maps
 *     → ReLU → max-pool 2×2 → dense (hidden) → ReLU → dense (classes) → softmax,
 *   d_out = ⌊(d_in − k)/s⌋ + 1 (no padding),  pooled side ⌊d/2⌋.
 * </pre>
 *
 * <p>{@link #equivalentFullyConnected} is the {@code cnn2fc} map of d'Ascoli, Sagun, Bruna and Biroli,
 * "Finding the needle in the haystack with convolutions: on the benefits of architectural bias",
 * NeurIPS 2019, arXiv:1906.06766 (authors' code: {@code sdascoli/anarchitectural-search},
 * {@code mappings.py}): each convolution with kernel K[c_out, c_in, k_y, k_x] and bias b[c_out]
 * becomes a dense layer from C_in·d_in² to C_out·d_out² units (channel-major, then row, then column),
 *
 * <pre>
 *   W[(c_out, y, x), (c_in, s·y + k_y, s·x + k_x)] = K[c_out, c_in, k_y, k_x],  all other entries 0,
 *   b[(c_out, y, x)] = b[c_out],
 * </pre>
 *
 * ReLU and pooling stay fixed operations and the dense layers are copied. The eFCN computes the same
 * function as the CNN; trained further, its weights may leave the CNN's sparsity mask (measured by
 * {@link #offMaskNorm}) and its weight sharing ({@link #weightSharingNorm}), together its distance from the
 * CNN subspace ({@link #distanceToCnnSubspace}, the projection being {@link #nearestConvolutional}). A
 * convolution's mask holds C_out·d_out²·C_in·k² of its C_out·d_out²·C_in·d_in² weights, a fraction k²/d_in².
 *
 * <p>Networks are mutable DL4J objects: one per thread.
 */
public final class ConvolutionalNetwork {

    private ConvolutionalNetwork() {
    }

    /**
     * The family's shape: square single-channel images of side {@code side}, two convolutions of
     * kernel {@code kernel} with {@code channels[l]} feature maps and stride {@code strides[l]}, each
     * followed by ReLU and 2 × 2 max pooling, a ReLU dense layer of {@code hidden} units and the
     * softmax output over {@code classes}.
     *
     * @param side the image side d₀, pixels, at least 1
     * @param kernel the convolution kernel side k, at least 1
     * @param channels the feature maps C₁, C₂ of the two convolutions, each at least 1
     * @param strides the strides s₁, s₂, each at least 1
     * @param hidden the dense layer's width, at least 1
     * @param classes the number of classes, at least 2
     */
    public record Architecture(int side, int kernel, int[] channels, int[] strides, int hidden, int classes) {

        /**
         * Validates the shape: every side after a convolution and a pooling is at least 1.
         *
         * @param side the image side d₀, pixels, at least 1
         * @param kernel the convolution kernel side k, at least 1
         * @param channels the feature maps C₁, C₂ of the two convolutions, each at least 1
         * @param strides the strides s₁, s₂, each at least 1
         * @param hidden the dense layer's width, at least 1
         * @param classes the number of classes, at least 2
         */
        public Architecture {
            Require.atLeast("side", side, 1);
            Require.atLeast("kernel", kernel, 1);
            Objects.requireNonNull(channels, "channels");
            Objects.requireNonNull(strides, "strides");
            if (channels.length != 2 || strides.length != 2) {
                throw Require.invalid("channels", "and strides must have 2 entries, got "
                        + Arrays.toString(channels) + ", " + Arrays.toString(strides));
            }
            channels = channels.clone();
            strides = strides.clone();
            for (int l = 0; l < 2; l++) {
                Require.atLeast("channels", channels[l], 1);
                Require.atLeast("strides", strides[l], 1);
            }
            Require.atLeast("hidden", hidden, 1);
            Require.atLeast("classes", classes, 2);
            int d = side;
            for (int l = 0; l < 2; l++) {
                if (d < kernel) {
                    throw Require.invalid("kernel", "must fit the side " + d + " of convolution " + (l + 1)
                            + ", got " + kernel);
                }
                d = ((d - kernel) / strides[l] + 1) / 2;
                if (d < 1) {
                    throw Require.invalid("side", "must leave at least one pixel after pooling " + (l + 1)
                            + ", got " + side);
                }
            }
        }

        /**
         * The paper's family reduced for Fashion-MNIST on two cores: 28 × 28 images, 5 × 5 kernels,
         * stride 1, {@code channels} maps in both convolutions, 32 hidden units, 10 classes.
         *
         * @param channels the feature maps of both convolutions, at least 1
         * @return the architecture
         */
        public static Architecture fashionMnist(int channels) {
            return new Architecture(28, 5, new int[] {channels, channels}, new int[] {1, 1}, 32, 10);
        }

        /** @return a copy of the feature maps C₁, C₂ */
        @Override
        public int[] channels() {
            return channels.clone();
        }

        /** @return a copy of the strides s₁, s₂ */
        @Override
        public int[] strides() {
            return strides.clone();
        }

        /**
         * The input side of convolution l (0 or 1): d₀, then the pooled side after the first.
         *
         * @param l the convolution, 0 or 1
         * @return d_in
         */
        public int convolutionInputSide(int l) {
            int d = side;
            for (int i = 0; i < l; i++) {
                d = convolutionOutputSide(i) / 2;
            }
            return d;
        }

        /**
         * The output side of convolution l, ⌊(d_in − k)/s⌋ + 1.
         *
         * @param l the convolution, 0 or 1
         * @return d_out
         */
        public int convolutionOutputSide(int l) {
            int dIn = l == 0 ? side : convolutionOutputSide(0) / 2;
            return (dIn - kernel) / strides[l] + 1;
        }

        /**
         * The input channels of convolution l: 1, then C₁.
         *
         * @param l the convolution, 0 or 1
         * @return C_in
         */
        public int convolutionInputChannels(int l) {
            return l == 0 ? 1 : channels[0];
        }

        /** @return the units after the second pooling, C₂·(⌊d_out,2 / 2⌋)², the dense layer's input */
        public int flattenedUnits() {
            int p = convolutionOutputSide(1) / 2;
            return channels[1] * p * p;
        }

        /**
         * The number of weights on the CNN's sparsity mask in the eFCN's dense layer of convolution l,
         * C_out·d_out²·C_in·k².
         *
         * @param l the convolution, 0 or 1
         * @return the count
         */
        public long maskCount(int l) {
            long dOut = convolutionOutputSide(l);
            return (long) channels[l] * dOut * dOut * convolutionInputChannels(l) * kernel * kernel;
        }

        /**
         * The size C_out·d_out² × C_in·d_in² of the eFCN's dense matrix of convolution l.
         *
         * @param l the convolution, 0 or 1
         * @return the number of entries
         */
        public long denseCount(int l) {
            long dOut = convolutionOutputSide(l);
            long dIn = convolutionInputSide(l);
            return (long) channels[l] * dOut * dOut * convolutionInputChannels(l) * dIn * dIn;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Architecture a && side == a.side && kernel == a.kernel && hidden == a.hidden
                    && classes == a.classes && Arrays.equals(channels, a.channels) && Arrays.equals(strides, a.strides);
        }

        @Override
        public int hashCode() {
            return Objects.hash(side, kernel, hidden, classes, Arrays.hashCode(channels), Arrays.hashCode(strides));
        }

        @Override
        public String toString() {
            return "conv" + kernel + "x" + kernel + "(" + channels[0] + ", s" + strides[0] + ")-pool2-conv" + kernel
                    + "x" + kernel + "(" + channels[1] + ", s" + strides[1] + ")-pool2-dense(" + hidden + ")-" + classes
                    + " on " + side + "x" + side;
        }
    }

    /**
     * The CNN, initialised by DL4J (He weights, variance 2/fan-in, zero biases) from {@code seed}, inputs the rows
     * of a dataset read as d₀ × d₀ images, row-major.
     *
     * @param architecture the shape
     * @param learningRate the SGD learning rate η &gt; 0
     * @param seed the seed of the initial parameters
     * @return the initialised network
     */
    public static MultiLayerNetwork convolutional(Architecture architecture, double learningRate, long seed) {
        Require.positive("learningRate", learningRate);
        int[] c = architecture.channels();
        int[] s = architecture.strides();
        int k = architecture.kernel();
        MultiLayerConfiguration configuration = base(learningRate, seed)
                .layer(new ConvolutionLayer.Builder(k, k).nIn(1).nOut(c[0]).stride(s[0], s[0])
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(pool())
                .layer(new ConvolutionLayer.Builder(k, k).nOut(c[1]).stride(s[1], s[1])
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(pool())
                .layer(new DenseLayer.Builder().nOut(architecture.hidden())
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(output(architecture.hidden(), architecture.classes()))
                .setInputType(InputType.convolutionalFlat(architecture.side(), architecture.side(), 1))
                .build();
        return init(configuration);
    }

    /**
     * The standard fully connected network with the eFCN's layer sizes (dense layers where the CNN
     * has convolutions, the same fixed poolings), initialised by DL4J from its own {@code seed}:
     * the baseline of the paper.
     *
     * @param architecture the shape of the CNN it mirrors
     * @param learningRate the SGD learning rate η &gt; 0
     * @param seed the seed of the initial parameters
     * @return the initialised network
     */
    public static MultiLayerNetwork fullyConnected(Architecture architecture, double learningRate, long seed) {
        Require.positive("learningRate", learningRate);
        NeuralNetConfiguration.ListBuilder layers = base(learningRate, seed);
        int index = 0;
        for (int l = 0; l < 2; l++) {
            int cIn = architecture.convolutionInputChannels(l);
            int dIn = architecture.convolutionInputSide(l);
            int cOut = architecture.channels[l];
            int dOut = architecture.convolutionOutputSide(l);
            if (l > 0) {
                layers.inputPreProcessor(index, new CnnToFeedForwardPreProcessor(dIn, dIn, cIn));
            }
            layers.layer(index++, new DenseLayer.Builder().nIn(cIn * dIn * dIn).nOut(cOut * dOut * dOut)
                    .activation(org.nd4j.linalg.activations.Activation.RELU).build());
            layers.inputPreProcessor(index, new FeedForwardToCnnPreProcessor(dOut, dOut, cOut));
            layers.layer(index++, pool());
        }
        int p = architecture.convolutionOutputSide(1) / 2;
        layers.inputPreProcessor(index, new CnnToFeedForwardPreProcessor(p, p, architecture.channels[1]));
        layers.layer(index++, new DenseLayer.Builder().nIn(architecture.flattenedUnits()).nOut(architecture.hidden())
                .activation(org.nd4j.linalg.activations.Activation.RELU).build());
        layers.layer(index, output(architecture.hidden(), architecture.classes()));
        return init(layers.build());
    }

    /**
     * {@code cnn2fc}: the eFCN computing exactly the function of a CNN of this family, with the CNN's
     * learning rate. The CNN is not modified.
     *
     * @param architecture the CNN's shape
     * @param cnn a network built by {@link #convolutional} with that shape
     * @param learningRate the SGD learning rate η &gt; 0 of the eFCN
     * @return the eFCN, layers as in {@link #fullyConnected}
     */
    public static MultiLayerNetwork equivalentFullyConnected(Architecture architecture, MultiLayerNetwork cnn,
                                                             double learningRate) {
        MultiLayerNetwork efcn = fullyConnected(architecture, learningRate, 0L);
        int k = architecture.kernel();
        for (int l = 0; l < 2; l++) {
            int layer = 2 * l;
            int cIn = architecture.convolutionInputChannels(l);
            int dIn = architecture.convolutionInputSide(l);
            int cOut = architecture.channels[l];
            int dOut = architecture.convolutionOutputSide(l);
            int s = architecture.strides[l];
            double[] kernel = cnn.getParam(layer + "_W").dup('c').data().asDouble(); // [cOut, cIn, k, k]
            double[] bias = cnn.getParam(layer + "_b").dup().data().asDouble();
            int nIn = cIn * dIn * dIn;
            int nOut = cOut * dOut * dOut;
            double[][] w = new double[nIn][nOut]; // DL4J dense: out = in · W + b
            double[] b = new double[nOut];
            for (int co = 0; co < cOut; co++) {
                for (int y = 0; y < dOut; y++) {
                    for (int x = 0; x < dOut; x++) {
                        int out = (co * dOut + y) * dOut + x;
                        b[out] = bias[co];
                        for (int ci = 0; ci < cIn; ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int in = (ci * dIn + s * y + ky) * dIn + s * x + kx;
                                    w[in][out] = kernel[((co * cIn + ci) * k + ky) * k + kx];
                                }
                            }
                        }
                    }
                }
            }
            efcn.setParam(layer + "_W", Nd4j.create(w));
            efcn.setParam(layer + "_b", Nd4j.createFromArray(b).reshape(1, nOut));
        }
        for (int layer = 4; layer <= 5; layer++) {
            efcn.setParam(layer + "_W", cnn.getParam(layer + "_W").dup());
            efcn.setParam(layer + "_b", cnn.getParam(layer + "_b").dup());
        }
        return efcn;
    }

    /**
     * The CNN's sparsity mask of convolution l in the eFCN's layout: entry [in][out] is true where
     * {@link #equivalentFullyConnected} may put a kernel weight, i.e. input (c_in, s·y + k_y, s·x + k_x)
     * of output (c_out, y, x) for some 0 ≤ k_y, k_x &lt; k. It holds {@link Architecture#maskCount} entries.
     *
     * @param architecture the shape
     * @param l the convolution, 0 or 1
     * @return the mask, [C_in·d_in²][C_out·d_out²]
     */
    public static boolean[][] mask(Architecture architecture, int l) {
        int k = architecture.kernel();
        int cIn = architecture.convolutionInputChannels(l);
        int dIn = architecture.convolutionInputSide(l);
        int cOut = architecture.channels[l];
        int dOut = architecture.convolutionOutputSide(l);
        int s = architecture.strides[l];
        boolean[][] mask = new boolean[cIn * dIn * dIn][cOut * dOut * dOut];
        for (int co = 0; co < cOut; co++) {
            for (int y = 0; y < dOut; y++) {
                for (int x = 0; x < dOut; x++) {
                    int out = (co * dOut + y) * dOut + x;
                    for (int ci = 0; ci < cIn; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                mask[(ci * dIn + s * y + ky) * dIn + s * x + kx][out] = true;
                            }
                        }
                    }
                }
            }
        }
        return mask;
    }

    /**
     * The Euclidean norm of an eFCN's (or standard FCN's) weights outside the CNN's sparsity mask,
     * over both convolution-mapped layers: √(Σ_l Σ_{(i,j) ∉ mask_l} W_l[i][j]²); 0 for an eFCN fresh
     * from {@link #equivalentFullyConnected}.
     *
     * @param architecture the CNN's shape
     * @param network a network built by {@link #fullyConnected} or {@link #equivalentFullyConnected}
     * @return the off-mask norm
     */
    public static double offMaskNorm(Architecture architecture, MultiLayerNetwork network) {
        double sum = 0;
        for (int l = 0; l < 2; l++) {
            boolean[][] mask = mask(architecture, l);
            int nOut = mask[0].length;
            double[] w = network.getParam(2 * l + "_W").dup('c').data().asDouble();
            for (int i = 0; i < mask.length; i++) {
                for (int j = 0; j < nOut; j++) {
                    if (!mask[i][j]) {
                        double v = w[i * nOut + j];
                        sum += v * v;
                    }
                }
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * The norm of the deviation from weight sharing of an eFCN's (or standard FCN's) convolution-mapped layers: each
     * kernel entry K[c_out, c_in, k_y, k_x] is held by the d_out² on-mask weights
     * W[(c_in, s·y + k_y, s·x + k_x), (c_out, y, x)], 0 ≤ y, x &lt; d_out, and each bias b[c_out] by the d_out² biases
     * b[(c_out, y, x)]; this is √(Σ_groups Σ_{members} (w − w̄_group)²), w̄ the group's mean. 0 for an eFCN fresh
     * from {@link #equivalentFullyConnected}.
     *
     * @param architecture the CNN's shape
     * @param network a network built by {@link #fullyConnected} or {@link #equivalentFullyConnected}
     * @return the weight-sharing deviation
     */
    public static double weightSharingNorm(Architecture architecture, MultiLayerNetwork network) {
        double sum = 0;
        for (int l = 0; l < 2; l++) {
            Shape g = new Shape(architecture, l);
            double[] w = network.getParam(2 * l + "_W").dup('c').data().asDouble();
            double[] b = network.getParam(2 * l + "_b").dup('c').data().asDouble();
            double[] kernel = g.meanKernel(w);
            double[] bias = g.meanBias(b);
            for (int co = 0; co < g.cOut; co++) {
                for (int y = 0; y < g.dOut; y++) {
                    for (int x = 0; x < g.dOut; x++) {
                        int out = g.out(co, y, x);
                        double db = b[out] - bias[co];
                        sum += db * db;
                        for (int ci = 0; ci < g.cIn; ci++) {
                            for (int ky = 0; ky < g.k; ky++) {
                                for (int kx = 0; kx < g.k; kx++) {
                                    double dw = w[g.in(ci, y, x, ky, kx) * g.nOut + out] - kernel[g.entry(co, ci, ky, kx)];
                                    sum += dw * dw;
                                }
                            }
                        }
                    }
                }
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * The Euclidean distance of a network of the eFCN's layer sizes from the CNN subspace, the linear subspace of
     * parameter space made of the eFCNs of all CNNs of this architecture (d'Ascoli et al. 2019, section 4):
     * the convolution-mapped layers must vanish off the sparsity mask and share their weights and biases as a
     * convolution does; the two dense layers are free. The orthogonal projection onto it is
     * {@link #nearestConvolutional} (off-mask weights set to 0, each tied group replaced by its mean), so
     *
     * <pre>
     *   dist² = |θ − P θ|² = offMaskNorm² + weightSharingNorm².
     * </pre>
     *
     * 0 in the CNN phase and for an eFCN fresh from {@link #equivalentFullyConnected}.
     *
     * @param architecture the CNN's shape
     * @param network a network built by {@link #fullyConnected} or {@link #equivalentFullyConnected}
     * @return the distance
     */
    public static double distanceToCnnSubspace(Architecture architecture, MultiLayerNetwork network) {
        return Math.hypot(offMaskNorm(architecture, network), weightSharingNorm(architecture, network));
    }

    /**
     * {@code fc2cnn}, the orthogonal projection onto the CNN subspace: the CNN whose eFCN is nearest to
     * {@code network} in parameter space, its kernels and biases the means of their tied groups of on-mask weights
     * and biases (see {@link #weightSharingNorm}), its dense layers copied. {@code equivalentFullyConnected} of it is
     * the projected point. The network is not modified.
     *
     * @param architecture the CNN's shape
     * @param network a network built by {@link #fullyConnected} or {@link #equivalentFullyConnected}
     * @param learningRate the SGD learning rate η &gt; 0 of the CNN
     * @return the nearest CNN
     */
    public static MultiLayerNetwork nearestConvolutional(Architecture architecture, MultiLayerNetwork network,
                                                         double learningRate) {
        MultiLayerNetwork cnn = convolutional(architecture, learningRate, 0L);
        for (int l = 0; l < 2; l++) {
            Shape g = new Shape(architecture, l);
            double[] w = network.getParam(2 * l + "_W").dup('c').data().asDouble();
            double[] b = network.getParam(2 * l + "_b").dup('c').data().asDouble();
            long[] kernelShape = cnn.getParam(2 * l + "_W").shape();
            long[] biasShape = cnn.getParam(2 * l + "_b").shape();
            cnn.setParam(2 * l + "_W", Nd4j.create(g.meanKernel(w), kernelShape, 'c'));
            cnn.setParam(2 * l + "_b", Nd4j.create(g.meanBias(b), biasShape, 'c'));
        }
        for (int layer = 4; layer <= 5; layer++) {
            cnn.setParam(layer + "_W", network.getParam(layer + "_W").dup());
            cnn.setParam(layer + "_b", network.getParam(layer + "_b").dup());
        }
        return cnn;
    }

    /** The index arithmetic of convolution l in the eFCN's layout (dense W stored [in][out], row-major). */
    private static final class Shape {
        final int k;
        final int cIn;
        final int dIn;
        final int cOut;
        final int dOut;
        final int s;
        final int nOut;

        Shape(Architecture a, int l) {
            k = a.kernel();
            cIn = a.convolutionInputChannels(l);
            dIn = a.convolutionInputSide(l);
            cOut = a.channels[l];
            dOut = a.convolutionOutputSide(l);
            s = a.strides[l];
            nOut = cOut * dOut * dOut;
        }

        int out(int co, int y, int x) {
            return (co * dOut + y) * dOut + x;
        }

        int in(int ci, int y, int x, int ky, int kx) {
            return (ci * dIn + s * y + ky) * dIn + s * x + kx;
        }

        int entry(int co, int ci, int ky, int kx) {
            return ((co * cIn + ci) * k + ky) * k + kx;
        }

        /** The mean over output positions of each kernel entry's on-mask weights, [c_out, c_in, k, k]. */
        double[] meanKernel(double[] w) {
            double[] kernel = new double[cOut * cIn * k * k];
            for (int co = 0; co < cOut; co++) {
                for (int y = 0; y < dOut; y++) {
                    for (int x = 0; x < dOut; x++) {
                        int out = out(co, y, x);
                        for (int ci = 0; ci < cIn; ci++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    kernel[entry(co, ci, ky, kx)] += w[in(ci, y, x, ky, kx) * nOut + out];
                                }
                            }
                        }
                    }
                }
            }
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] /= (double) dOut * dOut;
            }
            return kernel;
        }

        /** The mean over output positions of each channel's biases, [c_out]. */
        double[] meanBias(double[] b) {
            double[] bias = new double[cOut];
            for (int co = 0; co < cOut; co++) {
                for (int y = 0; y < dOut; y++) {
                    for (int x = 0; x < dOut; x++) {
                        bias[co] += b[out(co, y, x)];
                    }
                }
                bias[co] /= (double) dOut * dOut;
            }
            return bias;
        }
    }

    private static NeuralNetConfiguration.ListBuilder base(double learningRate, long seed) {
        return new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(seed)
                .updater(new Sgd(learningRate))
                .weightInit(WeightInit.RELU)
                .list();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    private static OutputLayer output(int hidden, int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(classes)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build();
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
