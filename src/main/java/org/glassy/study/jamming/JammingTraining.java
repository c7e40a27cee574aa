package org.glassy.study.jamming;

import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.dynamics.Adam;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.Fire;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.Schedule;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * Training a {@link HingeNetwork} to the end of its dynamics, SAT or UNSAT, with the authors' full-batch
 * protocol (M. Geiger et al., Phys. Rev. E 100, 012115 (2019); {@code mariogeiger/nn_jamming/train.py}) scaled to
 * runs of 10³–10⁵ steps. Both optimisers are core step rules advanced by the core run loop
 * ({@link Dynamics}):
 *
 * <ul>
 * <li><b>Adam</b> ({@link Adam}, PyTorch's semantics, full batch), learning rate η₀ = {@value #ADAM_LEARNING_RATE}
 *     divided by 10 every T = {@value #DECAY_INTERVAL} steps down to η₀/1000:
 *     η(k) = η₀·10^(−min(3, ⌊k/T⌋)) (the authors' {@code adam0}: 10⁻⁴ divided by 10 every 2.5·10⁵ steps down to
 *     10⁻⁷, the same three decades, in runs a hundred times shorter);</li>
 * <li><b>FIRE</b> ({@link Fire}, E. Bitzek et al., PRL 97, 170201 (2006)) with initial step
 *     Δt₀ = {@value #FIRE_DT} and Δt_max = 10 Δt₀, Bitzek et al.'s other parameters.</li>
 * </ul>
 *
 * <p><b>Stopping rule.</b> Every {@value #CHECK_INTERVAL} steps (and at the last step) the gaps are computed at the
 * current parameters. The run stops as soon as N_Δ = 0: outcome {@link Outcome#SAT}. Once the learning rate is at
 * its floor (step ≥ 3T = {@value #SETTLED}, for FIRE too), the loss has stopped decreasing when it fell by less than
 * a fraction {@value #PLATEAU_TOLERANCE} over the last {@value #PLATEAU_WINDOW} steps,
 * L(k) &gt; (1 − 10⁻²)·L(k − {@value #PLATEAU_WINDOW}); the run then stops with outcome {@link Outcome#UNSAT} (a
 * jammed, over-constrained minimum, N_Δ &gt; 0). A run that reaches its budget MAX with N_Δ &gt; 0 without
 * meeting that criterion is {@link Outcome#UNDECIDED} (in particular every run shorter than
 * {@value #SETTLED} + {@value #PLATEAU_WINDOW} steps that does not end SAT). These are the defaults, with
 * T = {@value #DECAY_INTERVAL}; {@link Protocol#withDecayInterval} scales the schedule and the plateau rule
 * together (3T and 2T/5) for shorter runs.
 */
public final class JammingTraining {

    /** The relative decrease of the loss over {@link #PLATEAU_WINDOW} steps below which the loss has stopped. */
    public static final double PLATEAU_TOLERANCE = 1e-2;

    /** The steps T between two decays of Adam's learning rate. */
    public static final long DECAY_INTERVAL = 2500;

    /** The step 3T from which the learning rate is at its floor and a plateau may be declared (default T). */
    public static final long SETTLED = 3 * DECAY_INTERVAL;

    /** The window 2T/5 over which the decrease of the loss is judged (default T). */
    public static final long PLATEAU_WINDOW = 1000;

    /** The steps between two checks of the gaps. */
    public static final long CHECK_INTERVAL = 50;

    /** The default initial learning rate of Adam. */
    public static final double ADAM_LEARNING_RATE = 1e-2;

    /** The default initial step of FIRE. */
    public static final double FIRE_DT = 1e-2;

    private JammingTraining() {
    }

    /** The optimiser. */
    public enum Optimizer {
        /** Full-batch Adam with the step-decay schedule. */
        ADAM,
        /** FIRE. */
        FIRE;

        /**
         * Parses {@code adam} or {@code fire}.
         *
         * @param name the name
         * @return the optimiser
         */
        public static Optimizer parse(String name) {
            return switch (name) {
                case "adam" -> ADAM;
                case "fire" -> FIRE;
                default -> throw Require.invalid("optimizer", "must be adam or fire, got " + name);
            };
        }

        /** @return the lower-case name */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a run ended. */
    public enum Outcome {
        /** N_Δ = 0: every constraint satisfied. */
        SAT,
        /** N_Δ &gt; 0 and the loss stopped decreasing. */
        UNSAT,
        /** N_Δ &gt; 0 at the end of the budget, the loss still decreasing. */
        UNDECIDED;

        /** @return the lower-case name, as in the CSV */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The training protocol.
     *
     * @param optimizer Adam or FIRE
     * @param steps the budget MAX ≥ 1
     * @param step η₀ for Adam, Δt₀ for FIRE, positive
     * @param decayInterval T, the steps between decays of Adam's learning rate ({@value #DECAY_INTERVAL} by
     *     default); the plateau rule starts at 3T and judges windows of 2T/5 steps (for FIRE too)
     */
    public record Protocol(Optimizer optimizer, long steps, double step, long decayInterval) {

        /**
         * Validates the protocol.
         *
         * @param optimizer Adam or FIRE
         * @param steps MAX ≥ 1
         * @param step η₀ or Δt₀, positive
         * @param decayInterval T, a multiple of 5 · {@value #CHECK_INTERVAL} (at least 250)
         */
        public Protocol {
            Objects.requireNonNull(optimizer, "optimizer");
            Require.atLeast("steps", steps, 1);
            Require.positive("step", step);
            Require.atLeast("decayInterval", decayInterval, 5 * CHECK_INTERVAL);
            if (decayInterval % (5 * CHECK_INTERVAL) != 0) {
                throw Require.invalid("decayInterval", "must be a multiple of " + 5 * CHECK_INTERVAL + ", got "
                        + decayInterval);
            }
        }

        /**
         * @param interval T, a multiple of 250
         * @return this protocol with Adam's learning rate divided by 10 every T steps, plateaus judged from 3T on
         *     over windows of 2T/5 steps (shorter runs for quick scans)
         */
        public Protocol withDecayInterval(long interval) {
            return new Protocol(optimizer, steps, step, interval);
        }

        /** @return 3T, the step from which a plateau may be declared */
        public long settled() {
            return 3 * decayInterval;
        }

        /** @return 2T/5, the window over which the decrease of the loss is judged */
        public long plateauWindow() {
            return 2 * decayInterval / 5;
        }

        /**
         * The default protocol of an optimiser: η₀ = {@value #ADAM_LEARNING_RATE} or Δt₀ = {@value #FIRE_DT}.
         *
         * @param optimizer the optimiser
         * @param steps MAX ≥ 1
         * @return the protocol
         */
        public static Protocol of(Optimizer optimizer, long steps) {
            return new Protocol(optimizer, steps, optimizer == Optimizer.ADAM ? ADAM_LEARNING_RATE : FIRE_DT,
                    DECAY_INTERVAL);
        }
    }

    /**
     * The end of a run.
     *
     * @param outcome SAT, UNSAT or undecided
     * @param steps the steps done
     * @param loss the final loss L
     * @param unsatisfied the final N_Δ
     * @param parameters the final parameters
     * @param gaps the final Δ_μ
     */
    public record Result(Outcome outcome, long steps, double loss, int unsatisfied, double[] parameters,
                         double[] gaps) {
    }

    /**
     * Trains from the authors' orthogonal initialisation.
     *
     * @param network the loss
     * @param protocol the optimiser and budget
     * @param seed the seed of the initial weights
     * @param progress told of progress, or null
     * @return the end of the run
     */
    public static Result train(HingeNetwork network, Protocol protocol, long seed, ProgressListener progress) {
        return train(network, protocol, network.initialParameters(seed), seed, progress);
    }

    /**
     * Trains from given parameters.
     *
     * @param network the loss
     * @param protocol the optimiser and budget
     * @param x0 the initial parameters, not modified
     * @param seed the run's seed (the rules are deterministic; kept for the run loop)
     * @param progress told of progress, or null
     * @return the end of the run
     */
    public static Result train(HingeNetwork network, Protocol protocol, double[] x0, long seed,
                               ProgressListener progress) {
        long max = protocol.steps();
        StepRule<Model, ? extends RunState> inner = protocol.optimizer() == Optimizer.ADAM
                ? Adam.of(protocol.step()).withLearningRate(Schedule.piecewise(
                        new long[] {protocol.decayInterval(), 2 * protocol.decayInterval(), protocol.settled(),
                            protocol.settled() + 1},
                        new double[] {protocol.step(), protocol.step() / 10, protocol.step() / 100,
                            protocol.step() / 1000}))
                : Fire.of(protocol.step());
        return run(network, inner, protocol, x0, seed, progress);
    }

    private static <S extends RunState> Result run(HingeNetwork network, StepRule<Model, S> inner,
                                                   Protocol protocol, double[] x0, long seed,
                                                   ProgressListener progress) {
        long max = protocol.steps();
        Checked<S> rule = new Checked<>(inner, max, protocol.settled(), protocol.plateauWindow());
        var dynamics = Dynamics.of(network, rule).seed(seed).steps(max);
        if (progress != null) {
            dynamics.progress(progress);
        }
        Checked.State<S> end = dynamics.run(x0).state();
        double[] x = end.position().clone();
        double[] gaps = network.gaps(x);
        int unsat = HingeNetwork.countUnsatisfied(gaps);
        double loss = network.energy(x);
        Outcome outcome = unsat == 0 ? Outcome.SAT
                : rule.plateau(end.losses(), end.checks()) ? Outcome.UNSAT : Outcome.UNDECIDED;
        return new Result(outcome, end.step(), loss, unsat, x, gaps);
    }

    /**
     * The optimiser with the stopping rule: checks the gaps every {@link #CHECK_INTERVAL} steps and converges at
     * N_Δ = 0 or on a plateau of the loss once the learning rate has settled.
     */
    private record Checked<S extends RunState>(StepRule<Model, S> inner, long max, long settled, long window)
            implements StepRule<HingeNetwork, Checked.State<S>> {

        /**
         * @param inner the optimiser's state
         * @param step the steps done
         * @param losses the loss at each check (index k/{@link #CHECK_INTERVAL})
         * @param checks the number of checks recorded
         * @param done whether the rule stopped the run
         */
        record State<S extends RunState>(S inner, long step, double[] losses, int checks, boolean done)
                implements RunState {
            @Override
            public double[] position() {
                return inner.position();
            }

            @Override
            public double energy() {
                return inner.energy();
            }

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
        public State<S> init(HingeNetwork model, Space space, double[] x0) {
            S s = inner.init(model, space, x0);
            double[] losses = new double[(int) (max / CHECK_INTERVAL) + 2];
            double[] gaps = model.gaps(s.position());
            losses[0] = loss(gaps);
            return new State<>(s, 0, losses, 1, HingeNetwork.countUnsatisfied(gaps) == 0);
        }

        @Override
        public State<S> step(HingeNetwork model, Space space, State<S> state, long step, RandomGenerator random) {
            S s = inner.step(model, space, state.inner(), step, random);
            long k = step + 1;
            long c = CHECK_INTERVAL;
            if (k % c != 0 && k != max) {
                return new State<>(s, k, state.losses(), state.checks(), false);
            }
            double[] gaps = model.gaps(s.position());
            double[] losses = state.losses();
            int checks = state.checks();
            if (k % c == 0) {
                losses[checks++] = loss(gaps);
            }
            boolean done = HingeNetwork.countUnsatisfied(gaps) == 0 || (k % c == 0 && plateau(losses, checks));
            return new State<>(s, k, losses, checks, done);
        }

        /** Whether, at a check at step ≥ settled, the loss is above (1 − tolerance) times its value
         *  window steps earlier. */
        boolean plateau(double[] losses, int checks) {
            int back = (int) (window / CHECK_INTERVAL);
            long step = (checks - 1) * CHECK_INTERVAL;
            if (step < settled || checks - 1 - back < 0) {
                return false;
            }
            double now = losses[checks - 1];
            double before = losses[checks - 1 - back];
            return now > (1 - PLATEAU_TOLERANCE) * before;
        }

        private static double loss(double[] gaps) {
            double s = 0;
            for (double g : gaps) {
                if (g > 0) {
                    s += g * g;
                }
            }
            return s / (2.0 * gaps.length);
        }

        @Override
        public String toString() {
            return "Checked[" + inner + ", max=" + max + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Checked<?> c && c.inner.equals(inner) && c.max == max && c.settled == settled
                    && c.window == window;
        }

        @Override
        public int hashCode() {
            return Objects.hash(inner, max, settled, window);
        }
    }
}
