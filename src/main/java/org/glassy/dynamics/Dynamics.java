package org.glassy.dynamics;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

import org.glassy.core.LogTimes;
import org.glassy.core.NumericalInstabilityException;
import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.SplitMix64;
import org.glassy.core.StepHandler;
import org.glassy.internal.Require;
import org.glassy.model.Model;
import org.glassy.observable.Observable;
import org.glassy.observable.Recording;

/**
 * The one run loop: every iterative method of the library (gradient descent, Langevin, mini-batch
 * SGD, Adam, FIRE, the nudged elastic band, the Bézier-curve fit, the perceptron minimiser) is a
 * {@link StepRule} advanced here. Configured fluently, then run:
 *
 * <pre>{@code
 * Energy energy = new Energy();
 * var run = Dynamics.of(new PSpinSpherical(3, 200, 1L), new Langevin(0.5, 0.01))
 *         .space(Space.sphere())
 *         .seed(12345L)
 *         .steps(100_000)
 *         .record(LogTimes.upTo(100_000, 10), energy, new SquaredNorm())
 *         .run(Sphere.randomPoint(200, 7L));
 * double[] e = run.recording(energy).values();
 * Table table = run.table();   // observable, step, time, value
 * }</pre>
 *
 * <p>The loop owns:
 * <ul>
 * <li>time: step k is at t = k·dt ({@link StepRule#timeStep()});</li>
 * <li>the random generator, a {@link SplitMix64} seeded with {@link #seed} (the sequence of
 *     {@code new SplittableRandom(seed)}), so the same seed gives a bit-identical trajectory;</li>
 * <li>the recording schedule: the union of the given steps and those the observables require;
 *     every run gets fresh recordings of the observables, so runs never share results;</li>
 * <li>one NaN/overflow policy: a non-finite energy stops the run with a
 *     {@link NumericalInstabilityException} naming the step, the value and the knob to turn
 *     ({@link StepRule#stepSizeName()});</li>
 * <li>progress reports (at every recording step, every percent and at least every 1000 steps) and interruption: a run in a thread that is interrupted (a notebook's stop
 *     button) ends with a {@link RunInterruptedException} (a {@link CancellationException}) that
 *     carries the partial trajectory, after handing what it recorded to
 *     {@link StepHandler#finish()}, so a CSV writer flushing each row keeps every row recorded;</li>
 * <li>checkpoints ({@link #checkpoint}): the state, the generator and the recordings written every
 *     few minutes, at an interrupt and at the end, and resumed from, bit-identically.</li>
 * </ul>
 * A run stops after {@link #steps} steps or earlier when the rule's state says it has converged; a
 * run that stops early is recorded at its last step if the schedule asked for the last step.
 *
 * <p>A builder is not thread-safe while it is configured; once configured, {@link #run} may be
 * called any number of times, also from several threads at once (handlers given with
 * {@link #record(long[], StepHandler...)} are then shared by those runs).
 *
 * @param <M> the model type
 * @param <S> the state type of the step rule
 */
public final class Dynamics<M extends Model, S extends RunState> {

    /** Progress is reported at least every this many steps (and every percent of the run), so a run that
     *  stops early on its own criterion reports as it goes. */
    private static final long REPORT_AT_LEAST_EVERY = 1000;

    private final M model;
    private final StepRule<? super M, S> rule;
    private Space space = Space.euclidean();
    private long seed;
    private boolean seeded;
    private long steps = -1;
    private long[] schedule = new long[0];
    private final List<Object> handlers = new ArrayList<>();
    private ProgressListener progress;
    private Path checkpointFile;
    private Duration checkpointEvery;
    private String checkpointTag = "";

    private Dynamics(M model, StepRule<? super M, S> rule) {
        this.model = Objects.requireNonNull(model, "model");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * Starts configuring a run.
     *
     * @param model the energy
     * @param rule the step rule; its model type must accept the model
     * @param <M> the model type
     * @param <S> the state type
     * @return the builder
     */
    public static <M extends Model, S extends RunState> Dynamics<M, S> of(M model, StepRule<? super M, S> rule) {
        return new Dynamics<>(model, rule);
    }

    /**
     * Sets the constraint (default: Euclidean).
     *
     * @param space the space the state lives in
     * @return this builder
     */
    public Dynamics<M, S> space(Space space) {
        this.space = Objects.requireNonNull(space, "space");
        return this;
    }

    /**
     * Sets the seed of the run's noise. Required: there is no default, so no run is unseeded.
     *
     * @param seed the seed
     * @return this builder
     */
    public Dynamics<M, S> seed(long seed) {
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
    public Dynamics<M, S> steps(long steps) {
        this.steps = Require.atLeast("steps", steps, 0);
        return this;
    }

    /**
     * Records observables at the given steps; every run records them afresh.
     *
     * @param recordSteps the steps at which to record, e.g. {@link LogTimes#upTo}; steps beyond the
     *     end of the run are ignored
     * @param observables the observables, recorded in this order
     * @return this builder
     */
    public Dynamics<M, S> record(long[] recordSteps, Observable<?>... observables) {
        addSchedule(recordSteps);
        for (Observable<?> o : observables) {
            handlers.add(Objects.requireNonNull(o, "observable"));
        }
        return this;
    }

    /**
     * Calls handlers (CSV writers, custom measurements) at the given steps. Unlike observables,
     * the same handler instances serve every run of this configuration.
     *
     * @param recordSteps the steps at which to call the handlers; steps beyond the end are ignored
     * @param handlers the handlers, called in this order (after those given earlier)
     * @return this builder
     */
    public Dynamics<M, S> record(long[] recordSteps, StepHandler... handlers) {
        addSchedule(recordSteps);
        for (StepHandler h : handlers) {
            this.handlers.add(Objects.requireNonNull(h, "handler"));
        }
        return this;
    }

    private void addSchedule(long[] recordSteps) {
        for (long s : recordSteps) {
            Require.atLeast("recordSteps[i]", s, 0);
        }
        this.schedule = LogTimes.merge(this.schedule, recordSteps);
    }

    /**
     * Sets a progress listener (default: none).
     *
     * @param listener told of progress at every recording step, every percent of the run and at least every
     *     1000 steps, or null
     * @return this builder
     */
    public Dynamics<M, S> progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Checkpoints runs to a file: every {@code every} of wall-clock time, when interrupted, and at
     * the end. If the file exists when a run starts, the run resumes from it instead of starting
     * from its initial state, and gives bit for bit the result of an uninterrupted run (a finished
     * checkpoint replays the end). The file is replaced atomically; a checkpoint of another
     * configuration (model, rule, space, seed, steps, schedule, tag) is refused. Every handler must
     * support {@link StepHandler#snapshot()} (observables' recordings do).
     *
     * @param file the checkpoint file
     * @param every the wall-clock interval between checkpoints, positive
     * @param tag what else identifies the run (e.g. a command line), checked on resume
     * @return this builder
     */
    public Dynamics<M, S> checkpoint(Path file, Duration every, String tag) {
        this.checkpointFile = Objects.requireNonNull(file, "file");
        if (every.isNegative() || every.isZero()) {
            throw Require.invalid("every", "must be positive, got " + every);
        }
        this.checkpointEvery = every;
        this.checkpointTag = Objects.requireNonNull(tag, "tag");
        return this;
    }

    /**
     * Runs from a copy of {@code x0}: the rule's {@link StepRule#init} state.
     *
     * @param x0 the initial state, of the model's dimension and in the space; not modified
     * @return the final state and the recordings
     * @throws NumericalInstabilityException if the energy stops being finite
     * @throws RunInterruptedException if the thread is interrupted
     */
    public Trajectory<S> run(double[] x0) {
        requireSeeded();
        if (checkpointFile != null && Files.exists(checkpointFile)) {
            return execute(null);
        }
        return execute(rule.init(model, space, x0));
    }

    /**
     * Runs from a given state (e.g. a band built by
     * {@link org.glassy.path.NudgedElasticBand#init(Model, Space, org.glassy.path.Chain)}); its
     * arrays are advanced in place.
     *
     * @param initial the state at step 0
     * @return the final state and the recordings
     * @throws NumericalInstabilityException if the energy stops being finite
     * @throws RunInterruptedException if the thread is interrupted
     */
    public Trajectory<S> runFrom(S initial) {
        requireSeeded();
        Objects.requireNonNull(initial, "initial");
        return execute(checkpointFile != null && Files.exists(checkpointFile) ? null : initial);
    }

    private void requireSeeded() {
        if (!seeded) {
            throw new IllegalStateException("seed must be set before run(): every run is seeded, e.g. .seed(1L)");
        }
    }

    /** The loop. {@code initial} is null when resuming from the checkpoint file. */
    private Trajectory<S> execute(S initial) {
        long total = steps >= 0 ? steps : (schedule.length == 0 ? 0 : schedule[schedule.length - 1]);
        double dt = rule.timeStep();
        List<Observable<?>> observables = new ArrayList<>();
        List<Recording> recordings = new ArrayList<>();
        List<StepHandler> run = new ArrayList<>();
        long[][] all = new long[handlers.size() + 1][];
        all[0] = schedule;
        for (int h = 0; h < handlers.size(); h++) {
            Object handler = handlers.get(h);
            if (handler instanceof Observable<?> o) {
                Recording r = o.newRecording();
                observables.add(o);
                recordings.add(r);
                run.add(r);
                all[h + 1] = o.requiredSteps(total);
            } else {
                StepHandler s = (StepHandler) handler;
                run.add(s);
                all[h + 1] = s.requiredSteps(total);
            }
        }
        long[] recordAt = Arrays.stream(LogTimes.merge(all)).filter(s -> s >= 0 && s <= total).toArray();
        String identity = checkpointFile == null ? "" : identity(total, recordAt, run.size());

        S state;
        SplitMix64 random;
        long k;
        Checkpoints.Checkpoint resumed = null;
        if (initial == null) {
            resumed = Checkpoints.read(checkpointFile);
            if (!resumed.identity().equals(identity)) {
                throw new IllegalArgumentException("checkpoint " + checkpointFile + " was written by another run ("
                        + resumed.identity() + "), not by this one (" + identity + "); delete it or choose another file");
            }
            @SuppressWarnings("unchecked")
            S s = (S) resumed.state();
            state = s;
            random = resumed.random();
            k = resumed.step();
        } else {
            state = initial;
            random = new SplitMix64(seed);
            k = 0;
        }
        if (checkpointFile != null) {
            for (StepHandler h : run) {
                if (h.snapshot() == null && !(h instanceof Recording)) {
                    throw new IllegalStateException("every handler of a checkpointed run must support snapshot(), "
                            + h + " does not");
                }
            }
        }
        for (int h = 0; h < run.size(); h++) {
            run.get(h).init(state.position(), recordAt, dt);
            if (resumed != null) {
                run.get(h).restore(resumed.handlers()[h]);
            }
        }
        long reportEvery = Math.max(1, Math.min(total / 100, REPORT_AT_LEAST_EVERY));
        long everyNanos = checkpointEvery == null ? Long.MAX_VALUE : checkpointEvery.toNanos();
        long lastCheckpoint = System.nanoTime();
        int next = 0;
        while (next < recordAt.length && recordAt[next] < k) {
            next++;
        }
        try {
            double energy = state.energy();
            while (true) {
                double time = k * dt;
                boolean last = k == total || state.converged();
                boolean interrupted = Thread.currentThread().isInterrupted();
                if (checkpointFile != null && (last || interrupted || System.nanoTime() - lastCheckpoint >= everyNanos)) {
                    Thread.interrupted();   // file channels refuse to write while the interrupt flag is set
                    try {
                        Checkpoints.write(checkpointFile, new Checkpoints.Checkpoint(identity, k, random, state,
                                snapshots(run)));
                    } finally {
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    lastCheckpoint = System.nanoTime();
                }
                if (interrupted) {
                    throw new RunInterruptedException("run interrupted at step " + k + " of " + total + " (t = " + time
                            + "); rows recorded so far were kept"
                            + (checkpointFile == null ? "" : "; checkpoint written to " + checkpointFile),
                            new Trajectory<>(state, k, dt, observables, recordings));
                }
                boolean endsEarly = last && k < total && next < recordAt.length && recordAt[recordAt.length - 1] == total;
                if (next < recordAt.length && (recordAt[next] == k || endsEarly)) {
                    energy = checked("energy", rule.energy(model, state), k, time);
                    for (StepHandler handler : run) {
                        handler.handle(k, time, state.position(), energy);
                    }
                    next++;
                    if (progress != null) {
                        progress.progress(k, total, time, energy);
                    }
                } else if (progress != null && k % reportEvery == 0) {
                    progress.progress(k, total, time, energy);
                }
                if (last) {
                    break;
                }
                state = rule.step(model, space, state, k, random);
                energy = checked("energy", state.energy(), k, time);
                k++;
            }
        } finally {
            for (StepHandler handler : run) {
                handler.finish();
            }
        }
        return new Trajectory<>(state, k, dt, observables, recordings);
    }

    private static Serializable[] snapshots(List<StepHandler> run) {
        Serializable[] s = new Serializable[run.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = run.get(i).snapshot();
        }
        return s;
    }

    private String identity(long total, long[] recordAt, int handlerCount) {
        return "model=" + model.getClass().getName() + "(n=" + model.dimension() + "), rule=" + rule + ", space="
                + space + ", seed=" + seed + ", steps=" + total + ", records=" + recordAt.length + "/"
                + Arrays.hashCode(recordAt) + ", handlers=" + handlerCount
                + (checkpointTag.isEmpty() ? "" : ", tag=" + checkpointTag);
    }

    private double checked(String quantity, double value, long step, double time) {
        if (!Double.isFinite(value)) {
            throw new NumericalInstabilityException(quantity, value, step, time, rule, rule.stepSizeName());
        }
        return value;
    }
}
