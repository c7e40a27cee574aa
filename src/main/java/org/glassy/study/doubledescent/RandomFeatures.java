package org.glassy.study.doubledescent;

import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

import org.glassy.internal.Require;
import org.glassy.model.Activation;

/**
 * A random features model, a two-layer network whose first layer is frozen at its random initialisation (the
 * lazy regime of a wide network): f(x) = (1/√N) Σ_{i=1}^{N} a_i σ(θ_i·x/√D), θ_i drawn once, uniformly on the sphere
 * |θ_i|² = D (a Gaussian vector rescaled), so that θ_i·x/√D is a standard Gaussian in the limit for |x|² = D; only
 * the second layer a is fitted, by {@link RidgeRegression} on the features Z_{μi} = σ(θ_i·x_μ/√D)/√N
 * (A. Rahimi and B. Recht, NIPS 2007; S. Mei and A. Montanari, arXiv:1908.05355). Immutable once fitted.
 */
public final class RandomFeatures {

    private final DoubleUnaryOperator activation;
    private final int features;
    private final int dim;
    /** θ, N × D row-major. */
    private final double[] theta;

    /**
     * Draws the first layer.
     *
     * @param activation σ
     * @param features N &gt;= 1
     * @param dim D &gt;= 1
     * @param random the generator of θ (the initialisation)
     */
    public RandomFeatures(Activation activation, int features, int dim, RandomGenerator random) {
        this(activation::value, features, dim, random);
    }

    /**
     * Draws the first layer, with any activation (the tests use the identity: the linear model).
     *
     * @param activation σ
     * @param features N &gt;= 1
     * @param dim D &gt;= 1
     * @param random the generator of θ
     */
    RandomFeatures(DoubleUnaryOperator activation, int features, int dim, RandomGenerator random) {
        this.activation = activation;
        this.features = Require.atLeast("features", features, 1);
        this.dim = Require.atLeast("dim", dim, 1);
        this.theta = sphereRows(features, dim, random);
    }

    /**
     * Rows drawn uniformly on the sphere of radius √D: Gaussian rows rescaled to |row|² = D.
     *
     * @param rows the number of rows
     * @param dim D
     * @param random the generator
     * @return rows × D, row-major
     */
    public static double[] sphereRows(int rows, int dim, RandomGenerator random) {
        double[] m = new double[rows * dim];
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                double g = random.nextGaussian();
                m[r * dim + k] = g;
                norm += g * g;
            }
            double scale = Math.sqrt(dim / norm);
            for (int k = 0; k < dim; k++) {
                m[r * dim + k] *= scale;
            }
        }
        return m;
    }

    /**
     * The feature matrix Z_{μi} = σ(θ_i·x_μ/√D)/√N.
     *
     * @param x inputs, rows × D row-major
     * @param rows the number of inputs
     * @return rows × N, row-major
     */
    public double[] features(double[] x, int rows) {
        double[] z = new double[rows * features];
        double pre = 1 / Math.sqrt(dim);
        double post = 1 / Math.sqrt(features);
        for (int r = 0; r < rows; r++) {
            RidgeRegression.checkInterrupt();
            int ox = r * dim;
            for (int i = 0; i < features; i++) {
                int ot = i * dim;
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    s += theta[ot + k] * x[ox + k];
                }
                z[r * features + i] = post * activation.applyAsDouble(pre * s);
            }
        }
        return z;
    }

    /**
     * Fits the second layer by ridge regression and returns the predictions on test inputs.
     *
     * @param x training inputs, rows × D
     * @param y training labels
     * @param ridge λ &gt;= 0 of (1/P)|y − Za|² + λ|a|²
     * @param test test inputs, testRows × D
     * @param testRows the number of test inputs
     * @return f at the test inputs
     */
    public double[] fitAndPredict(double[] x, double[] y, double ridge, double[] test, int testRows) {
        double[] a = RidgeRegression.fit(features(x, y.length), y.length, features, y, ridge);
        double[] zt = features(test, testRows);
        double[] f = new double[testRows];
        for (int r = 0; r < testRows; r++) {
            double s = 0;
            for (int i = 0; i < features; i++) {
                s += zt[r * features + i] * a[i];
            }
            f[r] = s;
        }
        return f;
    }

    /** @return N */
    public int featureCount() {
        return features;
    }
}
