package org.glassy.study.jamming;

import java.util.Objects;

import org.glassy.internal.Require;

/**
 * A binary classification set with labels y_μ = ±1: P inputs of dimension d, row-major in one flat array
 * (example μ occupies {@code inputs[μ·d .. (μ+1)·d)}). The arrays are shared, not copied: read-only.
 *
 * @param dimension d, at least 1
 * @param inputs P·d values
 * @param labels P labels, each −1 or +1
 */
public record Examples(int dimension, double[] inputs, double[] labels) {

    /**
     * Validates the shapes and the labels.
     *
     * @param dimension d, at least 1
     * @param inputs P·d values
     * @param labels P labels, each ±1
     */
    public Examples {
        Require.atLeast("dimension", dimension, 1);
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        if (inputs.length != (long) labels.length * dimension) {
            throw Require.invalid("inputs", "must hold labels.length · dimension = " + (long) labels.length * dimension
                    + " values, got " + inputs.length);
        }
        for (double y : labels) {
            if (y != 1 && y != -1) {
                throw Require.invalid("labels", "must be -1 or +1, got " + y);
            }
        }
    }

    /** @return the number of examples P */
    public int size() {
        return labels.length;
    }
}
