package org.glassy.study.jamming;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.internal.Require;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * The data sets of the jamming study, prepared as the authors' {@code functions.get_dataset} does
 * ({@code mariogeiger/nn_jamming}): inputs centred (the mean over the set subtracted) and each rescaled to
 * |x| = √d; labels balanced, y_μ = −1, +1, −1, … alternately (on i.i.d. inputs a random labelling).
 *
 * <ul>
 * <li>{@link #random}: Gaussian inputs (M. Geiger et al., Phys. Rev. E 100, 012115 (2019), Fig. 1B).</li>
 * <li>{@link #fashionMnist}: Fashion-MNIST projected on its first d = 10 principal components, whitened (each
 *     component divided by the square root of its variance), label −1 for classes 0–4 and +1 for 5–9; as the
 *     authors' {@code mnist_pca} and {@code cifar2} sets (S. Spigler et al., J. Phys. A 52, 474001 (2019)).
 *     The pool is the 70 000 images (train and test files), split per label group, each group shuffled with
 *     the seed and the groups interleaved; the first P are the training set, the next T the test set.</li>
 * </ul>
 */
public final class JammingData {

    /** The number of principal components of the Fashion-MNIST set. */
    public static final int PCA_DIMENSION = 10;

    /** Training images the principal axes are computed from (the first of the training file). */
    public static final int PCA_IMAGES = 5_000;

    private static volatile double[][] basis;   // mean (784), then the PCA_DIMENSION whitened axes (784 each)
    private static volatile List<double[]>[] pool;   // the images of each label group, in file order

    private JammingData() {
    }

    /**
     * A training set and a test set.
     *
     * @param train the training examples
     * @param test the test examples, or null for random data
     */
    public record Split(Examples train, Examples test) {
    }

    /**
     * Random data: P Gaussian inputs in dimension d, centred and normalised to |x| = √d, labels ±1 alternately.
     *
     * @param samples P ≥ 1
     * @param dim d ≥ 1
     * @param seed the seed of the inputs
     * @return the training set
     */
    public static Examples random(int samples, int dim, long seed) {
        Require.atLeast("samples", samples, 1);
        Require.atLeast("dim", dim, 1);
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[samples * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return new Examples(dim, normalise(x, dim), alternatingLabels(samples));
    }

    /**
     * The Fashion-MNIST task: P training and T test images in d = 10 whitened principal components, classes 0–4
     * (y = −1) against 5–9 (y = +1).
     *
     * @param samples P ≥ 1
     * @param testSamples T ≥ 1, with P + T ≤ 70 000
     * @param seed the seed of the shuffle
     * @return the split
     */
    public static Split fashionMnist(int samples, int testSamples, long seed) {
        Require.atLeast("samples", samples, 1);
        Require.atLeast("testSamples", testSamples, 1);
        int total = FashionMnist.TRAIN_SIZE + FashionMnist.TEST_SIZE;
        if ((long) samples + testSamples > total) {
            throw Require.invalid("testSamples", "must leave P + T <= " + total + " images, got P + T = "
                    + ((long) samples + testSamples));
        }
        List<double[]>[] groups = pool();
        SplittableRandom random = new SplittableRandom(seed);
        int[][] order = new int[2][];
        for (int g = 0; g < 2; g++) {
            order[g] = permutation(groups[g].size(), random);
        }
        int n = samples + testSamples;
        if ((n + 1) / 2 > Math.min(groups[0].size(), groups[1].size())) {
            throw Require.invalid("testSamples", "must leave P + T within twice the smaller label group, got "
                    + n);
        }
        double[] x = new double[n * PCA_DIMENSION];
        for (int mu = 0; mu < n; mu++) {
            int g = mu % 2;
            System.arraycopy(groups[g].get(order[g][mu / 2]), 0, x, mu * PCA_DIMENSION, PCA_DIMENSION);
        }
        double[] train = java.util.Arrays.copyOfRange(x, 0, samples * PCA_DIMENSION);
        double[] test = java.util.Arrays.copyOfRange(x, samples * PCA_DIMENSION, n * PCA_DIMENSION);
        double[] testLabels = new double[testSamples];
        for (int mu = 0; mu < testSamples; mu++) {
            testLabels[mu] = (samples + mu) % 2 == 0 ? -1 : 1;
        }
        return new Split(new Examples(PCA_DIMENSION, normalise(train, PCA_DIMENSION), alternatingLabels(samples)),
                new Examples(PCA_DIMENSION, normalise(test, PCA_DIMENSION), testLabels));
    }

    /**
     * Centres a set (subtracts the mean input) and rescales every input to norm √d, in place.
     *
     * @param x the inputs, row-major
     * @param dim d
     * @return x
     */
    static double[] normalise(double[] x, int dim) {
        int p = x.length / dim;
        double[] mean = new double[dim];
        for (int mu = 0; mu < p; mu++) {
            for (int i = 0; i < dim; i++) {
                mean[i] += x[mu * dim + i] / p;
            }
        }
        for (int mu = 0; mu < p; mu++) {
            double norm = 0;
            for (int i = 0; i < dim; i++) {
                x[mu * dim + i] -= mean[i];
                norm += x[mu * dim + i] * x[mu * dim + i];
            }
            double scale = norm > 0 ? Math.sqrt(dim / norm) : 0;
            for (int i = 0; i < dim; i++) {
                x[mu * dim + i] *= scale;
            }
        }
        return x;
    }

    private static double[] alternatingLabels(int samples) {
        double[] y = new double[samples];
        for (int mu = 0; mu < samples; mu++) {
            y[mu] = mu % 2 == 0 ? -1 : 1;
        }
        return y;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The 70 000 images projected and whitened, grouped by label (0–4, 5–9); computed once per JVM. */
    @SuppressWarnings("unchecked")
    private static List<double[]>[] pool() {
        List<double[]>[] p = pool;
        if (p != null) {
            return p;
        }
        synchronized (JammingData.class) {
            if (pool == null) {
                Dataset train = FashionMnist.train();
                Dataset test = FashionMnist.test();
                double[][] axes = principalAxes(train);
                List<double[]>[] groups = new List[] {new ArrayList<double[]>(), new ArrayList<double[]>()};
                for (Dataset set : new Dataset[] {train, test}) {
                    for (int mu = 0; mu < set.size(); mu++) {
                        groups[set.labels()[mu] < 5 ? 0 : 1].add(project(set.inputs(), mu * set.inputDimension(),
                                axes));
                    }
                }
                pool = groups;
            }
            return pool;
        }
    }

    /**
     * The whitened projection of one image: z_k = (x − m)·v_k / √λ_k.
     */
    private static double[] project(double[] inputs, int offset, double[][] axes) {
        double[] mean = axes[0];
        double[] z = new double[PCA_DIMENSION];
        for (int k = 0; k < PCA_DIMENSION; k++) {
            double[] v = axes[k + 1];
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += (inputs[offset + i] - mean[i]) * v[i];
            }
            z[k] = s;
        }
        return z;
    }

    /**
     * The leading eigenvectors of a symmetric positive semi-definite matrix by block power (subspace) iteration
     * on 2m vectors with a Rayleigh–Ritz rotation, until the m leading Ritz values change by less than 10⁻¹²
     * relatively (at most 2000 iterations); each returned vector is divided by the square root of its eigenvalue.
     * Much cheaper than a full decomposition of the 784 × 784 covariance.
     */
    private static double[][] leadingEigenvectors(double[][] c, int m) {
        int n = c.length;
        int k = Math.min(n, 2 * m);
        SplittableRandom random = new SplittableRandom(12345L);
        double[][] v = new double[k][n];
        for (double[] col : v) {
            for (int i = 0; i < n; i++) {
                col[i] = random.nextGaussian();
            }
        }
        orthonormalise(v);
        double[] previous = new double[m];
        double[][] w = new double[k][n];
        double[][] t = new double[k][k];
        for (int it = 0; it < 2000; it++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    w[j][i] = dot(c[i], v[j]);
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b <= a; b++) {
                    t[a][b] = t[b][a] = (dot(v[a], w[b]) + dot(v[b], w[a])) / 2;
                }
            }
            double[] ritz = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(t)).getEigenvalues();
            boolean converged = true;
            for (int j = 0; j < m; j++) {
                converged &= Math.abs(ritz[j] - previous[j]) <= 1e-12 * Math.abs(ritz[j]);
                previous[j] = ritz[j];
            }
            if (converged && it > 0) {
                break;
            }
            double[][] swap = v;
            v = w;
            w = swap;
            orthonormalise(v);
        }
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                w[j][i] = dot(c[i], v[j]);
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                t[a][b] = t[b][a] = (dot(v[a], w[b]) + dot(v[b], w[a])) / 2;
            }
        }
        EigenDecompositionSymmetric ritz = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(t));
        double[][] out = new double[m][];
        for (int j = 0; j < m; j++) {
            double[] u = new double[n];
            double[] e = ritz.getEigenvector(j).toArray();
            double scale = 1 / Math.sqrt(ritz.getEigenvalues()[j]);
            for (int a = 0; a < k; a++) {
                for (int i = 0; i < n; i++) {
                    u[i] += scale * e[a] * v[a][i];
                }
            }
            out[j] = u;
        }
        return out;
    }

    /** Modified Gram–Schmidt, twice, on the vectors in place. */
    private static void orthonormalise(double[][] v) {
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < v.length; a++) {
                for (int b = 0; b < a; b++) {
                    double p = dot(v[a], v[b]);
                    for (int i = 0; i < v[a].length; i++) {
                        v[a][i] -= p * v[b][i];
                    }
                }
                double norm = Math.sqrt(dot(v[a], v[a]));
                for (int i = 0; i < v[a].length; i++) {
                    v[a][i] /= norm;
                }
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The mean image and the first {@link #PCA_DIMENSION} principal axes of the first {@link #PCA_IMAGES}
     * training images, each axis divided by the square root of its variance (so the projection is whitened).
     */
    private static double[][] principalAxes(Dataset train) {
        double[][] b = basis;
        if (b != null) {
            return b;
        }
        int d = train.inputDimension();
        int n = Math.min(PCA_IMAGES, train.size());
        double[] x = train.inputs();
        double[] mean = new double[d];
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < d; i++) {
                mean[i] += x[mu * d + i] / n;
            }
        }
        double[][] cov = new double[d][d];
        double[] row = new double[d];
        for (int mu = 0; mu < n; mu++) {
            for (int i = 0; i < d; i++) {
                row[i] = x[mu * d + i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double ri = row[i];
                if (ri == 0) {
                    continue;
                }
                double[] ci = cov[i];
                for (int j = i; j < d; j++) {
                    ci[j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= n - 1;
                cov[j][i] = cov[i][j];
            }
        }
        double[][] top = leadingEigenvectors(cov, PCA_DIMENSION);
        b = new double[PCA_DIMENSION + 1][];
        b[0] = mean;
        for (int k = 0; k < PCA_DIMENSION; k++) {
            b[k + 1] = top[k];
        }
        basis = b;
        return b;
    }
}
