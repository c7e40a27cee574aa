package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.model.Model;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;

/** Adam against PyTorch's update written out by hand ({@code torch.optim.Adam}, single-tensor path). */
class AdamTest {

    /**
     * E = ½ k x² with k = 2 from x = 1, η = 0.1: the first update moves by η g/(|g| + ε) whatever g
     * (the bias corrections make m̂ = g and v̂ = g²); the second is worked out by hand.
     */
    @Test
    void firstTwoStepsAreTheHandComputedValues() {
        Quadratic well = new Quadratic(2.0);
        var run1 = Dynamics.of(well, Adam.of(0.1)).seed(0L).steps(1).run(new double[] {1});
        // g = 2, m = 0.2, v = 0.004; m̂ = 0.2/0.1 = 2, √v̂ = √0.004/√0.001 = 2
        assertEquals(1 - 0.1 * 2 / (2 + 1e-8), run1.finalState()[0], 1e-16);
        assertEquals(0.9, run1.finalState()[0], 1e-8);

        var run2 = Dynamics.of(well, Adam.of(0.1)).seed(0L).steps(2).run(new double[] {1});
        double x1 = 1 - 0.1 * 2 / (2 + 1e-8);
        double g2 = 2 * x1;                                 // 1.8
        double m2 = 0.9 * 0.2 + 0.1 * g2;                   // 0.36
        double v2 = 0.999 * 0.004 + 0.001 * g2 * g2;        // 0.0072360
        double mHat = m2 / (1 - 0.81);                      // 1.894737
        double vHatSqrt = Math.sqrt(v2) / Math.sqrt(1 - 0.998001);
        double x2 = x1 - 0.1 * mHat / (vHatSqrt + 1e-8);
        assertEquals(x2, run2.finalState()[0], 1e-15);
        assertEquals(0.9 - 0.1 * 0.36 / 0.19 / Math.sqrt(0.007236 / 0.001999), x2, 1e-6, "by hand");
    }

    /** Fifty steps with weight decay and a step-decay schedule against the recursion written out. */
    @Test
    void agreesWithTheRecursionWrittenOut() {
        double[] k = {0.5, 2.0, 8.0};
        double[] x = {1.0, -3.0, 0.25};
        double lambda = 0.01;
        double b1 = 0.8;
        double b2 = 0.99;
        double eps = 1e-6;
        Schedule lr = Schedule.stepDecay(0.05, 0.5, 10);
        Adam<Model> rule = Adam.of(1).withLearningRate(lr).withBetas(b1, b2).withEpsilon(eps).withWeightDecay(lambda);
        double[] got = Dynamics.of(new Quadratic(k), rule).seed(0L).steps(50).run(x.clone()).finalState();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 50; t++) {
            for (int i = 0; i < 3; i++) {
                double g = k[i] * x[i] + lambda * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                x[i] -= lr.at(t - 1) * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        assertArrayEquals(x, got, 1e-12);
    }

    /** On mini-batches that hold the whole training set, Adam is full-batch Adam on the mean loss. */
    @Test
    void fullSizeBatchesAreFullBatchAdam() {
        MiniBatchSgdTest.Centres centres = new MiniBatchSgdTest.Centres(2, 5);   // E = ½|x − 2|² + const per coordinate
        double[] x0 = {3, -1};
        double[] batched = Dynamics.of(centres, Adam.of(0.05).withBatches(5)).seed(1L).steps(40).run(x0)
                .finalState();
        double[] x = x0.clone();
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 40; t++) {
            for (int i = 0; i < 2; i++) {
                double g = x[i] - 2;
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                x[i] -= 0.05 * (m[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
            }
        }
        assertArrayEquals(x, batched, 1e-12);
    }

    @Test
    void convergesToTheMinimumOfAWell() {
        double[] x = Dynamics.of(new Quadratic(1.0, 10.0), Adam.of(0.01)).seed(0L).steps(5000).run(new double[] {2, 2})
                .finalState();
        assertTrue(Math.abs(x[0]) < 1e-3 && Math.abs(x[1]) < 1e-3, java.util.Arrays.toString(x));
    }

    @Test
    void parametersAreCheckedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Adam.of(0.1).withBetas(1.0, 0.9))
                .getMessage().startsWith("beta1 must lie in [0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Adam.of(-1))
                .getMessage().startsWith("learningRate must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Adam.of(0.1).withEpsilon(0))
                .getMessage().startsWith("epsilon must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Adam.of(0.1).withWeightDecay(-1))
                .getMessage().startsWith("weightDecay must be >= 0"));
    }
}
