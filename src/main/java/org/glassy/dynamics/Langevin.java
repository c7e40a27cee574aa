package org.glassy.dynamics;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * Overdamped Langevin dynamics dx = −∇E(x) dt + √(2T(t)) dW, integrated by Euler–Maruyama:
 *
 * <pre>
 *   x ← x + P[ −dt ∇E(x) + √(2 T(t) dt) ξ ],   ξ_i i.i.d. N(0, 1),
 * </pre>
 *
 * <p>with P the tangent projection of the space, followed by its retraction. The stationary
 * distribution is the Gibbs measure e^{−E/T} up to O(dt) corrections: in a harmonic well of
 * stiffness k the scheme gives exactly ⟨x²⟩ = (T/k)/(1 − k dt/2).
 *
 * <p>The temperature may depend on time (annealing); it is evaluated at the start of each step.
 * Immutable.
 */
public final class Langevin implements StepRule<Model, Langevin.State> {

    private final DoubleUnaryOperator temperature;
    private final double dt;
    private final double constantTemperature;

    /**
     * Langevin at a constant temperature.
     *
     * @param temperature T, finite and ≥ 0 (T = 0 is gradient descent)
     * @param dt the time step, finite and &gt; 0
     */
    public Langevin(double temperature, double dt) {
        double t = Require.nonNegative("temperature", temperature);
        this.temperature = time -> t;
        this.constantTemperature = t;
        this.dt = Require.positive("dt", dt);
    }

    /**
     * Langevin with a time-dependent temperature T(t).
     *
     * @param temperature T(t); every value it returns must be finite and ≥ 0
     * @param dt the time step, finite and &gt; 0
     */
    public Langevin(DoubleUnaryOperator temperature, double dt) {
        this.temperature = Objects.requireNonNull(temperature, "temperature");
        this.constantTemperature = Double.NaN;
        this.dt = Require.positive("dt", dt);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position x
     * @param work the last displacement (scratch)
     * @param energy E before the last step (NaN before the first)
     */
    public record State(double[] position, double[] work, double energy) implements RunState {
    }

    /**
     * Returns T(t).
     *
     * @param time the time t
     * @return the temperature at t
     */
    public double temperature(double time) {
        double t = temperature.applyAsDouble(time);
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw Require.invalid("temperature", "must be >= 0 and finite, got T(" + time + ") = " + t);
        }
        return t;
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
        double[] work = state.work();
        double energy = model.energyAndGradient(x, work);
        double amplitude = Math.sqrt(2 * temperature(step * dt) * dt);
        if (amplitude > 0) {
            for (int i = 0; i < x.length; i++) {
                work[i] = dt * work[i] - amplitude * random.nextGaussian();
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                work[i] *= dt;
            }
        }
        space.tangent(x, work);
        for (int i = 0; i < x.length; i++) {
            x[i] -= work[i];
        }
        space.retract(x);
        return new State(x, work, energy);
    }

    @Override
    public String toString() {
        return Double.isNaN(constantTemperature)
                ? "Langevin[T(t), dt=" + dt + "]"
                : "Langevin[T=" + constantTemperature + ", dt=" + dt + "]";
    }
}
