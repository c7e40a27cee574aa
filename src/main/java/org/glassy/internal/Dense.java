package org.glassy.internal;

/**
 * The three matrix products of a dense layer's forward and backward pass, on row-major arrays.
 * W is stored as W<sup>T</sup> row-major: row j (output unit) holds its {@code inner} input weights
 * contiguously (the flat layout of DL4J's column-major n_in × n_out weight matrix). Input rows are
 * addressed through offsets, so a mini-batch is read in place from the dataset.
 *
 * <p>{@link #INSTANCE} uses the JDK Vector API when available (register-tiled, fused
 * multiply–add), scalar loops otherwise.
 */
public interface Dense {

    /** The fastest implementation this JVM supports. */
    Dense INSTANCE = select();

    /**
     * Forward: out[r·cols + j] = bias[biasOffset + j] + Σ_i a[rowOffset[r] + i] · w[wOffset + j·inner + i].
     *
     * @param a input rows
     * @param rowOffset where each of the {@code rows} input rows starts in {@code a}
     * @param rows the batch size B
     * @param inner the input width
     * @param w weights, W<sup>T</sup> row-major
     * @param wOffset where they start
     * @param cols the output width
     * @param bias biases
     * @param biasOffset where they start
     * @param out B × cols, overwritten
     */
    void forward(double[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols, double[] bias,
                 int biasOffset, double[] out);

    /**
     * Weight gradient: dw[dwOffset + j·inner + i] = Σ_r dz[r·cols + j] · a[rowOffset[r] + i]; and
     * db[dbOffset + j] = Σ_r dz[r·cols + j].
     *
     * @param dz output gradients, B × cols
     * @param rows B
     * @param cols the output width
     * @param a input rows
     * @param rowOffset where each input row starts
     * @param inner the input width
     * @param dw weight gradient, overwritten
     * @param dwOffset where it starts
     * @param dbOffset where the bias gradient starts (in {@code dw})
     */
    void weightGradient(double[] dz, int rows, int cols, double[] a, int[] rowOffset, int inner, double[] dw,
                        int dwOffset, int dbOffset);

    /**
     * Input gradient: da[r·inner + i] = Σ_j dz[r·cols + j] · w[wOffset + j·inner + i].
     *
     * @param dz output gradients, B × cols
     * @param rows B
     * @param cols the output width
     * @param w weights, W<sup>T</sup> row-major
     * @param wOffset where they start
     * @param inner the input width
     * @param da B × inner, overwritten
     */
    void inputGradient(double[] dz, int rows, int cols, double[] w, int wOffset, int inner, double[] da);

    private static Dense select() {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (vectorModule && !Boolean.getBoolean("glassy.scalar")) {
            try {
                return (Dense) Class.forName("org.glassy.internal.VectorDense").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Scalar();
            }
        }
        return new Scalar();
    }

    /** Plain loops: the reference and the fallback. */
    final class Scalar implements Dense {
        @Override
        public void forward(double[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols,
                            double[] bias, int biasOffset, double[] out) {
            for (int r = 0; r < rows; r++) {
                int ar = rowOffset[r];
                for (int j = 0; j < cols; j++) {
                    int wj = wOffset + j * inner;
                    double s = 0;
                    for (int i = 0; i < inner; i++) {
                        s += a[ar + i] * w[wj + i];
                    }
                    out[r * cols + j] = s + bias[biasOffset + j];
                }
            }
        }

        @Override
        public void weightGradient(double[] dz, int rows, int cols, double[] a, int[] rowOffset, int inner,
                                   double[] dw, int dwOffset, int dbOffset) {
            java.util.Arrays.fill(dw, dwOffset, dwOffset + cols * inner, 0.0);
            java.util.Arrays.fill(dw, dbOffset, dbOffset + cols, 0.0);
            for (int r = 0; r < rows; r++) {
                int ar = rowOffset[r];
                for (int j = 0; j < cols; j++) {
                    double g = dz[r * cols + j];
                    dw[dbOffset + j] += g;
                    int wj = dwOffset + j * inner;
                    for (int i = 0; i < inner; i++) {
                        dw[wj + i] += g * a[ar + i];
                    }
                }
            }
        }

        @Override
        public void inputGradient(double[] dz, int rows, int cols, double[] w, int wOffset, int inner, double[] da) {
            java.util.Arrays.fill(da, 0, rows * inner, 0.0);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    double g = dz[r * cols + j];
                    int wj = wOffset + j * inner;
                    for (int i = 0; i < inner; i++) {
                        da[r * inner + i] += g * w[wj + i];
                    }
                }
            }
        }
    }
}
