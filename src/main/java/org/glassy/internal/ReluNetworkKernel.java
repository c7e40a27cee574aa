package org.glassy.internal;

/**
 * The outputs and parameter gradients of a fully connected ReLU network with one scalar output, for many examples
 * at once:
 *
 * <pre>
 *   a⁰ = x,   aᵏ⁺¹ = ReLU(Wᵏ aᵏ + bᵏ)  (hidden layers),   f = W^top a^top + b^top   (one output),
 *   ∇_θ Σ_c κ_c f(x_c):   δ^top = κ,   ∂Wᵏ = Σ_c δᵏ_c aᵏ_cᵀ,   ∂bᵏ = Σ_c δᵏ_c,   δᵏ⁻¹ = (Wᵏᵀ δᵏ) ⊙ 1[aᵏ &gt; 0].
 * </pre>
 *
 * <p>Parameter layout (as the caller's): layer k's {@code out[k] × in[k]} weight matrix row-major at
 * {@code weightOffset[k]}, its biases at {@code biasOffset[k]}; the last layer has one output. Every output is
 * accumulated as s ← s + w·a over the inputs in increasing order, starting from the bias, with a separate multiply
 * and add, then ReLU as {@code s > 0 ? s : 0}: both implementations give the same outputs bit for bit; their
 * gradients agree to rounding. {@link #of} picks the Vector-API kernel ({@code VectorReluNetwork}, examples in
 * the vector lanes) when the {@code jdk.incubator.vector} module is present and {@code -Dglassy.scalar} is not
 * set, {@link Scalar} otherwise. Implementations are thread-safe.
 */
public interface ReluNetworkKernel {

    /**
     * The outputs f(x_μ) of consecutive examples.
     *
     * @param theta the parameters
     * @param inputs the examples, row-major, in[0] values each
     * @param from the first example
     * @param count how many
     * @param f receives the outputs at f[0 … count)
     */
    void outputs(double[] theta, double[] inputs, int from, int count, double[] f);

    /**
     * Adds Σ_c κ_c ∇_θ f(x_{index[c]}) to a gradient.
     *
     * @param theta the parameters
     * @param inputs the examples, row-major, in[0] values each
     * @param index the examples to include
     * @param coefficient κ_c, one per entry of {@code index}
     * @param count how many entries of {@code index} and {@code coefficient} to use
     * @param gradient receives the sum (added to what it holds)
     */
    void addGradients(double[] theta, double[] inputs, int[] index, double[] coefficient, int count,
                      double[] gradient);

    /**
     * The fastest available kernel for a network shape.
     *
     * @param in the input width of each layer (the first is the input dimension)
     * @param out the output width of each layer: in[k + 1] for the hidden layers, 1 for the last
     * @param weightOffset where each layer's row-major weight matrix starts in the parameter vector
     * @param biasOffset where each layer's biases start
     * @param parameterCount the length of the parameter vector
     * @return the kernel
     */
    static ReluNetworkKernel of(int[] in, int[] out, int[] weightOffset, int[] biasOffset, int parameterCount) {
        checkShapes(in, out, weightOffset, biasOffset);
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (vectorModule && !Boolean.getBoolean("glassy.scalar")) {
            try {
                return (ReluNetworkKernel) Class.forName("org.glassy.internal.VectorReluNetwork")
                        .getDeclaredConstructor(int[].class, int[].class, int[].class, int[].class, int.class)
                        .newInstance(in, out, weightOffset, biasOffset, parameterCount);
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Scalar(in, out, weightOffset, biasOffset);
            }
        }
        return new Scalar(in, out, weightOffset, biasOffset);
    }

    /**
     * Checks that the layers chain and end in one output.
     *
     * @param in input widths
     * @param out output widths
     * @param weightOffset weight offsets
     * @param biasOffset bias offsets
     */
    static void checkShapes(int[] in, int[] out, int[] weightOffset, int[] biasOffset) {
        int layers = in.length;
        if (layers == 0 || out.length != layers || weightOffset.length != layers || biasOffset.length != layers
                || out[layers - 1] != 1) {
            throw new IllegalArgumentException("inconsistent layer shapes");
        }
        for (int k = 0; k + 1 < layers; k++) {
            if (out[k] != in[k + 1]) {
                throw new IllegalArgumentException("layer " + k + " has " + out[k] + " outputs but layer "
                        + (k + 1) + " takes " + in[k + 1]);
            }
        }
    }

    /** One example at a time, plain loops: the fallback, and the reference of the vector kernel's tests. */
    final class Scalar implements ReluNetworkKernel {
        private final int layers;
        private final int[] in;
        private final int[] out;
        private final int[] weightOffset;
        private final int[] biasOffset;
        private final ThreadLocal<double[][]> activations;
        private final ThreadLocal<double[][]> deltas;

        /**
         * A network of the given shape.
         *
         * @param in input widths
         * @param out output widths
         * @param weightOffset weight offsets
         * @param biasOffset bias offsets
         */
        public Scalar(int[] in, int[] out, int[] weightOffset, int[] biasOffset) {
            checkShapes(in, out, weightOffset, biasOffset);
            this.layers = in.length;
            this.in = in.clone();
            this.out = out.clone();
            this.weightOffset = weightOffset.clone();
            this.biasOffset = biasOffset.clone();
            activations = ThreadLocal.withInitial(() -> {
                double[][] a = new double[layers][];
                for (int k = 1; k < layers; k++) {
                    a[k] = new double[in[k]];
                }
                return a;
            });
            deltas = ThreadLocal.withInitial(() -> {
                double[][] d = new double[layers][];
                for (int k = 0; k < layers; k++) {
                    d[k] = new double[out[k]];
                }
                return d;
            });
        }

        @Override
        public void outputs(double[] theta, double[] inputs, int from, int count, double[] f) {
            double[][] a = activations.get();
            for (int c = 0; c < count; c++) {
                f[c] = forward(theta, inputs, (from + c) * in[0], a);
            }
        }

        @Override
        public void addGradients(double[] theta, double[] inputs, int[] index, double[] coefficient, int count,
                                 double[] gradient) {
            double[][] a = activations.get();
            double[][] dz = deltas.get();
            for (int c = 0; c < count; c++) {
                int offset = index[c] * in[0];
                forward(theta, inputs, offset, a);
                backward(theta, inputs, offset, a, dz, coefficient[c], gradient);
            }
        }

        /**
         * f(x_μ) and ∇_θ f(x_μ) of one example, with one forward pass.
         *
         * @param theta the parameters
         * @param inputs the examples, row-major, in[0] values each
         * @param example μ
         * @param gradient receives ∇_θ f(x_μ) (added to what it holds)
         * @return f(x_μ)
         */
        public double outputAndGradient(double[] theta, double[] inputs, int example, double[] gradient) {
            double[][] a = activations.get();
            int offset = example * in[0];
            double f = forward(theta, inputs, offset, a);
            backward(theta, inputs, offset, a, deltas.get(), 1, gradient);
            return f;
        }

        /** f for the input at {@code inputs[offset..]}, leaving the inputs of layers 1 … top in a[1 …]. */
        private double forward(double[] theta, double[] inputs, int offset, double[][] a) {
            double[] prev = inputs;
            int prevOffset = offset;
            for (int k = 0; k < layers; k++) {
                int n = in[k];
                for (int j = 0; j < out[k]; j++) {
                    double s = theta[biasOffset[k] + j];
                    int row = weightOffset[k] + j * n;
                    for (int i = 0; i < n; i++) {
                        s += theta[row + i] * prev[prevOffset + i];
                    }
                    if (k + 1 == layers) {
                        return s;
                    }
                    a[k + 1][j] = s > 0 ? s : 0;
                }
                prev = a[k + 1];
                prevOffset = 0;
            }
            throw new AssertionError("the last layer returns");
        }

        /** Adds c·∇_θ f to the gradient, after {@link #forward} on the same input. */
        private void backward(double[] theta, double[] inputs, int offset, double[][] a, double[][] dz, double c,
                              double[] gradient) {
            dz[layers - 1][0] = c;
            for (int k = layers - 1; k >= 0; k--) {
                double[] prev = k == 0 ? inputs : a[k];
                int prevOffset = k == 0 ? offset : 0;
                int n = in[k];
                double[] delta = dz[k];
                for (int j = 0; j < out[k]; j++) {
                    double dj = delta[j];
                    gradient[biasOffset[k] + j] += dj;
                    int row = weightOffset[k] + j * n;
                    for (int i = 0; i < n; i++) {
                        gradient[row + i] += dj * prev[prevOffset + i];
                    }
                }
                if (k > 0) {
                    double[] below = dz[k - 1];
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        for (int j = 0; j < out[k]; j++) {
                            s += theta[weightOffset[k] + j * n + i] * delta[j];
                        }
                        below[i] = prev[i] > 0 ? s : 0;
                    }
                }
            }
        }
    }
}
