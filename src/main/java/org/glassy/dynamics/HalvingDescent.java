package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * Projected gradient descent with a fixed step that is halved when the energy stalls, keeping the
 * best point: a minimiser for non-smooth energies such as the linear hinge loss, where a fixed
 * step chatters across the kinks. Each step is x ← retract(x − η P∇E(x)); every {@code window}
 * steps the best energy so far is compared with its value a window earlier, and if it has
 * decreased by a relative amount below {@code relativeTolerance} the run restarts from the best
 * point with η/2. A run stops ({@link RunState#converged()}) after {@code maxHalvings} halvings
 * have stalled too, or once the best energy is at most {@code targetEnergy} (e.g. zero loss: a
 * satisfiable perceptron). The answer is {@link State#best()}, not the last position.
 *
 * <p>The first step is either η = {@code step} or, with {@link #firstMove}, the η that moves x by
 * {@code step} (η = step / |P∇E(x₀)|). Time is counted in steps.
 *
 * @param step the step η, or the length of the first move
 * @param firstMove whether {@code step} is the length of the first move
 * @param window steps between stall checks, at least 1
 * @param relativeTolerance the relative decrease per window below which the energy has stalled, ≥ 0
 * @param maxHalvings the number of halvings before a stall stops the run, ≥ 0
 * @param targetEnergy the energy at or below which the run stops
 */
public record HalvingDescent(double step, boolean firstMove, int window, double relativeTolerance, int maxHalvings,
                             double targetEnergy) implements StepRule<Model, HalvingDescent.State> {

    /**
     * Validates the parameters.
     *
     * @param step η or the first move, &gt; 0
     * @param firstMove whether step is the first move's length
     * @param window at least 1
     * @param relativeTolerance ≥ 0
     * @param maxHalvings ≥ 0
     * @param targetEnergy any value (−∞: never)
     */
    public HalvingDescent {
        Require.positive("step", step);
        Require.atLeast("window", window, 1);
        Require.nonNegative("relativeTolerance", relativeTolerance);
        Require.atLeast("maxHalvings", maxHalvings, 0);
        if (Double.isNaN(targetEnergy)) {
            throw Require.invalid("targetEnergy", "must not be NaN");
        }
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position x
     * @param gradient P∇E(x)
     * @param best the point of lowest energy so far
     * @param bestEnergy its energy
     * @param windowStart the best energy at the start of the current window
     * @param eta the current step η
     * @param halvings the number of stalls so far
     * @param energy E(x) after the last step
     * @param done whether the run has stopped (target reached or stalled after the last halving)
     */
    public record State(double[] position, double[] gradient, double[] best, double bestEnergy, double windowStart,
                        double eta, int halvings, double energy, boolean done) implements RunState {
        @Override
        public boolean converged() {
            return done;
        }
    }

    @Override
    public double timeStep() {
        return 1;
    }

    @Override
    public State init(Model model, Space space, double[] x0) {
        Steps.checkStart(model, space, x0);
        double[] x = x0.clone();
        double[] g = new double[x.length];
        double energy = model.energyAndGradient(x, g);
        space.tangent(x, g);
        double eta = firstMove ? step / Math.max(norm(g), Double.MIN_NORMAL) : step;
        return new State(x, g, x.clone(), energy, energy, eta, 0, energy, energy <= targetEnergy);
    }

    @Override
    public State step(Model model, Space space, State state, long k, RandomGenerator random) {
        double[] x = state.position();
        double[] g = state.gradient();
        double[] best = state.best();
        double eta = state.eta();
        for (int i = 0; i < x.length; i++) {
            x[i] -= eta * g[i];
        }
        space.retract(x);
        double energy = model.energyAndGradient(x, g);
        space.tangent(x, g);
        double bestEnergy = state.bestEnergy();
        if (energy < bestEnergy) {
            bestEnergy = energy;
            System.arraycopy(x, 0, best, 0, x.length);
        }
        double windowStart = state.windowStart();
        int halvings = state.halvings();
        if ((k + 1) % window == 0) {
            if (bestEnergy >= (1 - relativeTolerance) * windowStart) {
                if (++halvings > maxHalvings) {
                    return new State(x, g, best, bestEnergy, windowStart, eta, halvings, energy, true);
                }
                eta /= 2;
                System.arraycopy(best, 0, x, 0, x.length);
                model.energyAndGradient(x, g);
                space.tangent(x, g);
            }
            windowStart = bestEnergy;
        }
        return new State(x, g, best, bestEnergy, windowStart, eta, halvings, energy, bestEnergy <= targetEnergy);
    }

    @Override
    public String stepSizeName() {
        return "step";
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
