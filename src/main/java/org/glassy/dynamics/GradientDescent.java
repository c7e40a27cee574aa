package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.core.NumericalInstabilityException;
import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * Gradient descent, the Euler discretisation of gradient flow dx/dt = −∇E(x):
 * x ← x − dt·P∇E(x), with P the tangent projection of the space, then retraction.
 *
 * <p>On a quadratic well E = ½ Σ k_i x_i² it gives x_i(t) = (1 − dt·k_i)^t x_i(0) exactly.
 *
 * <p>On a smooth landscape a small enough step lowers the energy at every step; a step that raises it by more
 * than round-off is too large (it overshoots the well, and on the sphere the retraction then lands anywhere).
 * {@link #monotone(double)} checks this: the energy of each step, E(x_k), may exceed the previous one,
 * E(x_{k−1}), by at most {@code riseTolerance}·|E(x_{k−1})| (10⁻⁹ relative, far above round-off); a larger
 * rise stops the run with a {@link NumericalInstabilityException} naming {@code dt}. The check is opt-in: on a
 * non-smooth loss such as the linear hinge, small rises are legitimate ({@link #GradientDescent(double)} does not
 * check).
 *
 * @param dt the time step (learning rate), finite and &gt; 0
 * @param riseTolerance the largest relative rise of the energy over one step, &gt; 0; infinite for no check
 */
public record GradientDescent(double dt, double riseTolerance) implements StepRule<Model, GradientDescent.State> {

    /** The relative rise {@link #monotone(double)} tolerates over one step: 10⁻⁹, far above round-off. */
    public static final double ROUND_OFF_RISE = 1e-9;

    /**
     * Validates the step and the tolerance.
     *
     * @param dt the time step, finite and &gt; 0
     * @param riseTolerance the largest relative rise over one step, &gt; 0 (infinite: no check)
     */
    public GradientDescent {
        Require.positive("dt", dt);
        if (!(riseTolerance > 0)) {
            throw Require.invalid("riseTolerance", "must be > 0 (Infinity for no check), got " + riseTolerance);
        }
    }

    /**
     * Gradient descent without the check of rising energy (for non-smooth losses).
     *
     * @param dt the time step, finite and &gt; 0
     */
    public GradientDescent(double dt) {
        this(dt, Double.POSITIVE_INFINITY);
    }

    /**
     * Gradient descent on a smooth landscape, stopped when a step raises the energy by more than
     * {@link #ROUND_OFF_RISE} relative: the step is then too large.
     *
     * @param dt the time step, finite and &gt; 0
     * @return the rule
     */
    public static GradientDescent monotone(double dt) {
        return new GradientDescent(dt, ROUND_OFF_RISE);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position x
     * @param gradient the last projected gradient (scratch)
     * @param energy E before the last step (NaN before the first)
     */
    public record State(double[] position, double[] gradient, double energy) implements RunState {
    }

    @Override
    public double timeStep() {
        return dt;
    }

    @Override
    public State init(Model model, Space space, double[] x0) {
        Steps.checkStart(model, space, x0);
        return new State(x0.clone(), new double[x0.length], Double.NaN);
    }

    @Override
    public State step(Model model, Space space, State state, long step, RandomGenerator random) {
        double[] x = state.position();
        double[] g = state.gradient();
        double energy = model.energyAndGradient(x, g);
        double previous = state.energy();
        if (energy - previous > riseTolerance * Math.abs(previous)) {
            throw new NumericalInstabilityException("gradient descent raised the energy from " + previous + " to "
                    + energy + " at step " + step + " (t = " + step * dt + "), by more than round-off (relative "
                    + riseTolerance + "): the step dt = " + dt + " is too large for this landscape", step, "dt");
        }
        space.tangent(x, g);
        for (int i = 0; i < x.length; i++) {
            x[i] -= dt * g[i];
        }
        space.retract(x);
        return new State(x, g, energy);
    }
}
