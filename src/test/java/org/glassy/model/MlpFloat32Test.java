package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.data.TeacherStudent;
import org.junit.jupiter.api.Test;

/**
 * The float32 path of {@link Mlp} against the float64 path: the same loss, gradient and error rate to float32
 * round-off. Tolerances: loss relative 10⁻⁵, each gradient component within 10⁻⁴ of the largest component
 * (float32 has 24-bit mantissas, ε = 6·10⁻⁸; sums of 784 terms and a batch of 250 lose a few digits).
 */
class MlpFloat32Test {

    private static void assertClose(Mlp m64, double[] x) {
        Mlp m32 = m64.withPrecision(Precision.FLOAT32);
        assertEquals(Precision.FLOAT32, m32.precision());
        double[] g64 = new double[x.length];
        double[] g32 = new double[x.length];
        double e64 = m64.energyAndGradient(x, g64);
        double e32 = m32.energyAndGradient(x, g32);
        assertEquals(e64, e32, 1e-5 * Math.abs(e64));
        assertEquals(m64.energy(x), m32.energy(x), 1e-5 * Math.abs(e64));
        double max = 0;
        for (double g : g64) {
            max = Math.max(max, Math.abs(g));
        }
        boolean differs = false;
        for (int i = 0; i < x.length; i++) {
            assertEquals(g64[i], g32[i], 1e-4 * max, "component " + i);
            differs |= g64[i] != g32[i];
        }
        assertTrue(differs, "the float32 path must not be the float64 one");
        int[] batch = {3, 1, 4, 1, 5, 9, 2, 6};
        double b64 = m64.batchEnergyAndGradient(x, batch, 0, batch.length, g64);
        double b32 = m32.batchEnergyAndGradient(x, batch, 0, batch.length, g32);
        assertEquals(b64, b32, 1e-5 * Math.abs(b64));
        for (double g : g32) {
            assertEquals((float) g, g, 0, "a mini-batch gradient is a float32 vector");
        }
    }

    @Test
    void float32MatchesFloat64OnFashionMnistForEveryActivationAndLoss() {
        Dataset data = FashionMnist.train(300);
        for (Activation f : Activation.values()) {
            for (Loss loss : Loss.values()) {
                Mlp m = new Mlp(new Mlp.Architecture(new int[] {784, 33, 17, 10}, f, loss), data);
                assertClose(m, m.initialParameters(7));
            }
        }
    }

    @Test
    void float32MatchesFloat64OnTeacherData() {
        Dataset data = new TeacherStudent(new TeacherStudent.Parameters(37, 5, 4, 1)).sample(120, 2);
        Mlp m = new Mlp(Mlp.Architecture.oneHidden(37, 13, 4, Activation.RELU, Loss.CROSS_ENTROPY), data, 1);
        double[] x = m.initialParameters(3);
        assertClose(m, x);
        assertEquals(m.errorRate(x), m.withPrecision(Precision.FLOAT32).errorRate(x), 2.0 / 120);
    }

    @Test
    void float32ReluDerivativeAtZeroScalesTheVanishingPreActivations() {
        Dataset data = new Dataset("zero", 1, 2, 2, new double[] {0, 0}, new int[] {0});
        Mlp.Architecture a = Mlp.Architecture.oneHidden(2, 3, 2, Activation.RELU, Loss.SQUARED);
        double[] x = new Mlp(a, data).initialParameters(5);
        for (int j = 0; j < 3; j++) {
            x[6 + j] = 0;
        }
        double[] g = new double[x.length];
        new Mlp(a, data, 0.5, Precision.FLOAT32).energyAndGradient(x, g);
        for (int j = 0; j < 3; j++) {
            double back = 0;
            for (int k = 0; k < 2; k++) {
                back += (float) x[9 + k * 3 + j] * ((float) x[15 + k] - (k == 0 ? 1 : 0));
            }
            assertEquals(0.5 * back, g[6 + j], 1e-6);
        }
    }
}
