package org.glassy.study.agingtheory;

import java.util.Objects;

import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * A model in a small static field along a fixed direction: E_h(x) = E(x) − h ξ·x, ∇E_h = ∇E − h ξ, the
 * perturbation whose linear response {@link LinearResponse} measures. Immutable; the direction is copied.
 */
final class RandomField implements Model {

    private final Model model;
    private final double[] direction;
    private final double field;

    /**
     * The model in the field h ξ.
     *
     * @param model the unperturbed model E
     * @param direction ξ, of the model's dimension
     * @param field the strength h, finite
     */
    RandomField(Model model, double[] direction, double field) {
        this.model = Objects.requireNonNull(model, "model");
        model.checkDimension("direction", direction);
        this.direction = direction.clone();
        this.field = Require.finite("field", field);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public double energy(double[] x) {
        return model.energy(x) - field * dot(direction, x);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        double energy = model.energyAndGradient(x, gradient);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] -= field * direction[i];
        }
        return energy - field * dot(direction, x);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return model + " in a field h = " + field;
    }
}
