package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.data.TeacherStudent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MlpTest {

    /** 23 examples: not a multiple of the vector tiles, so every tail path runs. */
    static Dataset data(int inputs, int classes, int size) {
        return new TeacherStudent(new TeacherStudent.Parameters(inputs, 5, classes, 1L)).sample(size, 2L);
    }

    static Mlp network(Activation activation, Loss loss) {
        return new Mlp(new Mlp.Architecture(new int[] {13, 9, 6, 3}, activation, loss), data(13, 3, 23));
    }

    @Nested
    class TanhSquared extends ModelContractTest {
        @Override
        protected Model model() {
            return network(Activation.TANH, Loss.SQUARED);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return ((Mlp) model()).initialParameters(random.nextLong());
        }
    }

    @Nested
    class SigmoidCrossEntropy extends TanhSquared {
        @Override
        protected Model model() {
            return network(Activation.SIGMOID, Loss.CROSS_ENTROPY);
        }
    }

    @Nested
    class TanhSigmoidSquared extends TanhSquared {
        @Override
        protected Model model() {
            return network(Activation.TANH, Loss.SIGMOID_SQUARED);
        }
    }

    @Nested
    class ReluCrossEntropy extends TanhSquared {
        @Override
        protected Model model() {
            return network(Activation.RELU, Loss.CROSS_ENTROPY);
        }

        @Override
        protected double gradientTolerance() {
            return 1e-6; // a ±1e-6 step can cross a kink of one unit in rare cases; none do at these seeds
        }
    }

    @Test
    void zeroParametersGiveTheLossOfConstantOutputs() {
        Mlp squared = network(Activation.RELU, Loss.SQUARED);
        double[] zero = new double[squared.dimension()];
        // logits 0: squared error to one-hot averaged over C = 3 outputs is 1/3; cross-entropy is log 3
        assertEquals(1.0 / 3, squared.energy(zero), 1e-15);
        assertEquals(Math.log(3), network(Activation.RELU, Loss.CROSS_ENTROPY).energy(zero), 1e-15);
        // zero parameters: every output σ(0) = 1/2, ℓ = (1/C)[(C − 1)/4 + 1/4] = 1/4 whatever C
        assertEquals(0.25, network(Activation.RELU, Loss.SIGMOID_SQUARED).energy(zero), 1e-15);
        assertEquals(1.0, squared.errorRate(zero), 0.0); // ties count as errors
    }

    @Test
    void parameterCountAndLayoutFollowDl4j() {
        Mlp mlp = new Mlp(Mlp.Architecture.oneHidden(784, 100, 10, Activation.RELU, Loss.SQUARED),
                data(784, 10, 30));
        assertEquals(785 * 100 + 101 * 10, mlp.dimension());
        // with only the bias of output unit 2 set, every example's logits are (0, 0, b, 0, …)
        double[] x = new double[mlp.dimension()];
        int outputBias = 785 * 100 + 100 * 10;
        x[outputBias + 2] = 5;
        Mlp small = new Mlp(Mlp.Architecture.oneHidden(784, 100, 10, Activation.RELU, Loss.CROSS_ENTROPY),
                data(784, 10, 30));
        double logSumExp = Math.log(9 + Math.exp(5));
        double expected = 0;
        for (int label : small.data().labels()) {
            expected += logSumExp - (label == 2 ? 5 : 0);
        }
        assertEquals(expected / 30, small.energy(x), 1e-12);
    }

    @Test
    void fullBatchGradientIsTheMeanOfBatchGradients() {
        Mlp mlp = network(Activation.TANH, Loss.CROSS_ENTROPY);
        double[] x = mlp.initialParameters(3L);
        double[] full = new double[mlp.dimension()];
        double loss = mlp.energyAndGradient(x, full);
        int[] all = new int[23];
        java.util.Arrays.setAll(all, i -> i);
        double[] a = new double[mlp.dimension()];
        double[] b = new double[mlp.dimension()];
        double la = mlp.batchEnergyAndGradient(x, all, 0, 10, a);
        double lb = mlp.batchEnergyAndGradient(x, all, 10, 23, b);
        assertEquals(loss, (10 * la + 13 * lb) / 23, 1e-12);
        for (int i = 0; i < full.length; i++) {
            assertEquals(full[i], (10 * a[i] + 13 * b[i]) / 23, 1e-12);
        }
    }

    @Test
    void vectorAndScalarKernelsAgree() {
        Mlp mlp = new Mlp(new Mlp.Architecture(new int[] {37, 21, 10}, Activation.RELU, Loss.SQUARED),
                data(37, 10, 45));
        double[] x = mlp.initialParameters(4L);
        double[] g = new double[mlp.dimension()];
        mlp.energyAndGradient(x, g);
        // the scalar reference, on the same numbers
        org.glassy.internal.Dense scalar = new org.glassy.internal.Dense.Scalar();
        double[] a = mlp.data().inputs();
        int[] rows = new int[45];
        java.util.Arrays.setAll(rows, r -> r * 37);
        double[] h = new double[45 * 21];
        scalar.forward(a, rows, 45, 37, x, 0, 21, x, 37 * 21, h);
        double[] hv = new double[45 * 21];
        org.glassy.internal.Dense.INSTANCE.forward(a, rows, 45, 37, x, 0, 21, x, 37 * 21, hv);
        assertArrayEquals(h, hv, 1e-12);
        double[] dz = new SplittableRandom(5).doubles(45 * 21).toArray();
        double[] dw1 = new double[37 * 21 + 21];
        double[] dw2 = new double[37 * 21 + 21];
        scalar.weightGradient(dz, 45, 21, a, rows, 37, dw1, 0, 37 * 21);
        org.glassy.internal.Dense.INSTANCE.weightGradient(dz, 45, 21, a, rows, 37, dw2, 0, 37 * 21);
        assertArrayEquals(dw1, dw2, 1e-12);
        double[] da1 = new double[45 * 37];
        double[] da2 = new double[45 * 37];
        scalar.inputGradient(dz, 45, 21, x, 0, 37, da1);
        org.glassy.internal.Dense.INSTANCE.inputGradient(dz, 45, 21, x, 0, 37, da2);
        assertArrayEquals(da1, da2, 1e-12);
    }

    @Test
    void mismatchedDataIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mlp(Mlp.Architecture.oneHidden(10, 4, 3, Activation.RELU, Loss.SQUARED), data(13, 3, 5)));
        assertTrue(e.getMessage().startsWith("widths[0] must equal the data's input dimension 13"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Mlp.Architecture(new int[] {5, 0, 2}, Activation.RELU, Loss.SQUARED));
    }
}
