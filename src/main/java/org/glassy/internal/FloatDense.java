package org.glassy.internal;

/**
 * The three matrix products of a dense layer in single precision, with the layout of {@link Dense}: W stored as
 * Wᵀ row-major (the {@code inner} input weights of output unit j contiguous), inputs addressed by row offsets.
 * Every sum is accumulated in float32, as a float32 framework does. The forward product reads the weights and
 * biases straight from the float64 parameter vector, rounding each to float32 as it loads it (a tile at a time,
 * so that a float32 network step needs no float32 copy of the weights it only multiplies; docs/benchmarks.md,
 * issue 22). {@link #INSTANCE} uses the JDK Vector API's
 * float species when available ({@code VectorFloatDense}: cache-blocked, register-tiled), scalar loops otherwise.
 *
 * <p><b>Ranges, for threads.</b> As in {@link Dense}, each product also comes restricted to a range of the outputs
 * it writes (forward and weight gradient: output units [colFrom, colTo); input gradient: batch rows [rowFrom,
 * rowTo)), a range starting at a multiple of {@link Dense#ALIGN} and ending at one or at the end of its dimension.
 * Every output element is one sum computed inside the call that owns it, in an order that depends only on its
 * indices and the shapes: calls over disjoint ranges that cover the outputs, on any threads, write exactly the
 * numbers of the full call. All three products of both implementations are the same chains of fused
 * multiply–adds in increasing order of the summation index (the forward product's bias added last), so they agree
 * bit for bit.
 */
public interface FloatDense {

    /** The fastest implementation this JVM supports. */
    FloatDense INSTANCE = select();

    /**
     * Forward: out[r·cols + j] = fl(bias[biasOffset + j]) + Σ_i a[rowOffset[r] + i] · fl(w[wOffset + j·inner + i]),
     * with fl the rounding of a float64 parameter to float32 and the sum in float32.
     *
     * @param a input rows
     * @param rowOffset where each input row starts
     * @param rows the batch size B
     * @param inner the input width
     * @param w weights, Wᵀ row-major, in float64 (rounded to float32 when read)
     * @param wOffset where they start
     * @param cols the output width
     * @param bias biases, in float64 (rounded to float32 when read)
     * @param biasOffset where they start
     * @param out B × cols, overwritten
     */
    default void forward(float[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols,
                         double[] bias, int biasOffset, float[] out) {
        forward(a, rowOffset, rows, inner, w, wOffset, cols, bias, biasOffset, out, 0, cols);
    }

    /**
     * {@link #forward(float[], int[], int, int, double[], int, int, double[], int, float[]) forward} for the output
     * units j in [colFrom, colTo) only (columns of {@code out}); the other columns are not touched.
     *
     * @param a input rows
     * @param rowOffset where each input row starts
     * @param rows the batch size B
     * @param inner the input width
     * @param w weights, Wᵀ row-major, in float64 (rounded to float32 when read)
     * @param wOffset where they start
     * @param cols the output width
     * @param bias biases, in float64 (rounded to float32 when read)
     * @param biasOffset where they start
     * @param out B × cols, columns [colFrom, colTo) overwritten
     * @param colFrom the first unit, a multiple of {@link Dense#ALIGN}
     * @param colTo one past the last unit, a multiple of {@link Dense#ALIGN} or {@code cols}
     */
    void forward(float[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols, double[] bias,
                 int biasOffset, float[] out, int colFrom, int colTo);

    /**
     * Weight gradient: dw[dwOffset + j·inner + i] = Σ_r dz[r·cols + j] · a[rowOffset[r] + i] and
     * dw[dbOffset + j] = Σ_r dz[r·cols + j], overwritten.
     *
     * @param dz output gradients, B × cols
     * @param rows B
     * @param cols the output width
     * @param a input rows
     * @param rowOffset where each input row starts
     * @param inner the input width
     * @param dw the gradient, its two blocks overwritten
     * @param dwOffset where the weight block starts
     * @param dbOffset where the bias block starts
     */
    default void weightGradient(float[] dz, int rows, int cols, float[] a, int[] rowOffset, int inner, float[] dw,
                                int dwOffset, int dbOffset) {
        weightGradient(dz, rows, cols, a, rowOffset, inner, dw, dwOffset, dbOffset, 0, cols);
    }

    /**
     * {@link #weightGradient(float[], int, int, float[], int[], int, float[], int, int) weightGradient} for the
     * output units j in [colFrom, colTo) only: their weight rows and biases; nothing else is touched.
     *
     * @param dz output gradients, B × cols
     * @param rows B
     * @param cols the output width
     * @param a input rows
     * @param rowOffset where each input row starts
     * @param inner the input width
     * @param dw the gradient, rows [colFrom, colTo) of its two blocks overwritten
     * @param dwOffset where the weight block starts
     * @param dbOffset where the bias block starts
     * @param colFrom the first unit, a multiple of {@link Dense#ALIGN}
     * @param colTo one past the last unit, a multiple of {@link Dense#ALIGN} or {@code cols}
     */
    void weightGradient(float[] dz, int rows, int cols, float[] a, int[] rowOffset, int inner, float[] dw,
                        int dwOffset, int dbOffset, int colFrom, int colTo);

    /**
     * Input gradient: da[r·inner + i] = Σ_j dz[r·cols + j] · w[wOffset + j·inner + i], overwritten.
     *
     * @param dz output gradients, B × cols
     * @param rows B
     * @param cols the output width
     * @param w weights, Wᵀ row-major
     * @param wOffset where they start
     * @param inner the input width
     * @param da B × inner, overwritten
     */
    default void inputGradient(float[] dz, int rows, int cols, float[] w, int wOffset, int inner, float[] da) {
        inputGradient(dz, rows, cols, w, wOffset, inner, da, 0, rows);
    }

    /**
     * {@link #inputGradient(float[], int, int, float[], int, int, float[]) inputGradient} for the batch rows r in
     * [rowFrom, rowTo) only.
     *
     * @param dz output gradients, B × cols
     * @param rows B
     * @param cols the output width
     * @param w weights, Wᵀ row-major
     * @param wOffset where they start
     * @param inner the input width
     * @param da B × inner, rows [rowFrom, rowTo) overwritten
     * @param rowFrom the first row, a multiple of {@link Dense#ALIGN}
     * @param rowTo one past the last row, a multiple of {@link Dense#ALIGN} or {@code rows}
     */
    void inputGradient(float[] dz, int rows, int cols, float[] w, int wOffset, int inner, float[] da, int rowFrom,
                       int rowTo);

    /**
     * The backward step of a ReLU layer: delta[i] = 0 wherever activation[i] ≤ 0 (the layer's outputs
     * max(0, s); ReLU′(0) = 0), delta unchanged elsewhere (including where the activation is NaN). An
     * elementwise loop, here because a data-dependent branch per element mispredicts about half the time on
     * ReLU outputs (0.57 ms of the 784-1000-10 float32 step) and the vector kernel masks instead.
     *
     * @param activation the layer's outputs, at least n
     * @param delta the gradient with respect to them, updated in [0, n)
     * @param n the number of elements
     */
    default void reluMask(float[] activation, float[] delta, int n) {
        for (int i = 0; i < n; i++) {
            if (activation[i] <= 0) {
                delta[i] = 0;
            }
        }
    }

    private static FloatDense select() {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (vectorModule && !Boolean.getBoolean("glassy.scalar")) {
            try {
                return (FloatDense) Class.forName("org.glassy.internal.VectorFloatDense").getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Scalar();
            }
        }
        return new Scalar();
    }

    /** Plain loops in float32, one fused multiply–add per term in increasing order: the fallback. */
    final class Scalar implements FloatDense {
        @Override
        public void forward(float[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols,
                            double[] bias, int biasOffset, float[] out, int colFrom, int colTo) {
            for (int r = 0; r < rows; r++) {
                int ar = rowOffset[r];
                for (int j = colFrom; j < colTo; j++) {
                    int wj = wOffset + j * inner;
                    float s = 0;
                    for (int i = 0; i < inner; i++) {
                        s = Math.fma(a[ar + i], (float) w[wj + i], s);
                    }
                    out[r * cols + j] = s + (float) bias[biasOffset + j];
                }
            }
        }

        @Override
        public void weightGradient(float[] dz, int rows, int cols, float[] a, int[] rowOffset, int inner,
                                   float[] dw, int dwOffset, int dbOffset, int colFrom, int colTo) {
            java.util.Arrays.fill(dw, dwOffset + colFrom * inner, dwOffset + colTo * inner, 0f);
            java.util.Arrays.fill(dw, dbOffset + colFrom, dbOffset + colTo, 0f);
            for (int r = 0; r < rows; r++) {
                int ar = rowOffset[r];
                for (int j = colFrom; j < colTo; j++) {
                    float g = dz[r * cols + j];
                    dw[dbOffset + j] += g;
                    int wj = dwOffset + j * inner;
                    for (int i = 0; i < inner; i++) {
                        dw[wj + i] = Math.fma(a[ar + i], g, dw[wj + i]);
                    }
                }
            }
        }

        @Override
        public void inputGradient(float[] dz, int rows, int cols, float[] w, int wOffset, int inner, float[] da,
                                  int rowFrom, int rowTo) {
            java.util.Arrays.fill(da, rowFrom * inner, rowTo * inner, 0f);
            for (int r = rowFrom; r < rowTo; r++) {
                for (int j = 0; j < cols; j++) {
                    float g = dz[r * cols + j];
                    int wj = wOffset + j * inner;
                    for (int i = 0; i < inner; i++) {
                        da[r * inner + i] = Math.fma(w[wj + i], g, da[r * inner + i]);
                    }
                }
            }
        }
    }
}
