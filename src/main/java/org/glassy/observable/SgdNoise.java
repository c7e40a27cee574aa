package org.glassy.observable;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.internal.Require;
import org.glassy.model.BatchModel;

/**
 * The strength D of the SGD noise at a point x of parameter space: the per-parameter variance of the
 * mini-batch gradient around the full gradient, times η²,
 *
 * <pre>
 *   D(x) = (η²/M) tr Cov_B[g_B(x)] = (η²/M) E_B |g_B(x) − ∇E(x)|²,
 * </pre>
 *
 * <p>where g_B is the mean gradient over a batch B of B examples drawn <em>without replacement</em> from the
 * P training examples (one SGD batch, {@link org.glassy.dynamics.MiniBatchSgd}) and M the number of
 * parameters. It is the quantity by which M. Baity-Jesi et al., "Comparing dynamics: deep neural networks
 * versus glassy systems", ICML 2018 (arXiv:1803.06969) divide the mean square displacement at late times:
 * for a random walk x ← x − η ξ with Cov ξ = Cov_B, Δ(t_w, t_w + t) = D t, so Δ/D(t_w) is a pure diffusion
 * law. The estimator does not include a momentum factor: heavy-ball momentum μ multiplies the long-time
 * diffusion by 1/(1 − μ)², so that Δ/D → t/(1 − μ)² in the diffusive regime.
 *
 * <p>Closed form (sampling without replacement from a finite population): with the per-example gradients
 * g_μ, their mean ḡ = ∇E and S² = (1/(P − 1)) Σ_μ |g_μ − ḡ|²,
 * {@code E_B |g_B − ḡ|² = S² (P − B)/(B P)}.
 *
 * <p><b>The estimator.</b> A fixed random subset S of n examples (n ≤ P, drawn without replacement once, at
 * construction, from the seed; n = P uses every example) stands for the training set. At each x the full
 * gradient ḡ_S over S and K independent batches b_1 … b_K of B examples, each drawn without replacement from
 * S, are evaluated, and
 *
 * <pre>
 *   D̂(x) = (η²/M) · (P − B)/P · n/(n − B) · (1/K) Σ_k |g_{b_k} − ḡ_S|²,
 * </pre>
 *
 * <p>unbiased over both stages of sampling (the subset and the batches): E|g_b − ḡ_S|² = S_S² (n − B)/(B n)
 * within the subset, and the subset's S_S² is an unbiased estimate of the training set's S². For n = P it
 * reduces to the plain Monte Carlo average (η²/M)(1/K) Σ_k |g_{b_k} − ∇E|². Its {@link Estimate#standardError}
 * is the standard error over the K batches (s/√K of the K terms, scaled alike); with n &lt; P it leaves out
 * the subset's own sampling error, of relative size about c √((1 − n/P)/n) for per-example squared deviations
 * with coefficient of variation c. Cost per estimate: n + K B per-example gradients.
 *
 * <p>The batches at a point are drawn from a generator seeded by the constructor's seed and the bits of x,
 * so an estimate is a deterministic function of x (a resumed run records the same values).
 */
public final class SgdNoise {

    /**
     * An estimate and its standard error over the batches.
     *
     * @param value D̂
     * @param standardError the standard error of D̂ over the K batches
     */
    public record Estimate(double value, double standardError) {
    }

    private final BatchModel model;
    private final double learningRate;
    private final int batchSize;
    private final int batches;
    private final int[] subset;
    private final long seed;

    /**
     * An estimator for SGD with learning rate η and batches of B examples.
     *
     * @param model the training loss, with P examples and M parameters
     * @param learningRate η &gt; 0 (D scales as η²)
     * @param batchSize B, at least 1 and below the subset size n
     * @param subsetSize n, the number of examples the estimate uses, B &lt; n ≤ P
     * @param batches K, the number of batches per estimate, at least 2
     * @param seed chooses the subset and seeds the batches
     */
    public SgdNoise(BatchModel model, double learningRate, int batchSize, int subsetSize, int batches, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.learningRate = Require.positive("learningRate", learningRate);
        Require.atLeast("batchSize", batchSize, 1);
        int p = model.exampleCount();
        if (subsetSize <= batchSize || subsetSize > p) {
            throw Require.invalid("subsetSize", "must lie in (batchSize, P] = (" + batchSize + ", " + p + "], got "
                    + subsetSize);
        }
        this.batchSize = batchSize;
        this.batches = Require.atLeast("batches", batches, 2);
        this.seed = seed;
        int[] all = new int[p];
        Arrays.setAll(all, i -> i);
        shuffleHead(all, subsetSize, new SplittableRandom(seed));
        this.subset = Arrays.copyOf(all, subsetSize);
        Arrays.sort(subset);
    }

    /** @return the examples of the subset S, in increasing order (a copy) */
    public int[] subset() {
        return subset.clone();
    }

    /**
     * Estimates D at x.
     *
     * @param x the parameters, of length M; not modified
     * @return D̂ and its standard error over the batches
     */
    public Estimate estimate(double[] x) {
        int m = model.dimension();
        double[] mean = new double[m];
        double[] g = new double[m];
        model.batchEnergyAndGradient(x, subset, 0, subset.length, mean);
        SplittableRandom random = new SplittableRandom(seed ^ Long.rotateLeft(Arrays.hashCode(x) * 0x9E3779B97F4A7C15L, 17)
                ^ 0xD1B54A32D192ED03L);
        int[] pool = subset.clone();
        double sum = 0;
        double sumSquares = 0;
        for (int k = 0; k < batches; k++) {
            shuffleHead(pool, batchSize, random);
            model.batchEnergyAndGradient(x, pool, 0, batchSize, g);
            double s = 0;
            for (int i = 0; i < m; i++) {
                double d = g[i] - mean[i];
                s += d * d;
            }
            sum += s;
            sumSquares += s * s;
        }
        int n = subset.length;
        double p = model.exampleCount();
        double scale = learningRate * learningRate / m * (p - batchSize) / p * n / (double) (n - batchSize);
        double average = sum / batches;
        double variance = Math.max(0, (sumSquares - batches * average * average) / (batches - 1));
        return new Estimate(scale * average, scale * Math.sqrt(variance / batches));
    }

    /**
     * The exact D at x for SGD on the whole training set, from the closed form D = (η²/M) S² (P − B)/(B P)
     * with every per-example gradient evaluated (P gradients of one example): the reference the Monte Carlo
     * estimate is unbiased for.
     *
     * @param x the parameters, of length M; not modified
     * @return D
     */
    public double exact(double[] x) {
        int m = model.dimension();
        int p = model.exampleCount();
        int[] all = new int[p];
        Arrays.setAll(all, i -> i);
        double[] mean = new double[m];
        model.batchEnergyAndGradient(x, all, 0, p, mean);
        double[] g = new double[m];
        double s2 = 0;
        for (int mu = 0; mu < p; mu++) {
            model.batchEnergyAndGradient(x, all, mu, mu + 1, g);
            for (int i = 0; i < m; i++) {
                double d = g[i] - mean[i];
                s2 += d * d;
            }
        }
        if (p == 1) {
            return 0;
        }
        s2 /= p - 1;
        return learningRate * learningRate / m * s2 * (p - batchSize) / ((double) batchSize * p);
    }

    /**
     * The estimate at the run's state as a recorded observable, e.g. on the loss grid of an aging run.
     *
     * @param name the observable's name, e.g. {@code "noise"}
     * @return an observable recording {@link #estimate}{@code (x).value()}
     */
    public Evaluation observable(String name) {
        return new Evaluation(name, x -> estimate(x).value());
    }

    /** Moves a uniformly random choice of {@code count} entries, in random order, to the head of {@code a}. */
    private static void shuffleHead(int[] a, int count, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public String toString() {
        return "SgdNoise[lr=" + learningRate + ", batch=" + batchSize + ", subset=" + subset.length + "/"
                + model.exampleCount() + ", batches=" + batches + "]";
    }
}
