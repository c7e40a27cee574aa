package org.glassy.study.jamming;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.internal.Require;
import org.glassy.internal.ReluNetworkKernel;
import org.glassy.model.Model;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The quadratic hinge loss of a deep ReLU network with one scalar output, over its flat parameter vector: the
 * model of the jamming transition of deep networks (M. Geiger, S. Spigler, S. d'Ascoli, L. Sagun, M. Baity-Jesi,
 * G. Biroli and M. Wyart, "Jamming transition as a paradigm to understand the loss landscape of deep neural
 * networks", Phys. Rev. E 100, 012115 (2019), arXiv:1809.09349; the authors' code is
 * {@code mariogeiger/nn_jamming}, {@code functions.py}). With L hidden layers of width h on inputs of dimension d,
 *
 * <pre>
 *   a⁰ = x,   aˡ = ReLU(Wˡ aˡ⁻¹ + bˡ)  (l = 1 … L),   f(x) = w·a^L + b,
 *   Δ_μ = κ − y_μ f(x_μ),   L(θ) = (1/(2P)) Σ_μ θ(Δ_μ) Δ_μ²,   N_Δ = #{μ : Δ_μ &gt; 0}.
 * </pre>
 *
 * <p>The loss is zero exactly when every constraint y_μ f(x_μ) ≥ κ is satisfied (N_Δ = 0, the SAT phase); its
 * gradient involves the unsatisfied examples only, so the backward pass runs over those (as the authors'
 * {@code make_a_step} does). The number of parameters N of the paper counts the <em>weights</em> only,
 *
 * <pre>
 *   N = d·h + h²(L − 1) + h          ({@link Architecture#weightCount()}),
 * </pre>
 *
 * <p>while the vector optimised also holds the L·h + 1 biases ({@link Architecture#parameterCount()}). Layout:
 * layer by layer, the out × in weight matrix row-major (PyTorch's {@code weight}), then the biases.
 *
 * <p>Immutable and thread-safe (scratch buffers are per thread).
 */
public final class HingeNetwork implements Model {

    /**
     * The shape of the network.
     *
     * @param inputs the input dimension d ≥ 1
     * @param width the hidden width h ≥ 1
     * @param depth the number of hidden layers L ≥ 1
     */
    public record Architecture(int inputs, int width, int depth) {

        /**
         * Validates the shape.
         *
         * @param inputs d ≥ 1
         * @param width h ≥ 1
         * @param depth L ≥ 1
         */
        public Architecture {
            Require.atLeast("dim", inputs, 1);
            Require.atLeast("width", width, 1);
            Require.atLeast("depth", depth, 1);
            long n = (long) inputs * width + (long) width * width * depth + (long) width * (depth + 1) + 1;
            if (n > 50_000_000L) {
                throw Require.invalid("width", "must give at most 5·10^7 parameters, got " + n);
            }
        }

        /**
         * The paper's number of parameters, the weights only: N = d·h + h²(L − 1) + h.
         *
         * @return N
         */
        public int weightCount() {
            return inputs * width + width * width * (depth - 1) + width;
        }

        /**
         * The length of the parameter vector: the weights and the L·h + 1 biases.
         *
         * @return N + L·h + 1
         */
        public int parameterCount() {
            return weightCount() + depth * width + 1;
        }
    }

    private final Architecture architecture;
    private final Examples data;
    private final double margin;
    private final int layers;
    private final int[] in;
    private final int[] out;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    /** One example at a time: {@link #outputGradient}, the rows of the Hessian's Gauss–Newton part. */
    private final ReluNetworkKernel.Scalar single;
    private final ReluNetworkKernel kernel;
    private final ThreadLocal<Scratch> scratch;

    /**
     * The loss of a network on a training set.
     *
     * @param architecture the network; its input dimension must be the data's
     * @param data the training set
     * @param margin κ, the margin of the hinge (the authors' default is 1)
     */
    public HingeNetwork(Architecture architecture, Examples data, double margin) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.data = Objects.requireNonNull(data, "data");
        this.margin = Require.finite("margin", margin);
        if (data.dimension() != architecture.inputs()) {
            throw Require.invalid("dim", "must equal the data's dimension " + data.dimension() + ", got "
                    + architecture.inputs());
        }
        layers = architecture.depth() + 1;
        in = new int[layers];
        out = new int[layers];
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        int offset = 0;
        for (int k = 0; k < layers; k++) {
            in[k] = k == 0 ? architecture.inputs() : architecture.width();
            out[k] = k == layers - 1 ? 1 : architecture.width();
            weightOffset[k] = offset;
            offset += in[k] * out[k];
            biasOffset[k] = offset;
            offset += out[k];
        }
        parameterCount = offset;
        kernel = ReluNetworkKernel.of(in, out, weightOffset, biasOffset, parameterCount);
        scratch = ThreadLocal.withInitial(() -> new Scratch(data.size()));
        single = new ReluNetworkKernel.Scalar(in, out, weightOffset, biasOffset);
    }

    /**
     * The same network and margin on other data (a test set, a subset).
     *
     * @param other the examples, of the same dimension
     * @return the new loss
     */
    public HingeNetwork withData(Examples other) {
        return new HingeNetwork(architecture, other, margin);
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /** @return the training set */
    public Examples data() {
        return data;
    }

    /** @return the margin κ */
    public double margin() {
        return margin;
    }

    @Override
    public int dimension() {
        return parameterCount;
    }

    /**
     * The offset of layer k's weights in the parameter vector (k = 0 the first hidden layer, k = L the output).
     *
     * @param k the layer, in [0, L]
     * @return the offset of its out × in weight matrix, row-major
     */
    public int weightOffset(int k) {
        return weightOffset[k];
    }

    /**
     * The authors' initialisation: every weight matrix orthogonal (gain 1), biases zero. An out × in matrix is
     * filled by blocks of in rows, each the transpose of the Q factor of a Gaussian matrix with the signs of R's
     * diagonal absorbed (Haar-distributed; F. Mezzadri, arXiv:math-ph/0609050), as {@code functions.orthogonal_}
     * does: square layers have WᵀW = 1, the output row has unit norm. The stream is that of
     * {@code new SplittableRandom(seed).split()}, independent of the data drawn from the same seed.
     *
     * @param seed the seed
     * @return a new parameter vector
     */
    public double[] initialParameters(long seed) {
        SplittableRandom random = new SplittableRandom(seed).split();
        double[] x = new double[parameterCount];
        for (int k = 0; k < layers; k++) {
            int rows = out[k];
            int cols = in[k];
            for (int start = 0; start < rows; start += cols) {
                int block = Math.min(cols, rows - start);
                RealMatrix g = MatrixUtils.createRealMatrix(cols, block);   // the transpose of the block
                for (int r = 0; r < block; r++) {
                    for (int c = 0; c < cols; c++) {
                        g.setEntry(c, r, random.nextGaussian());
                    }
                }
                QRDecomposition qr = new QRDecomposition(g);
                RealMatrix q = qr.getQ();
                RealMatrix rr = qr.getR();
                for (int r = 0; r < block; r++) {
                    double sign = rr.getEntry(r, r) < 0 ? -1 : 1;
                    for (int c = 0; c < cols; c++) {
                        x[weightOffset[k] + (start + r) * cols + c] = sign * q.getEntry(c, r);
                    }
                }
            }
        }
        return x;
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        return pass(x, null, null);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        Arrays.fill(gradient, 0);
        return pass(x, gradient, null);
    }

    /**
     * The gaps Δ_μ = κ − y_μ f(x_μ) of every training example: positive for an unsatisfied constraint.
     *
     * @param x the parameters
     * @return P gaps
     */
    public double[] gaps(double[] x) {
        checkDimension("x", x);
        double[] gaps = new double[data.size()];
        pass(x, null, gaps);
        return gaps;
    }

    /**
     * The number of unsatisfied constraints N_Δ = #{μ : Δ_μ &gt; 0}.
     *
     * @param x the parameters
     * @return N_Δ in [0, P]
     */
    public int unsatisfied(double[] x) {
        return countUnsatisfied(gaps(x));
    }

    /**
     * Counts the positive gaps.
     *
     * @param gaps Δ_μ
     * @return N_Δ
     */
    public static int countUnsatisfied(double[] gaps) {
        int n = 0;
        for (double g : gaps) {
            if (g > 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The network's outputs f(x_μ) on any inputs of dimension d.
     *
     * @param x the parameters
     * @param inputs the inputs, row-major, a multiple of d values
     * @return one output per input
     */
    public double[] outputs(double[] x, double[] inputs) {
        checkDimension("x", x);
        int d = architecture.inputs();
        if (inputs.length % d != 0) {
            throw Require.invalid("inputs", "must hold a multiple of d = " + d + " values, got " + inputs.length);
        }
        double[] f = new double[inputs.length / d];
        kernel.outputs(x, inputs, 0, f.length, f);
        return f;
    }

    /**
     * The classification error on labelled examples: the fraction with y f(x) ≤ 0 (the authors' {@code erro},
     * Δ ≥ κ).
     *
     * @param x the parameters
     * @param examples the examples, of dimension d
     * @return the error in [0, 1]
     */
    public double error(double[] x, Examples examples) {
        return error(outputs(x, examples.inputs()), examples.labels());
    }

    /**
     * The classification error of given outputs, e.g. an ensemble's mean output.
     *
     * @param outputs f(x_μ)
     * @param labels y_μ = ±1, as many
     * @return the fraction with y f ≤ 0
     */
    public static double error(double[] outputs, double[] labels) {
        if (outputs.length != labels.length) {
            throw Require.invalid("outputs", "must have one value per label, " + labels.length + ", got "
                    + outputs.length);
        }
        int wrong = 0;
        for (int mu = 0; mu < outputs.length; mu++) {
            if (labels[mu] * outputs[mu] <= 0) {
                wrong++;
            }
        }
        return (double) wrong / outputs.length;
    }

    /**
     * The gradient of the output on one training example, ∇_θ f(x_μ) (so ∇Δ_μ = −y_μ ∇f): the rows of the
     * Jacobian whose Gram matrix is the Gauss–Newton part of the Hessian.
     *
     * @param x the parameters
     * @param example μ in [0, P)
     * @param gradient the output, of the model's dimension; overwritten
     * @return f(x_μ)
     */
    public double outputGradient(double[] x, int example, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        Require.inRange("example", example, 0, data.size() - 1);
        Arrays.fill(gradient, 0);
        return single.outputAndGradient(x, data.inputs(), example, gradient);
    }

    /**
     * The loss; accumulates its gradient when {@code gradient} is not null and writes the gaps when asked. The
     * outputs of all examples come from one batched pass ({@link ReluNetworkKernel}, bit-identical to
     * the one-example loop of {@link #outputGradient}), then the gradient from a second pass over the unsatisfied examples only.
     */
    private double pass(double[] x, double[] gradient, double[] gaps) {
        int p = data.size();
        double[] labels = data.labels();
        Scratch scratch = this.scratch.get();
        double[] f = scratch.outputs;
        kernel.outputs(x, data.inputs(), 0, p, f);
        double sum = 0;
        int violated = 0;
        for (int mu = 0; mu < p; mu++) {
            double delta = margin - labels[mu] * f[mu];
            if (gaps != null) {
                gaps[mu] = delta;
            }
            if (delta > 0) {
                sum += delta * delta;
                scratch.index[violated] = mu;
                scratch.coefficient[violated] = -labels[mu] * delta / p;
                violated++;
            }
        }
        if (gradient != null && violated > 0) {
            kernel.addGradients(x, data.inputs(), scratch.index, scratch.coefficient, violated, gradient);
        }
        return sum / (2.0 * p);
    }

    /** Per-thread buffers of {@link #pass}: the outputs, the unsatisfied examples and their −y_μΔ_μ/P. */
    private static final class Scratch {
        final double[] outputs;
        final int[] index;
        final double[] coefficient;

        Scratch(int p) {
            outputs = new double[p];
            index = new int[p];
            coefficient = new double[p];
        }
    }

    @Override
    public String toString() {
        return "HingeNetwork(d=" + architecture.inputs() + ", h=" + architecture.width() + ", L="
                + architecture.depth() + ", P=" + data.size() + ", kappa=" + margin + ")";
    }
}
