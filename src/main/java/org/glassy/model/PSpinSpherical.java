package org.glassy.model;

import java.util.SplittableRandom;

import org.glassy.internal.DotAxpy;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.hipparchus.special.Gamma;

/**
 * The spherical p-spin glass.
 *
 * <pre>
 *   H(s) = − Σ_{i1 &lt; i2 &lt; … &lt; ip} J_{i1…ip} s_{i1} s_{i2} … s_{ip},      |s|² = N,
 *   J_{i1…ip} i.i.d. Gaussian, mean 0, variance p! / (2 N^{p−1}),
 * </pre>
 *
 * <p>(computed in log space where p! or N^{p−1} would overflow a double, so any p is exact: see
 * {@code couplingStandardDeviation})
 *
 * <p>the physics normalisation of A. Crisanti and H.-J. Sommers, Z. Phys. B 87, 341 (1992), and of
 * L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71, 173 (1993). With it the energy covariance
 * is E[H(s)H(s′)] = N (s·s′/N)^p / 2, and for p = 3 the reference values per spin are: dynamical
 * temperature T_d = √(3/8), paramagnetic energy −1/(2T) above T_d, threshold energy −2/√3 (where
 * gradient descent from a random start ends), ground state −1.1717. (The mathematicians'
 * normalisation, with covariance N q^p, has energies larger by √2.)
 *
 * <p>The spherical constraint is not part of the model: run it on {@code Space.sphere()}.
 *
 * <p>Only the C(N, p) distinct couplings are stored, in lexicographic order of the index tuple.
 * The fused energy–gradient pass costs one sweep over them, about C(N, p) multiply–adds of each
 * kind; the energy uses homogeneity, s·∇H = pH.
 *
 * <p>Immutable and thread-safe: replicas may share one instance.
 */
public final class PSpinSpherical implements Model {

    private static final DotAxpy KERNEL = DotAxpy.INSTANCE;

    /**
     * The largest interaction order, 500. The coupling variance is exact for any p, but with C(N, p) couplings in
     * one array N is at most p + 3 at large p, and there the energy of a typical state scales as
     * 10^{−0.48 p} per spin (measured at N = p + 1: 10^{−142} at p = 300, 10^{−240} at p = 500, subnormal at
     * p = 650, exactly 0 at p = 700); the bound keeps it far inside the range of a double.
     */
    public static final int MAX_P = 500;

    private final int p;
    private final int n;
    private final double[] couplings;

    /**
     * Draws a p-spin instance.
     *
     * @param p the interaction order, in [2, {@value #MAX_P}]
     * @param n the number of spins N, at least p; C(N, p) must fit in an array
     * @param seed the seed of the coupling disorder; the same seed gives the same couplings
     */
    public PSpinSpherical(int p, int n, long seed) {
        this.p = requireOrder(p);
        this.n = Require.atLeast("n", n, p);
        int count = requireStorable(p, n);
        double sigma = couplingStandardDeviation(p, n);
        SplittableRandom random = new SplittableRandom(seed);
        couplings = new double[count];
        for (int i = 0; i < couplings.length; i++) {
            couplings[i] = sigma * random.nextGaussian();
        }
    }

    /**
     * The heap the couplings of an instance take, 8 C(N, p) bytes (the rest of a run, vectors of N doubles, is
     * negligible beside it).
     *
     * @param p the interaction order, at least 2
     * @param n the number of spins, at least p
     * @return the bytes, as a double (C(N, p) may exceed a long)
     */
    public static double bytes(int p, int n) {
        return 8.0 * binomial(n, p);
    }

    /**
     * The work of one fused energy–gradient pass: about p multiply–adds per coupling, p C(N, p).
     *
     * @param p the interaction order, at least 2
     * @param n the number of spins, at least p
     * @return the operations, as a double
     */
    public static double operationsPerGradient(int p, int n) {
        return (double) p * binomial(n, p);
    }

    /**
     * Checks, before anything is allocated, that an instance can be built in this JVM: the C(N, p) couplings
     * fit in one Java array (fewer than 2³¹ whatever the heap: at p = 3, N ≤ 2345) and in the heap
     * ({@link Runtime#maxMemory()}).
     *
     * @param p the interaction order, at least 2
     * @param n the number of spins, at least p
     * @return the number of couplings
     * @throws IllegalArgumentException naming {@code n} otherwise
     */
    public static int requireStorable(int p, int n) {
        double count = binomial(n, p);
        String what = "couplings C(" + n + ", " + p + ") = " + Resources.count(count)
                + " doubles";
        int length = Resources.requireArrayLength("n", count, "couplings C(" + n + ", " + p + ")");
        Resources.requireMemory("n", bytes(p, n), what);
        return length;
    }

    /**
     * Checks an interaction order: in [2, {@value #MAX_P}].
     *
     * @param p the interaction order
     * @return p
     * @throws IllegalArgumentException naming p and its range otherwise
     */
    public static int requireOrder(int p) {
        Require.atLeast("p", p, 2);
        if (p > MAX_P) {
            throw Require.invalid("p", "must lie in [2, " + MAX_P + "] (beyond " + MAX_P + " the energies,"
                    + " about 10^(-0.48 p) per spin, leave the range of a double), got " + p);
        }
        return p;
    }

    /** @return the interaction order p */
    public int p() {
        return p;
    }

    @Override
    public int dimension() {
        return n;
    }

    /** @return the number of distinct couplings, C(N, p) */
    public int couplingCount() {
        return couplings.length;
    }

    /**
     * Returns one coupling J_{i1…ip}.
     *
     * @param indices p strictly increasing spin indices in [0, N)
     * @return the coupling
     */
    public double coupling(int... indices) {
        if (indices.length != p) {
            throw Require.invalid("indices", "must hold p = " + p + " spin indices, got " + indices.length);
        }
        long rank = 0;
        int previous = -1;
        for (int m = 0; m < p; m++) {
            int i = indices[m];
            if (i <= previous || i >= n) {
                throw Require.invalid("indices", "must be strictly increasing in [0, " + n + "), got "
                        + java.util.Arrays.toString(indices));
            }
            // tuples that precede in lexicographic order: same prefix, smaller index at position m
            for (int j = previous + 1; j < i; j++) {
                rank += binomial(n - 1 - j, p - 1 - m);
            }
            previous = i;
        }
        return couplings[(int) rank];
    }

    @Override
    public double energy(double[] s) {
        checkDimension("s", s);
        if (p == 3) {
            return -energy3(s);
        }
        double[] g = new double[n];
        return energyAndGradient(s, g);
    }

    @Override
    public double energyAndGradient(double[] s, double[] gradient) {
        checkDimension("s", s);
        checkDimension("gradient", gradient);
        java.util.Arrays.fill(gradient, 0.0);
        switch (p) {
            case 2 -> polynomialGradient2(s, gradient);
            case 3 -> polynomialGradient3(s, gradient);
            default -> polynomialGradientGeneral(s, gradient);
        }
        // gradient now holds ∇P with P = Σ J s…s = −H; Euler's theorem: s·∇P = p P
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += s[i] * gradient[i];
            gradient[i] = -gradient[i];
        }
        return -dot / p;
    }

    /** Σ_{i<j<k} J s_i s_j s_k, one multiply–add per coupling. */
    private double energy3(double[] s) {
        final double[] J = couplings;
        double total = 0;
        int idx = 0;
        for (int i = 0; i < n - 2; i++) {
            double rowI = 0;
            for (int j = i + 1; j < n - 1; j++) {
                int base = idx - (j + 1);
                double dot = 0;
                for (int k = j + 1; k < n; k++) {
                    dot += J[base + k] * s[k];
                }
                idx += n - 1 - j;
                rowI += dot * s[j];
            }
            total += rowI * s[i];
        }
        return total;
    }

    private void polynomialGradient2(double[] s, double[] g) {
        final double[] J = couplings;
        int idx = 0;
        for (int i = 0; i < n - 1; i++) {
            g[i] += KERNEL.apply(J, idx - (i + 1), s, g, i + 1, n, s[i]);
            idx += n - 1 - i;
        }
    }

    private void polynomialGradient3(double[] s, double[] g) {
        final double[] J = couplings;
        int idx = 0;
        for (int i = 0; i < n - 2; i++) {
            double si = s[i];
            double gi = 0;
            for (int j = i + 1; j < n - 1; j++) {
                double sj = s[j];
                double dot = KERNEL.apply(J, idx - (j + 1), s, g, j + 1, n, si * sj);
                idx += n - 1 - j;
                gi += dot * sj;
                g[j] += dot * si;
            }
            g[i] += gi;
        }
    }

    /**
     * Any p ≥ 2: enumerates the (p−1)-index prefixes in lexicographic order; the last index runs
     * over a contiguous block of couplings. Package-private so tests can compare it with the
     * specialised kernels.
     */
    void polynomialGradientGeneral(double[] s, double[] g) {
        final double[] J = couplings;
        final int m = p - 1;
        int[] c = new int[m];
        for (int l = 0; l < m; l++) {
            c[l] = l;
        }
        double[] others = new double[m];
        int idx = 0;
        while (true) {
            double a = 1;
            for (int l = 0; l < m; l++) {
                a *= s[c[l]];
            }
            int first = c[m - 1] + 1;
            double dot = KERNEL.apply(J, idx - first, s, g, first, n, a);
            idx += n - first;
            // ∂/∂s_{c[l]} of (prefix product × dot) = dot × product of the other prefix spins
            for (int l = 0; l < m; l++) {
                double prod = 1;
                for (int q = 0; q < m; q++) {
                    if (q != l) {
                        prod *= s[c[q]];
                    }
                }
                others[l] = prod;
            }
            for (int l = 0; l < m; l++) {
                g[c[l]] += dot * others[l];
            }
            // next prefix: combinations of m indices from [0, n − 1)
            int l = m - 1;
            while (l >= 0 && c[l] == n - 2 - (m - 1 - l)) {
                l--;
            }
            if (l < 0) {
                return;
            }
            c[l]++;
            for (int q = l + 1; q < m; q++) {
                c[q] = c[q - 1] + 1;
            }
        }
    }

    static long binomial(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        long result = 1;
        for (int i = 1; i <= k; i++) {
            try {
                result = Math.multiplyExact(result, (long) (n - k + i)) / i;
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return result;
    }

    /**
     * The standard deviation √(p!/(2 N^{p−1})) of the couplings. For ordinary p and N it is computed
     * directly, as always (so runs stay bit-identical); when p! or N^{p−1} leaves the range of a double
     * (N^{p−1} overflows already at p = 170, N = 171, where the direct quotient becomes 0 and then NaN)
     * or the variance itself is subnormal, it is computed in log space,
     * exp(½[ln Γ(p+1) − ln 2 − (p−1) ln N]): the standard deviation of p = 1000, N = 1001 is about
     * 10^{−215} although its square is below the smallest double.
     *
     * @param p the interaction order, at least 2
     * @param n the number of spins, at least p
     * @return the standard deviation, positive and finite
     */
    static double couplingStandardDeviation(int p, int n) {
        double variance = factorial(p) / (2.0 * Math.pow(n, p - 1));
        if (variance >= Double.MIN_NORMAL && variance <= Double.MAX_VALUE) {
            return Math.sqrt(variance);
        }
        return Math.exp(0.5 * (Gamma.logGamma(p + 1.0) - Math.log(2) - (p - 1) * Math.log(n)));
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }

    @Override
    public String toString() {
        return "PSpinSpherical[p=" + p + ", n=" + n + "]";
    }
}
