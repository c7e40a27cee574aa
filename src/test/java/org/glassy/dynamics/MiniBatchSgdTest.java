package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.glassy.model.BatchModel;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;

class MiniBatchSgdTest {

    /** E = (1/P) Σ_μ ½ |x − c_μ|² with c_μ = μ·(1, …, 1): records which examples each batch used. */
    static final class Centres implements BatchModel {
        final int n;
        final int examples;
        final List<int[]> batches = new ArrayList<>();

        Centres(int n, int examples) {
            this.n = n;
            this.examples = examples;
        }

        @Override
        public int dimension() {
            return n;
        }

        @Override
        public double energy(double[] x) {
            return energyAndGradient(x, new double[n]);
        }

        @Override
        public double energyAndGradient(double[] x, double[] g) {
            int[] all = new int[examples];
            Arrays.setAll(all, i -> i);
            return batch(x, all, 0, examples, g);
        }

        @Override
        public int exampleCount() {
            return examples;
        }

        @Override
        public double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] g) {
            batches.add(Arrays.copyOfRange(indices, from, to));
            return batch(x, indices, from, to, g);
        }

        private double batch(double[] x, int[] indices, int from, int to, double[] g) {
            Arrays.fill(g, 0);
            double e = 0;
            for (int k = from; k < to; k++) {
                for (int i = 0; i < n; i++) {
                    double d = x[i] - indices[k];
                    e += 0.5 * d * d;
                    g[i] += d / (to - from);
                }
            }
            return e / (to - from);
        }
    }

    @Test
    void fullBatchMomentumSgdIsTheHeavyBallRecursion() {
        Centres model = new Centres(3, 4); // mean centre 1.5
        double lr = 0.1;
        double mu = 0.5;
        double[] x0 = {4, -2, 0};
        double[] x = Dynamics.of(model, new MiniBatchSgd(lr, 4, mu)).seed(1L).steps(30).run(x0).finalState();
        double[] y = x0.clone();
        double[] v = new double[3];
        for (int t = 0; t < 30; t++) {
            for (int i = 0; i < 3; i++) {
                v[i] = mu * v[i] + (y[i] - 1.5);
                y[i] -= lr * v[i];
            }
        }
        assertArrayEquals(y, x, 1e-12);
    }

    @Test
    void everyEpochVisitsEachExampleOnceInAFreshOrder() {
        Centres model = new Centres(1, 10);
        Dynamics.of(model, new MiniBatchSgd(0.01, 3, 0.0)).seed(7L).steps(9).run(new double[1]);
        // 10 examples, batch 3: epochs of 3 batches (one example left out per epoch)
        assertEquals(9, model.batches.size());
        List<int[]> orders = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[9];
            for (int b = 0; b < 3; b++) {
                System.arraycopy(model.batches.get(3 * epoch + b), 0, seen, 3 * b, 3);
            }
            assertEquals(9, Arrays.stream(seen).distinct().count(), "no example twice in an epoch");
            orders.add(seen);
        }
        assertTrue(!Arrays.equals(orders.get(0), orders.get(1)), "each epoch reshuffles");
    }

    @Test
    void sameSeedSameTrajectoryAndBatches() {
        Centres a = new Centres(2, 17);
        Centres b = new Centres(2, 17);
        double[] xa = Dynamics.of(a, new MiniBatchSgd(0.05, 4, 0.5)).seed(3L).steps(40).run(new double[2]).finalState();
        double[] xb = Dynamics.of(b, new MiniBatchSgd(0.05, 4, 0.5)).seed(3L).steps(40).run(new double[2]).finalState();
        assertArrayEquals(xa, xb, 0.0);
        for (int i = 0; i < a.batches.size(); i++) {
            assertArrayEquals(a.batches.get(i), b.batches.get(i));
        }
    }

    @Test
    void badParametersAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MiniBatchSgd(0.1, 10, 1.0))
                .getMessage().startsWith("momentum must lie in [0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MiniBatchSgd(-0.1, 10, 0.5))
                .getMessage().startsWith("learningRate must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Dynamics.of(new Centres(1, 5), new MiniBatchSgd(0.1, 6, 0)).seed(1L).steps(1).run(new double[1]))
                .getMessage().startsWith("batchSize must be <= the number of training examples 5"));
        // a model that is not a loss over training examples is refused by the compiler:
        // Dynamics.of(Quadratic.isotropic(1, 1), new MiniBatchSgd(0.1, 1, 0)) does not type-check
    }

    /**
     * Heavy ball on E = ½|x − c|² (full batch): x_t − c = A r₊^t + B r₋^t, r± the roots of
     * r² − (1 + μ − η) r + μ = 0, the closed form of the recursion v ← μv + (x − c), x ← x − ηv.
     */
    @Test
    void fullBatchMomentumFollowsTheClosedFormOfTheRecursion() {
        Centres model = new Centres(1, 4);       // mean centre c = 1.5
        double eta = 0.3;
        double mu = 0.6;                          // complex roots: damped oscillation
        double x0 = 5;
        long steps = 60;
        double[] x = Dynamics.of(model, new MiniBatchSgd(eta, 4, mu)).seed(2L).steps(steps).run(new double[] {x0})
                .finalState();
        // y_t = x_t − c obeys y_{t+1} = (1 + μ − η) y_t − μ y_{t−1}, y_0 = x0 − c, y_1 = (1 − η) y_0
        double b = 1 + mu - eta;
        double disc = b * b - 4 * mu;             // < 0
        double modulus = Math.sqrt(mu);
        double phase = Math.atan2(Math.sqrt(-disc) / 2, b / 2);
        double y0 = x0 - 1.5;
        double y1 = (1 - eta) * y0;
        // y_t = ρ^t (P cos tθ + Q sin tθ)
        double p = y0;
        double q = (y1 / modulus - p * Math.cos(phase)) / Math.sin(phase);
        double expected = 1.5 + Math.pow(modulus, steps) * (p * Math.cos(steps * phase) + q * Math.sin(steps * phase));
        assertEquals(expected, x[0], 1e-12 * Math.abs(x0));
        // and it is not plain gradient descent, whose (1 − η)^t decay is far smaller here
        assertTrue(Math.abs(x[0] - 1.5 - Math.pow(1 - eta, steps) * y0) > 1e-8);
    }
}
