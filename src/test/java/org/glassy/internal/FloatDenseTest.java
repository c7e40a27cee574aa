package org.glassy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The float32 kernels, vector and scalar, against the float64 {@link Dense} on the same (float) values. */
class FloatDenseTest {

    @Test
    void vectorAndScalarKernelsAgreeWithFloat64ToFloat32RoundOff() {
        int rows = 5;
        int inner = 37;
        int cols = 6;
        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[rows * inner];
        float[] w = new float[cols * inner + cols];
        float[] dz = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < dz.length; i++) {
            dz[i] = (float) r.nextGaussian();
        }
        int[] rowOffset = new int[rows];
        for (int i = 0; i < rows; i++) {
            rowOffset[i] = i * inner;
        }
        double[] a64 = toDouble(a);
        double[] w64 = toDouble(w);
        double[] dz64 = toDouble(dz);
        double[] out64 = new double[rows * cols];
        Dense.INSTANCE.forward(a64, rowOffset, rows, inner, w64, 0, cols, w64, cols * inner, out64);
        double[] dw64 = new double[w.length];
        Dense.INSTANCE.weightGradient(dz64, rows, cols, a64, rowOffset, inner, dw64, 0, cols * inner);
        double[] da64 = new double[rows * inner];
        Dense.INSTANCE.inputGradient(dz64, rows, cols, w64, 0, inner, da64);
        for (FloatDense k : new FloatDense[] {FloatDense.INSTANCE, new FloatDense.Scalar()}) {
            float[] out = new float[rows * cols];
            k.forward(a, rowOffset, rows, inner, w, 0, cols, w, cols * inner, out);
            float[] dw = new float[w.length];
            k.weightGradient(dz, rows, cols, a, rowOffset, inner, dw, 0, cols * inner);
            float[] da = new float[rows * inner];
            k.inputGradient(dz, rows, cols, w, 0, inner, da);
            // |error| ≤ n ε Σ|terms| with ε = 2⁻²⁴; Σ|terms| ≲ n here
            for (int i = 0; i < out.length; i++) {
                assertEquals(out64[i], out[i], 1e-5 * inner);
            }
            for (int i = 0; i < dw.length; i++) {
                assertEquals(dw64[i], dw[i], 1e-5 * rows);
            }
            for (int i = 0; i < da.length; i++) {
                assertEquals(da64[i], da[i], 1e-5 * cols);
            }
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
