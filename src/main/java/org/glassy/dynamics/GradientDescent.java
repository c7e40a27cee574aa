package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * Gradient descent, the Euler discretisation of gradient flow dx/dt = −∇E(x):
 * x ← x − dt·P∇E(x), with P the tangent projection of the space, then retraction.
 *
 * <p>On a quadratic well E = ½ Σ k_i x_i² it gives x_i(t) = (1 − dt·k_i)^t x_i(0) exactly.
 *
 * @param dt the time step (learning rate), finite and &gt; 0
 */
public record GradientDescent(double dt) implements StepRule<Model, GradientDescent.State> {

    /**
     * Validates the step.
     *
     * @param dt the time step, finite and &gt; 0
     */
    public GradientDescent {
        Require.positive("dt", dt);
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
        space.tangent(x, g);
        for (int i = 0; i < x.length; i++) {
            x[i] -= dt * g[i];
        }
        space.retract(x);
        return new State(x, g, energy);
    }
}
