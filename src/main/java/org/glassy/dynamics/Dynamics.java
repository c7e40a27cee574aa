package org.glassy.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.glassy.core.LogTimes;
import org.glassy.core.NumericalInstabilityException;
import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.StepHandler;
import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * The one run loop: a model, a step rule and a space, configured fluently, then run.
 *
 * <pre>{@code
 * Trajectory run = Dynamics.of(new PSpinSpherical(3, 200, 1L), new Langevin(0.5, 0.01))
 *         .space(Space.sphere())
 *         .seed(12345L)
 *         .steps(100_000)
 *         .record(LogTimes.upTo(100_000, 10), new Energy(), new SquaredNorm())
 *         .run(Sphere.randomPoint(200, 7L));
 * Table table = run.table();   // observable, step, time, value
 * }</pre>
 *
 * <p>The loop owns time (step k is at t = k·dt), the random generator (a {@link SplittableRandom}
 * seeded with {@link #seed}, so the same seed gives a bit-identical trajectory), the recording
 * schedule (the union of the given steps and those the handlers require), a guard that stops with
 * {@link NumericalInstabilityException} when the energy becomes NaN or infinite, progress
 * reports, and interruption: a run in a thread that is interrupted (a notebook's stop button)
 * ends with {@link CancellationException} after handing what it recorded to
 * {@link StepHandler#finish()}. Handlers are called in the order given, so a CSV writer flushing
 * each row keeps everything recorded before an interrupt.
 *
 * <p>A builder is not thread-safe; {@link #run} may be called several times (each run starts
 * afresh from the same configuration).
 */
public final class Dynamics {

    private static final int INTERRUPT_CHECK_INTERVAL = 256;

    private final Model model;
    private final StepRule rule;
    private Space space = Space.euclidean();
    private long seed;
    private boolean seeded;
    private long steps = -1;
    private long[] schedule = new long[0];
    private final List<StepHandler> handlers = new ArrayList<>();
    private ProgressListener progress;

    private Dynamics(Model model, StepRule rule) {
        this.model = Objects.requireNonNull(model, "model");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * Starts configuring a run.
     *
     * @param model the energy
     * @param rule the step rule
     * @return the builder
     */
    public static Dynamics of(Model model, StepRule rule) {
        return new Dynamics(model, rule);
    }

    /**
     * Sets the constraint (default: Euclidean).
     *
     * @param space the space the state lives in
     * @return this builder
     */
    public Dynamics space(Space space) {
        this.space = Objects.requireNonNull(space, "space");
        return this;
    }

    /**
     * Sets the seed of the run's noise. Required: there is no default, so no run is unseeded.
     *
     * @param seed the seed
     * @return this builder
     */
    public Dynamics seed(long seed) {
        this.seed = seed;
        this.seeded = true;
        return this;
    }

    /**
     * Sets the number of steps (default: the last recording step).
     *
     * @param steps the number of steps, at least 0
     * @return this builder
     */
    public Dynamics steps(long steps) {
        this.steps = Require.atLeast("steps", steps, 0);
        return this;
    }

    /**
     * Records handlers (observables, writers) at the given steps.
     *
     * @param recordSteps the steps at which to call the handlers, e.g. {@link LogTimes#upTo}; steps
     *     beyond the end of the run are ignored
     * @param handlers the handlers, called in this order
     * @return this builder
     */
    public Dynamics record(long[] recordSteps, StepHandler... handlers) {
        for (long s : recordSteps) {
            Require.atLeast("recordSteps[i]", s, 0);
        }
        this.schedule = LogTimes.merge(this.schedule, recordSteps);
        this.handlers.addAll(Arrays.asList(handlers));
        return this;
    }

    /**
     * Sets a progress listener (default: none).
     *
     * @param listener told of progress at every recording step and about every percent
     * @return this builder
     */
    public Dynamics progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Runs the dynamics from a copy of {@code x0}.
     *
     * @param x0 the initial state, of the model's dimension and in the space; not modified
     * @return the final state and the observables
     * @throws NumericalInstabilityException if the energy stops being finite
     * @throws CancellationException if the thread is interrupted
     */
    public Trajectory run(double[] x0) {
        if (!seeded) {
            throw new IllegalStateException("seed must be set before run(): every run is seeded, e.g. .seed(1L)");
        }
        model.checkDimension("x0", x0);
        space.checkContains(x0);
        long total = steps >= 0 ? steps : (schedule.length == 0 ? 0 : schedule[schedule.length - 1]);
        double dt = rule.timeStep();

        long[][] all = new long[handlers.size() + 1][];
        all[0] = schedule;
        for (int h = 0; h < handlers.size(); h++) {
            all[h + 1] = handlers.get(h).requiredSteps(total);
        }
        long[] recordAt = Arrays.stream(LogTimes.merge(all)).filter(s -> s >= 0 && s <= total).toArray();

        double[] x = x0.clone();
        double[] work = new double[x.length];
        rule.reset(x.length);
        SplittableRandom random = new SplittableRandom(seed);
        long reportEvery = Math.max(1, total / 100);
        for (StepHandler handler : handlers) {
            handler.init(x, recordAt, dt);
        }
        long k = 0;
        try {
            int next = 0;
            double energy = Double.NaN;
            while (true) {
                double time = k * dt;
                if (next < recordAt.length && recordAt[next] == k) {
                    energy = checked(model.energy(x), k, time);
                    for (StepHandler handler : handlers) {
                        handler.handle(k, time, x, energy);
                    }
                    next++;
                    if (progress != null) {
                        progress.progress(k, total, time, energy);
                    }
                } else if (progress != null && k % reportEvery == 0) {
                    progress.progress(k, total, time, energy);
                }
                if (k == total) {
                    break;
                }
                energy = checked(rule.step(model, space, x, time, random, work), k, time);
                k++;
                if (k % INTERRUPT_CHECK_INTERVAL == 0 && Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("run interrupted at step " + k + " of " + total
                            + " (t = " + k * dt + "); rows recorded so far were kept");
                }
            }
        } finally {
            for (StepHandler handler : handlers) {
                handler.finish();
            }
        }
        return new Trajectory(x, k, dt, handlers);
    }

    private double checked(double energy, long step, double time) {
        if (!Double.isFinite(energy)) {
            throw new NumericalInstabilityException(step, time, energy, rule);
        }
        return energy;
    }
}
