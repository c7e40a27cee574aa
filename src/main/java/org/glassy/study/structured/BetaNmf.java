package org.glassy.study.structured;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

import org.glassy.internal.Require;

/**
 * Nonnegative matrix factorisation V ≈ WH (V: F × N, W: F × K, H: K × N, all entries ≥ 0) under the
 * β-divergence, by alternating updates of H and W.
 *
 * <pre>
 *   D(V | WH) = Σ_fn d_β(v_fn | v̂_fn),  v̂ = WH,
 *   d_β(x | y) = (x^β + (β − 1) y^β − β x y^{β−1}) / (β (β − 1))     (β ∉ {0, 1}),
 *   d_1(x | y) = x log(x/y) − x + y  (Kullback–Leibler),   d_0(x | y) = x/y − log(x/y) − 1  (Itakura–Saito),
 * </pre>
 * and d_2 is half the squared Euclidean distance. Three updates of H (those of W are the same on Vᵀ ≈ HᵀWᵀ):
 * <ul>
 * <li>{@link Update#MM}, majorisation–minimisation (C. Févotte and J. Idier, "Algorithms for nonnegative matrix
 *     factorization with the β-divergence", Neural Computation 23, 2421 (2011), arXiv:1010.1763, section 4):
 *     h_kn ← h_kn (Σ_f w_fk v_fn v̂_fn^{β−2} / Σ_f w_fk v̂_fn^{β−1})^{γ(β)}, with
 *     γ(β) = 1/(2 − β) for β &lt; 1, 1 for 1 ≤ β ≤ 2 and 1/(β − 1) for β &gt; 2 ({@link #gamma}). Each update
 *     minimises an auxiliary function that majorises D and touches it at the current point, so D never
 *     increases;</li>
 * <li>{@link Update#HEURISTIC}: the same ratio with exponent 1 (the classical rules of Lee and Seung at β = 1, 2),
 *     identical to MM for β ∈ [1, 2]; Févotte and Idier prove it monotone also for β ∈ (0, 1) but not outside
 *     [0, 2];</li>
 * <li>{@link Update#PROJECTED_GRADIENT}: H ← max(0, H − η ∇_H D), with η found per block by Armijo backtracking
 *     (sufficient decrease D_new ≤ D − 10⁻⁴ ⟨∇D, H − H_new⟩, start from twice the last accepted η; C.-J. Lin,
 *     Neural Computation 19, 2756 (2007)), so also monotone.</li>
 * </ul>
 * The objective reported is D/(FN), the β-divergence per entry.
 *
 * <p>Matrices are row-major {@code double[]}. Not thread-safe: one instance is one run.
 */
public final class BetaNmf {

    /** The smallest β accepted. */
    public static final double MIN_BETA = -1;
    /** The largest β accepted. */
    public static final double MAX_BETA = 4;

    /** The update rule of the factors. */
    public enum Update {
        /** Févotte–Idier majorisation–minimisation, exponent γ(β). */
        MM,
        /** The heuristic multiplicative update, exponent 1. */
        HEURISTIC,
        /** Projected gradient with Armijo backtracking. */
        PROJECTED_GRADIENT;

        /**
         * Parses the command-line name.
         *
         * @param name mm, heuristic or projected-gradient
         * @return the update
         */
        public static Update parse(String name) {
            return switch (name) {
                case "mm" -> MM;
                case "heuristic" -> HEURISTIC;
                case "projected-gradient" -> PROJECTED_GRADIENT;
                default -> throw Require.invalid("update", "must be mm, heuristic or projected-gradient, got " + name);
            };
        }

        /** @return the command-line name */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final double[] v;
    private final int rows;
    private final int columns;
    private final int rank;
    private final double beta;
    private final Update update;
    private final double[] w;
    private final double[] h;
    private final double[] vHat;
    private final double[] numerator;
    private final double[] denominator;
    private double etaW = 1;
    private double etaH = 1;
    private double objective;

    /**
     * Starts a factorisation from a random nonnegative point: entries of W and H uniform in (0, 1) times
     * s = √(mean(V)/(K/4)), so that WH has the mean of V.
     *
     * @param v the data, F × N row-major, entries ≥ 0 (&gt; 0 where β ≤ 0 needs it: d_β(0 | y) is infinite there)
     * @param rows F ≥ 1
     * @param columns N ≥ 1
     * @param rank K in [1, min(F, N)]
     * @param beta β in [{@value #MIN_BETA}, {@value #MAX_BETA}]
     * @param update the update rule
     * @param seed the seed of the initial factors
     */
    public BetaNmf(double[] v, int rows, int columns, int rank, double beta, Update update, long seed) {
        Require.atLeast("rows", rows, 1);
        Require.atLeast("columns", columns, 1);
        Require.inRange("rank", rank, 1, Math.min(rows, columns));
        if (!(beta >= MIN_BETA && beta <= MAX_BETA)) {
            throw Require.invalid("beta", "must be in [" + MIN_BETA + ", " + MAX_BETA + "], got " + beta);
        }
        if (v.length != (long) rows * columns) {
            throw Require.invalid("v", "must hold rows × columns = " + (long) rows * columns + " entries, got "
                    + v.length);
        }
        double mean = 0;
        for (double x : v) {
            if (!(x >= 0) || (beta <= 0 && x == 0)) {
                throw Require.invalid("v", "entries must be " + (beta <= 0 ? "> 0 for beta <= 0" : ">= 0")
                        + ", got " + x);
            }
            mean += x;
        }
        mean /= v.length;
        this.v = v;
        this.rows = rows;
        this.columns = columns;
        this.rank = rank;
        this.beta = beta;
        this.update = update;
        SplittableRandom random = new SplittableRandom(seed);
        double scale = Math.sqrt(Math.max(mean, Double.MIN_NORMAL) / (rank / 4.0));
        w = new double[rows * rank];
        h = new double[rank * columns];
        for (int i = 0; i < w.length; i++) {
            w[i] = scale * random.nextDouble(1e-3, 1);
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = scale * random.nextDouble(1e-3, 1);
        }
        vHat = new double[rows * columns];
        numerator = new double[Math.max(w.length, h.length)];
        denominator = new double[numerator.length];
        objective = objective(v, reconstruct(w, h, vHat), beta);
    }

    /**
     * Starts a factorisation of a data matrix (see the main constructor).
     *
     * @param data V
     * @param rank K in [1, min(F, N)]
     * @param beta β in [{@value #MIN_BETA}, {@value #MAX_BETA}]
     * @param update the update rule
     * @param seed the seed of the initial factors
     */
    public BetaNmf(NmfData data, int rank, double beta, Update update, long seed) {
        this(data.v(), data.rows(), data.columns(), rank, beta, update, seed);
    }

    /**
     * The MM exponent of Févotte and Idier (arXiv:1010.1763, eq. 4.4 / table 2).
     *
     * @param beta β
     * @return γ(β) = 1/(2 − β) for β &lt; 1, 1 for 1 ≤ β ≤ 2, 1/(β − 1) for β &gt; 2
     */
    public static double gamma(double beta) {
        if (beta < 1) {
            return 1 / (2 - beta);
        }
        return beta > 2 ? 1 / (beta - 1) : 1;
    }

    /**
     * The β-divergence of one entry, d_β(x | y).
     *
     * @param x the datum, ≥ 0
     * @param y the model, &gt; 0
     * @param beta β
     * @return d_β(x | y) ≥ 0
     */
    public static double divergence(double x, double y, double beta) {
        if (beta == 2) {
            double d = x - y;
            return 0.5 * d * d;
        }
        if (beta == 1) {
            return (x == 0 ? 0 : x * Math.log(x / y)) - x + y;
        }
        if (beta == 0) {
            double r = x / y;
            return r - Math.log(r) - 1;
        }
        return (Math.pow(x, beta) + (beta - 1) * Math.pow(y, beta) - beta * x * Math.pow(y, beta - 1))
                / (beta * (beta - 1));
    }

    /**
     * The β-divergence per entry, D(V | V̂)/(FN).
     *
     * @param v the data
     * @param vHat the model, same length
     * @param beta β
     * @return Σ d_β(v | v̂) / length
     */
    public static double objective(double[] v, double[] vHat, double beta) {
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += divergence(v[i], vHat[i], beta);
        }
        return sum / v.length;
    }

    /**
     * Does one iteration (H, then W) and returns the new objective.
     *
     * @return D(V | WH)/(FN) after the iteration
     */
    public double iterate() {
        if (update == Update.PROJECTED_GRADIENT) {
            etaH = projectedGradient(false, etaH);
            etaW = projectedGradient(true, etaW);
        } else {
            double exponent = update == Update.MM ? gamma(beta) : 1;
            multiplicative(false, exponent);
            multiplicative(true, exponent);
        }
        objective = objective(v, reconstruct(w, h, vHat), beta);
        return objective;
    }

    /**
     * Runs iterations, handing the objective after each to {@code listener}.
     *
     * @param iterations the number of iterations, ≥ 0
     * @param listener receives the objective after each iteration
     * @return the final objective
     */
    public double run(int iterations, DoubleConsumer listener) {
        Require.atLeast("iterations", iterations, 0);
        for (int t = 0; t < iterations; t++) {
            listener.accept(iterate());
        }
        return objective;
    }

    /** @return the current objective D(V | WH)/(FN) */
    public double objective() {
        return objective;
    }

    /** @return a copy of W, F × K row-major: column k is the k-th component */
    public double[] w() {
        return w.clone();
    }

    /** @return a copy of H, K × N row-major */
    public double[] h() {
        return h.clone();
    }

    /** @return K */
    public int rank() {
        return rank;
    }

    /** V̂ = WH into {@code out} (F × N). */
    private double[] reconstruct(double[] w, double[] h, double[] out) {
        Arrays.fill(out, 0.0);
        for (int f = 0; f < rows; f++) {
            int row = f * columns;
            for (int k = 0; k < rank; k++) {
                double a = w[f * rank + k];
                int hk = k * columns;
                for (int n = 0; n < columns; n++) {
                    out[row + n] += a * h[hk + n];
                }
            }
        }
        return out;
    }

    /**
     * The two parts of the gradient of D with respect to the factor: ∇ = P − Q with
     * P = Wᵀ v̂^{β−1} and Q = Wᵀ (v ∘ v̂^{β−2}) for H (P = v̂^{β−1} Hᵀ, Q = (v ∘ v̂^{β−2}) Hᵀ for W),
     * into {@link #denominator} (P) and {@link #numerator} (Q), from the current {@link #vHat}.
     */
    private void gradientParts(boolean forW) {
        int size = forW ? w.length : h.length;
        Arrays.fill(numerator, 0, size, 0.0);
        Arrays.fill(denominator, 0, size, 0.0);
        for (int f = 0; f < rows; f++) {
            for (int n = 0; n < columns; n++) {
                int i = f * columns + n;
                double y = vHat[i];
                double p = power(y, beta - 1);
                double q = v[i] == 0 ? 0 : v[i] * power(y, beta - 2);
                if (forW) {
                    for (int k = 0; k < rank; k++) {
                        double hk = h[k * columns + n];
                        denominator[f * rank + k] += p * hk;
                        numerator[f * rank + k] += q * hk;
                    }
                } else {
                    for (int k = 0; k < rank; k++) {
                        double wk = w[f * rank + k];
                        denominator[k * columns + n] += p * wk;
                        numerator[k * columns + n] += q * wk;
                    }
                }
            }
        }
    }

    private void multiplicative(boolean forW, double exponent) {
        reconstruct(w, h, vHat);
        gradientParts(forW);
        double[] x = forW ? w : h;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == 0) {
                continue;
            }
            double ratio = numerator[i] / denominator[i];
            x[i] *= exponent == 1 ? ratio : Math.pow(ratio, exponent);
        }
    }

    private double projectedGradient(boolean forW, double eta) {
        reconstruct(w, h, vHat);
        double before = objective(v, vHat, beta) * v.length;
        gradientParts(forW);
        double[] x = forW ? w : h;
        double[] old = x.clone();
        double[] trial = forW ? h.clone() : w.clone();   // the fixed factor, for reconstructions
        eta *= 2;
        for (int attempt = 0; attempt < 60; attempt++) {
            double decrease = 0;
            for (int i = 0; i < x.length; i++) {
                double g = denominator[i] - numerator[i];
                x[i] = Math.max(0, old[i] - eta * g);
                decrease += g * (old[i] - x[i]);
            }
            double after = objective(v, forW ? reconstruct(x, trial, vHat) : reconstruct(trial, x, vHat), beta)
                    * v.length;
            if (after <= before - 1e-4 * decrease) {
                return eta;
            }
            eta /= 2;
        }
        System.arraycopy(old, 0, x, 0, x.length);
        return eta;
    }

    /** y^e with the common integer exponents done exactly. */
    private static double power(double y, double e) {
        if (e == 0) {
            return 1;
        }
        if (e == 1) {
            return y;
        }
        if (e == -1) {
            return 1 / y;
        }
        if (e == -2) {
            return 1 / (y * y);
        }
        return Math.pow(y, e);
    }
}
