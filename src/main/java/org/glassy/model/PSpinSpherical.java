package org.glassy.model;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.glassy.internal.BlockDotAxpy;
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
 * <p><b>Storage.</b> Only the C(N, p) distinct couplings are stored (plus one vector of zeros at
 * the end, see {@link BlockDotAxpy}), drawn in lexicographic order of the index tuple (so a seed
 * gives the couplings it always gave) and stored by the second-to-last index j: write a tuple as
 * (c, j, k) with c = (c_1 &lt; … &lt; c_{p−2}) &lt; j &lt; k. For each j the couplings form a
 * rectangular block M_j with one row per prefix c ⊂ [0, j) (C(j, p−2) rows, in colexicographic
 * order: for p = 3 the rows are i = 0, …, j−1) and one column per k ∈ (j, N) (N − 1 − j columns,
 * contiguous). Every row of a block has the same length and starts at the same spin, so the inner
 * loop is one long stream without triangular heads, and rows can share loads of s and of the
 * gradient.
 *
 * <p><b>Energy and gradient.</b> With P = −H and a_c = Π_{l} s_{c_l}, block j contributes
 * s_j Σ_c a_c (M_j s)_c; one pass over it gives the row dots u_c = Σ_k M_j[c][k] s_k and adds
 * Σ_c a_c s_j M_j[c][k] to ∂P/∂s_k; then ∂P/∂s_j gains Σ_c a_c u_c and ∂P/∂s_{c_l} gains
 * s_j u_c Π_{l′≠l} s_{c_l′}. That is two fused multiply–adds per coupling (4 C(N, p) flops) and
 * one pass over the couplings; the energy follows from homogeneity, s·∇P = pP, and
 * {@link #energy} alone needs one multiply–add per coupling. For p ≥ 3 the rows of a block come in
 * runs that differ only in their smallest index c_1 = 0, 1, …, (for p = 3 the whole block is one
 * run): row r of a run belongs to spin r, so one kernel call ({@link BlockDotAxpy#spinRows}) does
 * the run with its factors and bookkeeping, four rows at a time; p = 2 goes row by row
 * ({@link BlockDotAxpy#apply}).
 *
 * <p><b>Several states.</b> {@link #energiesAndGradients} evaluates states in groups of
 * {@link BlockDotAxpy#lanes()} (8 with 512-bit vectors), one state per vector lane
 * ({@link BlockDotAxpy#applyInterleaved}): each coupling is broadcast once for all the states of a
 * group (sixteen multiply–adds per coupling load instead of two), and each block of couplings is
 * used by every group while it is in cache, so K states cost one pass over memory. At N = 400 the
 * couplings (85 MB) do not fit in cache and a single state is bound by memory bandwidth; a batch is
 * bound by the multiply–adds.
 *
 * <p>Immutable and thread-safe: replicas may share one instance (work arrays are per thread).
 */
public final class PSpinSpherical implements MultiStateModel {

    private static final BlockDotAxpy KERNEL = BlockDotAxpy.INSTANCE;
    private static final int PAD = KERNEL.padding();
    private static final int LANES = KERNEL.lanes();
    /** Rows per kernel call in the general-p path (bounds the per-thread work arrays). */
    private static final int ROW_CHUNK = 512;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * The largest interaction order, 500. The coupling variance is exact for any p, but with C(N, p) couplings in
     * one array N is at most p + 3 at large p, and there the energy of a typical state scales as
     * 10^{−0.48 p} per spin (measured at N = p + 1: 10^{−142} at p = 300, 10^{−240} at p = 500, subnormal at
     * p = 650, exactly 0 at p = 700); the bound keeps it far inside the range of a double.
     */
    public static final int MAX_P = 500;

    private final int p;
    private final int n;
    private final int count;
    /** The couplings by block (see the class comment), C(N, p) of them and {@code PAD} zeros. */
    private final double[] couplings;
    /** Where block j starts in {@link #couplings}. */
    private final int[] offsets;

    /**
     * Draws a p-spin instance.
     *
     * @param p the interaction order, in [2, {@value #MAX_P}]
     * @param n the number of spins N, at least p
     * @param seed the seed of the coupling disorder; the same seed gives the same couplings
     */
    public PSpinSpherical(int p, int n, long seed) {
        this.p = requireOrder(p);
        this.n = Require.atLeast("n", n, p);
        count = requireStorable(p, n);
        int m = p - 2;
        offsets = new int[n];
        long offset = 0;
        for (int j = 0; j < n; j++) {
            offsets[j] = (int) offset;
            if (j >= m && j <= n - 2) {
                offset += binomial(j, m) * (n - 1 - j);
            }
        }
        double sigma = couplingStandardDeviation(p, n);
        SplittableRandom random = new SplittableRandom(seed);
        couplings = new double[count + PAD];
        // the (p−1)-prefixes (c, j) of [0, n−1) in lexicographic order, then k: the order of the draws
        int[] prefix = new int[p - 1];
        for (int l = 0; l < p - 1; l++) {
            prefix[l] = l;
        }
        while (true) {
            int j = prefix[p - 2];
            int base = offsets[j] + colexRank(prefix, m) * (n - 1 - j) - (j + 1);
            for (int k = j + 1; k < n; k++) {
                couplings[base + k] = sigma * random.nextGaussian();
            }
            int l = p - 2;
            while (l >= 0 && prefix[l] == n - 2 - (p - 2 - l)) {
                l--;
            }
            if (l < 0) {
                break;
            }
            prefix[l]++;
            for (int q = l + 1; q < p - 1; q++) {
                prefix[q] = prefix[q - 1] + 1;
            }
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
        // the array holds PAD zeros after the couplings (see BlockDotAxpy#padding)
        int length = Resources.requireArrayLength("n", count + PAD, "couplings C(" + n + ", " + p + ")");
        Resources.requireMemory("n", bytes(p, n), what);
        return length - PAD;
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
        return count;
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
        int previous = -1;
        for (int i : indices) {
            if (i <= previous || i >= n) {
                throw Require.invalid("indices", "must be strictly increasing in [0, " + n + "), got "
                        + Arrays.toString(indices));
            }
            previous = i;
        }
        int j = indices[p - 2];
        int k = indices[p - 1];
        return couplings[offsets[j] + colexRank(indices, p - 2) * (n - 1 - j) + (k - j - 1)];
    }

    /**
     * The rank of the first {@code m} entries of {@code c} (strictly increasing) among the m-subsets of
     * the non-negative integers in colexicographic order: Σ_l C(c_l, l + 1).
     */
    private static int colexRank(int[] c, int m) {
        long rank = 0;
        for (int l = 0; l < m; l++) {
            rank += binomial(c[l], l + 1);
        }
        return (int) rank;
    }

    @Override
    public double energy(double[] s) {
        checkDimension("s", s);
        Scratch w = SCRATCH.get().ensure(n, p, 0);
        double[] sp = w.padded(s, n);
        double total = p == 2 ? polynomialGeneral(sp, w) : polynomialRuns(sp, w);
        return -total;
    }

    @Override
    public double energyAndGradient(double[] s, double[] gradient) {
        checkDimension("s", s);
        checkDimension("gradient", gradient);
        Scratch w = SCRATCH.get().ensure(n, p, 0);
        double[] sp = w.padded(s, n);
        double[] gp = w.g;
        Arrays.fill(gp, 0, n + PAD, 0.0);
        if (p == 2) {
            gradientGeneral(sp, gp, w);
        } else {
            gradientRuns(sp, gp, w);
        }
        // gp now holds ∇P with P = Σ J s…s = −H; Euler's theorem: s·∇P = p P
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += s[i] * gp[i];
            gradient[i] = -gp[i];
        }
        return -dot / p;
    }

    /**
     * Evaluates several states in one pass over the couplings: the states go into groups of
     * {@link BlockDotAxpy#lanes()}, one state per vector lane, and every block of couplings is used
     * by all the groups while it is in cache. A last group of at least half the lanes is padded with
     * zero states; fewer remaining states are evaluated one by one. Each result equals
     * {@link #energyAndGradient} up to the order of floating-point additions (relative differences
     * of order 10⁻¹⁵).
     *
     * @param states the states, state i at [i·n, (i+1)·n); not modified
     * @param first the first state, at least 0
     * @param count the number of states, at least 0
     * @param energies the output energies, indexed like the states
     * @param gradients the output gradients, laid out like {@code states} (a different array)
     */
    @Override
    public void energiesAndGradients(double[] states, int first, int count, double[] energies, double[] gradients) {
        MultiStateModel.checkStates(n, states, first, count, energies, gradients);
        int rest = count % LANES;
        boolean padded = rest > 1 && 2 * rest >= LANES;
        int groups = count / LANES + (padded ? 1 : 0);
        int grouped = Math.min(count, groups * LANES);
        if (groups > 0) {
            evaluateGroups(states, first, grouped, groups, energies, gradients);
        }
        if (grouped < count) {
            double[] x = new double[n];
            double[] g = new double[n];
            for (int i = first + grouped; i < first + count; i++) {
                System.arraycopy(states, i * n, x, 0, n);
                energies[i] = energyAndGradient(x, g);
                System.arraycopy(g, 0, gradients, i * n, n);
            }
        }
    }

    /** States first … first + count − 1 in the lanes of {@code groups} interleaved groups (zeros after them). */
    private void evaluateGroups(double[] states, int first, int count, int groups, double[] energies,
                                double[] gradients) {
        Scratch w = SCRATCH.get().ensure(n, p, groups);
        for (int q = 0; q < groups; q++) {
            double[] x = w.x[q];
            Arrays.fill(x, 0, n * LANES, 0.0);
            Arrays.fill(w.gx[q], 0, n * LANES, 0.0);
            for (int l = 0; l < LANES && q * LANES + l < count; l++) {
                int from = (first + q * LANES + l) * n;
                for (int k = 0; k < n; k++) {
                    x[k * LANES + l] = states[from + k];
                }
            }
        }
        if (p == 2) {
            gradientGeneralInterleaved(groups, w);
        } else {
            gradientRunsInterleaved(groups, w);
        }
        for (int i = 0; i < count; i++) {
            double[] gx = w.gx[i / LANES];
            int l = i % LANES;
            int from = (first + i) * n;
            double dot = 0;
            for (int k = 0; k < n; k++) {
                double g = gx[k * LANES + l];
                dot += states[from + k] * g;
                gradients[from + k] = -g;
            }
            energies[first + i] = -dot / p;
        }
    }

    /*
     * Runs (p ≥ 3). In block j the rows are the prefixes c = (c_0 < c_1 < … < c_{p−3}) ⊂ [0, j) in
     * colexicographic order, so the prefixes that share their upper part u = (c_1, …, c_{p−3}) are
     * consecutive, with c_0 = 0, 1, …, u_0 − 1 (for p = 3, u is empty and the one run is c_0 < j):
     * a run's row r belongs to spin r, its row factor is s_r·s_j·Π_u s, and BlockDotAxpy.spinRows
     * does the run in one call. Then ∂P/∂s_j gains Π_u s · q and ∂P/∂s_{u_l} gains
     * s_j · q · Π_{u without u_l} s, with q = Σ_r s_r (M s)_r.
     */

    /** P(s) for p ≥ 3, run by run. */
    private double polynomialRuns(double[] sp, Scratch w) {
        final int m = p - 3;
        int[] u = w.c;
        double[] suffix = w.suffix;
        double total = 0;
        for (int j = m + 1; j < n - 1; j++) {
            int length = n - 1 - j;
            int offset = offsets[j];
            double block = 0;
            firstSubset(u, m, sp, suffix);
            do {
                int rows = m == 0 ? j : u[0];
                if (rows > 0) {
                    block += suffix[0] * KERNEL.spinRowsEnergy(couplings, offset, rows, length, sp, j + 1);
                    offset += rows * length;
                }
            } while (nextSubset(u, m, j, sp, suffix));
            total += sp[j] * block;
        }
        return total;
    }

    /** Adds ∇P(s) for p ≥ 3 to gp (both padded), run by run. */
    private void gradientRuns(double[] sp, double[] gp, Scratch w) {
        final int m = p - 3;
        int[] u = w.c;
        double[] suffix = w.suffix;
        for (int j = m + 1; j < n - 1; j++) {
            int length = n - 1 - j;
            int offset = offsets[j];
            double sj = sp[j];
            firstSubset(u, m, sp, suffix);
            do {
                int rows = m == 0 ? j : u[0];
                if (rows > 0) {
                    double product = suffix[0];
                    double q = KERNEL.spinRows(couplings, offset, rows, length, sp, gp, j + 1, sj * product);
                    offset += rows * length;
                    gp[j] += product * q;
                    double before = sj * q;
                    for (int l = 0; l < m; l++) {
                        gp[u[l]] += before * suffix[l + 1];
                        before *= sp[u[l]];
                    }
                }
            } while (nextSubset(u, m, j, sp, suffix));
        }
    }

    /** The p ≥ 3 gradient of every group's LANES interleaved states; all groups per run. */
    private void gradientRunsInterleaved(int groups, Scratch w) {
        final int m = p - 3;
        final int lanes = LANES;
        int[] u = w.c;
        double[] product = w.ax;
        double[] scale = w.fx;
        double[] q = w.dx;
        for (int j = m + 1; j < n - 1; j++) {
            int length = n - 1 - j;
            int offset = offsets[j];
            int jl = j * lanes;
            firstSubset(u, m);
            do {
                int rows = m == 0 ? j : u[0];
                if (rows == 0) {
                    continue;
                }
                for (int group = 0; group < groups; group++) {
                    double[] x = w.x[group];
                    double[] gx = w.gx[group];
                    for (int l = 0; l < lanes; l++) {
                        double prod = 1;
                        for (int t = 0; t < m; t++) {
                            prod *= x[u[t] * lanes + l];
                        }
                        product[l] = prod;
                        scale[l] = x[jl + l] * prod;
                    }
                    KERNEL.spinRowsInterleaved(couplings, offset, rows, length, x, gx, j + 1, scale, q);
                    for (int l = 0; l < lanes; l++) {
                        gx[jl + l] += product[l] * q[l];
                        for (int t = 0; t < m; t++) {
                            double others = x[jl + l] * q[l];
                            for (int v = 0; v < m; v++) {
                                if (v != t) {
                                    others *= x[u[v] * lanes + l];
                                }
                            }
                            gx[u[t] * lanes + l] += others;
                        }
                    }
                }
                offset += rows * length;
            } while (nextSubset(u, m, j) >= 0);
        }
    }

    /** P(s) for any p, block by block and row chunk by row chunk. */
    private double polynomialGeneral(double[] sp, Scratch w) {
        final int m = p - 2;
        int[] c = w.c;
        double[] suffix = w.suffix;
        double[] d = w.d;
        double total = 0;
        for (int j = m; j < n - 1; j++) {
            int length = n - 1 - j;
            int rows = (int) binomial(j, m);
            firstSubset(c, m, sp, suffix);
            double q = 0;
            for (int r0 = 0; r0 < rows; r0 += ROW_CHUNK) {
                int chunk = Math.min(ROW_CHUNK, rows - r0);
                KERNEL.dots(couplings, offsets[j] + r0 * length, chunk, length, sp, j + 1, d);
                for (int t = 0; t < chunk; t++) {
                    q += suffix[0] * d[t];
                    nextSubset(c, m, j, sp, suffix);
                }
            }
            total += sp[j] * q;
        }
        return total;
    }

    /**
     * Adds ∇P(s) to g for any p ≥ 2, with the general row enumeration (one prefix of p − 2 spins per
     * row, {@link BlockDotAxpy#apply} on chunks of rows): the path of p = 2, and for p ≥ 3 a second
     * implementation that tests compare with the runs.
     */
    void polynomialGradientGeneral(double[] s, double[] g) {
        Scratch w = SCRATCH.get().ensure(n, p, 0);
        double[] sp = w.padded(s, n);
        double[] gp = w.g;
        Arrays.fill(gp, 0, n + PAD, 0.0);
        gradientGeneral(sp, gp, w);
        for (int i = 0; i < n; i++) {
            g[i] += gp[i];
        }
    }

    private void gradientGeneral(double[] sp, double[] gp, Scratch w) {
        final int m = p - 2;
        int[] c = w.c;
        int[] saved = w.saved;
        double[] suffix = w.suffix;
        double[] a = w.a;
        double[] f = w.f;
        double[] d = w.d;
        for (int j = m; j < n - 1; j++) {
            int length = n - 1 - j;
            int rows = (int) binomial(j, m);
            double sj = sp[j];
            firstSubset(c, m, sp, suffix);
            for (int r0 = 0; r0 < rows; r0 += ROW_CHUNK) {
                int chunk = Math.min(ROW_CHUNK, rows - r0);
                System.arraycopy(c, 0, saved, 0, m);
                for (int t = 0; t < chunk; t++) {
                    a[t] = suffix[0];
                    f[t] = suffix[0] * sj;
                    nextSubset(c, m, j, sp, suffix);
                }
                KERNEL.apply(couplings, offsets[j] + r0 * length, chunk, length, sp, gp, j + 1, f, d);
                System.arraycopy(saved, 0, c, 0, m);
                suffixProducts(c, m, sp, suffix, m - 1);
                double q = 0;
                for (int t = 0; t < chunk; t++) {
                    double u = d[t];
                    q += a[t] * u;
                    // ∂/∂s_{c_l} of s_j a_c u_c: s_j u_c × the product of the other prefix spins
                    double before = sj * u;
                    for (int l = 0; l < m; l++) {
                        gp[c[l]] += before * suffix[l + 1];
                        before *= sp[c[l]];
                    }
                    nextSubset(c, m, j, sp, suffix);
                }
                gp[j] += q;
            }
        }
    }

    /** The general-p gradient of every group's LANES interleaved states; all groups per chunk of rows. */
    private void gradientGeneralInterleaved(int groups, Scratch w) {
        final int m = p - 2;
        final int lanes = LANES;
        int[] c = w.c;
        int[] start = w.saved;
        double[] sx = w.sx;
        double[] a = w.ax;
        double[] f = w.fx;
        double[] d = w.dx;
        for (int l = 0; l < lanes; l++) {
            sx[m * lanes + l] = 1;
        }
        for (int j = m; j < n - 1; j++) {
            int length = n - 1 - j;
            int rows = (int) binomial(j, m);
            int jl = j * lanes;
            firstSubset(c, m);
            for (int r0 = 0; r0 < rows; r0 += ROW_CHUNK) {
                int chunk = Math.min(ROW_CHUNK, rows - r0);
                System.arraycopy(c, 0, start, 0, m);
                for (int group = 0; group < groups; group++) {
                    double[] x = w.x[group];
                    double[] gx = w.gx[group];
                    System.arraycopy(start, 0, c, 0, m);
                    suffixProducts(c, m, x, sx, m - 1, lanes);
                    for (int t = 0; t < chunk; t++) {
                        for (int l = 0; l < lanes; l++) {
                            a[t * lanes + l] = sx[l];
                            f[t * lanes + l] = sx[l] * x[jl + l];
                        }
                        suffixProducts(c, m, x, sx, nextSubset(c, m, j), lanes);
                    }
                    KERNEL.applyInterleaved(couplings, offsets[j] + r0 * length, chunk, length, x, gx, j + 1, f, d);
                    System.arraycopy(start, 0, c, 0, m);
                    suffixProducts(c, m, x, sx, m - 1, lanes);
                    for (int t = 0; t < chunk; t++) {
                        for (int l = 0; l < lanes; l++) {
                            double u = d[t * lanes + l];
                            gx[jl + l] += a[t * lanes + l] * u;
                            double before = x[jl + l] * u;
                            for (int q = 0; q < m; q++) {
                                int cq = c[q] * lanes + l;
                                gx[cq] += before * sx[(q + 1) * lanes + l];
                                before *= x[cq];
                            }
                        }
                        suffixProducts(c, m, x, sx, nextSubset(c, m, j), lanes);
                    }
                }
            }
        }
    }

    /** sx[q·lanes + l] = Π_{r ≥ q} x[c[r]·lanes + l] for q = top, …, 0, every lane. */
    private static void suffixProducts(int[] c, int m, double[] x, double[] sx, int top, int lanes) {
        for (int q = top; q >= 0; q--) {
            for (int l = 0; l < lanes; l++) {
                sx[q * lanes + l] = x[c[q] * lanes + l] * sx[(q + 1) * lanes + l];
            }
        }
    }

    /** c = {0, …, m − 1}, the first m-subset in colexicographic order, and its suffix products. */
    private static void firstSubset(int[] c, int m, double[] s, double[] suffix) {
        firstSubset(c, m);
        suffix[m] = 1;
        suffixProducts(c, m, s, suffix, m - 1);
    }

    private static void firstSubset(int[] c, int m) {
        for (int l = 0; l < m; l++) {
            c[l] = l;
        }
    }

    /** suffix[q] = Π_{r ≥ q} s[c[r]] for q = top, …, 0 (suffix[top + 1] already right). */
    private static void suffixProducts(int[] c, int m, double[] s, double[] suffix, int top) {
        for (int q = top; q >= 0; q--) {
            suffix[q] = s[c[q]] * suffix[q + 1];
        }
    }

    /**
     * The next m-subset of [0, j) in colexicographic order, and its suffix products; false after the
     * last one.
     */
    private static boolean nextSubset(int[] c, int m, int j, double[] s, double[] suffix) {
        int l = nextSubset(c, m, j);
        if (l >= 0) {
            suffixProducts(c, m, s, suffix, l);
        }
        return l >= 0;
    }

    /**
     * Advances c to the next m-subset of [0, j) in colexicographic order (the smallest entries change
     * first); returns the highest position changed, or −1 after the last subset.
     */
    private static int nextSubset(int[] c, int m, int j) {
        for (int l = 0; l < m; l++) {
            int limit = l + 1 < m ? c[l + 1] : j;
            if (c[l] + 1 < limit) {
                c[l]++;
                for (int q = 0; q < l; q++) {
                    c[q] = q;
                }
                return l;
            }
        }
        return -1;
    }

    /** Per-thread work arrays, grown on demand; never shared between threads. */
    private static final class Scratch {
        double[] s = new double[0];
        double[] g = new double[0];
        double[] f = new double[0];
        double[] d = new double[0];
        double[] a = new double[0];
        double[][] x = new double[0][];
        double[][] gx = new double[0][];
        double[] fx = new double[0];
        double[] dx = new double[0];
        double[] ax = new double[0];
        double[] suffix = new double[0];
        double[] sx = new double[0];
        int[] c = new int[0];
        int[] saved = new int[0];

        /** Room for one state of n spins at order p, and for {@code groups} interleaved groups. */
        Scratch ensure(int n, int p, int groups) {
            int rows = Math.max(n, ROW_CHUNK);
            if (s.length < n + PAD) {
                s = new double[n + PAD];
                g = new double[n + PAD];
            }
            if (f.length < rows) {
                f = new double[rows];
                d = new double[rows];
                a = new double[rows];
            }
            if (c.length < p) {
                c = new int[p];
                saved = new int[p];
                suffix = new double[p + 1];
            }
            if (groups > 0) {
                if (fx.length < rows * LANES) {
                    fx = new double[rows * LANES];
                    dx = new double[rows * LANES];
                    ax = new double[rows * LANES];
                }
                if (sx.length < (p + 1) * LANES) {
                    sx = new double[(p + 1) * LANES];
                }
                if (x.length < groups || x[0].length < n * LANES) {
                    int size = Math.max(n * LANES, x.length > 0 ? x[0].length : 0);
                    x = new double[Math.max(groups, x.length)][size];
                    gx = new double[x.length][size];
                }
            }
            return this;
        }

        /** s copied into the padded work array, zeros after it. */
        double[] padded(double[] state, int n) {
            System.arraycopy(state, 0, s, 0, n);
            Arrays.fill(s, n, n + PAD, 0.0);
            return s;
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
