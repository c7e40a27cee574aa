package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.model.Model;

/**
 * One step of a dynamics or an optimiser, in the shape of jax-md's {@code init_fn}/{@code apply_fn}:
 * a rule is an immutable description (hyper-parameters, validated once at construction);
 * {@link #init} returns the state of one run, and {@link #step} advances it. All that changes
 * during a run lives in the state, so one rule serves any number of runs, also at the same time.
 *
 * <p>The model type {@code M} pairs rules with the models they need: a mini-batch rule is a
 * {@code StepRule<BatchModel, …>} and the compiler refuses it a model that is not a loss over
 * training examples.
 *
 * @param <M> the models the rule can advance
 * @param <S> the state of one run
 */
public interface StepRule<M extends Model, S extends RunState> {

    /**
     * Returns the time step: step k of a run is at time t = k·dt. Optimisers that are not
     * discretised flows count steps (dt = 1).
     *
     * @return dt, positive
     */
    double timeStep();

    /**
     * Starts a run.
     *
     * @param model the energy
     * @param space the constraint
     * @param x0 the initial position, not modified (the state holds a copy)
     * @return the initial state
     * @throws IllegalArgumentException if x0 does not fit the model or the space, or the model
     *     does not suit the rule's parameters (a batch larger than the training set)
     */
    S init(M model, Space space, double[] x0);

    /**
     * Advances a state by one step.
     *
     * @param model the energy
     * @param space the constraint
     * @param state the state at step k; its arrays may be overwritten
     * @param step k, the number of steps done before this one (time k·dt)
     * @param random the run's generator, the only source of randomness
     * @return the state at step k + 1
     */
    S step(M model, Space space, S state, long step, RandomGenerator random);

    /**
     * The energy recorded at a recording step, handed to the observables: E(x) of the position by
     * default (the full training loss, also for mini-batch rules).
     *
     * @param model the energy
     * @param state the state
     * @return the energy to record
     */
    default double energy(M model, S state) {
        return model.energy(state.position());
    }

    /**
     * The parameter to reduce when the rule blows up, named in the
     * {@link org.glassy.core.NumericalInstabilityException}.
     *
     * @return a parameter name, e.g. {@code dt} or {@code learningRate}
     */
    default String stepSizeName() {
        return "dt";
    }
}
