package org.glassy.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 vector gradient kernels before blocking and register tiles (one axpy per output unit), kept as the
 * test reference of {@link VectorFloatDense}: the tiled kernels must give the same numbers bit for bit. (The
 * unblocked forward product, one dot product with a lane reduction per output, is gone: the tiled forward
 * product is vectorised over the units and equals {@link FloatDense.Scalar}'s bit for bit.)
 */
final class UnblockedVectorFloatDense {

    private static final VectorSpecies<Float> S = VectorFloatDense.SPECIES;
    private static final int L = S.length();

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
    public void weightGradient(float[] dz, int rows, int cols, float[] a, int[] rowOffset, int inner,
                                      float[] dw, int dwOffset, int dbOffset) {
        java.util.Arrays.fill(dw, dwOffset, dwOffset + cols * inner, 0f);
        java.util.Arrays.fill(dw, dbOffset, dbOffset + cols, 0f);
        int bound = S.loopBound(inner);
        for (int r = 0; r < rows; r++) {
            int ar = rowOffset[r];
            for (int j = 0; j < cols; j++) {
                float g = dz[r * cols + j];
                dw[dbOffset + j] += g;
                if (g == 0) {
                    continue;
                }
                int wj = dwOffset + j * inner;
                FloatVector gv = FloatVector.broadcast(S, g);
                int i = 0;
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, a, ar + i).fma(gv, FloatVector.fromArray(S, dw, wj + i))
                            .intoArray(dw, wj + i);
                }
                for (; i < inner; i++) {
                    dw[wj + i] = Math.fma(a[ar + i], g, dw[wj + i]);
                }
            }
        }
    }

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
    public void inputGradient(float[] dz, int rows, int cols, float[] w, int wOffset, int inner, float[] da) {
        java.util.Arrays.fill(da, 0, rows * inner, 0f);
        int bound = S.loopBound(inner);
        for (int r = 0; r < rows; r++) {
            int dr = r * inner;
            for (int j = 0; j < cols; j++) {
                float g = dz[r * cols + j];
                if (g == 0) {
                    continue;
                }
                int wj = wOffset + j * inner;
                FloatVector gv = FloatVector.broadcast(S, g);
                int i = 0;
                for (; i < bound; i += L) {
                    FloatVector.fromArray(S, w, wj + i).fma(gv, FloatVector.fromArray(S, da, dr + i))
                            .intoArray(da, dr + i);
                }
                for (; i < inner; i++) {
                    da[dr + i] = Math.fma(w[wj + i], g, da[dr + i]);
                }
            }
        }
    }
}
