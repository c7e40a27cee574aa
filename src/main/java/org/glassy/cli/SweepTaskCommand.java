package org.glassy.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.glassy.sweep.Grid;
import org.glassy.sweep.Point;
import org.glassy.sweep.SweepDirectory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glassy sweep-task DIR INDEX}: runs one point (or one chunk of points) of a command sweep in
 * this JVM and files its result in the sweep directory. What every worker of a sweep runs: a child
 * process of {@code glassy sweep} on this machine, or a task of a Slurm job array.
 */
@Command(name = "sweep-task", mixinStandardHelpOptions = true,
        description = {"Run point INDEX of the command sweep in DIR (or points INDEX·CHUNK … INDEX·CHUNK + CHUNK − 1,",
            "or the INDEX-th chunk of the points listed in --list) and file the results in DIR."})
final class SweepTaskCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the sweep directory")
    Path dir;

    @Parameters(index = "1", paramLabel = "INDEX", description = "the point (or chunk) index, from 0")
    int index;

    @Option(names = "--chunk", defaultValue = "1", description = "points per task (default: ${DEFAULT-VALUE})")
    int chunk;

    @Option(names = "--list", paramLabel = "FILE",
            description = "a file of point indices, one per line: INDEX selects the INDEX-th chunk of them")
    Path list;

    @Option(names = "--attempt", defaultValue = "1", description = "the attempt number, for the record")
    int attempt;

    @Option(names = "--runner", defaultValue = "process", description = "what runs this task, for the record")
    String runner;

    @Override
    public Integer call() throws Exception {
        if (chunk < 1) {
            throw new IllegalArgumentException("--chunk must be >= 1, got " + chunk);
        }
        if (index < 0) {
            throw new IllegalArgumentException("INDEX must be >= 0, got " + index);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("--attempt must be >= 1, got " + attempt);
        }
        if (!runner.matches("process|thread|slurm")) {
            throw new IllegalArgumentException("--runner must be process, thread or slurm, got '" + runner + "'");
        }
        if (list != null && !Files.isReadable(list)) {
            throw new IllegalArgumentException("--list must be a readable file of point indices, got " + list);
        }
        SweepDirectory directory = SweepDirectory.open(dir);
        SweepPlan plan = SweepPlan.of(directory.manifest().task());
        Grid grid = directory.grid();
        List<Integer> indices;
        if (list != null) {
            indices = Files.readAllLines(list).stream().map(String::strip).filter(s -> !s.isEmpty())
                    .map(Integer::valueOf).toList();
        } else {
            indices = java.util.stream.IntStream.range(0, grid.size()).boxed().toList();
        }
        long from = (long) index * chunk;
        if (from >= indices.size()) {
            throw new IllegalArgumentException("INDEX must be below " + (indices.size() + chunk - 1) / chunk
                    + " (chunks of " + chunk + " of " + indices.size() + " points), got " + index);
        }
        int failures = 0;
        for (long i = from; i < Math.min(indices.size(), from + chunk); i++) {
            Point point = grid.point(indices.get((int) i));
            if (!directory.done(point) && !runPoint(plan, directory, point)) {
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** Runs one point in this JVM, its error output into the point's log; true if it finished. */
    private boolean runPoint(SweepPlan plan, SweepDirectory directory, Point point) throws Exception {
        return runPoint(plan, directory, point, attempt, runner);
    }

    /**
     * Runs one point of a command sweep in this JVM (on the calling thread), its error output going to the
     * point's log, and files the result; true if it finished.
     */
    static boolean runPoint(SweepPlan plan, SweepDirectory directory, Point point, int attempt, String runner)
            throws IOException {
        Path partial = directory.partial(point);
        List<String> args = plan.arguments(point, directory, partial);
        long start = System.nanoTime();
        int status;
        StringBuilderWriter errors = new StringBuilderWriter();
        try (PrintStream log = new PrintStream(new FileOutputStream(directory.log(point).toFile(), true), true,
                StandardCharsets.UTF_8)) {
            log.println("# " + java.time.Instant.now() + " attempt " + attempt + " (" + runner + "): glassy "
                    + String.join(" ", args));
            ThreadErr.redirect(log);
            try {
                CommandLine cli = Glassy.commandLine();
                cli.setErr(new PrintWriter(new TeeWriter(log, errors), true));
                status = cli.execute(args.toArray(String[]::new));
            } finally {
                ThreadErr.redirect(null);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status == 0 && Files.isRegularFile(partial)) {
            directory.markDone(point, attempt, seconds, runner, List.of());
            return true;
        }
        if (Thread.currentThread().isInterrupted()) {
            java.nio.file.Files.deleteIfExists(partial);
            return false;   // stopped by a timeout or an interrupt: the caller records it
        }
        String message = errors.toString().strip();
        if (message.isEmpty()) {
            message = "exit status " + status;
        }
        directory.markFailed(point, attempt, seconds, runner, message.lines().reduce((x, y) -> y).orElse(message));
        return false;
    }

    /**
     * Standard error per thread: while a thread runs a point, what it writes to {@code System.err}
     * (progress, warnings) goes to that point's log; other threads' writes go where they went before.
     */
    static final class ThreadErr extends java.io.OutputStream {
        private static final ThreadLocal<PrintStream> TARGET = new ThreadLocal<>();
        private static PrintStream original;
        private static boolean installed;

        private ThreadErr() {
        }

        static synchronized void redirect(PrintStream log) {
            if (!installed) {
                original = System.err;
                System.setErr(new PrintStream(new ThreadErr(), true, StandardCharsets.UTF_8));
                installed = true;
            }
            if (log == null) {
                TARGET.remove();
            } else {
                TARGET.set(log);
            }
        }

        private static PrintStream target() {
            PrintStream t = TARGET.get();
            return t == null ? original : t;
        }

        @Override
        public void write(int b) {
            target().write(b);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            target().write(buffer, offset, length);
        }

        @Override
        public void flush() {
            target().flush();
        }
    }

    /** Collects what picocli's error writer prints. */
    private static final class StringBuilderWriter extends java.io.Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] buffer, int offset, int length) {
            text.append(buffer, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Writes to the log and keeps a copy of the error text. */
    private static final class TeeWriter extends java.io.Writer {
        private final PrintStream log;
        private final StringBuilderWriter copy;

        TeeWriter(PrintStream log, StringBuilderWriter copy) {
            this.log = log;
            this.copy = copy;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            log.print(new String(buffer, offset, length));
            copy.write(buffer, offset, length);
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            log.flush();
        }
    }
}
