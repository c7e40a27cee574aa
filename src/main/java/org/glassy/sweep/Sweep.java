package org.glassy.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A parameter sweep of a library {@link Task} over a {@link Grid}, run on all cores: the points run
 * in parallel on a pool of worker threads, and come back as ONE long table, the point's parameters
 * as the first columns, then the task's columns, points in grid order — so a notebook selects and
 * groups by value:
 *
 * <pre>{@code
 * Table t = Sweep.over(Grid.of(Axis.of("hidden", 4, 256), Axis.range("seed", 1, 8)))
 *         .in(Path.of("runs/aging"))                   // optional: persist, resume, extend
 *         .progress(Notebook.progress("aging sweep"))
 *         .run(point -> AgingDnn.run(base.toBuilder().hidden(point.intValue("hidden"))
 *                 .seed(point.longValue("seed")).build(), null).loss());
 * t.summarize("loss", mean, stdErr).by("hidden", "step");
 * }</pre>
 *
 * <p>A point's result depends only on the point (its seed is one of its values), never on the
 * number of workers or the order: one worker and two give identical tables. Parameter columns are
 * integer, long or double when every value of the axis reads as one, text otherwise.
 *
 * <p>With a directory ({@link #in}) the sweep persists as a {@link SweepDirectory}: each finished
 * point is filed at once, a second run skips finished points and redoes missing or partial ones, a
 * different grid is refused unless {@link #extend} is set, and an interrupt (a notebook's stop button)
 * loses at most the points in flight. A failed point is recorded with its error and does not stop the
 * others; {@link #run} then throws a {@link SweepException} with the finished points' table. Points
 * that take longer than {@link #pointTimeout} are interrupted (the run loop stops at its next step)
 * and count as failed; {@link #retries} retries a failed point.
 *
 * <p>Workers are threads of this JVM, all sharing its heap: measured on two cores, threads
 * scale the p-spin and network kernels like separate processes without the start-up and warm-up
 * of a JVM per point (docs/benchmarks.md); the command line's sweeps, whose points are separate
 * commands, run a child JVM per point instead.
 */
public final class Sweep {

    static {
        // Tablesaw initialises its column types by a class-path scan that an interrupt aborts for good (the class
        // then fails to load for the rest of the JVM): do it here, before any worker can be interrupted
        Table.create("warm-up");
    }

    private final Grid grid;
    private Path dir;
    private String name = "task";
    private int workers = Runtime.getRuntime().availableProcessors();
    private ProgressListener progress;
    private Duration pointTimeout;
    private int retries;
    private boolean extend;

    private Sweep(Grid grid) {
        this.grid = Objects.requireNonNull(grid, "grid");
    }

    /**
     * Starts a sweep over a grid.
     *
     * @param grid the points
     * @return the sweep, to configure and run
     */
    public static Sweep over(Grid grid) {
        return new Sweep(grid);
    }

    /**
     * Persists the sweep in a directory (created if needed), resuming from it if it holds this sweep.
     *
     * @param directory the sweep directory
     * @return this sweep
     */
    public Sweep in(Path directory) {
        this.dir = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Names the task, as the manifest records it: a directory refuses a task of another name.
     *
     * @param taskName a short name, e.g. {@code "aging-dnn"}
     * @return this sweep
     */
    public Sweep named(String taskName) {
        this.name = Objects.requireNonNull(taskName, "taskName");
        return this;
    }

    /**
     * Sets the number of worker threads (default: the number of cores).
     *
     * @param count at least 1
     * @return this sweep
     */
    public Sweep workers(int count) {
        this.workers = Require.atLeast("workers", count, 1);
        return this;
    }

    /**
     * Reports progress: points done of the total (time = points done, energy = NaN).
     *
     * @param listener the listener, e.g. {@code Notebook.progress("sweep")}, or null
     * @return this sweep
     */
    public Sweep progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Interrupts a point that runs longer than this and counts it as failed.
     *
     * @param timeout a positive duration, or null for none
     * @return this sweep
     */
    public Sweep pointTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw Require.invalid("pointTimeout", "must be positive, got " + timeout);
        }
        this.pointTimeout = timeout;
        return this;
    }

    /**
     * Retries a failed point.
     *
     * @param count the retries, at least 0 (default 0)
     * @return this sweep
     */
    public Sweep retries(int count) {
        this.retries = Require.atLeast("retries", count, 0);
        return this;
    }

    /**
     * Allows the directory's stored grid to be replaced by this one (finished points are kept).
     *
     * @param allow whether to extend
     * @return this sweep
     */
    public Sweep extend(boolean allow) {
        this.extend = allow;
        return this;
    }

    /**
     * Runs every point (those not finished yet, with a directory) and returns the long table.
     *
     * @param task the task
     * @return parameter columns, then the task's columns, points in grid order
     * @throws SweepException if some points failed (the others' table is in it)
     * @throws CancellationException if the calling thread is interrupted (finished points are kept)
     */
    public Table run(Task task) {
        Objects.requireNonNull(task, "task");
        SweepDirectory directory = dir == null ? null
                : SweepDirectory.create(dir, new Manifest.TaskSpec("library", name, List.of()), grid, extend);
        List<Point> points = grid.points();
        Table[] results = new Table[points.size()];
        String[] errors = new String[points.size()];
        List<Point> todo = new ArrayList<>();
        for (Point p : points) {
            if (directory != null && directory.done(p)) {
                results[p.index()] = load(directory, p);
            } else {
                todo.add(p);
            }
        }
        AtomicInteger finished = new AtomicInteger(points.size() - todo.size());
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        report(finished.get());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, todo.size())),
                daemonThreads("sweep-worker"));
        ScheduledExecutorService alarms = Executors.newSingleThreadScheduledExecutor(daemonThreads("sweep-timeout"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Point p : todo) {
                futures.add(pool.submit(() -> {
                    runPoint(task, p, directory, alarms, results, errors, cancelled);
                    report(finished.incrementAndGet());
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("sweep worker failed: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            cancelled.set(true);
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new CancellationException("sweep interrupted: " + finished.get() + " of " + points.size()
                    + " points done" + (directory == null ? "" : ", kept in " + directory.dir()));
        } finally {
            pool.shutdownNow();
            alarms.shutdownNow();
        }
        Table table = assemble(points, results);
        List<Point> failed = new ArrayList<>();
        StringBuilder message = new StringBuilder();
        for (Point p : points) {
            if (errors[p.index()] != null) {
                failed.add(p);
                if (failed.size() <= 5) {
                    message.append("\n  ").append(p).append(": ").append(errors[p.index()]);
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new SweepException(failed.size() + " of " + points.size() + " points failed" + message
                    + (failed.size() > 5 ? "\n  …" : ""), table, failed);
        }
        return table;
    }

    private void report(int done) {
        if (progress != null) {
            progress.progress(done, grid.size(), done, Double.NaN);
        }
    }

    private void runPoint(Task task, Point p, SweepDirectory directory, ScheduledExecutorService alarms,
                          Table[] results, String[] errors, java.util.concurrent.atomic.AtomicBoolean cancelled) {
        String error = null;
        int attempt = 0;
        double seconds = 0;
        while (attempt <= retries) {
            attempt++;
            long start = System.nanoTime();
            Thread worker = Thread.currentThread();
            Object lock = new Object();
            boolean[] running = {true};
            boolean[] timedOut = {false};
            ScheduledFuture<?> alarm = pointTimeout == null ? null : alarms.schedule(() -> {
                synchronized (lock) {
                    if (running[0]) {
                        timedOut[0] = true;
                        worker.interrupt();
                    }
                }
            }, pointTimeout.toNanos(), TimeUnit.NANOSECONDS);
            try {
                Table t = Objects.requireNonNull(task.run(p), "the task returned no table");
                synchronized (lock) {
                    running[0] = false;
                }
                seconds = (System.nanoTime() - start) / 1e9;
                if (directory != null) {
                    PointTables.write(t, directory.partial(p));
                    directory.markDone(p, attempt, seconds, "thread", PointTables.columns(t));
                }
                results[p.index()] = t;
                error = null;
                break;
            } catch (Exception | AssertionError | StackOverflowError e) {
                synchronized (lock) {
                    running[0] = false;
                }
                seconds = (System.nanoTime() - start) / 1e9;
                boolean interrupted = Thread.currentThread().isInterrupted() || e instanceof InterruptedException
                        || e instanceof CancellationException;
                if (cancelled.get() || (interrupted && !timedOut[0])) {
                    throw new CancellationException("interrupted");   // the sweep was stopped: not a failure
                }
                error = timedOut[0] ? "timed out after " + pointTimeout.toSeconds() + " s" : describe(e);
            } finally {
                if (alarm != null) {
                    alarm.cancel(false);
                }
                synchronized (lock) {
                    running[0] = false;
                }
                if (timedOut[0]) {
                    Thread.interrupted();   // clear the alarm's interrupt before the next attempt
                }
            }
        }
        if (error != null) {
            errors[p.index()] = error;
            if (directory != null) {
                directory.markFailed(p, attempt, seconds, "thread", error);
            }
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static Table load(SweepDirectory directory, Point p) {
        try {
            PointRecord r = directory.record(p);
            return PointTables.read(directory.result(p), r.columns(), p.key());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the finished point " + p + " in " + directory.dir() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The points' tables stacked, each behind its parameters, in grid order. */
    private Table assemble(List<Point> points, Table[] results) {
        List<String> names = grid.names();
        Table all = null;
        for (Point p : points) {
            Table t = results[p.index()];
            if (t == null) {
                continue;
            }
            for (String n : names) {
                if (t.columnNames().contains(n)) {
                    throw Require.invalid("task", "must not return a column named like the parameter '" + n + "'");
                }
            }
            Table part = Table.create("sweep");
            for (int k = 0; k < names.size(); k++) {
                part.addColumns(parameterColumn(grid.axes().get(k), p.get(names.get(k)), t.rowCount()));
            }
            for (Column<?> c : t.columns()) {
                part.addColumns(c.copy());
            }
            all = all == null ? part : all.append(part);
        }
        if (all == null) {
            Table empty = Table.create("sweep");
            for (int k = 0; k < names.size(); k++) {
                empty.addColumns(parameterColumn(grid.axes().get(k), null, 0));
            }
            return empty;
        }
        return all.setName("sweep");
    }

    /** A constant column of a parameter, typed by what all of its axis's values read as. */
    private static Column<?> parameterColumn(Axis axis, String value, int rows) {
        String name = axis.name();
        if (axis.values().stream().allMatch(v -> v.matches("-?\\d{1,9}"))) {
            IntColumn c = IntColumn.create(name, rows);
            if (value != null) {
                c.setMissingTo(Integer.parseInt(value));
            }
            return c;
        }
        if (axis.values().stream().allMatch(v -> v.matches("-?\\d{1,18}"))) {
            LongColumn c = LongColumn.create(name, rows);
            if (value != null) {
                c.setMissingTo(Long.parseLong(value));
            }
            return c;
        }
        if (axis.values().stream().allMatch(Sweep::isNumber)) {
            DoubleColumn c = DoubleColumn.create(name, rows);
            if (value != null) {
                c.setMissingTo(Double.parseDouble(value));
            }
            return c;
        }
        String[] text = new String[rows];
        java.util.Arrays.fill(text, value);
        return StringColumn.create(name, text);
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return !v.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** @return the grid */
    public Grid grid() {
        return grid;
    }

    /**
     * The finished points of a persisted library sweep as the long table {@link #run} returns, without
     * running anything: for reading a sweep back (points not finished are left out).
     *
     * @param directory the sweep directory
     * @return the table
     */
    public static Table collect(Path directory) {
        SweepDirectory d = SweepDirectory.open(directory);
        if (!"library".equals(d.manifest().task().kind())) {
            throw Require.invalid("directory", "must hold a library sweep to be collected as a table, got a "
                    + d.manifest().task().kind() + " sweep (bin/glassy collect reads those)");
        }
        Sweep sweep = Sweep.over(d.grid());
        List<Point> points = d.grid().points();
        Table[] results = new Table[points.size()];
        for (Point p : points) {
            if (d.done(p)) {
                results[p.index()] = load(d, p);
            }
        }
        return sweep.assemble(points, results);
    }
}
