package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.Space;
import org.glassy.core.SplitMix64;
import org.glassy.data.Dataset;
import org.glassy.data.TeacherStudent;
import org.glassy.dynamics.MiniBatchSgd;
import org.glassy.internal.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The lean network's threads change the time, never a number: the gradient, the loss and an SGD-momentum
 * trajectory are bit-identical (exact equality) with 1, 2 and 3 threads, at widths whose products are above
 * the splitting threshold, including widths that are not multiples of the kernels' tiles and a hidden–hidden
 * layer whose input gradient is split over the batch.
 */
class MlpThreadsTest {

    private static Dataset data(int inputs, int classes) {
        return new TeacherStudent(new TeacherStudent.Parameters(inputs, 5, classes, 1L)).sample(400, 2L);
    }

    @Test
    void theSplitWidthsAreAboveTheThreshold() {
        assertTrue(100L * 784 * 301 >= Parallel.THRESHOLD);
        assertTrue(200L * 290 * 290 >= Parallel.THRESHOLD);
        assertTrue(100L * 784 * 100 < Parallel.THRESHOLD, "the benchmark's 784-100-10 stays on one thread");
    }

    @Test
    void batchGradientIsBitIdenticalWhateverTheThreadCount() {
        for (int hidden : new int[] {301, 304}) {
            assertThreadCountsAgree(new Mlp(Mlp.Architecture.oneHidden(784, hidden, 10, Activation.RELU, Loss.SQUARED),
                    data(784, 10)).withThreads(1), 100, "H = " + hidden);
        }
    }

    /** The batch loss and gradient with 2 and 3 threads equal, bit for bit, those of {@code one} (one thread). */
    private static void assertThreadCountsAgree(Mlp one, int batchSize, String label) {
        double[] x = one.initialParameters(7L);
        int[] batch = new int[batchSize];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (i * 37) % 400;
        }
        double[] expected = new double[one.dimension()];
        double loss = one.batchEnergyAndGradient(x, batch, 0, batch.length, expected);
        for (int threads : new int[] {2, 3}) {
            Mlp many = one.withThreads(threads);
            double[] gradient = new double[many.dimension()];
            assertEquals(loss, many.batchEnergyAndGradient(x, batch, 0, batch.length, gradient), 0.0);
            assertArrayEquals(expected, gradient, label + ", " + threads + " threads");
        }
    }

    @Test
    void float32BatchGradientIsBitIdenticalWhateverTheThreadCount() {
        // the float32 products are split as the float64 ones (784 × 301 and a 290 × 290 hidden–hidden layer)
        Mlp[] nets = {
            new Mlp(Mlp.Architecture.oneHidden(784, 301, 10, Activation.RELU, Loss.SQUARED), data(784, 10)),
            new Mlp(new Mlp.Architecture(new int[] {30, 290, 290, 4}, Activation.TANH, Loss.CROSS_ENTROPY),
                    data(30, 4))
        };
        for (Mlp net : nets) {
            Mlp one = net.withPrecision(Precision.FLOAT32).withThreads(1);
            assertThreadCountsAgree(one, 200, one.dimension() + " parameters");
        }
    }

    @Test
    void deepNetworkFullBatchGradientIsBitIdentical() {
        // 200 examples × 290 × 290 = 1.7·10⁷ multiply–adds: the hidden layer's three products are all split
        Mlp one = new Mlp(new Mlp.Architecture(new int[] {30, 290, 290, 4}, Activation.TANH, Loss.CROSS_ENTROPY),
                data(30, 4)).withThreads(1);
        double[] x = one.initialParameters(5L);
        int[] batch = new int[200];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = 399 - i;
        }
        double[] expected = new double[one.dimension()];
        double loss = one.batchEnergyAndGradient(x, batch, 0, batch.length, expected);
        double[] gradient = new double[one.dimension()];
        assertEquals(loss, one.withThreads(2).batchEnergyAndGradient(x, batch, 0, batch.length, gradient), 0.0);
        assertArrayEquals(expected, gradient);
        assertEquals(one.energy(x), one.withThreads(2).energy(x), 0.0);
        assertEquals(one.errorRate(x), one.withThreads(2).errorRate(x), 0.0);
    }

    @Test
    void sgdMomentumTrajectoryIsBitIdenticalWithOneAndTwoThreads() {
        Mlp one = new Mlp(Mlp.Architecture.oneHidden(784, 301, 10, Activation.RELU, Loss.SQUARED), data(784, 10))
                .withThreads(1);
        double[] a = trajectory(one);
        double[] b = trajectory(one.withThreads(2));
        assertArrayEquals(a, b);
    }

    /** The float32 step: products, float32 gradient and the momentum update all split over two threads. */
    @Test
    void float32SgdMomentumTrajectoryIsBitIdenticalWithOneAndTwoThreads() {
        Mlp one = new Mlp(Mlp.Architecture.oneHidden(784, 301, 10, Activation.RELU, Loss.SQUARED), data(784, 10))
                .withThreads(1).withPrecision(Precision.FLOAT32);
        assertEquals(1, one.updateParts());
        assertEquals(2, one.withThreads(2).updateParts());
        assertArrayEquals(trajectory(one), trajectory(one.withThreads(2)));
    }

    private static double[] trajectory(Mlp model) {
        MiniBatchSgd sgd = new MiniBatchSgd(0.05, 100, 0.5);
        MiniBatchSgd.State state = sgd.init(model, Space.euclidean(), model.initialParameters(3L));
        SplitMix64 random = new SplitMix64(4L);
        for (long step = 0; step < 8; step++) {
            state = sgd.step(model, Space.euclidean(), state, step, random);
        }
        double[] x = state.position().clone();
        double[] withLoss = java.util.Arrays.copyOf(x, x.length + 1);
        withLoss[x.length] = state.energy();
        return withLoss;
    }

    @Test
    void threadSettingIsValidatedAndKept() {
        Mlp mlp = new Mlp(Mlp.Architecture.oneHidden(30, 8, 4, Activation.RELU, Loss.SQUARED), data(30, 4));
        assertEquals(3, mlp.withThreads(3).threads());
        assertEquals(3, mlp.withThreads(3).withPrecision(Precision.FLOAT64).withReluDerivativeAtZero(0.5).threads());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlp.withThreads(-1));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
    }
}
