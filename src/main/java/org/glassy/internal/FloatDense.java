package org.glassy.internal;

/**
 * The three matrix products of a dense layer in single precision, with the layout of {@link Dense}: W stored as
 * Wᵀ row-major (the {@code inner} input weights of output unit j contiguous), inputs addressed by row offsets.
 * Every sum is accumulated in float32, as a float32 framework does. {@link #INSTANCE} uses the JDK Vector API's
 * float species when available ({@code VectorFloatDense}), scalar loops otherwise.
 */
public interface FloatDense {

    /** The fastest implementation this JVM supports. */
    FloatDense INSTANCE = select();

    /**
     * Forward: out[r·cols + j] = bias[biasOffset + j] + Σ_i a[rowOffset[r] + i] · w[wOffset + j·inner + i].
     *
     * @param a input rows
     * @param rowOffset where each input row starts
     * @param rows the batch size B
     * @param inner the input width
     * @param w weights, Wᵀ row-major
     * @param wOffset where they start
     * @param cols the output width
     * @param bias biases
     * @param biasOffset where they start
     * @param out B × cols, overwritten
     */
    void forward(float[] a, int[] rowOffset, int rows, int inner, float[] w, int wOffset, int cols, float[] bias,
                 int biasOffset, float[] out);

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
    void weightGradient(float[] dz, int rows, int cols, float[] a, int[] rowOffset, int inner, float[] dw,
                        int dwOffset, int dbOffset);

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
    void inputGradient(float[] dz, int rows, int cols, float[] w, int wOffset, int inner, float[] da);

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

    /** Plain loops in float32: the fallback. */
    final class Scalar implements FloatDense {
        @Override
        public void forward(float[] a, int[] rowOffset, int rows, int inner, float[] w, int wOffset, int cols,
                            float[] bias, int biasOffset, float[] out) {
            for (int r = 0; r < rows; r++) {
                int ar = rowOffset[r];
                for (int j = 0; j < cols; j++) {
                    int wj = wOffset + j * inner;
                    float s = 0;
                    for (int i = 0; i < inner; i++) {
                        s = Math.fma(a[ar + i], w[wj + i], s);
                    }
                    out[r * cols + j] = s + bias[biasOffset + j];
                }
            }
        }

        @Override
        public void weightGradient(float[] dz, int rows, int cols, float[] a, int[] rowOffset, int inner,
                                   float[] dw, int dwOffset, int dbOffset) {
            java.util.Arrays.fill(dw, dwOffset, dwOffset + cols * inner, 0f);
            java.util.Arrays.fill(dw, dbOffset, dbOffset + cols, 0f);
            for (int r = 0; r < rows; r++) {
                int ar = rowOffset[r];
                for (int j = 0; j < cols; j++) {
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
        public void inputGradient(float[] dz, int rows, int cols, float[] w, int wOffset, int inner, float[] da) {
            java.util.Arrays.fill(da, 0, rows * inner, 0f);
            for (int r = 0; r < rows; r++) {
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
