package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.glassy.core.Sphere;
import org.glassy.internal.BlockDotAxpy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiStateModelTest {

    private static final double UNTOUCHED = 123.0;

    /** K states on the sphere, one flat array, state i at [i·n, (i+1)·n). */
    private static double[] states(int n, int count, long seed) {
        double[] x = new double[count * n];
        for (int i = 0; i < count; i++) {
            System.arraycopy(Sphere.randomPoint(n, seed + i), 0, x, i * n, n);
        }
        return x;
    }

    /**
     * Every count from 0 to two groups of lanes and three more (full groups, a padded group, states
     * evaluated one by one), from an offset: each state's energy and gradient equal one
     * {@link Model#energyAndGradient} call to 1e-12 (relative to the largest gradient component), and
     * nothing outside the states asked for is written.
     */
    @ParameterizedTest
    @CsvSource({"2, 37", "3, 45", "3, 9", "4, 19", "5, 13"})
    void pSpinStatesEqualSeparateCalls(int p, int n) {
        PSpinSpherical model = new PSpinSpherical(p, n, 3L);
        int lanes = BlockDotAxpy.INSTANCE.lanes();
        int first = 2;
        for (int count = 0; count <= 2 * lanes + 3; count++) {
            int total = first + count + 1;
            double[] x = states(n, total, 100L * count);
            double[] input = x.clone();
            double[] energies = new double[total];
            double[] gradients = new double[total * n];
            Arrays.fill(energies, UNTOUCHED);
            Arrays.fill(gradients, UNTOUCHED);
            model.energiesAndGradients(x, first, count, energies, gradients);
            assertArrayEquals(input, x, 0.0, "states are not modified");
            for (int i = 0; i < total; i++) {
                double[] gradient = Arrays.copyOfRange(gradients, i * n, (i + 1) * n);
                if (i < first || i >= first + count) {
                    assertEquals(UNTOUCHED, energies[i], 0.0, "energy of state " + i + " outside the range");
                    assertTrue(Arrays.stream(gradient).allMatch(v -> v == UNTOUCHED), "gradient of state " + i);
                    continue;
                }
                double[] expected = new double[n];
                double e = model.energyAndGradient(Arrays.copyOfRange(x, i * n, (i + 1) * n), expected);
                double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
                String where = "p = " + p + ", N = " + n + ", state " + i + " of " + count;
                assertEquals(e, energies[i], 1e-12 * Math.max(1, Math.abs(e)), where);
                assertArrayEquals(expected, gradient, 1e-12 * scale, where);
            }
        }
    }

    @Test
    void aGroupOfStatesIsNotTheSameStateRepeated() {
        // guards against lanes that read one state's components for another's
        PSpinSpherical model = new PSpinSpherical(3, 20, 4L);
        int count = BlockDotAxpy.INSTANCE.lanes();
        double[] x = states(20, count, 9L);
        double[] energies = new double[count];
        model.energiesAndGradients(x, 0, count, energies, new double[count * 20]);
        assertEquals(count, Arrays.stream(energies).distinct().count());
    }

    @Test
    void anyModelIsEvaluatedOneCallPerState() {
        Model model = new MullerBrown();
        double[] x = {-0.5, 1.4, 0.6, 0.0, -0.05, 0.47, 0.2, 0.3};
        double[] energies = new double[4];
        double[] gradients = new double[8];
        MultiStateModel.energiesAndGradients(model, x, 1, 3, energies, gradients);
        assertEquals(0.0, energies[0]);
        for (int i = 1; i < 4; i++) {
            double[] g = new double[2];
            assertEquals(model.energyAndGradient(Arrays.copyOfRange(x, 2 * i, 2 * i + 2), g), energies[i], 0.0);
            assertArrayEquals(g, Arrays.copyOfRange(gradients, 2 * i, 2 * i + 2), 0.0);
        }
    }

    @Test
    void shortArraysAndSharedArraysAreRejected() {
        PSpinSpherical model = new PSpinSpherical(3, 10, 1L);
        double[] x = new double[30];
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> model.energiesAndGradients(x, 1, 3, new double[4], new double[40]));
        assertTrue(tooFew.getMessage().contains("must hold 4 states of dimension 10"), tooFew.getMessage());
        IllegalArgumentException energies = assertThrows(IllegalArgumentException.class,
                () -> model.energiesAndGradients(x, 0, 3, new double[2], new double[30]));
        assertTrue(energies.getMessage().contains("energies must hold 3 values"), energies.getMessage());
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
                () -> model.energiesAndGradients(x, 0, 3, new double[3], x));
        assertTrue(shared.getMessage().contains("must not be the states' array"), shared.getMessage());
    }
}
