package org.glassy.study.jamming;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.data.Pca;
import org.glassy.internal.Require;

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
                Pca axes = principalAxes(train);
                List<double[]>[] groups = new List[] {new ArrayList<double[]>(), new ArrayList<double[]>()};
                for (Dataset set : new Dataset[] {train, test}) {
                    Dataset z = axes.apply(set);
                    for (int mu = 0; mu < set.size(); mu++) {
                        groups[set.labels()[mu] < 5 ? 0 : 1].add(java.util.Arrays.copyOfRange(z.inputs(),
                                mu * PCA_DIMENSION, (mu + 1) * PCA_DIMENSION));
                    }
                }
                pool = groups;
            }
            return pool;
        }
    }

    /**
     * The mean image and the first {@link #PCA_DIMENSION} principal axes of the first {@link #PCA_IMAGES}
     * training images, whitened ({@link Pca}).
     */
    private static Pca principalAxes(Dataset train) {
        int n = Math.min(PCA_IMAGES, train.size());
        int d = train.inputDimension();
        Dataset first = new Dataset(train.name(), n, d, train.classes(),
                java.util.Arrays.copyOf(train.inputs(), n * d), java.util.Arrays.copyOf(train.labels(), n));
        return Pca.fit(first, PCA_DIMENSION);
    }
}
