package org.glassy.study.jamming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The quadratic-hinge network: the loss and N_Δ by hand, N, the orthogonal start, the output gradient. */
class HingeNetworkTest {

    /** d = h = L = 1: f(x) = w₂ ReLU(w₁x + b₁) + b₂ with (w₁, b₁, w₂, b₂) = (1, 0, 1/2, 0), κ = 1. */
    private static final HingeNetwork TOY = new HingeNetwork(new HingeNetwork.Architecture(1, 1, 1),
            new Examples(1, new double[] {1, -1, 2}, new double[] {1, -1, 1}), 1.0);
    private static final double[] TOY_X = {1, 0, 0.5, 0};

    @Test
    void lossGapsAndGradientOfAHandComputedCase() {
        // f = (0.5, 0, 1); Δ = 1 − y f = (0.5, 1, 0): two violated, one exactly at the margin (not counted)
        assertArrayEquals(new double[] {0.5, 1, 0}, TOY.gaps(TOY_X), 1e-15);
        assertEquals(2, TOY.unsatisfied(TOY_X));
        double[] g = new double[4];
        assertEquals((0.25 + 1) / 6, TOY.energyAndGradient(TOY_X, g), 1e-15);
        assertEquals((0.25 + 1) / 6, TOY.energy(TOY_X), 1e-15);
        // dL/df_μ = −y_μ Δ_μ / P = (−1/6, 1/3, 0); df/dw₁ = w₂ x 1[x>0], df/db₁ = w₂ 1[x>0], df/dw₂ = ReLU(x), df/db₂ = 1
        assertArrayEquals(new double[] {-1.0 / 12, -1.0 / 12, -1.0 / 6, 1.0 / 6}, g, 1e-15);
    }

    @Test
    void theLossIsZeroExactlyWhenEveryConstraintIsSatisfied() {
        double[] sat = {1, 0, 2, 0.5};   // f = (2.5, 0.5, 4.5): Δ = (−1.5, 1.5, −3.5), one violated
        assertEquals(1, TOY.unsatisfied(sat));
        assertEquals(1.5 * 1.5 / 6, TOY.energy(sat), 1e-15);
        double[] all = {1, 0, 2, -1.5};  // f = (0.5, −1.5, 2.5): Δ = (0.5, −0.5, −1.5)
        assertEquals(1, TOY.unsatisfied(all));
        double[] none = {1, 0, 3, -1};   // f = (2, −1, 5): Δ = (−1, 0, −4)
        assertEquals(0, TOY.unsatisfied(none));
        assertEquals(0.0, TOY.energy(none));
        double[] g = new double[4];
        TOY.energyAndGradient(none, g);
        assertArrayEquals(new double[4], g);
    }

    @Test
    void theParameterCountIsThePapersWeightsOnly() {
        HingeNetwork.Architecture a = new HingeNetwork.Architecture(5, 7, 3);
        assertEquals(5 * 7 + 7 * 7 * 2 + 7, a.weightCount());
        assertEquals(a.weightCount() + 3 * 7 + 1, a.parameterCount());
        assertEquals(a.parameterCount(), new HingeNetwork(a, JammingData.random(3, 5, 1L), 1).dimension());
        // the authors' L = 3, d = h = 51 network of their Fig. 1B (nips2018.md): N = 7854
        assertEquals(7854, new HingeNetwork.Architecture(51, 51, 3).weightCount());
    }

    @Test
    void squareLayersStartOrthogonalAndBiasesZero() {
        int h = 12;
        HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(h, h, 3), JammingData.random(4, h, 1L),
                1);
        double[] x = network.initialParameters(7L);
        for (int k = 0; k < 3; k++) {
            int w = network.weightOffset(k);
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    double s = 0;
                    for (int r = 0; r < h; r++) {
                        s += x[w + r * h + i] * x[w + r * h + j];
                    }
                    assertEquals(i == j ? 1 : 0, s, 1e-12, "layer " + k + " (W^T W)_" + i + j);
                }
                assertEquals(0.0, x[w + h * h + i], "bias");
            }
        }
        int out = network.weightOffset(3);
        double norm = 0;
        for (int i = 0; i < h; i++) {
            norm += x[out + i] * x[out + i];
        }
        assertEquals(1, norm, 1e-12, "the output row has unit norm");
        assertEquals(0.0, x[x.length - 1]);
        assertTrue(x[0] != network.initialParameters(8L)[0], "another seed, another matrix");
    }

    @Test
    void theOutputGradientMatchesCentralDifferences() {
        HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(3, 4, 2), JammingData.random(5, 3, 2L),
                1);
        double[] x = network.initialParameters(3L);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.2 * random.nextGaussian();
        }
        double[] g = new double[x.length];
        double f = network.outputGradient(x, 2, g);
        double[] input = java.util.Arrays.copyOfRange(network.data().inputs(), 6, 9);
        assertEquals(network.outputs(x, input)[0], f, 1e-15);
        double eps = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += eps;
            m[i] -= eps;
            double fd = (network.outputs(p, input)[0] - network.outputs(m, input)[0]) / (2 * eps);
            assertEquals(fd, g[i], 1e-7, "component " + i);
        }
    }

    @Test
    void randomDataAreCentredOnTheSphereWithBalancedLabels() {
        Examples e = JammingData.random(50, 6, 9L);
        double[] mean = new double[6];
        for (int mu = 0; mu < 50; mu++) {
            double n2 = 0;
            for (int i = 0; i < 6; i++) {
                n2 += e.inputs()[mu * 6 + i] * e.inputs()[mu * 6 + i];
                mean[i] += e.inputs()[mu * 6 + i];
            }
            assertEquals(6, n2, 1e-12);
            assertEquals(mu % 2 == 0 ? -1 : 1, e.labels()[mu]);
        }
        // centred before the rescaling: the mean is small (not exactly zero after it)
        for (double m : mean) {
            assertTrue(Math.abs(m / 50) < 0.3, "mean " + m / 50);
        }
    }

    @Test
    void errorCountsWrongSignsAndTies() {
        assertEquals(0.5, HingeNetwork.error(new double[] {1, 0, -2, 3}, new double[] {1, 1, 1, 1}));
    }
}
