package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The losses of the SGD study: the gradient contract for phase retrieval, the linear classifier (square and
 * logistic, with ridge) and least squares; hand-computed values; the batch of all examples is the full loss bit
 * for bit, and the batch loss is the mean over the batch.
 */
class SgdModelsTest {

    static double[] gaussians(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    static PhaseRetrieval phaseRetrieval(int d, int n, long seed) {
        double[] teacher = gaussians(d, seed + 1);
        double[] x = gaussians(n * d, seed);
        double[] y = new double[n];
        for (int mu = 0; mu < n; mu++) {
            double h = 0;
            for (int i = 0; i < d; i++) {
                h += teacher[i] * x[mu * d + i];
            }
            y[mu] = h * h / d;
        }
        return new PhaseRetrieval(d, x, y);
    }

    static double[] labels(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] c = new double[n];
        for (int mu = 0; mu < n; mu++) {
            c[mu] = r.nextBoolean() ? 1 : -1;
        }
        return c;
    }

    @Nested
    class PhaseRetrievalContract extends ModelContractTest {
        @Override
        protected Model model() {
            return phaseRetrieval(7, 20, 3L);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return gaussians(7, random.nextLong());
        }
    }

    @Nested
    class SquareRidgeContract extends ModelContractTest {
        @Override
        protected Model model() {
            return new LinearClassifier(6, gaussians(60, 4L), labels(10, 5L), 0.7, LinearClassifier.ExampleLoss.SQUARE);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return gaussians(6, random.nextLong());
        }
    }

    @Nested
    class LogisticRidgeContract extends ModelContractTest {
        @Override
        protected Model model() {
            return new LinearClassifier(6, gaussians(60, 6L), labels(10, 7L), 0.3,
                    LinearClassifier.ExampleLoss.LOGISTIC);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return gaussians(6, random.nextLong());
        }
    }

    @Nested
    class LeastSquaresContract extends ModelContractTest {
        @Override
        protected Model model() {
            return new LeastSquares(5, gaussians(40, 8L), gaussians(8, 9L));
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return gaussians(5, random.nextLong());
        }
    }

    @Test
    void phaseRetrievalByHand() {
        // d = 2, two examples: x1 = (1, 1), y1 = 1; x2 = (2, 0), y2 = 0. At w = (1, 0):
        // h1 = 1/√2, h1² = 1/2, r1 = 1/2; h2 = 2/√2 = √2, h2² = 2, r2 = −2.
        // L = (1/8)(1/4 + 4) = 17/32; ∇L = −(1/2)[r1 h1 x1 + r2 h2 x2]/√2
        //   = −(1/2)[(1/2)(1/√2)(1, 1) − 2√2 (2, 0)]/√2 = −(1/2)[(1/4, 1/4) − (4, 0)] = (15/8, −1/8).
        PhaseRetrieval model = new PhaseRetrieval(2, new double[] {1, 1, 2, 0}, new double[] {1, 0});
        double[] g = new double[2];
        assertEquals(17.0 / 32, model.energyAndGradient(new double[] {1, 0}, g), 1e-15);
        assertArrayEquals(new double[] {15.0 / 8, -1.0 / 8}, g, 1e-15);
        // the batch {2} alone: (1/4)·4 = 1, gradient −r2 h2 x2/√2 = 2·√2·(2, 0)/√2 = (4, 0)
        assertEquals(1.0, model.batchEnergyAndGradient(new double[] {1, 0}, new int[] {1}, 0, 1, g), 1e-15);
        assertArrayEquals(new double[] {4, 0}, g, 1e-14);
    }

    @Test
    void phaseRetrievalVanishesAtPlusAndMinusTheTeacher() {
        double[] teacher = gaussians(7, 4L);
        PhaseRetrieval model = phaseRetrieval(7, 20, 3L);
        double[] minus = teacher.clone();
        for (int i = 0; i < minus.length; i++) {
            minus[i] = -minus[i];
        }
        double[] g = new double[7];
        assertEquals(0, model.energyAndGradient(teacher, g), 1e-26);
        assertArrayEquals(new double[7], g, 1e-13);
        assertEquals(0, model.energy(minus), 1e-26);
    }

    @Test
    void allExamplesInOrderIsTheFullLossBitForBit() {
        BatchModel[] models = {phaseRetrieval(7, 20, 3L),
            new LinearClassifier(6, gaussians(60, 6L), labels(10, 7L), 0.3, LinearClassifier.ExampleLoss.LOGISTIC),
            new LeastSquares(5, gaussians(40, 8L), gaussians(8, 9L))};
        for (BatchModel model : models) {
            int n = model.exampleCount();
            int[] all = new int[n];
            for (int mu = 0; mu < n; mu++) {
                all[mu] = mu;
            }
            double[] x = gaussians(model.dimension(), 10L);
            double[] g1 = new double[model.dimension()];
            double[] g2 = new double[model.dimension()];
            double e1 = model.energyAndGradient(x, g1);
            double e2 = model.batchEnergyAndGradient(x, all, 0, n, g2);
            assertEquals(e1, e2, 0.0, model.toString());
            assertArrayEquals(g1, g2, 0.0, model.toString());
            assertEquals(model.energy(x), e1, 1e-13 * Math.abs(e1), model.toString());
        }
    }

    @Test
    void batchLossIsTheMeanOverTheBatch() {
        PhaseRetrieval model = phaseRetrieval(7, 20, 3L);
        double[] x = gaussians(7, 11L);
        int[] batch = {3, 8, 15};
        double sum = 0;
        double[] gsum = new double[7];
        double[] g = new double[7];
        for (int mu : batch) {
            sum += model.batchEnergyAndGradient(x, new int[] {mu}, 0, 1, g);
            for (int i = 0; i < 7; i++) {
                gsum[i] += g[i];
            }
        }
        double e = model.batchEnergyAndGradient(x, batch, 0, 3, g);
        assertEquals(sum / 3, e, 1e-14);
        for (int i = 0; i < 7; i++) {
            assertEquals(gsum[i] / 3, g[i], 1e-13);
        }
    }

    @Test
    void squareLossClassifierByHand() {
        // d = 1, x = (2), c = −1, λ = 3: h = w·2/1 = 2w; at w = 1: ℓ = ½(−1 − 2)² = 9/2, penalty (3/2)·1 = 3/2;
        // L = (1/1)(9/2 + 3/2) = 6; ∇L = (h − c)·x/√d + λw = 3·2 + 3 = 9.
        LinearClassifier model = new LinearClassifier(1, new double[] {2}, new double[] {-1}, 3,
                LinearClassifier.ExampleLoss.SQUARE);
        double[] g = new double[1];
        assertEquals(6, model.energyAndGradient(new double[] {1}, g), 1e-15);
        assertEquals(9, g[0], 1e-15);
        assertEquals(1.0, model.trainingError(new double[] {1}), 0.0);
    }

    @Test
    void logisticLossIsStableForLargeMargins() {
        LinearClassifier.ExampleLoss l = LinearClassifier.ExampleLoss.LOGISTIC;
        assertEquals(Math.log(2), l.loss(1, 0), 1e-15);
        assertEquals(800, l.loss(1, -800), 1e-12);
        assertEquals(0, l.loss(1, 800), 1e-300);
        assertEquals(-0.5, l.derivative(1, 0), 1e-15);
        assertEquals(-1, l.derivative(1, -800), 1e-15);
    }

    @Test
    void labelsMustBePlusOrMinusOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinearClassifier(1,
                new double[] {1, 2}, new double[] {1, 0.5}, 0, LinearClassifier.ExampleLoss.SQUARE));
        assertTrue(e.getMessage().contains("labels[1]"), e.getMessage());
    }
}
