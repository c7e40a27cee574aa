package org.glassy.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.internal.Dense;
import org.glassy.internal.FloatDense;
import org.glassy.internal.Parallel;
import org.glassy.internal.Require;

/**
 * A fully connected feed-forward network (multilayer perceptron) as a loss over its flat parameter
 * vector: the lean pure-Java engine of the neural-network studies.
 *
 * <pre>
 *   a⁰ = input,  aˡ = f(Wˡ aˡ⁻¹ + bˡ) for hidden layers,  z = W^L a^{L−1} + b^L (logits),
 *   E(θ) = (1/P) Σ_μ ℓ(z(x_μ), y_μ)
 * </pre>
 *
 * <p>with f = {@link Activation} and ℓ = {@link Loss}. The flat layout is DL4J's: for each layer,
 * the n_in × n_out weight matrix in column-major order (so the n_in weights into one unit are
 * contiguous), then the n_out biases; DL4J's {@code MultiLayerNetwork} with the same architecture
 * takes the same vector. The batch size of a mini-batch gradient is the number of examples it
 * averages over.
 *
 * <p>The training set is fixed at construction; {@link #withData} gives the same network on other
 * data (e.g. a test set). Immutable and thread-safe: scratch buffers are per thread.
 *
 * <p><b>Threads.</b> In both precisions the three matrix products of a large layer run on several
 * threads: the forward product X·Wᵀ and the weight gradient δᵀ·X split over the layer's units (the rows of W,
 * aligned to the kernels' tiles of 4), the input gradient δ·W over the examples of the batch. Each thread
 * writes its own outputs, and every output is one sum taken in the same order as with one thread (the
 * contract of the kernels' range methods, {@code internal.Dense}); the elementwise steps and the loss stay on
 * the calling thread. So the loss, the gradient and a whole trajectory are <em>bit-identical</em> for a given
 * seed whatever the number of threads (tested). A product is split only when its work, batch × n_in × n_out
 * multiply–adds, is at least 1.6·10⁷ (a 784 × 200 layer on a batch of 100, about a millisecond), so small
 * networks pay no overhead; the number of threads is {@link #withThreads}, by default the system property
 * {@value #THREADS_PROPERTY} and, when that is unset or 0, the available processors. The float32 path splits
 * its products in the same way, with the same guarantee ({@code internal.FloatDense}).
 */
public final class Mlp implements BatchModel {

    /** Examples evaluated at once by the full-batch methods. */
    private static final int CHUNK = 250;

    /**
     * The system property giving the default number of threads of a network's large products: a whole number
     * ≥ 1, or 0 (the default) for the available processors.
     */
    public static final String THREADS_PROPERTY = "glassy.mlp.threads";

    /**
     * The shape of a network.
     *
     * @param widths the layer widths, input first and number of classes last; at least two, each ≥ 1
     * @param activation the hidden units' activation
     * @param loss the per-example loss on the logits
     */
    public record Architecture(int[] widths, Activation activation, Loss loss) {

        /**
         * Validates the widths.
         *
         * @param widths the layer widths, input first and number of classes last; at least two, each ≥ 1
         * @param activation the hidden units' activation
         * @param loss the per-example loss
         */
        public Architecture {
            if (widths.length < 2) {
                throw Require.invalid("widths", "must hold at least an input and an output width, got "
                        + Arrays.toString(widths));
            }
            widths = widths.clone();
            for (int l = 0; l < widths.length; l++) {
                Require.atLeast("widths[" + l + "]", widths[l], 1);
            }
            Objects.requireNonNull(activation, "activation");
            Objects.requireNonNull(loss, "loss");
        }

        /**
         * A network with one hidden layer, the architecture of Baity-Jesi et al.'s toy model.
         *
         * @param inputs the input dimension
         * @param hidden the hidden width
         * @param classes the number of outputs
         * @param activation the hidden activation
         * @param loss the loss
         * @return the architecture inputs-hidden-classes
         */
        public static Architecture oneHidden(int inputs, int hidden, int classes, Activation activation, Loss loss) {
            return new Architecture(new int[] {inputs, hidden, classes}, activation, loss);
        }

        /** @return a copy of the widths */
        @Override
        public int[] widths() {
            return widths.clone();
        }

        /** @return the number of parameters, Σ_l (n_{l−1} + 1) n_l */
        public int parameterCount() {
            long count = 0;
            for (int l = 1; l < widths.length; l++) {
                count += (long) (widths[l - 1] + 1) * widths[l];
            }
            if (count > Integer.MAX_VALUE - 16) {
                throw Require.invalid("widths", "must give fewer than 2^31 parameters, got " + count);
            }
            return (int) count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Architecture a && Arrays.equals(widths, a.widths) && activation == a.activation
                    && loss == a.loss;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(widths), activation, loss);
        }

        @Override
        public String toString() {
            return "Architecture" + Arrays.toString(widths) + " " + activation + " " + loss;
        }
    }

    private final Architecture architecture;
    private final int[] widths;
    private final Dataset data;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final ThreadLocal<Workspace> workspace;
    private final double reluDerivativeAtZero;
    private final Precision precision;
    private final int threads;
    private volatile float[] inputs32;

    /**
     * Creates the network's loss on a dataset.
     *
     * @param architecture the network; its first width must be the data's input dimension and its last
     *     the number of classes
     * @param data the training set
     */
    public Mlp(Architecture architecture, Dataset data) {
        this(architecture, data, 0);
    }

    /**
     * Creates the network's loss on a dataset with a chosen value of ReLU′(0), the derivative that
     * backpropagation uses where a ReLU unit's pre-activation is exactly zero (Bertoin, Bolte, Gerchinovitz,
     * Pauwels, "Numerical influence of ReLU′(0) on backpropagation", NeurIPS 2021, arXiv:2106.12915). Any
     * value in [0, 1] is an element of the Clarke subdifferential at 0, so every choice gives a valid
     * conservative field (Bolte and Pauwels, arXiv:1909.10300); they differ only on the steps where some
     * pre-activation is exactly 0. Ignored for other activations.
     *
     * @param architecture the network; its first width must be the data's input dimension and its last
     *     the number of classes
     * @param data the training set
     * @param reluDerivativeAtZero ReLU′(0) in [0, 1]; 0 (the default constructor's) is PyTorch's and DL4J's
     */
    public Mlp(Architecture architecture, Dataset data, double reluDerivativeAtZero) {
        this(architecture, data, reluDerivativeAtZero, Precision.FLOAT64);
    }

    /**
     * Creates the network's loss on a dataset with a chosen ReLU′(0) and precision. In {@link Precision#FLOAT32}
     * the parameters and inputs are rounded to float32 and the forward and backward passes run entirely in
     * float32 (matrix products on the Vector API's float species, {@code internal.FloatDense}, sums accumulated in
     * float32); the per-example loss and its gradient with respect to the logits are evaluated in float64 from
     * the float32 logits, the latter rounded to float32 before backpropagation; full-batch sums over chunks of
     * {@value #CHUNK} examples are accumulated in float64. {@link Precision#FLOAT64} is the original path,
     * unchanged.
     *
     * @param architecture the network
     * @param data the training set
     * @param reluDerivativeAtZero ReLU′(0) in [0, 1]
     * @param precision the arithmetic of the passes
     */
    public Mlp(Architecture architecture, Dataset data, double reluDerivativeAtZero, Precision precision) {
        this(architecture, data, reluDerivativeAtZero, precision, defaultThreads());
    }

    private Mlp(Architecture architecture, Dataset data, double reluDerivativeAtZero, Precision precision,
                int threads) {
        if (threads < 0) {
            throw Require.invalid("threads", "must be >= 0 (0: the available processors), got " + threads);
        }
        this.threads = threads;
        this.precision = Objects.requireNonNull(precision, "precision");
        if (!(reluDerivativeAtZero >= 0 && reluDerivativeAtZero <= 1)) {
            throw Require.invalid("reluDerivativeAtZero", "must lie in [0, 1], got " + reluDerivativeAtZero);
        }
        this.reluDerivativeAtZero = reluDerivativeAtZero;
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.data = Objects.requireNonNull(data, "data");
        this.widths = architecture.widths();
        if (widths[0] != data.inputDimension()) {
            throw Require.invalid("widths[0]", "must equal the data's input dimension "
                    + data.inputDimension() + ", got " + widths[0]);
        }
        if (widths[widths.length - 1] != data.classes()) {
            throw new IllegalArgumentException("the last width must equal the data's number of classes "
                    + data.classes() + ", got " + widths[widths.length - 1]);
        }
        int layers = widths.length - 1;
        weightOffset = new int[layers + 1];
        biasOffset = new int[layers + 1];
        int offset = 0;
        for (int l = 1; l <= layers; l++) {
            weightOffset[l] = offset;
            offset += widths[l - 1] * widths[l];
            biasOffset[l] = offset;
            offset += widths[l];
        }
        parameterCount = architecture.parameterCount();
        workspace = ThreadLocal.withInitial(() -> new Workspace(widths));
    }

    /**
     * The same network on another dataset (same input dimension and classes).
     *
     * @param other the data
     * @return a new model sharing nothing mutable with this one
     */
    public Mlp withData(Dataset other) {
        return new Mlp(architecture, other, reluDerivativeAtZero, precision, threads);
    }

    /**
     * The same network and data with another ReLU′(0).
     *
     * @param value ReLU′(0) in [0, 1]
     * @return a new model
     */
    public Mlp withReluDerivativeAtZero(double value) {
        return new Mlp(architecture, data, value, precision, threads);
    }

    /**
     * The same network and data in another precision.
     *
     * @param value the precision of the passes
     * @return a new model
     */
    public Mlp withPrecision(Precision value) {
        return new Mlp(architecture, data, reluDerivativeAtZero, value, threads);
    }

    /**
     * The same network and data with another number of threads for its large products (see the class
     * comment). The results do not depend on it, only the time.
     *
     * @param value the largest number of threads, ≥ 1, or 0 for the available processors
     * @return a new model
     */
    public Mlp withThreads(int value) {
        return new Mlp(architecture, data, reluDerivativeAtZero, precision, value);
    }

    /** @return the number of threads set, ≥ 1, or 0 for the available processors */
    public int threads() {
        return threads;
    }

    private static int defaultThreads() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Require.invalid(THREADS_PROPERTY, "must be a whole number >= 0 (0: the available processors), got "
                + value);
    }

    /** The number of parts of a product of the given work. */
    private int parts(long work) {
        return Parallel.parts(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, work);
    }

    /** @return the precision of the forward and backward passes */
    public Precision precision() {
        return precision;
    }

    /** @return the value of ReLU′(0) used by backpropagation, in [0, 1] */
    public double reluDerivativeAtZero() {
        return reluDerivativeAtZero;
    }

    /** Whether backpropagation needs the pre-activations (ReLU with ReLU′(0) ≠ 0). */
    private boolean keepsPreActivations() {
        return reluDerivativeAtZero != 0 && architecture.activation() == Activation.RELU;
    }

    /**
     * The hidden pre-activations s_l = W_l a_{l−1} + b_l (l = 1, …, L−1) of the examples indices[from..to),
     * computed in this network's precision exactly as the forward pass computes them (the dot product first,
     * the bias added last), so that {@code s == 0} here exactly when backpropagation meets ReLU′(0)
     * (Bertoin, Bolte, Gerchinovitz and Pauwels, NeurIPS 2021, arXiv:2106.12915). float32 values are widened
     * exactly.
     *
     * @param x the parameters
     * @param indices example indices
     * @param from first position in {@code indices}
     * @param to one past the last position, with 1 ≤ to − from
     * @return result[l − 1][b·width_l + j] = s_l of unit j on the b-th example, for the L − 1 hidden layers
     */
    public double[][] preActivations(double[] x, int[] indices, int from, int to) {
        checkDimension("x", x);
        Require.inRange("to", to, from + 1, indices.length);
        Workspace ws = workspace.get();
        int batch = to - from;
        ws.record = true;
        try {
            forward(x, indices, from, to, ws);
        } finally {
            ws.record = false;
        }
        double[][] out = new double[widths.length - 2][];
        for (int l = 1; l < widths.length - 1; l++) {
            int n = batch * widths[l];
            out[l - 1] = new double[n];
            if (precision == Precision.FLOAT32) {
                float[] s = ws.preActivations32[l];
                for (int i = 0; i < n; i++) {
                    out[l - 1][i] = s[i];
                }
            } else {
                System.arraycopy(ws.preActivations(l, batch), 0, out[l - 1], 0, n);
            }
        }
        return out;
    }

    /** @return the architecture */
    public Architecture architecture() {
        return architecture;
    }

    /** @return the training set */
    public Dataset data() {
        return data;
    }

    @Override
    public int dimension() {
        return parameterCount;
    }

    @Override
    public int exampleCount() {
        return data.size();
    }

    /**
     * Draws initial parameters as PyTorch's {@code nn.Linear} does: weights and biases of layer l
     * uniform in [−1/√n_{l−1}, 1/√n_{l−1}].
     *
     * @param seed the seed
     * @return a new parameter vector
     */
    public double[] initialParameters(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[parameterCount];
        for (int l = 1; l < widths.length; l++) {
            double bound = 1 / Math.sqrt(widths[l - 1]);
            for (int i = weightOffset[l]; i < biasOffset[l] + widths[l]; i++) {
                x[i] = random.nextDouble(-bound, bound);
            }
        }
        return x;
    }

    @Override
    public double energy(double[] x) {
        return fullBatch(x, null);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("gradient", gradient);
        return fullBatch(x, gradient);
    }

    @Override
    public double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        checkBatch(indices, from, to);
        return pass(x, indices, from, to, gradient, workspace.get());
    }

    /**
     * {@inheritDoc} This network's threads ({@link #withThreads}) from {@link Parallel#ELEMENTWISE_THRESHOLD}
     * parameters (the 784-301-10 network of the thread tests, 239 305 parameters, is above it), one part below.
     */
    @Override
    public int updateParts() {
        return parameterCount >= Parallel.ELEMENTWISE_THRESHOLD ? parts(Parallel.THRESHOLD) : 1;
    }

    @Override
    public boolean hasFloatGradient() {
        return precision == Precision.FLOAT32;
    }

    @Override
    public double batchEnergyAndFloatGradient(double[] x, int[] indices, int from, int to, float[] gradient) {
        if (precision != Precision.FLOAT32) {
            throw new UnsupportedOperationException("a " + precision + " network has no single-precision gradient");
        }
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        checkBatch(indices, from, to);
        return backward32(x, indices, from, to, gradient, workspace.get());
    }

    /**
     * Returns the fraction of examples whose largest logit is not the label (the classification
     * error, ties counted as errors).
     *
     * @param x the parameters
     * @return the error rate in [0, 1]
     */
    public double errorRate(double[] x) {
        checkDimension("x", x);
        Workspace ws = workspace.get();
        int classes = widths[widths.length - 1];
        int wrong = 0;
        int[] all = allIndices();
        for (int from = 0; from < all.length; from += CHUNK) {
            int to = Math.min(all.length, from + CHUNK);
            forward(x, all, from, to, ws);
            double[] z = ws.activations[widths.length - 1];
            for (int b = 0; b < to - from; b++) {
                int label = data.labels()[all[from + b]];
                double target = z[b * classes + label];
                for (int k = 0; k < classes; k++) {
                    if (k != label && z[b * classes + k] >= target) {
                        wrong++;
                        break;
                    }
                }
            }
        }
        return (double) wrong / all.length;
    }

    private int[] allIndices() {
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private double fullBatch(double[] x, double[] gradient) {
        checkDimension("x", x);
        Workspace ws = workspace.get();
        int[] all = allIndices();
        double loss = 0;
        double[] chunkGradient = gradient == null ? null : ws.chunkGradient(parameterCount);
        if (gradient != null) {
            Arrays.fill(gradient, 0.0);
        }
        for (int from = 0; from < all.length; from += CHUNK) {
            int to = Math.min(all.length, from + CHUNK);
            double weight = (double) (to - from) / all.length;
            if (gradient == null) {
                loss += weight * forwardLoss(x, all, from, to, ws);
            } else {
                loss += weight * pass(x, all, from, to, chunkGradient, ws);
                for (int i = 0; i < parameterCount; i++) {
                    gradient[i] += weight * chunkGradient[i];
                }
            }
        }
        return loss;
    }

    private void forward(double[] x, int[] indices, int from, int to, Workspace ws) {
        if (precision == Precision.FLOAT32) {
            forward32(x, indices, from, to, ws);
            return;
        }
        int batch = to - from;
        ws.ensure(batch);
        int inputs = widths[0];
        for (int b = 0; b < batch; b++) {
            ws.inputRows[b] = indices[from + b] * inputs;
        }
        double[] in = data.inputs();
        int[] rows = ws.inputRows;
        for (int l = 1; l < widths.length; l++) {
            double[] out = ws.activations[l];
            double[] input = in;
            int[] inputRows = rows;
            int inner = widths[l - 1];
            int cols = widths[l];
            int w = weightOffset[l];
            int b = biasOffset[l];
            Parallel.run(parts((long) batch * inner * cols), cols, Dense.ALIGN, (lo, hi) ->
                    Dense.INSTANCE.forward(input, inputRows, batch, inner, x, w, cols, x, b, out, lo, hi));
            if (l < widths.length - 1) {
                if (keepsPreActivations() || ws.record) {
                    System.arraycopy(out, 0, ws.preActivations(l, batch), 0, batch * widths[l]);
                }
                architecture.activation().apply(out, 0, batch * widths[l]);
            }
            in = out;
            rows = ws.rowOffsets[l];
        }
    }

    private double forwardLoss(double[] x, int[] indices, int from, int to, Workspace ws) {
        forward(x, indices, from, to, ws);
        int batch = to - from;
        int classes = widths[widths.length - 1];
        double[] z = ws.activations[widths.length - 1];
        double[] scratch = ws.deltas[widths.length - 1];
        double loss = 0;
        for (int b = 0; b < batch; b++) {
            loss += architecture.loss().lossAndGradient(z, b * classes, classes, data.labels()[indices[from + b]], 0,
                    scratch);
        }
        return loss / batch;
    }

    /** Forward and backward over examples indices[from..to): mean loss, gradient into {@code gradient}. */
    private double pass(double[] x, int[] indices, int from, int to, double[] gradient, Workspace ws) {
        if (precision == Precision.FLOAT32) {
            return pass32(x, indices, from, to, gradient, ws);
        }
        forward(x, indices, from, to, ws);
        int batch = to - from;
        int last = widths.length - 1;
        int classes = widths[last];
        double[] z = ws.activations[last];
        double[] delta = ws.deltas[last];
        double loss = 0;
        double scale = 1.0 / batch;
        for (int b = 0; b < batch; b++) {
            loss += architecture.loss().lossAndGradient(z, b * classes, classes, data.labels()[indices[from + b]],
                    scale, delta);
        }
        for (int l = last; l >= 1; l--) {
            double[] in = l == 1 ? data.inputs() : ws.activations[l - 1];
            int[] rows = l == 1 ? ws.inputRows : ws.rowOffsets[l - 1];
            double[] dz = ws.deltas[l];
            int inner = widths[l - 1];
            int cols = widths[l];
            int w = weightOffset[l];
            int b = biasOffset[l];
            int parts = parts((long) batch * inner * cols);
            Parallel.run(parts, cols, Dense.ALIGN, (lo, hi) ->
                    Dense.INSTANCE.weightGradient(dz, batch, cols, in, rows, inner, gradient, w, b, lo, hi));
            if (l > 1) {
                double[] da = ws.deltas[l - 1];
                Parallel.run(parts, batch, Dense.ALIGN, (lo, hi) ->
                        Dense.INSTANCE.inputGradient(dz, batch, cols, x, w, inner, da, lo, hi));
                if (keepsPreActivations()) {
                    double[] s = ws.preActivations[l - 1];
                    double[] d = ws.deltas[l - 1];
                    for (int i = 0, n = batch * widths[l - 1]; i < n; i++) {
                        if (s[i] < 0) {
                            d[i] = 0;
                        } else if (s[i] == 0) {
                            d[i] *= reluDerivativeAtZero;
                        }
                    }
                } else {
                    architecture.activation().backward(ws.activations[l - 1], ws.deltas[l - 1], 0,
                            batch * widths[l - 1]);
                }
            }
        }
        return loss / batch;
    }

    private float[] inputs32() {
        float[] in = inputs32;
        if (in == null) {
            double[] d = data.inputs();
            in = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                in[i] = (float) d[i];
            }
            inputs32 = in;
        }
        return in;
    }

    /**
     * The float32 forward pass; the logits are copied (exactly) into the float64 workspace for the loss. The
     * kernel rounds the weights and biases to float32 as it reads them from {@code x} (no float32 copy).
     */
    private void forward32(double[] x, int[] indices, int from, int to, Workspace ws) {
        int batch = to - from;
        ws.ensure(batch);
        ws.ensure32(parameterCount);
        int inputs = widths[0];
        for (int b = 0; b < batch; b++) {
            ws.inputRows[b] = indices[from + b] * inputs;
        }
        float[] in = inputs32();
        int[] rows = ws.inputRows;
        int last = widths.length - 1;
        for (int l = 1; l <= last; l++) {
            float[] out = ws.activations32[l];
            float[] input = in;
            int[] inputRows = rows;
            int inner = widths[l - 1];
            int cols = widths[l];
            int w = weightOffset[l];
            int b = biasOffset[l];
            Parallel.run(parts((long) batch * inner * cols), cols, Dense.ALIGN, (lo, hi) ->
                    FloatDense.INSTANCE.forward(input, inputRows, batch, inner, x, w, cols, x, b, out, lo, hi));
            int n = batch * widths[l];
            if (l < last) {
                if (keepsPreActivations() || ws.record) {
                    System.arraycopy(out, 0, ws.preActivations32[l], 0, n);
                }
                switch (architecture.activation()) {
                    case RELU -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = Math.max(0f, out[i]);
                        }
                    }
                    case TANH -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = (float) Math.tanh(out[i]);
                        }
                    }
                    case SIGMOID -> {
                        for (int i = 0; i < n; i++) {
                            out[i] = (float) (1 / (1 + Math.exp(-out[i])));
                        }
                    }
                    default -> throw new AssertionError(architecture.activation());
                }
            }
            in = out;
            rows = ws.rowOffsets[l];
        }
        float[] z = ws.activations32[last];
        double[] z64 = ws.activations[last];
        for (int i = 0, n = batch * widths[last]; i < n; i++) {
            z64[i] = z[i];
        }
    }

    /** The float32 pass with its gradient widened into {@code gradient}. */
    private double pass32(double[] x, int[] indices, int from, int to, double[] gradient, Workspace ws) {
        if (ws.gradient32 == null || ws.gradient32.length != parameterCount) {
            ws.gradient32 = new float[parameterCount];
        }
        float[] grad = ws.gradient32;
        double loss = backward32(x, indices, from, to, grad, ws);
        // the widening pass is memory-bound: split over the threads when the vector is large (elementwise, so the
        // result does not depend on the split)
        Parallel.run(updateParts(), parameterCount, Dense.ALIGN,
                (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        gradient[i] = grad[i];
                    }
                });
        return loss;
    }

    /**
     * The float32 forward and backward pass, the gradient left in float32 in {@code grad}. Only the weights of
     * layers 2, …, L, which the input gradient reads, are copied to float32: the first layer's, most of the
     * parameters, are read from {@code x} by the forward kernel alone. This is the measured hot loop of the
     * float32 SGD step (docs/benchmarks.md, issue 22).
     */
    private double backward32(double[] x, int[] indices, int from, int to, float[] grad, Workspace ws) {
        forward32(x, indices, from, to, ws);
        int batch = to - from;
        int last = widths.length - 1;
        int classes = widths[last];
        double[] z = ws.activations[last];
        double[] delta = ws.deltas[last];
        double loss = 0;
        double scale = 1.0 / batch;
        for (int b = 0; b < batch; b++) {
            loss += architecture.loss().lossAndGradient(z, b * classes, classes, data.labels()[indices[from + b]],
                    scale, delta);
        }
        float[] delta32 = ws.deltas32[last];
        for (int i = 0, n = batch * classes; i < n; i++) {
            delta32[i] = (float) delta[i];
        }
        float[] theta = ws.theta32;
        for (int l = 2; l <= last; l++) {
            for (int i = weightOffset[l], end = biasOffset[l]; i < end; i++) {
                theta[i] = (float) x[i];
            }
        }
        for (int l = last; l >= 1; l--) {
            float[] in = l == 1 ? inputs32() : ws.activations32[l - 1];
            int[] rows = l == 1 ? ws.inputRows : ws.rowOffsets[l - 1];
            float[] dz = ws.deltas32[l];
            int inner = widths[l - 1];
            int cols = widths[l];
            int w = weightOffset[l];
            int b = biasOffset[l];
            int parts = parts((long) batch * inner * cols);
            Parallel.run(parts, cols, Dense.ALIGN, (lo, hi) ->
                    FloatDense.INSTANCE.weightGradient(dz, batch, cols, in, rows, inner, grad, w, b, lo, hi));
            if (l > 1) {
                float[] d = ws.deltas32[l - 1];
                Parallel.run(parts, batch, Dense.ALIGN, (lo, hi) ->
                        FloatDense.INSTANCE.inputGradient(dz, batch, cols, theta, w, inner, d, lo, hi));
                float[] a = ws.activations32[l - 1];
                int n = batch * widths[l - 1];
                switch (architecture.activation()) {
                    case RELU -> {
                        if (keepsPreActivations()) {
                            float[] pre = ws.preActivations32[l - 1];
                            float v = (float) reluDerivativeAtZero;
                            for (int i = 0; i < n; i++) {
                                if (pre[i] < 0) {
                                    d[i] = 0;
                                } else if (pre[i] == 0) {
                                    d[i] *= v;
                                }
                            }
                        } else {
                            FloatDense.INSTANCE.reluMask(a, d, n);
                        }
                    }
                    case TANH -> {
                        for (int i = 0; i < n; i++) {
                            d[i] *= 1 - a[i] * a[i];
                        }
                    }
                    case SIGMOID -> {
                        for (int i = 0; i < n; i++) {
                            d[i] *= a[i] * (1 - a[i]);
                        }
                    }
                    default -> throw new AssertionError(architecture.activation());
                }
            }
        }
        return loss / batch;
    }

    /** Per-thread scratch: activations and their gradients for one batch size. */
    private static final class Workspace {
        private final int[] widths;
        private int capacity;
        int[] inputRows;
        int[][] rowOffsets;
        double[][] activations;
        double[][] deltas;
        private double[] chunkGradient;
        double[][] preActivations;
        /** The weights of layers 2, …, L in float32 (at their offsets; the first layer's entries unused). */
        float[] theta32;
        float[] gradient32;
        float[][] activations32;
        float[][] deltas32;
        float[][] preActivations32;
        private int capacity32;
        /** Keep the pre-activations whatever the activation ({@link #preActivations(double[], int[], int, int)}). */
        boolean record;

        Workspace(int[] widths) {
            this.widths = widths;
        }

        void ensure(int batch) {
            if (batch <= capacity) {
                return;
            }
            capacity = batch;
            inputRows = new int[batch];
            rowOffsets = new int[widths.length][batch];
            activations = new double[widths.length][];
            deltas = new double[widths.length][];
            for (int l = 1; l < widths.length; l++) {
                activations[l] = new double[batch * widths[l]];
                deltas[l] = new double[batch * widths[l]];
                for (int b = 0; b < batch; b++) {
                    rowOffsets[l][b] = b * widths[l];
                }
            }
        }

        void ensure32(int parameters) {
            if (theta32 == null || theta32.length != parameters) {
                theta32 = new float[parameters];
            }
            if (capacity32 == capacity) {
                return;
            }
            capacity32 = capacity;
            activations32 = new float[widths.length][];
            deltas32 = new float[widths.length][];
            preActivations32 = new float[widths.length][];
            for (int l = 1; l < widths.length; l++) {
                activations32[l] = new float[capacity * widths[l]];
                deltas32[l] = new float[capacity * widths[l]];
                preActivations32[l] = new float[capacity * widths[l]];
            }
        }

        double[] preActivations(int layer, int batch) {
            if (preActivations == null) {
                preActivations = new double[widths.length][];
            }
            if (preActivations[layer] == null || preActivations[layer].length < batch * widths[layer]) {
                preActivations[layer] = new double[capacity * widths[layer]];
            }
            return preActivations[layer];
        }

        double[] chunkGradient(int n) {
            if (chunkGradient == null || chunkGradient.length != n) {
                chunkGradient = new double[n];
            }
            return chunkGradient;
        }
    }

    @Override
    public String toString() {
        return "Mlp" + Arrays.toString(widths) + " " + architecture.activation() + " " + architecture.loss()
                + (precision == Precision.FLOAT32 ? " float32" : "") + " on "
                + data.name() + " (" + data.size() + " examples)";
    }
}
