package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.core.Sphere;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PSpinSphericalTest {

    @Nested
    class P2 extends ModelContractTest {
        @Override
        protected Model model() {
            return new PSpinSpherical(2, 30, 1L);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return Sphere.randomPoint(30, random.nextLong());
        }
    }

    @Nested
    class P3 extends ModelContractTest {
        @Override
        protected Model model() {
            return new PSpinSpherical(3, 40, 2L);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return Sphere.randomPoint(40, random.nextLong());
        }
    }

    @Nested
    class P4 extends ModelContractTest {
        @Override
        protected Model model() {
            return new PSpinSpherical(4, 16, 3L);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return Sphere.randomPoint(16, random.nextLong());
        }
    }

    @Nested
    class P5 extends ModelContractTest {
        @Override
        protected Model model() {
            return new PSpinSpherical(5, 12, 4L);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return Sphere.randomPoint(12, random.nextLong());
        }
    }

    /** Brute force over all index tuples: an independent second implementation of H. */
    private static double bruteForceEnergy(PSpinSpherical model, double[] s) {
        int p = model.p();
        int n = model.dimension();
        int[] c = new int[p];
        for (int l = 0; l < p; l++) {
            c[l] = l;
        }
        double h = 0;
        while (true) {
            double term = model.coupling(c);
            for (int l = 0; l < p; l++) {
                term *= s[c[l]];
            }
            h -= term;
            int l = p - 1;
            while (l >= 0 && c[l] == n - p + l) {
                l--;
            }
            if (l < 0) {
                return h;
            }
            c[l]++;
            for (int q = l + 1; q < p; q++) {
                c[q] = c[q - 1] + 1;
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 25", "3, 20", "4, 14", "6, 11"})
    void energyMatchesBruteForceSumOverTuples(int p, int n) {
        PSpinSpherical model = new PSpinSpherical(p, n, 5L);
        double[] s = Sphere.randomPoint(n, 6L);
        double expected = bruteForceEnergy(model, s);
        assertEquals(expected, model.energy(s), 1e-12 * Math.max(1, Math.abs(expected)));
        assertEquals(expected, model.energyAndGradient(s, new double[n]), 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @ParameterizedTest
    @CsvSource({"2, 33", "3, 27"})
    void specialisedKernelsAgreeWithGeneralKernel(int p, int n) {
        PSpinSpherical model = new PSpinSpherical(p, n, 7L);
        double[] s = Sphere.randomPoint(n, 8L);
        double[] specialised = new double[n];
        model.energyAndGradient(s, specialised);
        double[] general = new double[n];
        model.polynomialGradientGeneral(s, general);
        for (int i = 0; i < n; i++) {
            general[i] = -general[i];
        }
        assertArrayEquals(general, specialised, 1e-12);
    }

    @Test
    void storesExactlyTheDistinctCouplings() {
        assertEquals(161_700, new PSpinSpherical(3, 100, 1L).couplingCount()); // C(100, 3)
        assertEquals(4_950, new PSpinSpherical(2, 100, 1L).couplingCount());
    }

    @ParameterizedTest
    @CsvSource({"2, 400", "3, 120", "4, 40"})
    void couplingVarianceIsPFactorialOverTwoNToPMinusOne(int p, int n) {
        // mean of J² over 20 000 random tuples: relative standard error sqrt(2 / 20 000) = 1 %;
        // 5 standard errors cannot confuse it with a variance off by √2 (41 %) or 2
        PSpinSpherical model = new PSpinSpherical(p, n, 9L);
        double expected = factorial(p) / (2 * Math.pow(n, p - 1));
        double sum2 = 0;
        SplittableRandom random = new SplittableRandom(10);
        int samples = 20_000;
        for (int t = 0; t < samples; t++) {
            int[] tuple = random.ints(0, n).distinct().limit(p).sorted().toArray();
            double j = model.coupling(tuple);
            sum2 += j * j;
        }
        double variance = sum2 / samples;
        double standardError = Math.sqrt(2.0 / samples) * expected;
        assertEquals(expected, variance, 5 * standardError, "coupling variance for p=" + p + ", n=" + n);
    }

    @Test
    void sameSeedSameCouplingsOtherSeedOthers() {
        double[] s = Sphere.randomPoint(30, 1L);
        assertEquals(new PSpinSpherical(3, 30, 42L).energy(s), new PSpinSpherical(3, 30, 42L).energy(s), 0.0);
        assertTrue(new PSpinSpherical(3, 30, 42L).energy(s) != new PSpinSpherical(3, 30, 43L).energy(s));
    }

    @Test
    void badParametersAreRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PSpinSpherical(1, 10, 0L))
                .getMessage().contains("p must be >= 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PSpinSpherical(3, 2, 0L))
                .getMessage().contains("n must be >= 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PSpinSpherical(3, 5_000, 0L))
                .getMessage().contains("n must be small enough"));
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }
}
