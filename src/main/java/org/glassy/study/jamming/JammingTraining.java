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
 * <li><b>Adam</b> ({@link Adam}, PyTorch's semantics, full batch), learning rate η₀ divided by 10 at each quarter
 *     of the step budget MAX: η(k) = η₀·10^(−⌊4k/MAX⌋), so the last quarter runs at η₀/1000 (the authors'
 *     {@code adam0}: 10⁻⁴ divided by 10 every 2.5·10⁵ steps down to 10⁻⁷, the same three decades);</li>
 * <li><b>FIRE</b> ({@link Fire}, E. Bitzek et al., PRL 97, 170201 (2006)) with initial step Δt₀ and
 *     Δt_max = 10 Δt₀.</li>
 * </ul>
 *
 * <p><b>Stopping rule.</b> Every {@link #checkInterval(long) c = max(1, MAX/200)} steps the gaps are computed at
 * the current parameters. The run stops as soon as N_Δ = 0: outcome {@link Outcome#SAT}. The loss is judged to
 * have stopped decreasing when, in the last quarter of the budget, it fell by less than a fraction
 * {@link #PLATEAU_TOLERANCE} over the last tenth of the budget, L(k) &gt; (1 − 10⁻²)·L(k − MAX/10); the run then
 * stops with outcome {@link Outcome#UNSAT} (a jammed, over-constrained minimum, N_Δ &gt; 0). A run that reaches
 * MAX steps with N_Δ &gt; 0 and a loss still decreasing faster than that is {@link Outcome#UNDECIDED}.
 */
public final class JammingTraining {

    /** The relative decrease of the loss over the last tenth of the budget below which the loss has stopped. */
    public static final double PLATEAU_TOLERANCE = 1e-2;

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
     */
    public record Protocol(Optimizer optimizer, long steps, double step) {

        /**
         * Validates the protocol.
         *
         * @param optimizer Adam or FIRE
         * @param steps MAX ≥ 1
         * @param step η₀ or Δt₀, positive
         */
        public Protocol {
            Objects.requireNonNull(optimizer, "optimizer");
            Require.atLeast("steps", steps, 1);
            Require.positive("step", step);
        }

        /**
         * The default protocol of an optimiser: η₀ = {@value #ADAM_LEARNING_RATE} or Δt₀ = {@value #FIRE_DT}.
         *
         * @param optimizer the optimiser
         * @param steps MAX ≥ 1
         * @return the protocol
         */
        public static Protocol of(Optimizer optimizer, long steps) {
            return new Protocol(optimizer, steps, optimizer == Optimizer.ADAM ? ADAM_LEARNING_RATE : FIRE_DT);
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
     * The steps between two checks of the gaps, c = max(1, MAX/200).
     *
     * @param budget MAX
     * @return c
     */
    public static long checkInterval(long budget) {
        return Math.max(1, budget / 200);
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
                ? Adam.of(protocol.step()).withLearningRate(Schedule.stepDecay(protocol.step(), 0.1,
                        Math.max(1, max / 4)))
                : Fire.of(protocol.step());
        return run(network, inner, max, x0, seed, progress);
    }

    private static <S extends RunState> Result run(HingeNetwork network, StepRule<Model, S> inner, long max,
                                                   double[] x0, long seed, ProgressListener progress) {
        Checked<S> rule = new Checked<>(inner, max);
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
     * The optimiser with the stopping rule: checks the gaps every c steps and converges at N_Δ = 0 or on a
     * plateau of the loss in the last quarter of the budget.
     */
    private record Checked<S extends RunState>(StepRule<Model, S> inner, long max)
            implements StepRule<HingeNetwork, Checked.State<S>> {

        /**
         * @param inner the optimiser's state
         * @param step the steps done
         * @param losses the loss at each check (index k/c)
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
            double[] losses = new double[(int) (max / checkInterval(max)) + 2];
            double[] gaps = model.gaps(s.position());
            losses[0] = loss(gaps);
            return new State<>(s, 0, losses, 1, HingeNetwork.countUnsatisfied(gaps) == 0);
        }

        @Override
        public State<S> step(HingeNetwork model, Space space, State<S> state, long step, RandomGenerator random) {
            S s = inner.step(model, space, state.inner(), step, random);
            long k = step + 1;
            long c = checkInterval(max);
            if (k % c != 0 && k != max) {
                return new State<>(s, k, state.losses(), state.checks(), false);
            }
            double[] gaps = model.gaps(s.position());
            double[] losses = state.losses();
            int checks = state.checks();
            if (k % c == 0) {
                losses[checks++] = loss(gaps);
            }
            boolean done = HingeNetwork.countUnsatisfied(gaps) == 0 || (4 * k >= 3 * max && plateau(losses, checks));
            return new State<>(s, k, losses, checks, done);
        }

        /** Whether the last check's loss is above (1 − tolerance) times the loss a tenth of the budget earlier. */
        boolean plateau(double[] losses, int checks) {
            int back = (int) Math.max(1, (max / 10) / checkInterval(max));
            if (checks - 1 - back < 0) {
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
            return o instanceof Checked<?> c && c.inner.equals(inner) && c.max == max;
        }

        @Override
        public int hashCode() {
            return Objects.hash(inner, max);
        }
    }
}
