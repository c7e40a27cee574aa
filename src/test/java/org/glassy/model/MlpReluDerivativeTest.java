package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.glassy.data.Dataset;
import org.glassy.data.TeacherStudent;
import org.junit.jupiter.api.Test;

/** ReLU′(0) as a parameter of the lean engine (Bertoin et al., arXiv:2106.12915). */
class MlpReluDerivativeTest {

    @Test
    void zeroIsTheDefaultPathBitForBit() {
        Dataset data = new TeacherStudent(new TeacherStudent.Parameters(10, 3, 4, 1)).sample(50, 2);
        Mlp.Architecture a = Mlp.Architecture.oneHidden(10, 6, 4, Activation.RELU, Loss.CROSS_ENTROPY);
        Mlp plain = new Mlp(a, data);
        double[] x = plain.initialParameters(3);
        double[] g0 = new double[x.length];
        double[] g1 = new double[x.length];
        assertEquals(plain.energyAndGradient(x, g0), new Mlp(a, data, 0).energyAndGradient(x, g1), 0);
        assertArrayEquals(g0, g1, 0);
        // no pre-activation is exactly zero for generic weights: every value of ReLU′(0) gives the same gradient
        double[] g2 = new double[x.length];
        plain.withReluDerivativeAtZero(0.7).energyAndGradient(x, g2);
        assertArrayEquals(g0, g2, 0);
    }

    @Test
    void valueAtZeroScalesTheBackpropagatedGradientWhereThePreActivationVanishes() {
        // one example x = 0 with zero hidden biases: every hidden pre-activation is exactly 0
        Dataset data = new Dataset("zero", 1, 2, 2, new double[] {0, 0}, new int[] {0});
        Mlp.Architecture a = Mlp.Architecture.oneHidden(2, 3, 2, Activation.RELU, Loss.SQUARED);
        double[] x = new Mlp(a, data).initialParameters(5);
        for (int j = 0; j < 3; j++) {
            x[6 + j] = 0;   // hidden biases (after the 2 x 3 weights)
        }
        double[] zeroSlope = new double[x.length];
        double[] slope = new double[x.length];
        new Mlp(a, data, 0).energyAndGradient(x, zeroSlope);
        new Mlp(a, data, 0.5).energyAndGradient(x, slope);
        // output biases: z = b2, dℓ/dz = (2/C)(z − y), independent of ReLU′(0)
        for (int k = 0; k < 2; k++) {
            double expected = (x[15 + k] - (k == 0 ? 1 : 0));   // (2/2)(z_k − y_k)
            assertEquals(expected, slope[15 + k], 1e-15);
            assertEquals(expected, zeroSlope[15 + k], 1e-15);
        }
        // hidden biases: ReLU′(0) · Σ_k w2_kj dℓ/dz_k
        for (int j = 0; j < 3; j++) {
            double back = 0;
            for (int k = 0; k < 2; k++) {
                back += x[9 + k * 3 + j] * (x[15 + k] - (k == 0 ? 1 : 0));
            }
            assertEquals(0, zeroSlope[6 + j], 0);
            assertEquals(0.5 * back, slope[6 + j], 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> new Mlp(a, data, 1.5));
    }
}
