package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.glassy.data.Dataset;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.MiniBatchSgd;
import org.glassy.observable.Energy;
import org.glassy.core.LogTimes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lean engine ({@link Mlp}) and DeepLearning4J ({@link DeepLearning4jNetwork}) are
 * interchangeable: same loss and gradient for the same parameters and batch, and the same SGD
 * trajectory for the same seed.
 */
class EngineEquivalenceTest {

    @ParameterizedTest
    @CsvSource({"RELU, SQUARED", "TANH, CROSS_ENTROPY", "SIGMOID, SQUARED", "RELU, SIGMOID_SQUARED"})
    void sameLossAndGradientOnABatch(Activation activation, Loss loss) {
        Dataset data = MlpTest.data(20, 4, 37);
        Mlp.Architecture architecture = new Mlp.Architecture(new int[] {20, 11, 7, 4}, activation, loss);
        Mlp lean = new Mlp(architecture, data);
        DeepLearning4jNetwork dl4j = new DeepLearning4jNetwork(architecture, data);
        double[] x = lean.initialParameters(5L);
        int[] batch = {3, 17, 0, 36, 8, 8, 21};
        double[] g1 = new double[lean.dimension()];
        double[] g2 = new double[lean.dimension()];
        double l1 = lean.batchEnergyAndGradient(x, batch, 0, batch.length, g1);
        double l2 = dl4j.batchEnergyAndGradient(x, batch, 0, batch.length, g2);
        assertEquals(l1, l2, 1e-12 * Math.abs(l1), "loss");
        double norm = 0;
        for (double v : g1) {
            norm = Math.max(norm, Math.abs(v));
        }
        for (int i = 0; i < g1.length; i++) {
            assertEquals(g1[i], g2[i], 1e-10 * norm, "gradient component " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"RELU, SQUARED", "TANH, CROSS_ENTROPY"})
    void sameSgdTrajectoryOverAHundredSteps(Activation activation, Loss loss) {
        Dataset data = MlpTest.data(30, 3, 200);
        Mlp.Architecture architecture = new Mlp.Architecture(new int[] {30, 25, 3}, activation, loss);
        Mlp lean = new Mlp(architecture, data);
        DeepLearning4jNetwork dl4j = new DeepLearning4jNetwork(architecture, data);
        double[] x0 = lean.initialParameters(9L);
        long[] record = LogTimes.upTo(100, 10);
        Energy e1 = new Energy();
        Energy e2 = new Energy();
        var run = Dynamics.of(lean, new MiniBatchSgd(0.1, 20, 0.5)).seed(4L).steps(100).record(record, e1).run(x0);
        var run2 = Dynamics.of(dl4j, new MiniBatchSgd(0.1, 20, 0.5)).seed(4L).steps(100).record(record, e2).run(x0);
        double[] a = run.recording(e1).values();
        double[] b = run2.recording(e2).values();
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-6 * Math.abs(a[i]), "training loss at record " + i);
        }
        // the run did train: the loss fell
        org.junit.jupiter.api.Assertions.assertTrue(a[a.length - 1] < 0.9 * a[0], "loss " + a[0] + " → " + a[a.length - 1]);
    }
}
