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
public record GradientDescent(double dt) implements StepRule {

    /**
     * Validates the step.
     *
     * @param dt the time step, finite and &gt; 0
     */
    public GradientDescent {
        Require.positive("dt", dt);
    }

    @Override
    public double timeStep() {
        return dt;
    }

    @Override
    public double step(Model model, Space space, double[] x, double time, RandomGenerator random, double[] work) {
        double energy = model.energyAndGradient(x, work);
        space.tangent(x, work);
        for (int i = 0; i < x.length; i++) {
            x[i] -= dt * work[i];
        }
        space.retract(x);
        return energy;
    }
}
