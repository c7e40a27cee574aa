package org.glassy.study.jamming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.dynamics.Adam;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.Fire;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.Model;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;

/**
 * Training a {@link HingeNetwork} to the end of its dynamics, SAT or UNSAT, with the authors' full-batch
 * protocol (M. Geiger et al., Phys. Rev. E 100, 012115 (2019); {@code mariogeiger/nn_jamming/train.py}) scaled to
 * runs of 10⁴–10⁵ steps. Both optimisers are core step rules advanced by the core run loop ({@link Dynamics}):
 *
 * <ul>
 * <li><b>Adam</b> ({@link Adam}, PyTorch's semantics, full batch) from η₀ = {@value #ADAM_LEARNING_RATE}, divided
 *     by 10 each time the loss reaches a plateau (below), at most {@value #DECAYS} times (down to η₀/100), as the
 *     authors' {@code adam_rlrop} option does with PyTorch's {@code ReduceLROnPlateau};</li>
 * <li><b>FIRE</b> ({@link Fire}, E. Bitzek et al., PRL 97, 170201 (2006)) with initial step
 *     Δt₀ = {@value #FIRE_DT} and Δt_max = 10 Δt₀, the paper's other parameters; FIRE adapts its own step, so
 *     its first plateau ends the run.</li>
 * </ul>
 *
 * <p><b>Stopping rule.</b> Every {@value #CHECK_INTERVAL} steps (and at the last step) the gaps are computed at the
 * current parameters and the best loss so far, L̂(k) = min_{k' ≤ k} L(k'), is recorded. A constraint counts as
 * violated when Δ_μ &gt; δκ with δ = {@value #GAP_TOLERANCE} ({@link #violated}): a SAT run approaches Δ_μ = 0
 * from above, and float64 resolves κ − y f only to 10⁻¹⁶ κ, so runs otherwise end with a few gaps of 10⁻¹⁷ and a
 * loss of 10⁻³³ that cannot fall further (the authors report such runs, N_Δ between 1 and 4, as precision
 * artefacts). The run stops as soon as N_Δ = 0: outcome {@link Outcome#SAT}. The loss has reached a plateau at a check k when at least W steps were
 * done at the current learning rate and the best loss fell by less than a fraction
 * {@value #PLATEAU_TOLERANCE} over the last W steps, L̂(k) &gt; (1 − 10⁻²)·L̂(k − W) (W = {@value #WINDOW} by
 * default, {@link Protocol#withWindow}). At a plateau Adam's learning rate is divided by 10; a plateau at the
 * smallest learning rate stops the run with outcome {@link Outcome#UNSAT} (a jammed, over-constrained minimum,
 * N_Δ &gt; 0). A run that reaches its budget MAX with N_Δ &gt; 0 otherwise is {@link Outcome#UNDECIDED} (in
 * particular every Adam run shorter than 3W steps that does not end SAT).
 *
 * <p><b>Why this rule</b> (measured on L = 3, h = d = 10, N = 310, random data): the previous protocol, η₀ = 10⁻²
 * decayed by 10 every 2500 steps whatever the loss did, ended UNSAT with N_Δ = 0.53 N at P = 2N where η₀ = 10⁻³
 * held until the loss stalls reaches N_Δ = 0 in 18 000 steps: a large initial step drives the network to a poor
 * region, and a learning rate decayed on a clock freezes it there while the loss still falls. The minima of this
 * loss sit on kinks of the ReLUs (a Gauss–Newton polish stalls with ten pre-activations |z| &lt; 10⁻¹² and the
 * gradient norm still of the order of the loss): the gradient norm does not vanish at an UNSAT minimum, so a
 * minimum is judged by the loss, not by the gradient. {@link #finish} continues the end of a run by
 * Levenberg–Marquardt steps and reports the gradient norm it reaches: on L = 2, h = d = 8 (N = 136) at P/N = 2.25–2.75
 * it lowers the loss of 200 000-step Adam ends by less than 1 % (one near-jammed run by 16 %) and stalls at
 * |∇L| = 10⁻³–0.3, with 1–7 pre-activations at |z| &lt; 10⁻⁹.
 *
 * <p><b>Why W = {@value #WINDOW}.</b> Near the transition the loss falls slowly but steadily, and a short window
 * mistakes that for a plateau: on L = 2, h = d = 17 (N = 595) at P/N = 3.03 (seed 1) a window of 4000 steps ended
 * the run UNSAT after 34 650 steps with N_Δ = 1.03 N and L = 0.091, while with 20 000 steps the same run was at
 * N_Δ = 0.65 N and L = 0.018 after 4·10⁵ steps, still falling. At N ≈ 300 the shorter window placed the transition
 * of L = 3 at c = 2.38 ± 0.12 and this one at 2.63 ± 0.13 (notebook 06); deeper networks relax more slowly and
 * are the most affected. The authors' own runs last 2–10·10⁶ steps.
 */
public final class JammingTraining {

    /** The relative decrease of the best loss over a window below which the loss has reached a plateau. */
    public static final double PLATEAU_TOLERANCE = 1e-2;

    /** The default window W, in steps, over which the decrease of the best loss is judged. */
    public static final long WINDOW = 20_000;

    /** The number of times Adam's learning rate is divided by 10 before a plateau ends the run. */
    public static final int DECAYS = 2;

    /** δ: a constraint is violated when Δ_μ &gt; δκ (float64 rounding of κ − y f is 10⁻¹⁶ κ). */
    public static final double GAP_TOLERANCE = 1e-9;

    /** The steps between two checks of the gaps. */
    public static final long CHECK_INTERVAL = 50;

    /** The default initial learning rate of Adam. */
    public static final double ADAM_LEARNING_RATE = 1e-3;

    /** The default initial step of FIRE. */
    public static final double FIRE_DT = 1e-2;

    private JammingTraining() {
    }

    /**
     * The number of violated constraints N_Δ = #{μ : Δ_μ &gt; δκ}, δ = {@value #GAP_TOLERANCE}.
     *
     * @param gaps Δ_μ
     * @param margin κ &gt; 0
     * @return N_Δ
     */
    public static int violated(double[] gaps, double margin) {
        double tolerance = GAP_TOLERANCE * Math.abs(margin);
        int n = 0;
        for (double g : gaps) {
            if (g > tolerance) {
                n++;
            }
        }
        return n;
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
     * @param window W, the steps over which a plateau of the loss is judged ({@value #WINDOW} by default)
     */
    public record Protocol(Optimizer optimizer, long steps, double step, long window) {

        /**
         * Validates the protocol.
         *
         * @param optimizer Adam or FIRE
         * @param steps MAX ≥ 1
         * @param step η₀ or Δt₀, positive
         * @param window W, a positive multiple of {@value #CHECK_INTERVAL}
         */
        public Protocol {
            Objects.requireNonNull(optimizer, "optimizer");
            Require.atLeast("steps", steps, 1);
            Require.positive("step", step);
            Require.atLeast("window", window, CHECK_INTERVAL);
            if (window % CHECK_INTERVAL != 0) {
                throw Require.invalid("window", "must be a multiple of " + CHECK_INTERVAL + ", got " + window);
            }
        }

        /**
         * @param value W, a positive multiple of {@value #CHECK_INTERVAL}
         * @return this protocol with plateaus judged over windows of W steps (shorter runs for quick scans)
         */
        public Protocol withWindow(long value) {
            return new Protocol(optimizer, steps, step, value);
        }

        /**
         * @param value η₀ or Δt₀, positive
         * @return this protocol with that initial learning rate or step
         */
        public Protocol withStep(double value) {
            return new Protocol(optimizer, steps, value, window);
        }

        /**
         * The default protocol of an optimiser: η₀ = {@value #ADAM_LEARNING_RATE} or Δt₀ = {@value #FIRE_DT},
         * W = {@value #WINDOW}.
         *
         * @param optimizer the optimiser
         * @param steps MAX ≥ 1
         * @return the protocol
         */
        public static Protocol of(Optimizer optimizer, long steps) {
            return new Protocol(optimizer, steps, optimizer == Optimizer.ADAM ? ADAM_LEARNING_RATE : FIRE_DT,
                    WINDOW);
        }
    }

    /**
     * The end of a run.
     *
     * @param outcome SAT, UNSAT or undecided
     * @param steps the steps done
     * @param loss the final loss L
     * @param unsatisfied the final N_Δ, gaps above δκ ({@link #violated})
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
        if (protocol.optimizer() == Optimizer.ADAM) {
            List<StepRule<Model, Adam.State>> levels = new ArrayList<>();
            for (int k = 0; k <= DECAYS; k++) {
                levels.add(Adam.of(protocol.step() * Math.pow(10, -k)));
            }
            return run(network, levels, protocol, x0, seed, progress);
        }
        return run(network, List.of(Fire.of(protocol.step())), protocol, x0, seed, progress);
    }

    private static <S extends RunState> Result run(HingeNetwork network, List<StepRule<Model, S>> levels,
                                                   Protocol protocol, double[] x0, long seed,
                                                   ProgressListener progress) {
        long max = protocol.steps();
        Checked<S> rule = new Checked<>(levels, max, protocol.window());
        var dynamics = Dynamics.of(network, rule).seed(seed).steps(max);
        if (progress != null) {
            dynamics.progress(progress);
        }
        Checked.State<S> end = dynamics.run(x0).state();
        double[] x = end.position().clone();
        double[] gaps = network.gaps(x);
        int unsat = violated(gaps, network.margin());
        double loss = network.energy(x);
        Outcome outcome = unsat == 0 ? Outcome.SAT : end.jammed() ? Outcome.UNSAT : Outcome.UNDECIDED;
        return new Result(outcome, end.step(), loss, unsat, x, gaps);
    }

    /**
     * The end of a finishing minimisation ({@link #finish}).
     *
     * @param parameters the final parameters
     * @param gaps the final Δ_μ
     * @param loss the final loss L
     * @param unsatisfied the final N_Δ ({@link #violated})
     * @param gradientNorm |∇L| at the final parameters ({@link HingeNetwork#energyAndGradient})
     * @param iterations the accepted steps
     * @param losses L before the first step and after each accepted step, non-increasing
     * @param converged whether |∇L| ≤ the tolerance; false when no damped step lowers the loss any more (the
     *     minimum sits on a kink of the ReLUs, where L is not differentiable) or the iterations ran out
     */
    public record Finish(double[] parameters, double[] gaps, double loss, int unsatisfied, double gradientNorm,
                         int iterations, double[] losses, boolean converged) {
    }

    /**
     * Finishes the minimisation of the quadratic hinge loss by Levenberg–Marquardt steps on the violated
     * constraints (K. Levenberg, Q. Appl. Math. 2, 164 (1944); D. W. Marquardt, J. SIAM 11, 431 (1963)). With
     * A = {μ : Δ_μ &gt; 0} and J the |A| × n matrix of rows ∇Δ_μ = −y_μ ∇f(x_μ) ({@link HingeNetwork#outputGradient}),
     *
     * <pre>
     *   ∇L = (1/P) Jᵀ Δ_A,   G = (1/P) Jᵀ J,   (G + λ 1) δ = −∇L,   θ → θ + δ,
     * </pre>
     *
     * <p>the Gauss–Newton step of L = (1/(2P)) Σ_{μ∈A} Δ_μ², exact where the Δ_μ are linear in θ (the quadratic
     * hinge is quadratic in Δ, so G is the Hessian up to the term (1/P) Σ Δ_μ ∇²Δ_μ, which vanishes as Δ → 0 at
     * jamming). λ starts at 10⁻³ tr G / n; a step is accepted only if it lowers L, and then λ is divided by 3,
     * otherwise it is multiplied by 4 and the step retried: L never increases. The run stops when |∇L| ≤
     * {@code tolerance} (converged), when no step lowers L before λ exceeds 10¹⁶ tr G / n (a step of the order of
     * the rounding of θ: the minimum is on a kink of the ReLUs, where the gradient does not vanish), or after
     * {@code maxIterations} accepted steps. Each iteration costs one forward and backward pass per violated example
     * and an n × n Cholesky factorisation: meant for the n ≲ 2000 parameters of notebook 06's runs, after Adam or
     * FIRE ({@link #train}) has brought the network near its minimum. The authors reach their minima with 2–10·10⁶
     * Adam steps ({@code nn_jamming}); this is the short-run substitute, reported with |∇L| and the loss history.
     *
     * @param network the loss
     * @param x0 the starting parameters, not modified
     * @param tolerance the gradient norm at which the minimisation has converged, positive
     * @param maxIterations the largest number of accepted steps, at least 1
     * @return the end of the minimisation
     */
    public static Finish finish(HingeNetwork network, double[] x0, double tolerance, int maxIterations) {
        Require.positive("tolerance", tolerance);
        Require.atLeast("maxIterations", maxIterations, 1);
        int n = network.dimension();
        if (x0.length != n) {
            throw Require.invalid("x0", "must have the network's " + n + " parameters, got " + x0.length);
        }
        int p = network.data().size();
        double[] labels = network.data().labels();
        double[] x = x0.clone();
        double[] g = new double[n];
        double[] gradient = new double[n];
        double loss = network.energyAndGradient(x, gradient);
        List<Double> losses = new ArrayList<>(List.of(loss));
        double lambda = -1;
        double scale = 0;
        int iterations = 0;
        while (norm(gradient) > tolerance && iterations < maxIterations) {
            double[] gaps = network.gaps(x);
            double[][] gram = new double[n][n];
            for (int mu = 0; mu < p; mu++) {
                if (gaps[mu] > 0) {
                    network.outputGradient(x, mu, g);
                    for (int i = 0; i < n; i++) {
                        double gi = g[i] / p;  // (y_μ ∇f)_i (y_μ ∇f)_j = ∇f_i ∇f_j
                        if (gi != 0) {
                            for (int j = i; j < n; j++) {
                                gram[i][j] += gi * g[j];
                            }
                        }
                    }
                }
            }
            if (lambda < 0) {
                for (int i = 0; i < n; i++) {
                    scale += gram[i][i] / n;
                }
                scale = scale > 0 ? scale : 1;
                lambda = 1e-3 * scale;
            }
            double[] trial = null;
            double trialLoss = loss;
            while (lambda <= 1e16 * scale) {
                double[][] m = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = i; j < n; j++) {
                        m[i][j] = m[j][i] = gram[i][j];
                    }
                    m[i][i] += lambda;
                }
                double[] step = new CholeskyDecomposition(new Array2DRowRealMatrix(m, false), 0, 0).getSolver()
                        .solve(new ArrayRealVector(gradient, false)).toArray();
                double[] y = x.clone();
                for (int i = 0; i < n; i++) {
                    y[i] -= step[i];
                }
                double l = network.energy(y);
                if (l < loss) {
                    trial = y;
                    trialLoss = l;
                    lambda /= 3;
                    break;
                }
                lambda *= 4;
            }
            if (trial == null) {
                break;
            }
            x = trial;
            loss = network.energyAndGradient(x, gradient);
            losses.add(trialLoss);
            iterations++;
        }
        double gn = norm(gradient);
        double[] gaps = network.gaps(x);
        return new Finish(x, gaps, loss, violated(gaps, network.margin()), gn, iterations,
                losses.stream().mapToDouble(Double::doubleValue).toArray(), gn <= tolerance);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }

    /**
     * The optimiser with the stopping rule: checks the gaps every {@link #CHECK_INTERVAL} steps, moves to the next
     * (smaller) learning rate on a plateau of the best loss, and converges at N_Δ = 0 or on a plateau at the last
     * level.
     */
    private record Checked<S extends RunState>(List<StepRule<Model, S>> levels, long max, long window)
            implements StepRule<HingeNetwork, Checked.State<S>> {

        /**
         * @param inner the optimiser's state
         * @param step the steps done
         * @param best the best loss up to each check (index k/{@link #CHECK_INTERVAL})
         * @param checks the number of checks recorded
         * @param level the index of the current learning rate
         * @param since the step at which the current learning rate started
         * @param sat whether N_Δ = 0 at the last check
         * @param jammed whether a plateau at the last level stopped the run
         */
        record State<S extends RunState>(S inner, long step, double[] best, int checks, int level, long since,
                                         boolean sat, boolean jammed) implements RunState {
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
                return sat || jammed;
            }
        }

        @Override
        public double timeStep() {
            return 1;
        }

        @Override
        public State<S> init(HingeNetwork model, Space space, double[] x0) {
            S s = levels.get(0).init(model, space, x0);
            double[] best = new double[(int) (max / CHECK_INTERVAL) + 2];
            double[] gaps = model.gaps(s.position());
            best[0] = loss(gaps);
            return new State<>(s, 0, best, 1, 0, 0, violated(gaps, model.margin()) == 0, false);
        }

        @Override
        public State<S> step(HingeNetwork model, Space space, State<S> state, long step, RandomGenerator random) {
            S s = levels.get(state.level()).step(model, space, state.inner(), step, random);
            long k = step + 1;
            long c = CHECK_INTERVAL;
            if (k % c != 0 && k != max) {
                return new State<>(s, k, state.best(), state.checks(), state.level(), state.since(), false, false);
            }
            double[] gaps = model.gaps(s.position());
            boolean sat = violated(gaps, model.margin()) == 0;
            double[] best = state.best();
            int checks = state.checks();
            int level = state.level();
            long since = state.since();
            boolean jammed = false;
            if (k % c == 0) {
                best[checks] = Math.min(best[checks - 1], loss(gaps));
                checks++;
                int back = (int) (window / c);
                if (!sat && k - since >= window
                        && best[checks - 1] > (1 - PLATEAU_TOLERANCE) * best[checks - 1 - back]) {
                    if (level + 1 < levels.size()) {
                        level++;
                        since = k;
                    } else {
                        jammed = true;
                    }
                }
            }
            return new State<>(s, k, best, checks, level, since, sat, jammed);
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
            return "Checked[" + levels + ", max=" + max + ", window=" + window + "]";
        }
    }
}
