package org.glassy.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReluNetworkKernel} on the JDK Vector API: the outputs and parameter gradients of a fully connected ReLU
 * network with one scalar output, computed for blocks of examples with the <em>examples in the vector lanes</em>: the activations of a block are stored
 * feature-major (unit i of example c at {@code i·CHUNK + c}), so that every layer is a sequence of scalar
 * weights broadcast against whole vectors of examples, with no reduction across lanes.
 *
 * <p>Hand-written because it is the measured hot loop of the jamming study ({@code study.jamming.HingeNetwork}):
 * its layers are narrow (h = 5 … 30 units), too narrow for a matrix kernel that puts the units in the lanes,
 * and the one-example-at-a-time loops it replaced ran at about 4 GFLOP/s (docs/benchmarks.md, "Jamming").
 *
 * <p><b>Same outputs as the scalar loop.</b> Each output is accumulated lane-wise as
 * s ← s + w·a over the inputs in increasing order, starting from the bias, with a separate multiply and add (no
 * fused multiply–add), then ReLU as {@code s > 0 ? s : 0}: exactly the arithmetic of the scalar loop
 * {@code s += w[i] * a[i]}, so the outputs agree bit for bit with it. The gradient is summed in another order
 * (per lane, then across lanes), so it agrees with a per-example sum to rounding only.
 *
 * <p>Thread-safe: the scratch buffers are per thread.
 */
final class VectorReluNetwork implements ReluNetworkKernel {

    private static final VectorSpecies<Double> S = VectorDense.SPECIES;
    private static final int LANES = S.length();
    /** Examples per block: 8 vectors of 512 bits, 16 of 256 (a multiple of 4 vectors for every species). */
    static final int CHUNK = 64;
    private static final int STRIDE = 4 * LANES;

    private final int layers;
    private final int[] in;
    private final int[] out;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final ThreadLocal<Workspace> workspace;

    /**
     * A network of the given shape.
     *
     * @param in the input width of each layer (the first is the input dimension)
     * @param out the output width of each layer: in[k + 1] for the hidden layers, 1 for the last
     * @param weightOffset where each layer's row-major weight matrix starts in the parameter vector
     * @param biasOffset where each layer's biases start
     * @param parameterCount the length of the parameter vector
     */
    VectorReluNetwork(int[] in, int[] out, int[] weightOffset, int[] biasOffset, int parameterCount) {
        ReluNetworkKernel.checkShapes(in, out, weightOffset, biasOffset);
        this.layers = in.length;
        this.in = in.clone();
        this.out = out.clone();
        this.weightOffset = weightOffset.clone();
        this.biasOffset = biasOffset.clone();
        this.parameterCount = parameterCount;
        this.workspace = ThreadLocal.withInitial(Workspace::new);
    }

    /** Per-thread block buffers. */
    private final class Workspace {
        /** a[k]: the input of layer k for the block, in[k] × CHUNK, feature-major; a[layers]: the outputs f. */
        final double[][] a = new double[layers + 1][];
        /** dz[k]: ∂/∂(pre-activation of layer k), out[k] × CHUNK. */
        final double[][] dz = new double[layers][];
        /** The gradient accumulated per lane: parameter p, lane l at p·LANES + l. */
        final double[] lanes = new double[parameterCount * LANES];

        Workspace() {
            for (int k = 0; k < layers; k++) {
                a[k] = new double[in[k] * CHUNK];
                dz[k] = new double[out[k] * CHUNK];
            }
            a[layers] = new double[CHUNK];
        }
    }

    @Override
    public void outputs(double[] theta, double[] inputs, int from, int count, double[] f) {
        Workspace ws = workspace.get();
        for (int start = 0; start < count; start += CHUNK) {
            int n = Math.min(CHUNK, count - start);
            gather(inputs, null, from + start, n, ws.a[0]);
            forward(theta, ws);
            System.arraycopy(ws.a[layers], 0, f, start, n);
        }
    }

    @Override
    public void addGradients(double[] theta, double[] inputs, int[] index, double[] coefficient, int count,
            double[] gradient) {
        Workspace ws = workspace.get();
        double[] lanes = ws.lanes;
        java.util.Arrays.fill(lanes, 0);
        int top = layers - 1;
        for (int start = 0; start < count; start += CHUNK) {
            int n = Math.min(CHUNK, count - start);
            gather(inputs, index, start, n, ws.a[0]);
            forward(theta, ws);
            double[] seed = ws.dz[top];
            System.arraycopy(coefficient, start, seed, 0, n);
            java.util.Arrays.fill(seed, n, CHUNK, 0);
            backward(theta, ws);
        }
        for (int p = 0; p < parameterCount; p++) {
            double s = 0;
            for (int l = 0; l < LANES; l++) {
                s += lanes[p * LANES + l];
            }
            gradient[p] += s;
        }
    }

    /** Copies n examples (index[from …] when index is not null, else from, from + 1, …) feature-major, zero-padded. */
    private void gather(double[] inputs, int[] index, int from, int n, double[] block) {
        int d = in[0];
        for (int c = 0; c < n; c++) {
            int base = (index == null ? from + c : index[from + c]) * d;
            for (int i = 0; i < d; i++) {
                block[i * CHUNK + c] = inputs[base + i];
            }
        }
        if (n < CHUNK) {
            for (int i = 0; i < d; i++) {
                java.util.Arrays.fill(block, i * CHUNK + n, (i + 1) * CHUNK, 0);
            }
        }
    }

    private void forward(double[] theta, Workspace ws) {
        DoubleVector zero = DoubleVector.zero(S);
        for (int k = 0; k < layers; k++) {
            double[] src = ws.a[k];
            double[] dst = ws.a[k + 1];
            boolean relu = k + 1 < layers;
            int n = in[k];
            for (int j = 0; j < out[k]; j++) {
                int row = weightOffset[k] + j * n;
                DoubleVector bias = DoubleVector.broadcast(S, theta[biasOffset[k] + j]);
                for (int v = 0; v < CHUNK; v += STRIDE) {
                    DoubleVector s0 = bias;
                    DoubleVector s1 = bias;
                    DoubleVector s2 = bias;
                    DoubleVector s3 = bias;
                    for (int i = 0; i < n; i++) {
                        double w = theta[row + i];
                        int base = i * CHUNK + v;
                        s0 = s0.add(DoubleVector.fromArray(S, src, base).mul(w));
                        s1 = s1.add(DoubleVector.fromArray(S, src, base + LANES).mul(w));
                        s2 = s2.add(DoubleVector.fromArray(S, src, base + 2 * LANES).mul(w));
                        s3 = s3.add(DoubleVector.fromArray(S, src, base + 3 * LANES).mul(w));
                    }
                    int o = j * CHUNK + v;
                    if (relu) {
                        s0 = zero.blend(s0, s0.compare(VectorOperators.GT, 0));
                        s1 = zero.blend(s1, s1.compare(VectorOperators.GT, 0));
                        s2 = zero.blend(s2, s2.compare(VectorOperators.GT, 0));
                        s3 = zero.blend(s3, s3.compare(VectorOperators.GT, 0));
                    }
                    s0.intoArray(dst, o);
                    s1.intoArray(dst, o + LANES);
                    s2.intoArray(dst, o + 2 * LANES);
                    s3.intoArray(dst, o + 3 * LANES);
                }
            }
        }
    }

    private void backward(double[] theta, Workspace ws) {
        DoubleVector zero = DoubleVector.zero(S);
        double[] lanes = ws.lanes;
        for (int k = layers - 1; k >= 0; k--) {
            double[] src = ws.a[k];
            double[] delta = ws.dz[k];
            int n = in[k];
            for (int j = 0; j < out[k]; j++) {
                int dj = j * CHUNK;
                int b = (biasOffset[k] + j) * LANES;
                DoubleVector acc = DoubleVector.fromArray(S, lanes, b);
                for (int v = 0; v < CHUNK; v += LANES) {
                    acc = acc.add(DoubleVector.fromArray(S, delta, dj + v));
                }
                acc.intoArray(lanes, b);
                int row = weightOffset[k] + j * n;
                for (int i = 0; i < n; i++) {
                    int g = (row + i) * LANES;
                    int ai = i * CHUNK;
                    DoubleVector gi = DoubleVector.fromArray(S, lanes, g);
                    for (int v = 0; v < CHUNK; v += LANES) {
                        gi = DoubleVector.fromArray(S, delta, dj + v)
                                .fma(DoubleVector.fromArray(S, src, ai + v), gi);
                    }
                    gi.intoArray(lanes, g);
                }
            }
            if (k == 0) {
                break;
            }
            double[] below = ws.dz[k - 1];
            int w0 = weightOffset[k];
            for (int i = 0; i < n; i++) {
                for (int v = 0; v < CHUNK; v += STRIDE) {
                    DoubleVector s0 = zero;
                    DoubleVector s1 = zero;
                    DoubleVector s2 = zero;
                    DoubleVector s3 = zero;
                    for (int j = 0; j < out[k]; j++) {
                        DoubleVector w = DoubleVector.broadcast(S, theta[w0 + j * n + i]);
                        int base = j * CHUNK + v;
                        s0 = DoubleVector.fromArray(S, delta, base).fma(w, s0);
                        s1 = DoubleVector.fromArray(S, delta, base + LANES).fma(w, s1);
                        s2 = DoubleVector.fromArray(S, delta, base + 2 * LANES).fma(w, s2);
                        s3 = DoubleVector.fromArray(S, delta, base + 3 * LANES).fma(w, s3);
                    }
                    int o = i * CHUNK + v;
                    s0 = zero.blend(s0, active(src, o));
                    s1 = zero.blend(s1, active(src, o + LANES));
                    s2 = zero.blend(s2, active(src, o + 2 * LANES));
                    s3 = zero.blend(s3, active(src, o + 3 * LANES));
                    s0.intoArray(below, o);
                    s1.intoArray(below, o + LANES);
                    s2.intoArray(below, o + 2 * LANES);
                    s3.intoArray(below, o + 3 * LANES);
                }
            }
        }
    }

    /** ReLU′ of the unit whose outputs start at {@code offset}: 1 where the output is positive, 0 elsewhere. */
    private static VectorMask<Double> active(double[] activations, int offset) {
        return DoubleVector.fromArray(S, activations, offset).compare(VectorOperators.GT, 0);
    }
}
