package org.glassy.data;

import java.util.Arrays;
import java.util.Objects;

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
}
