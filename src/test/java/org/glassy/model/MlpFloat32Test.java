package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.Space;
import org.glassy.core.SplitMix64;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.data.TeacherStudent;
import org.glassy.dynamics.MiniBatchSgd;
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

    @Test
    void floatGradientWidenedIsTheFloat64GradientExactly() {
        Dataset data = new TeacherStudent(new TeacherStudent.Parameters(37, 5, 4, 1)).sample(120, 2);
        for (double zero : new double[] {0, 1}) {
            Mlp m = new Mlp(new Mlp.Architecture(new int[] {37, 13, 9, 4}, Activation.RELU, Loss.CROSS_ENTROPY),
                    data, zero, Precision.FLOAT32);
            assertTrue(m.hasFloatGradient());
            double[] x = m.initialParameters(3);
            int[] batch = {3, 1, 4, 1, 5, 9, 2, 6, 53, 58};
            double[] wide = new double[x.length];
            float[] single = new float[x.length];
            double e = m.batchEnergyAndGradient(x, batch, 2, batch.length, wide);
            assertEquals(e, m.batchEnergyAndFloatGradient(x, batch, 2, batch.length, single), 0);
            double[] widened = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                widened[i] = single[i];
            }
            assertArrayEquals(wide, widened);
        }
        Mlp m64 = new Mlp(Mlp.Architecture.oneHidden(37, 13, 4, Activation.RELU, Loss.SQUARED), data);
        assertFalse(m64.hasFloatGradient());
        assertThrows(UnsupportedOperationException.class, () -> m64.batchEnergyAndFloatGradient(
                m64.initialParameters(1), new int[] {0}, 0, 1, new float[m64.dimension()]));
    }

    /**
     * MiniBatchSgd hands a float32 network's gradient to the momentum update in float32: the trajectory must be
     * bit-identical to the one through the widened float64 gradient (the same network behind a wrapper that only
     * offers {@code batchEnergyAndGradient}).
     */
    @Test
    void sgdThroughTheFloatGradientFollowsTheWidenedTrajectoryBitForBit() {
        Dataset data = FashionMnist.train(300);
        Mlp m = new Mlp(Mlp.Architecture.oneHidden(784, 41, 10, Activation.RELU, Loss.SQUARED), data)
                .withPrecision(Precision.FLOAT32);
        BatchModel widened = new WidenedGradientOnly(m);
        MiniBatchSgd sgd = new MiniBatchSgd(0.05, 50, 0.5);
        double[] x0 = m.initialParameters(3L);
        MiniBatchSgd.State a = sgd.init(m, Space.euclidean(), x0);
        MiniBatchSgd.State b = sgd.init(widened, Space.euclidean(), x0);
        assertNotNull(a.floatGradient(), "the float32 network takes the single-precision path");
        assertNull(b.floatGradient());
        SplitMix64 ra = new SplitMix64(4L);
        SplitMix64 rb = new SplitMix64(4L);
        for (long step = 0; step < 12; step++) {
            a = sgd.step(m, Space.euclidean(), a, step, ra);
            b = sgd.step(widened, Space.euclidean(), b, step, rb);
            assertEquals(b.energy(), a.energy(), 0, "step " + step);
        }
        assertArrayEquals(b.position(), a.position());
        assertArrayEquals(b.velocity(), a.velocity());
        assertNull(sgd.init(m, Space.sphere(), scaled(x0)).floatGradient(), "the sphere projects a float64 gradient");
    }

    /** The same network without {@link BatchModel#hasFloatGradient}: SGD then reads the widened gradient. */
    private record WidenedGradientOnly(BatchModel model) implements BatchModel {
        @Override
        public int exampleCount() {
            return model.exampleCount();
        }

        @Override
        public double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] gradient) {
            return model.batchEnergyAndGradient(x, indices, from, to, gradient);
        }

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public double energy(double[] x) {
            return model.energy(x);
        }

        @Override
        public double energyAndGradient(double[] x, double[] gradient) {
            return model.energyAndGradient(x, gradient);
        }
    }

    private static double[] scaled(double[] x) {
        double norm = 0;
        for (double v : x) {
            norm += v * v;
        }
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= Math.sqrt(x.length / norm);
        }
        return y;
    }
}
