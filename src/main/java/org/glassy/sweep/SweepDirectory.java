package org.glassy.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.glassy.core.BuildInfo;
import org.glassy.internal.Require;

/**
 * A sweep on disk, the same whatever ran its points (threads here, child processes, a Slurm job
 * array), so a sweep started on one can be finished on another:
 * <pre>
 *   DIR/sweep.json            the {@link Manifest}: grid, task, provenance
 *   DIR/points/KEY.csv        a finished point's table (written as KEY.csv.partial, renamed when complete)
 *   DIR/points/KEY.json       its {@link PointRecord}: done or failed, attempts, error, timing
 *   DIR/points/KEY.*          side outputs of a command (per point)
 *   DIR/logs/KEY.log          a command point's standard error
 * </pre>
 * KEY is the point's {@link Point#key()}, made of its values, so extending the grid never renames a
 * finished point. Every file is written to a temporary name and renamed, so an interrupt leaves
 * either the old file or the new one.
 */
public final class SweepDirectory {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Manifest manifest;

    private SweepDirectory(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Opens a sweep directory, creating it (and its manifest) if it does not exist. An existing sweep
     * must have the same task and grid, unless {@code extend} allows a different grid (its finished
     * points are kept; the manifest then describes the new grid).
     *
     * @param dir the directory
     * @param task the task
     * @param grid the grid
     * @param extend whether a different grid may replace the stored one
     * @return the sweep
     * @throws IllegalArgumentException naming the difference, if the directory holds another sweep
     */
    public static SweepDirectory create(Path dir, Manifest.TaskSpec task, Grid grid, boolean extend) {
        Objects.requireNonNull(dir, "dir");
        Path file = dir.resolve("sweep.json");
        Manifest wanted = new Manifest(Manifest.FORMAT, task, grid.axes(), grid.shape(), provenance());
        try {
            if (Files.exists(file)) {
                Manifest stored = read(file);
                if (!stored.task().equals(task)) {
                    throw Require.invalid("out", "must be a new directory or hold the same sweep: " + dir
                            + " holds a sweep of " + describe(stored.task()) + ", not of " + describe(task));
                }
                if (!stored.grid().equals(grid)) {
                    if (!extend) {
                        throw Require.invalid("grid", "must be the one of the sweep in " + dir + ": stored "
                                + stored.grid() + ", asked " + grid + " (to change it and keep the finished points, "
                                + "extend the sweep)");
                    }
                    Manifest extended = new Manifest(Manifest.FORMAT, task, grid.axes(), grid.shape(),
                            stored.provenance());
                    writeAtomically(file, JSON.writeValueAsBytes(extended));
                    return new SweepDirectory(dir, extended);
                }
                return new SweepDirectory(dir, stored);
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw Require.invalid("out", "must be a directory, got the file " + dir);
            }
            Files.createDirectories(dir.resolve("points"));
            Files.createDirectories(dir.resolve("logs"));
            writeAtomically(file, JSON.writeValueAsBytes(wanted));
            return new SweepDirectory(dir, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the sweep directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an existing sweep.
     *
     * @param dir the directory
     * @return the sweep
     * @throws IllegalArgumentException if there is no sweep there
     */
    public static SweepDirectory open(Path dir) {
        Path file = dir.resolve("sweep.json");
        if (!Files.isRegularFile(file)) {
            throw Require.invalid("dir", "must be a sweep directory (with a sweep.json), got " + dir);
        }
        try {
            return new SweepDirectory(dir, read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Manifest read(Path file) throws IOException {
        Manifest m = JSON.readValue(file.toFile(), Manifest.class);
        if (!Manifest.FORMAT.equals(m.format())) {
            throw Require.invalid("dir", "must hold a sweep of format " + Manifest.FORMAT + ", got " + m.format()
                    + " in " + file);
        }
        return m;
    }

    private static String describe(Manifest.TaskSpec t) {
        return t.kind() + " " + t.name() + (t.fixed().isEmpty() ? "" : " " + String.join(" ", t.fixed()));
    }

    /** Glassy's version and commit, the machine, now. */
    static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        BuildInfo build = BuildInfo.current();
        p.put("glassy", build.line());
        p.put("created", Instant.now().toString());
        p.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        p.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("host", ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", ""));
        return p;
    }

    /** @return the directory */
    public Path dir() {
        return dir;
    }

    /** @return the manifest */
    public Manifest manifest() {
        return manifest;
    }

    /** @return the grid */
    public Grid grid() {
        return manifest.grid();
    }

    /**
     * @param point a point
     * @return its finished table, {@code points/KEY.csv}
     */
    public Path result(Point point) {
        return dir.resolve("points").resolve(point.key() + ".csv");
    }

    /**
     * @param point a point
     * @return where its table is written while it runs, {@code points/KEY.csv.partial}
     */
    public Path partial(Point point) {
        return dir.resolve("points").resolve(point.key() + ".csv.partial");
    }

    /**
     * @param point a point
     * @param suffix the side output's name, e.g. {@code loss-out.csv}
     * @return a side output of the point, {@code points/KEY.suffix}
     */
    public Path sideOutput(Point point, String suffix) {
        return dir.resolve("points").resolve(point.key() + "." + suffix);
    }

    /**
     * @param point a point
     * @return its record file, {@code points/KEY.json}
     */
    public Path recordFile(Point point) {
        return dir.resolve("points").resolve(point.key() + ".json");
    }

    /**
     * @param point a point
     * @return its log, {@code logs/KEY.log}
     */
    public Path log(Point point) {
        return dir.resolve("logs").resolve(point.key() + ".log");
    }

    /**
     * Returns what is known of a point.
     *
     * @param point the point
     * @return its record, or null if it has none (pending, or interrupted before it ended)
     */
    public PointRecord record(Point point) {
        Path file = recordFile(point);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            PointRecord r = JSON.readValue(file.toFile(), PointRecord.class);
            if (r.done() && !Files.isRegularFile(result(point))) {
                return null;   // a record without its table: redo the point
            }
            return r;
        } catch (IOException e) {
            return null;       // an unreadable record: redo the point
        }
    }

    /**
     * Whether a point is finished.
     *
     * @param point the point
     * @return true if its table and a done record exist
     */
    public boolean done(Point point) {
        PointRecord r = record(point);
        return r != null && r.done();
    }

    /**
     * Files a point's finished table: renames {@link #partial} to {@link #result} (and a command's provenance
     * sidecar {@code KEY.csv.partial.json} to {@code KEY.csv.json}) and writes its done record.
     *
     * @param point the point
     * @param attempts the attempts it took
     * @param seconds the wall time of the last attempt
     * @param runner what ran it
     * @param columns the table's column types (library tasks), or an empty list
     */
    public void markDone(Point point, int attempts, double seconds, String runner, List<Map<String, String>> columns) {
        try {
            move(partial(point), result(point));
            Path sidecar = sidecar(partial(point));
            if (Files.isRegularFile(sidecar)) {
                move(sidecar, sidecar(result(point)));
            }
            write(new PointRecord(point.key(), point.values(), "done", attempts, null, seconds, runner,
                    columns == null ? List.of() : columns), point);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot file point " + point + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records a failed point (its partial table is removed).
     *
     * @param point the point
     * @param attempts the attempts made
     * @param seconds the wall time of the last attempt
     * @param runner what ran it
     * @param error the error message
     */
    public void markFailed(Point point, int attempts, double seconds, String runner, String error) {
        try {
            Files.deleteIfExists(partial(point));
            Files.deleteIfExists(sidecar(partial(point)));
            write(new PointRecord(point.key(), point.values(), "failed", attempts, error, seconds, runner, List.of()),
                    point);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the failure of point " + point + ": " + e.getMessage(), e);
        }
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".json");
    }

    private void write(PointRecord record, Point point) throws IOException {
        writeAtomically(recordFile(point), JSON.writeValueAsBytes(record));
    }

    /** Writes bytes to a temporary file beside the target and renames it over the target. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        Files.write(temporary, bytes);
        move(temporary, target);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Counts the points of the current grid: done, failed, pending.
     *
     * @return the status
     */
    public Status status() {
        List<Point> failed = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int done = 0;
        int pending = 0;
        for (Point p : grid().points()) {
            PointRecord r = record(p);
            if (r != null && r.done()) {
                done++;
            } else if (r != null && r.failed()) {
                failed.add(p);
                errors.add(r.error());
            } else {
                pending++;
            }
        }
        return new Status(grid().size(), done, failed, errors, pending);
    }

    /**
     * The state of a sweep.
     *
     * @param total the number of points of the grid
     * @param done the finished points
     * @param failed the failed points
     * @param errors their error messages, in the same order
     * @param pending the points neither done nor failed
     */
    public record Status(int total, int done, List<Point> failed, List<String> errors, int pending) {

        /** @return whether every point is done */
        public boolean complete() {
            return done == total;
        }

        /** @return one line, e.g. {@code 10 of 12 points done, 1 failed, 1 pending} */
        public String line() {
            return done + " of " + total + " points done, " + failed.size() + " failed, " + pending + " pending";
        }
    }

    @Override
    public String toString() {
        return "SweepDirectory[" + dir + ", " + grid() + "]";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
