/**
 * Iterative methods and the one run loop. A method is a {@link org.glassy.dynamics.StepRule}: an
 * immutable record of its hyper-parameters whose {@code init(model, space, x0)} returns the state
 * of one run (a serialisable record: position, velocity, Adam's moments, FIRE's adaptive step, the
 * batch order …) and whose {@code step(model, space, state, k, random)} advances it, in the shape of
 * jax-md's {@code init_fn}/{@code apply_fn}. {@link org.glassy.dynamics.Dynamics} is the only loop
 * that advances a state: time, the seeded generator, recording schedules and fresh per-run
 * recordings of the observables, the NaN/overflow policy, progress, interruption and checkpoints
 * are written once, there.
 *
 * <p>Rules here: {@link org.glassy.dynamics.GradientDescent}, {@link org.glassy.dynamics.Langevin}
 * (Euler–Maruyama, optionally annealed), {@link org.glassy.dynamics.MiniBatchSgd} (heavy-ball
 * momentum, {@link org.glassy.dynamics.HeavyBall}), {@link org.glassy.dynamics.Adam} (PyTorch's
 * semantics), {@link org.glassy.dynamics.Fire} (Bitzek et al. 2006) and
 * {@link org.glassy.dynamics.HalvingDescent} (stall-halving descent for non-smooth losses); learning
 * rates follow a {@link org.glassy.dynamics.Schedule}; a {@link org.glassy.dynamics.GradientSource}
 * says whether gradients are exact or come from mini-batches, and its type parameter pairs
 * mini-batch rules with {@link org.glassy.model.BatchModel}s at compile time. The path optimisers
 * (nudged elastic band, Bézier fit) are step rules of {@code org.glassy.path}.
 *
 * <p>A new method is a new step rule and nothing more: a record of hyper-parameters validated in
 * its compact constructor (messages naming the parameter), a nested {@code State} record,
 * {@code init} and {@code step}, a subclass of the contract test ({@code StepRuleContractTest}:
 * reproducibility, no shared state, serialisable state) and a test of the rule's own exact law.
 */
package org.glassy.dynamics;
