package org.glassy.internal;

/**
 * The three matrix products of a dense layer's forward and backward pass, on row-major arrays.
 * W is stored as W<sup>T</sup> row-major: row j (output unit) holds its {@code inner} input weights
 * contiguously (the flat layout of DL4J's column-major n_in × n_out weight matrix). Input rows are
 * addressed through offsets, so a mini-batch is read in place from the dataset.
 *
 * <p>{@link #INSTANCE} uses the JDK Vector API when available (cache-blocked and register-tiled,
 * fused multiply–add; see {@code VectorDense} for the blocking), scalar loops otherwise.
 *
 * <p><b>Ranges, for threads.</b> Each product also comes restricted to a range of the outputs it
 * writes: {@link #forward(double[], int[], int, int, double[], int, int, double[], int, double[], int, int)
 * forward} and {@link #weightGradient(double[], int, int, double[], int[], int, double[], int, int, int, int)
 * weightGradient} to output units [colFrom, colTo) (rows of W), {@link #inputGradient(double[], int, int,
 * double[], int, int, double[], int, int) inputGradient} to batch rows [rowFrom, rowTo). Every output element
 * is a sum computed entirely inside the call that owns it, in an order that depends only on the element's
 * indices and the shapes, never on the range: calls over disjoint ranges that cover the outputs, in any
 * order and on any threads, write exactly the numbers of the full call. A range must start at a multiple of
 * {@link #ALIGN} and end at one or at the end of its dimension (the vector kernel's register tiles are
 * anchored at multiples of {@link #ALIGN}; the scalar tail of an element depends on its tile).
 */
public interface Dense {

    /** The fastest implementation this JVM supports. */
    Dense INSTANCE = select();

    /** Ranges of output units or batch rows start at multiples of this. */
    int ALIGN = 4;

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
    default void forward(double[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols,
                         double[] bias, int biasOffset, double[] out) {
        forward(a, rowOffset, rows, inner, w, wOffset, cols, bias, biasOffset, out, 0, cols);
    }

    /**
     * {@link #forward(double[], int[], int, int, double[], int, int, double[], int, double[]) forward} for the
     * output units j in [colFrom, colTo) only (columns of {@code out}); the other columns are not touched.
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
     * @param out B × cols, columns [colFrom, colTo) overwritten
     * @param colFrom the first unit, a multiple of {@link #ALIGN}
     * @param colTo one past the last unit, a multiple of {@link #ALIGN} or {@code cols}
     */
    void forward(double[] a, int[] rowOffset, int rows, int inner, double[] w, int wOffset, int cols, double[] bias,
                 int biasOffset, double[] out, int colFrom, int colTo);

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
    default void weightGradient(double[] dz, int rows, int cols, double[] a, int[] rowOffset, int inner, double[] dw,
                                int dwOffset, int dbOffset) {
        weightGradient(dz, rows, cols, a, rowOffset, inner, dw, dwOffset, dbOffset, 0, cols);
    }

    /**
     * {@link #weightGradient(double[], int, int, double[], int[], int, double[], int, int) weightGradient} for
     * the output units j in [colFrom, colTo) only: their weight rows and biases; nothing else is touched.
     *
     * @param dz output gradients, B × cols
     * @param rows B
     * @param cols the output width
     * @param a input rows
     * @param rowOffset where each input row starts
     * @param inner the input width
     * @param dw weight gradient, rows [colFrom, colTo) overwritten
     * @param dwOffset where it starts
     * @param dbOffset where the bias gradient starts (in {@code dw})
     * @param colFrom the first unit, a multiple of {@link #ALIGN}
     * @param colTo one past the last unit, a multiple of {@link #ALIGN} or {@code cols}
     */
    void weightGradient(double[] dz, int rows, int cols, double[] a, int[] rowOffset, int inner, double[] dw,
                        int dwOffset, int dbOffset, int colFrom, int colTo);

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
    default void inputGradient(double[] dz, int rows, int cols, double[] w, int wOffset, int inner, double[] da) {
        inputGradient(dz, rows, cols, w, wOffset, inner, da, 0, rows);
    }

    /**
     * {@link #inputGradient(double[], int, int, double[], int, int, double[]) inputGradient} for the batch rows
     * r in [rowFrom, rowTo) only.
     *
     * @param dz output gradients, B × cols
     * @param rows B
     * @param cols the output width
     * @param w weights, W<sup>T</sup> row-major
     * @param wOffset where they start
     * @param inner the input width
     * @param da B × inner, rows [rowFrom, rowTo) overwritten
     * @param rowFrom the first row, a multiple of {@link #ALIGN}
     * @param rowTo one past the last row, a multiple of {@link #ALIGN} or {@code rows}
     */
    void inputGradient(double[] dz, int rows, int cols, double[] w, int wOffset, int inner, double[] da, int rowFrom,
                       int rowTo);

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
                            double[] bias, int biasOffset, double[] out, int colFrom, int colTo) {
            for (int r = 0; r < rows; r++) {
                int ar = rowOffset[r];
                for (int j = colFrom; j < colTo; j++) {
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
                                   double[] dw, int dwOffset, int dbOffset, int colFrom, int colTo) {
            java.util.Arrays.fill(dw, dwOffset + colFrom * inner, dwOffset + colTo * inner, 0.0);
            java.util.Arrays.fill(dw, dbOffset + colFrom, dbOffset + colTo, 0.0);
            for (int r = 0; r < rows; r++) {
                int ar = rowOffset[r];
                for (int j = colFrom; j < colTo; j++) {
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
        public void inputGradient(double[] dz, int rows, int cols, double[] w, int wOffset, int inner, double[] da,
                                  int rowFrom, int rowTo) {
            java.util.Arrays.fill(da, rowFrom * inner, rowTo * inner, 0.0);
            for (int r = rowFrom; r < rowTo; r++) {
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
