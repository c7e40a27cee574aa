package org.glassy.path;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * What to evaluate along a path, kept apart from where (the {@link Chain}): a named scalar
 * function of a point, e.g. the training loss, the test loss or the test error of a network.
 *
 * @param name the column name, e.g. {@code "train_loss"}
 * @param function f(x), which must not modify x
 */
public record Measure(String name, ToDoubleFunction<double[]> function) {

    /**
     * Validates the fields.
     *
     * @param name the column name, not empty
     * @param function f(x)
     */
    public Measure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        if (name.isBlank() || name.equals("t")) {
            throw Require.invalid("name", "must be a non-blank column name other than 't', got '" + name + "'");
        }
    }

    /**
     * A model's energy (loss) as a measure.
     *
     * @param name the column name
     * @param model the model; its dimension must be the path's
     * @return the measure E(x)
     */
    public static Measure of(String name, Model model) {
        Objects.requireNonNull(model, "model");
        return new Measure(name, model::energy);
    }

    /**
     * A model's energy divided by a constant, e.g. the p-spin energy per spin E/N.
     *
     * @param name the column name
     * @param model the model
     * @param divisor the constant, finite and &gt; 0
     * @return the measure E(x)/divisor
     */
    public static Measure of(String name, Model model, double divisor) {
        Objects.requireNonNull(model, "model");
        org.glassy.internal.Require.positive("divisor", divisor);
        return new Measure(name, x -> model.energy(x) / divisor);
    }

    /**
     * Evaluates the measure.
     *
     * @param x the point, not modified
     * @return f(x)
     */
    public double at(double[] x) {
        return function.applyAsDouble(x);
    }
}
