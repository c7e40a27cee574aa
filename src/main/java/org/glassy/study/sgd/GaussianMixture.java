package org.glassy.study.sgd;

import java.util.SplittableRandom;

import org.glassy.internal.Require;
import org.glassy.model.LinearClassifier;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.special.Erf;

/**
 * A sample of the two-cluster Gaussian mixture of Mignacco, Krzakala, Urbani, Zdeborová (NeurIPS 2020,
 * arXiv:2006.06098): a centre v* ~ N(0, I_d), labels c_μ = ±1 with probability ½ each and inputs
 *
 * <pre>
 *   x_μ = c_μ v* /√d + √Δ z_μ,   z_μ ~ N(0, I_d).
 * </pre>
 *
 * <p>For any weights w the classifier sign(w·x) errs on a fresh example with probability, exactly,
 *
 * <pre>
 *   ε_g(w) = P(c w·x &lt; 0) = ½ erfc( m / √(2Δ q) ),   m = w·v* /√d,   q = |w|²,
 * </pre>
 *
 * <p>since c w·x = m + √Δ c w·z and c w·z ~ N(0, q). With the square loss and ridge λ the training minimum of
 * {@link LinearClassifier} is the ridge solution (XᵀX/d + λI) w = Xᵀc/√d ({@link #ridgeSolution}), so its
 * generalisation error has the closed form ε_g(w_ridge).
 *
 * @param dimension d
 * @param variance Δ, the cluster variance
 * @param centre v*, length d
 * @param inputs the n inputs, row-major
 * @param labels the n labels ±1
 */
public record GaussianMixture(int dimension, double variance, double[] centre, double[] inputs, double[] labels) {

    /**
     * Draws a sample.
     *
     * @param dimension d, at least 1
     * @param samples n, at least 1
     * @param variance Δ &gt; 0
     * @param seed the seed of centre, labels and noise
     * @return the sample
     */
    public static GaussianMixture sample(int dimension, int samples, double variance, long seed) {
        Require.atLeast("dimension", dimension, 1);
        Require.atLeast("samples", samples, 1);
        Require.positive("variance", variance);
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = random.nextGaussian();
        }
        double[] x = new double[samples * dimension];
        double[] c = new double[samples];
        draw(v, variance, random, x, c);
        return new GaussianMixture(dimension, variance, v, x, c);
    }

    private static void draw(double[] v, double variance, SplittableRandom random, double[] x, double[] c) {
        int d = v.length;
        double sd = Math.sqrt(variance);
        double s = 1 / Math.sqrt(d);
        for (int mu = 0; mu < c.length; mu++) {
            c[mu] = random.nextBoolean() ? 1 : -1;
            for (int i = 0; i < d; i++) {
                x[mu * d + i] = c[mu] * v[i] * s + sd * random.nextGaussian();
            }
        }
    }

    /** @return the number of examples n */
    public int samples() {
        return labels.length;
    }

    /**
     * The training loss over this sample.
     *
     * @param ridge λ ≥ 0
     * @param loss the per-example loss
     * @return the model
     */
    public LinearClassifier model(double ridge, LinearClassifier.ExampleLoss loss) {
        return new LinearClassifier(dimension, inputs, labels, ridge, loss);
    }

    /**
     * Returns the minimiser of the square loss with ridge λ, (XᵀX/d + λI)⁻¹ Xᵀc/√d.
     *
     * @param ridge λ ≥ 0 (λ &gt; 0, or n ≥ d, for a unique solution)
     * @return w
     */
    public double[] ridgeSolution(double ridge) {
        Require.nonNegative("ridge", ridge);
        int d = dimension;
        int n = samples();
        double[][] a = new double[d][d];
        double[] rhs = new double[d];
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < d; i++) {
                double xi = inputs[mu * d + i];
                rhs[i] += xi * labels[mu] / Math.sqrt(d);
                for (int j = 0; j < d; j++) {
                    a[i][j] += xi * inputs[mu * d + j] / d;
                }
            }
        }
        for (int i = 0; i < d; i++) {
            a[i][i] += ridge;
        }
        return new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(rhs, false)).toArray();
    }

    /**
     * Returns ε_g(w) = ½ erfc(m/√(2Δq)), the exact probability that sign(w·x) errs on a fresh example.
     *
     * @param w the weights, length d
     * @return the generalisation error in [0, 1]; ½ for w = 0
     */
    public double generalisationError(double[] w) {
        if (w.length != dimension) {
            throw Require.invalid("w", "must have length " + dimension + ", got " + w.length);
        }
        double m = 0;
        double q = 0;
        for (int i = 0; i < dimension; i++) {
            m += w[i] * centre[i];
            q += w[i] * w[i];
        }
        if (q == 0) {
            return 0.5;
        }
        m /= Math.sqrt(dimension);
        return 0.5 * Erf.erfc(m / Math.sqrt(2 * variance * q));
    }

    /**
     * Counts the errors of sign(w·x) on fresh examples from the same mixture (same centre): the Monte-Carlo
     * estimate of {@link #generalisationError}.
     *
     * @param w the weights, length d
     * @param examples the number of test examples, at least 1
     * @param seed the seed of the test set
     * @return the fraction misclassified (c w·x ≤ 0)
     */
    public double testError(double[] w, int examples, long seed) {
        Require.atLeast("examples", examples, 1);
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[dimension];
        double[] c = new double[1];
        int wrong = 0;
        for (int k = 0; k < examples; k++) {
            draw(centre, variance, random, x, c);
            double h = 0;
            for (int i = 0; i < dimension; i++) {
                h += w[i] * x[i];
            }
            if (c[0] * h <= 0) {
                wrong++;
            }
        }
        return (double) wrong / examples;
    }
}
