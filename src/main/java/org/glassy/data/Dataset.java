package org.glassy.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.internal.Require;

/**
 * A labelled classification dataset: P examples of dimension D, stored row-major in one flat
 * array (example i occupies {@code inputs[i·D .. (i+1)·D)}), with integer class labels in [0, C).
 *
 * <p>The arrays are shared, not copied: treat them as read-only. Every transformation returns a
 * new dataset.
 *
 * @param name a short description, e.g. {@code "fashion-mnist train"}
 * @param size the number of examples P, at least 1
 * @param inputDimension the input dimension D, at least 1
 * @param classes the number of classes C, at least 2
 * @param inputs P·D values, row-major
 * @param labels P labels in [0, C)
 */
public record Dataset(String name, int size, int inputDimension, int classes, double[] inputs, int[] labels) {

    /**
     * Validates shapes and labels.
     *
     * @param name a short description
     * @param size the number of examples P, at least 1
     * @param inputDimension the input dimension D, at least 1
     * @param classes the number of classes C, at least 2
     * @param inputs P·D values, row-major
     * @param labels P labels in [0, C)
     */
    public Dataset {
        Objects.requireNonNull(name, "name");
        Require.atLeast("size", size, 1);
        Require.atLeast("inputDimension", inputDimension, 1);
        Require.atLeast("classes", classes, 2);
        if (inputs.length != (long) size * inputDimension) {
            throw new IllegalArgumentException("inputs must have size × inputDimension = " + (long) size * inputDimension
                    + " values, got " + inputs.length);
        }
        if (labels.length != size) {
            throw new IllegalArgumentException("labels must have size = " + size + " values, got " + labels.length);
        }
        for (int i = 0; i < size; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels must lie in [0, " + classes + "), got labels[" + i + "] = "
                        + labels[i]);
            }
        }
    }

    /**
     * Returns the examples at the given indices, in that order.
     *
     * @param indices example indices in [0, P), repeats allowed
     * @return a new dataset
     */
    public Dataset select(int... indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("indices must select at least one example, got none");
        }
        double[] x = new double[indices.length * inputDimension];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("indices must lie in [0, " + size + "), got " + i);
            }
            System.arraycopy(inputs, i * inputDimension, x, k * inputDimension, inputDimension);
            y[k] = labels[i];
        }
        return new Dataset(name, indices.length, inputDimension, classes, x, y);
    }

    /**
     * Returns the first {@code count} examples.
     *
     * @param count how many, in [1, P]
     * @return a new dataset
     */
    public Dataset first(int count) {
        if (count < 1 || count > size) {
            throw new IllegalArgumentException("count must lie in [1, " + size + "], got " + count);
        }
        int[] indices = new int[count];
        Arrays.setAll(indices, i -> i);
        return select(indices);
    }

    /**
     * Counts the examples of each class.
     *
     * @return C counts
     */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Returns a copy of the input of one example.
     *
     * @param i the example index, in [0, P)
     * @return a new array of D values
     */
    public double[] input(int i) {
        Require.inRange("i", i, 0, size - 1);
        return Arrays.copyOfRange(inputs, i * inputDimension, (i + 1) * inputDimension);
    }

    /**
     * Returns a class-balanced random subset: {@code perClass} examples of every class, drawn
     * uniformly without replacement within each class. The chosen examples keep their original
     * order, so classes stay interleaved as in this dataset. The same seed gives the same subset.
     *
     * @param perClass examples per class, in [1, n_min] where n_min is the size of the smallest class
     * @param seed the seed of the {@link SplittableRandom} that draws the subset
     * @return a new dataset of C·perClass examples
     */
    public Dataset balancedSubset(int perClass, long seed) {
        int[] counts = classCounts();
        int smallest = 0;
        for (int c = 1; c < classes; c++) {
            if (counts[c] < counts[smallest]) {
                smallest = c;
            }
        }
        if (perClass < 1 || perClass > counts[smallest]) {
            throw new IllegalArgumentException("perClass must lie in [1, " + counts[smallest] + "] (class " + smallest
                    + " has " + counts[smallest] + " examples), got " + perClass);
        }
        int[][] members = new int[classes][];
        int[] filled = new int[classes];
        for (int c = 0; c < classes; c++) {
            members[c] = new int[counts[c]];
        }
        for (int i = 0; i < size; i++) {
            members[labels[i]][filled[labels[i]]++] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[classes * perClass];
        for (int c = 0; c < classes; c++) {
            int[] m = members[c];
            for (int k = 0; k < perClass; k++) { // partial Fisher–Yates: m[0..k] is a uniform k+1-subset
                int j = k + random.nextInt(m.length - k);
                int t = m[k];
                m[k] = m[j];
                m[j] = t;
            }
            System.arraycopy(m, 0, chosen, c * perClass, perClass);
        }
        Arrays.sort(chosen);
        Dataset subset = select(chosen);
        return new Dataset(name + ", " + perClass + " per class", subset.size, inputDimension, classes, subset.inputs,
                subset.labels);
    }

    /**
     * Standardises every input feature with this dataset's own statistics:
     * x_ij → (x_ij − μ_j)/σ_j, where μ_j and σ_j² are the mean and the population variance of
     * feature j over the P examples. A constant feature (σ_j = 0) is only centred, so it becomes 0.
     * Afterwards every non-constant feature has mean 0 and variance 1.
     *
     * @return a new dataset with the same labels
     */
    public Dataset standardized() {
        return standardizedLike(this);
    }

    /**
     * Standardises every input feature with the statistics of {@code reference}:
     * x_ij → (x_ij − μ_j)/σ_j with μ_j, σ_j the per-feature mean and population standard deviation
     * of the reference (σ_j = 0 is replaced by 1). Use it to transform a test set with the
     * statistics of its training set.
     *
     * @param reference the dataset whose statistics are used, with the same input dimension D
     * @return a new dataset with the same labels
     */
    public Dataset standardizedLike(Dataset reference) {
        if (reference.inputDimension != inputDimension) {
            throw new IllegalArgumentException("reference must have inputDimension = " + inputDimension + ", got "
                    + reference.inputDimension);
        }
        int d = inputDimension;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int i = 0; i < reference.size; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += reference.inputs[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= reference.size;
        }
        for (int i = 0; i < reference.size; i++) {
            for (int j = 0; j < d; j++) {
                double u = reference.inputs[i * d + j] - mean[j];
                scale[j] += u * u;
            }
        }
        for (int j = 0; j < d; j++) {
            double sigma = Math.sqrt(scale[j] / reference.size);
            scale[j] = sigma > 0 ? sigma : 1;
        }
        double[] x = new double[inputs.length];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (inputs[i * d + j] - mean[j]) / scale[j];
            }
        }
        return new Dataset(name + ", standardized", size, d, classes, x, labels.clone());
    }
}
