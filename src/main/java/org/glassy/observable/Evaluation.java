package org.glassy.observable;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.glassy.model.Model;

/**
 * Any scalar function of the state, recorded at the recording times: the training loss E(x)
 * itself, a test loss (the same network on held-out data), a classification error.
 */
public final class Evaluation extends ScalarObservable {

    /** What is measured, from the time, the state and its energy. */
    private interface Measure {
        double of(double time, double[] x, double energy);
    }

    private final String name;
    private final Measure measure;

    /**
     * Records f(x).
     *
     * @param name the observable's name, e.g. {@code "test_loss"}
     * @param function f, which must not modify x
     */
    public Evaluation(String name, ToDoubleFunction<double[]> function) {
        this(name, measureOf(Objects.requireNonNull(function, "function")));
    }

    private Evaluation(String name, Measure measure) {
        this.name = Objects.requireNonNull(name, "name");
        this.measure = measure;
    }

    private static Measure measureOf(ToDoubleFunction<double[]> function) {
        return (time, x, energy) -> function.applyAsDouble(x);
    }

    /**
     * Records the energy (loss) of another model at the run's state, e.g. the test loss.
     *
     * @param name the observable's name
     * @param model the model to evaluate; its dimension must be the run's
     * @return the observable
     */
    public static Evaluation of(String name, Model model) {
        return new Evaluation(name, model::energy);
    }

    /**
     * Records the run's own energy, unnormalised: the training loss of a network.
     *
     * @return the observable named {@code "loss"}
     */
    public static Evaluation loss() {
        return new Evaluation("loss", (time, x, energy) -> energy);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected double measure(double time, double[] x, double energy) {
        return measure.of(time, x, energy);
    }
}
