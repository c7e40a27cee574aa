package org.glassy.study.hinge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.data.LinearTeacher;
import org.glassy.model.HingeLoss;
import org.glassy.model.Model;
import org.glassy.model.ModelContractTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HingeModelsTest {

    private static final Dataset PATTERNS = LinearTeacher.randomLabels(30, 8, 5L);
    private static final Dataset TEACHER_DATA = LinearTeacher.random(4, 6L).sample(25, 7L);

    private static double[] sphere(SplittableRandom random, int n) {
        double[] w = random.doubles(n).map(v -> random.nextGaussian()).toArray();
        double s = Math.sqrt(n / java.util.Arrays.stream(w).map(v -> v * v).sum());
        return java.util.Arrays.stream(w).map(v -> v * s).toArray();
    }

    @Nested
    class LinearPerceptron extends ModelContractTest {
        @Override
        protected Model model() {
            return new HingePerceptron(PATTERNS, 0.5, HingeLoss.LINEAR);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return sphere(random, 8);
        }
    }

    @Nested
    class QuadraticPerceptron extends ModelContractTest {
        @Override
        protected Model model() {
            return new HingePerceptron(PATTERNS, 1.0, HingeLoss.QUADRATIC);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return sphere(random, 8);
        }
    }

    @Nested
    class LinearShallowNetwork extends ModelContractTest {
        @Override
        protected Model model() {
            return new ShallowHingeNetwork(TEACHER_DATA, 6, 1.0, HingeLoss.LINEAR);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return ((ShallowHingeNetwork) model()).initialState(random.nextLong());
        }
    }

    @Nested
    class QuadraticShallowNetwork extends ModelContractTest {
        @Override
        protected Model model() {
            return new ShallowHingeNetwork(TEACHER_DATA, 5, 2.0, HingeLoss.QUADRATIC);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return ((ShallowHingeNetwork) model()).initialState(random.nextLong());
        }
    }

    /** Three patterns in N = 2, by hand: h_μ = y_μ w·x_μ/√2 at w = (1, 1). */
    @Test
    void perceptronToyProblemByHand() {
        Dataset toy = new Dataset("toy", 3, 2, 2, new double[] {1, 0, 0, 2, -1, -1}, new int[] {1, 0, 1});
        double[] w = {1, 1};
        double r = Math.sqrt(2);
        // h = (1/√2, −2/√2, −2/√2); gaps κ − h with κ = 1
        double[] h = {1 / r, -2 / r, -2 / r};
        HingePerceptron linear = new HingePerceptron(toy, 1.0, HingeLoss.LINEAR);
        assertArrayEquals(h, linear.stabilities(w), 1e-15);
        double[] gap = {1 - h[0], 1 - h[1], 1 - h[2]};
        assertEquals(gap[0] + gap[1] + gap[2], linear.energy(w), 1e-14);
        double[] g = new double[2];
        linear.energyAndGradient(w, g);
        // ∇E = −Σ y x/√N over the violated patterns (all three)
        assertArrayEquals(new double[] {-(1 - 0 - 1) / r, -(0 - 2 - 1) / r}, g, 1e-14);
        assertEquals(1.0, linear.unsatisfiedFraction(w), 0.0);

        HingePerceptron quadratic = new HingePerceptron(toy, 0.5, HingeLoss.QUADRATIC);
        double[] q = {0.5 - h[0], 0.5 - h[1], 0.5 - h[2]};
        assertEquals(0.5 * (q[1] * q[1] + q[2] * q[2]), quadratic.energy(w), 1e-14);
        assertEquals(2.0 / 3, quadratic.unsatisfiedFraction(w), 0.0);
        quadratic.energyAndGradient(w, g);
        assertArrayEquals(new double[] {-(-q[1] * 0 + q[2] * -1) / r, -(-q[1] * 2 + q[2] * -1) / r}, g, 1e-14);
    }

    /** f = (1/M) Σ a_i ReLU(w_i·x/√d) on one example, by hand, and E = M·L. */
    @Test
    void shallowNetworkByHand() {
        Dataset one = new Dataset("one", 2, 2, 2, new double[] {1, 2, 1, 2}, new int[] {1, 0});
        ShallowHingeNetwork network = new ShallowHingeNetwork(one, 2, 1.0, HingeLoss.LINEAR);
        // a = (2, −1), w_1 = (1, 1), w_2 = (1, −1): z = (3/√2, −1/√2), f = (1/2)(2·3/√2) = 3/√2
        double[] x = {2, -1, 1, 1, 1, -1};
        double f = 3 / Math.sqrt(2);
        assertArrayEquals(new double[] {f, -f}, network.margins(x), 1e-14);
        double loss = (Math.max(0, 1 - f) + (1 + f)) / 2;
        assertEquals(loss, network.loss(x), 1e-14);
        assertEquals(2 * loss, network.energy(x), 1e-14);
        assertEquals(0.5, network.unsatisfiedFraction(x), 0.0);
        assertArrayEquals(new double[] {1, -1}, network.parallelComponents(x, new double[] {0, 1}), 1e-15);
        assertArrayEquals(new double[] {1, 1}, network.perpendicularSquaredNorms(x, new double[] {0, 1}), 1e-14);
    }

    @Test
    void parametersAreValidatedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShallowHingeNetwork(TEACHER_DATA, 0, 1.0, HingeLoss.LINEAR));
        assertTrue(e.getMessage().startsWith("hidden must be >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ShallowHingeNetwork(TEACHER_DATA, 3, -1, HingeLoss.LINEAR));
        assertTrue(e.getMessage().startsWith("margin must be >= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new HingePerceptron(PATTERNS, Double.NaN, HingeLoss.LINEAR));
        assertTrue(e.getMessage().startsWith("kappa must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HingeLoss.parse("cubic"));
        assertEquals("loss must be linear or quadratic, got cubic", e.getMessage());
    }
}
