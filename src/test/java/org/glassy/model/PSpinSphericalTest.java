package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
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

    @ParameterizedTest
    @CsvSource({"2, 400", "3, 200", "3, 2345", "4, 40", "22, 30", "169, 170", "170, 171", "171, 172", "1000, 1001",
        "1000, 1003"})
    void couplingStandardDeviationIsExactForAnyP(int p, int n) {
        // √(p!/(2 N^{p−1})) in exact integer arithmetic, rounded only at the square root (40 digits). At p = 170,
        // N = 171 the double N^{p−1} overflows (171^169 ≈ 10^377) and the old direct quotient gave 0, at p = 1000
        // NaN; the variance of p = 1000, N = 1001 (≈ 10^−430) is below the smallest double, its root is not.
        BigInteger factorial = BigInteger.ONE;
        for (int k = 2; k <= p; k++) {
            factorial = factorial.multiply(BigInteger.valueOf(k));
        }
        BigInteger denominator = BigInteger.TWO.multiply(BigInteger.valueOf(n).pow(p - 1));
        MathContext digits = new MathContext(40);
        double exact = new BigDecimal(factorial).divide(new BigDecimal(denominator), digits).sqrt(digits).doubleValue();
        double sigma = PSpinSpherical.couplingStandardDeviation(p, n);
        assertTrue(exact > 0 && Double.isFinite(exact), "reference " + exact);
        assertEquals(exact, sigma, 1e-11 * exact, "p = " + p + ", N = " + n);
    }

    @ParameterizedTest
    @CsvSource({"2, 400", "3, 200", "3, 2345", "4, 40", "10, 14", "100, 102"})
    void ordinaryPAndNKeepTheDirectFormulaBitForBit(int p, int n) {
        // runs recorded before the log-space fall-back must stay bit-identical
        assertEquals(Math.sqrt(factorial(p) / (2.0 * Math.pow(n, p - 1))), PSpinSpherical.couplingStandardDeviation(p, n),
                0.0);
    }

    @Test
    void largePCouplingsHaveTheExactVariance() {
        // p = 170, N = 172: all C(172, 170) = 14 706 couplings (each tuple leaves out two spins a < b). Their mean
        // square has relative standard error √(2/14706) = 1.2 %; 5 of them cannot pass a variance off by 2 or 0
        int p = 170;
        int n = 172;
        PSpinSpherical model = new PSpinSpherical(p, n, 3L);
        assertEquals(14_706, model.couplingCount());
        double sigma = PSpinSpherical.couplingStandardDeviation(p, n);
        double sum2 = 0;
        int[] tuple = new int[p];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int i = 0, k = 0; i < n; i++) {
                    if (i != a && i != b) {
                        tuple[k++] = i;
                    }
                }
                double j = model.coupling(tuple);
                assertTrue(j != 0 && Double.isFinite(j), "coupling " + j);
                sum2 += j * j;
            }
        }
        double relativeVariance = sum2 / model.couplingCount() / (sigma * sigma);
        assertEquals(1, relativeVariance, 5 * Math.sqrt(2.0 / model.couplingCount()));
        // the energy at a point of the sphere is a finite, non-zero number (it was −0.0 for every state)
        double e = model.energy(Sphere.randomPoint(n, 4L));
        assertTrue(e != 0 && Double.isFinite(e), "energy " + e);
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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PSpinSpherical(501, 501, 0L))
                .getMessage().startsWith("p must lie in [2, 500] "));
        assertEquals(500, new PSpinSpherical(500, 500, 0L).p());
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }
}
