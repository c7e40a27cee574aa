package org.glassy.observable;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.glassy.model.Model;

/**
 * Any scalar function of the state, recorded at the recording times: the training loss E(x)
 * itself, a test loss (the same network on held-out data), a classification error.
 */
public final class Evaluation extends ScalarObservable {

    private final String name;
    private final ToDoubleFunction<double[]> function;

    /**
     * Records f(x).
     *
     * @param name the observable's name, e.g. {@code "test_loss"}
     * @param function f, which must not modify x
     */
    public Evaluation(String name, ToDoubleFunction<double[]> function) {
        this(name, Objects.requireNonNull(function, "function"), true);
    }

    private Evaluation(String name, ToDoubleFunction<double[]> function, boolean unused) {
        this.name = Objects.requireNonNull(name, "name");
        this.function = function;
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
        return new Evaluation("loss", null, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected double measure(double time, double[] x, double energy) {
        return function == null ? energy : function.applyAsDouble(x);
    }
}
