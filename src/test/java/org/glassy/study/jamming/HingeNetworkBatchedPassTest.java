package org.glassy.study.jamming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The batched pass of {@link HingeNetwork} (examples in the vector lanes, {@code internal.VectorReluNetwork}, behind
 * the loss, the gaps and {@link HingeNetwork#outputs}) against the one-example-at-a-time scalar loops it replaced
 * ({@code internal.ReluNetworkKernel.Scalar}, behind {@link HingeNetwork#outputGradient}): the outputs and gaps
 * bit for bit, the gradient as the
 * sum Σ_{Δ_μ&gt;0} (−y_μ Δ_μ/P) ∇f(x_μ) of per-example gradients, to rounding. Shapes with P below, at and above
 * a block of 64 examples and not a multiple of it, depths 1 to 4, widths that fill no vector exactly.
 */
class HingeNetworkBatchedPassTest {

    @Test
    void gapsAreBitIdenticalToTheScalarForwardPass() {
        for (int[] shape : new int[][] {{3, 5, 1, 1}, {7, 7, 2, 63}, {12, 12, 2, 64}, {10, 9, 3, 201}, {4, 13, 4, 130}}) {
            HingeNetwork network = network(shape);
            double[] x = randomParameters(network, 11L);
            double[] gaps = network.gaps(x);
            double[] f = network.outputs(x, network.data().inputs());
            double[] y = network.data().labels();
            double[] g = new double[network.dimension()];
            for (int mu = 0; mu < gaps.length; mu++) {
                double scalar = network.outputGradient(x, mu, g);   // one example at a time, plain loops
                String where = "shape " + java.util.Arrays.toString(shape) + ", μ = " + mu;
                assertEquals(scalar, f[mu], 0.0, where);
                assertEquals(1.0 - y[mu] * scalar, gaps[mu], 0.0, where);
            }
        }
    }

    @Test
    void gradientIsTheSumOfPerExampleOutputGradients() {
        for (int[] shape : new int[][] {{3, 5, 1, 1}, {7, 7, 2, 63}, {12, 12, 2, 64}, {10, 9, 3, 201}, {4, 13, 4, 130}}) {
            HingeNetwork network = network(shape);
            double[] x = randomParameters(network, 5L);
            int n = network.dimension();
            double[] batched = new double[n];
            double loss = network.energyAndGradient(x, batched);
            double[] gaps = network.gaps(x);
            double[] reference = new double[n];
            double[] g = new double[n];
            double sum = 0;
            int p = gaps.length;
            int violated = 0;
            for (int mu = 0; mu < p; mu++) {
                if (gaps[mu] > 0) {
                    violated++;
                    sum += gaps[mu] * gaps[mu];
                    network.outputGradient(x, mu, g);
                    double c = -network.data().labels()[mu] * gaps[mu] / p;
                    for (int i = 0; i < n; i++) {
                        reference[i] += c * g[i];
                    }
                }
            }
            assertTrue(violated > 0 && (p == 1 || violated < p), "a mix of satisfied and violated constraints: " + violated);
            assertEquals(sum / (2.0 * p), loss, 0.0);
            double scale = 0;
            for (double r : reference) {
                scale = Math.max(scale, Math.abs(r));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(reference[i], batched[i], 1e-13 * scale, "shape " + java.util.Arrays.toString(shape) + ", parameter " + i);
            }
        }
    }

    @Test
    void concurrentPassesOnOneNetworkAgree() throws InterruptedException {
        HingeNetwork network = network(new int[] {10, 9, 3, 201});
        double[] x = randomParameters(network, 3L);
        double[] expected = new double[network.dimension()];
        network.energyAndGradient(x, expected);
        double[][] results = new double[4][network.dimension()];
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int k = t;
            threads[t] = new Thread(() -> {
                for (int r = 0; r < 50; r++) {
                    network.energyAndGradient(x, results[k]);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (double[] r : results) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, r, 0.0);
        }
    }

    /** {d, h, L, P}: random data, κ = 1. */
    private static HingeNetwork network(int[] shape) {
        return new HingeNetwork(new HingeNetwork.Architecture(shape[0], shape[1], shape[2]),
                JammingData.random(shape[3], shape[0], 17L + shape[3]), 1.0);
    }

    /** The orthogonal start plus uniform noise in [−1, 1], biases included: outputs of order one, so that some constraints hold and some units are off. */
    private static double[] randomParameters(HingeNetwork network, long seed) {
        double[] x = network.initialParameters(seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] += 2.0 * (random.nextDouble() - 0.5);
        }
        return x;
    }
}
