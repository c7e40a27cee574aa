package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.glassy.core.Sphere;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked coupling layout of {@link PSpinSpherical} against independent computations: the draws
 * repeated in lexicographic order (a seed keeps its couplings), and the energy and gradient summed
 * over every index tuple. Sizes reach past the kernels' blocks of four rows and vectors of eight.
 */
class PSpinSphericalKernelTest {

    /** Calls {@code visit} with every strictly increasing p-tuple of [0, n) in lexicographic order. */
    private static void forEachTuple(int p, int n, java.util.function.Consumer<int[]> visit) {
        int[] c = new int[p];
        for (int l = 0; l < p; l++) {
            c[l] = l;
        }
        while (true) {
            visit.accept(c);
            int l = p - 1;
            while (l >= 0 && c[l] == n - p + l) {
                l--;
            }
            if (l < 0) {
                return;
            }
            c[l]++;
            for (int q = l + 1; q < p; q++) {
                c[q] = c[q - 1] + 1;
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 23", "3, 21", "4, 15", "5, 12", "6, 9", "9, 9", "7, 10"})
    void couplingsAreTheGaussianDrawsInLexicographicOrder(int p, int n) {
        // the layout changed in issue 16; the draws must not: tuple number t (lexicographic) gets draw number t
        long seed = 31L * p + n;
        PSpinSpherical model = new PSpinSpherical(p, n, seed);
        SplittableRandom random = new SplittableRandom(seed);
        double sigma = PSpinSpherical.couplingStandardDeviation(p, n);
        int[] counted = {0};
        forEachTuple(p, n, tuple -> {
            assertEquals(sigma * random.nextGaussian(), model.coupling(tuple), 0.0,
                    "coupling " + java.util.Arrays.toString(tuple));
            counted[0]++;
        });
        assertEquals(model.couplingCount(), counted[0]);
    }

    @ParameterizedTest
    @CsvSource({"2, 41", "3, 67", "3, 40", "4, 23", "5, 14", "7, 11"})
    void energyAndGradientEqualTheSumsOverAllTuples(int p, int n) {
        PSpinSpherical model = new PSpinSpherical(p, n, 17L);
        double[] s = Sphere.randomPoint(n, 18L);
        double[] expected = new double[n];
        double[] energy = {0};
        forEachTuple(p, n, tuple -> {
            double coupling = model.coupling(tuple);
            double product = coupling;
            for (int i : tuple) {
                product *= s[i];
            }
            energy[0] -= product;
            for (int l = 0; l < p; l++) {
                double others = coupling;
                for (int q = 0; q < p; q++) {
                    if (q != l) {
                        others *= s[tuple[q]];
                    }
                }
                expected[tuple[l]] -= others;
            }
        });
        double[] g = new double[n];
        double e = model.energyAndGradient(s, g);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertEquals(energy[0], e, 1e-12 * Math.max(1, Math.abs(energy[0])), "energyAndGradient");
        assertEquals(energy[0], model.energy(s), 1e-12 * Math.max(1, Math.abs(energy[0])), "energy");
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], g[i], 1e-12 * scale, "dH/ds_" + i);
        }
        // the general row enumeration, also for p = 3 (which has its own loop)
        double[] general = new double[n];
        model.polynomialGradientGeneral(s, general);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], -general[i], 1e-12 * scale, "general path, dH/ds_" + i);
        }
    }
}
