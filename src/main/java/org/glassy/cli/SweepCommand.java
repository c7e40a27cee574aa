package org.glassy.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.glassy.sweep.Grid;
import org.glassy.sweep.Manifest;
import org.glassy.sweep.Point;
import org.glassy.sweep.PointRecord;
import org.glassy.sweep.SweepDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glassy sweep --out DIR [--grid NAME=VALUES]... -- COMMAND [FIXED OPTIONS]...}: runs a command over
 * a grid of option values, on this machine ({@code --executor local}, the default: a child JVM per point,
 * {@code --workers} at a time) or as a Slurm job array ({@code --executor slurm}); every point's CSV is
 * filed in DIR, which {@code glassy collect DIR} turns into one table.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run COMMAND over a grid of option values: --grid NAME=VALUES sets --NAME over VALUES",
            "(a list 0.3,0.5,0.7, a range 1..8, or a log range 10:10000:log4); several --grid form the",
            "Cartesian product, the first varying slowest. Finished points are kept in DIR: running the",
            "same sweep again does only the missing ones. Then: glassy collect DIR."})
final class SweepCommand implements Callable<Integer>, OptionNames {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the sweep directory")
    Path out;

    @Option(names = "--grid", paramLabel = "NAME=VALUES", description = "an option of COMMAND and its values")
    List<String> grid = new ArrayList<>();

    @Option(names = "--executor", defaultValue = "local", description = "local or slurm (default: ${DEFAULT-VALUE})")
    String executor;

    @Option(names = "--quiet", description = "no line on standard error as points finish (failures and the final "
            + "state are still reported)")
    boolean quiet;

    @Option(names = "--workers", description = "points at a time on this machine, >= 1 (default: the number of cores); "
            + "with slurm, array tasks at a time (default: no limit)")
    Integer workers;

    @Option(names = "--worker", defaultValue = "process",
            description = "what runs a point on this machine: process (a child JVM each: own heap and log, a timeout "
                    + "kills it) or thread (threads of this JVM: no start-up per point) (default: ${DEFAULT-VALUE})")
    String worker;

    @Option(names = "--point-timeout", paramLabel = "SECONDS",
            description = "stop a point that runs longer and count it as failed, > 0 (default: none)")
    Double pointTimeout;

    @Option(names = "--retries", defaultValue = "0", description = "retries of a failed point, >= 0 (default: 0)")
    int retries;

    @Option(names = "--extend", description = "allow a grid different from DIR's (finished points are kept)")
    boolean extend;

    @Option(names = "--slurm-time", description = "the array tasks' time limit, e.g. 2:00:00")
    String slurmTime;

    @Option(names = "--slurm-mem", description = "the array tasks' memory, e.g. 4G")
    String slurmMem;

    @Option(names = "--slurm-cpus", description = "CPUs per array task, >= 1 (default: 1)")
    Integer slurmCpus;

    @Option(names = "--slurm-partition", description = "the partition")
    String slurmPartition;

    @Option(names = "--slurm-option", paramLabel = "LINE", description = "an extra #SBATCH line, e.g. --account=abc")
    List<String> slurmOptions = new ArrayList<>();

    @Option(names = "--slurm-setup", paramLabel = "LINE",
            description = "a shell line run before the task, e.g. 'module load Java/17'; then java is taken from "
                    + "JAVA_HOME or PATH on the compute node instead of this machine's path")
    List<String> slurmSetup = new ArrayList<>();

    @Option(names = "--slurm-max-array",
            description = "the cluster's MaxArraySize: larger sweeps are chunked (default: what scontrol reports, "
                    + "else 1001)")
    Integer slurmMaxArray;

    @Option(names = "--wait", description = "with slurm: wait until the job array has finished (sbatch --wait)")
    boolean await;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "after --: the command and its fixed options")
    List<String> command = new ArrayList<>();

    @Override
    public java.util.Map<String, String> optionNames() {
        return OptionNames.of("grid", "--grid", "out", "--out");
    }

    @Override
    public Integer call() throws Exception {
        if (!executor.equals("local") && !executor.equals("slurm")) {
            throw new IllegalArgumentException("--executor must be local or slurm, got '" + executor + "'");
        }
        if (!worker.equals("process") && !worker.equals("thread")) {
            throw new IllegalArgumentException("--worker must be process or thread, got '" + worker + "'");
        }
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        if (pointTimeout != null && !(pointTimeout > 0 && pointTimeout < 1e9)) {
            throw new IllegalArgumentException("--point-timeout must be > 0 seconds, got " + pointTimeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("--retries must be >= 0, got " + retries);
        }
        if (slurmCpus != null && slurmCpus < 1) {
            throw new IllegalArgumentException("--slurm-cpus must be >= 1, got " + slurmCpus);
        }
        if (slurmMaxArray != null && slurmMaxArray < 1) {
            throw new IllegalArgumentException("--slurm-max-array must be >= 1, got " + slurmMaxArray);
        }
        if (slurmTime != null && !slurmTime.matches("\\d+(:\\d{1,2}){0,2}|\\d+-\\d{1,2}(:\\d{1,2}){0,2}")) {
            throw new IllegalArgumentException("--slurm-time must be a Slurm time (MINUTES, HH:MM:SS or D-HH:MM:SS), got '"
                    + slurmTime + "'");
        }
        if (slurmMem != null) {
            parseMemory(slurmMem);
        }
        if (slurmPartition != null && !slurmPartition.matches("[A-Za-z0-9_.,-]+")) {
            throw new IllegalArgumentException("--slurm-partition must be a partition name, got '" + slurmPartition + "'");
        }
        for (String line : slurmSetup) {
            if (line.isBlank() || line.contains("\n")) {
                throw new IllegalArgumentException("--slurm-setup must be one non-empty shell line, got '" + line + "'");
            }
        }
        for (String line : slurmOptions) {
            if (!line.startsWith("--") || line.contains("\n")) {
                throw new IllegalArgumentException("--slurm-option must be one sbatch option starting with --, got '"
                        + line + "'");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out must be a directory, got the file " + out);
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out must be in an existing directory, got " + out + " (no directory "
                    + parent + ")");
        }
        SweepPlan plan = new SweepPlan(command.get(0), command.subList(1, command.size()));
        Grid points = plan.grid(grid);
        // every point is checked before anything runs: a value the command would reject stops here
        Path scratch = Files.createTempDirectory("glassy-sweep-check");
        try {
            SweepDirectory probe = SweepDirectory.create(scratch.resolve("d"), new Manifest.TaskSpec("command",
                    plan.command(), plan.fixed()), points, false);
            for (Point p : points.points()) {
                String problem = plan.check(p, probe, scratch.resolve("d/points/check.csv"));
                if (problem != null) {
                    throw new IllegalArgumentException(blame(problem, p) + " (point " + p + ")");
                }
            }
        } finally {
            deleteTree(scratch);
        }
        SweepDirectory directory = SweepDirectory.create(out, new Manifest.TaskSpec("command", plan.command(),
                plan.fixed()), points, extend);
        return executor.equals("local") ? runLocally(directory) : submitToSlurm(directory);
    }

    /** Names the --grid whose option the command rejected, when it was one of them. */
    private String blame(String problem, Point p) {
        for (String name : p.names()) {
            if (problem.contains("--" + name + " ") || problem.contains("'--" + name + "'")
                    || problem.contains("--" + name + ":")) {
                return "--grid " + name + ": " + problem;
            }
        }
        return problem;
    }

    private int runLocally(SweepDirectory directory) throws Exception {
        List<Point> todo = pending(directory);
        int cores = Runtime.getRuntime().availableProcessors();
        int w = Math.max(1, Math.min(workers == null ? cores : workers, Math.max(1, todo.size())));
        long heap = Math.max(256L << 20, (long) (0.8 * physicalMemory() / w));
        List<String> java = javaCommand(heap, Math.max(1, cores / w));
        AtomicInteger finished = new AtomicInteger(directory.grid().size() - todo.size());
        int total = directory.grid().size();
        long start = System.nanoTime();
        progress(finished.get(), total, start);
        ExecutorService pool = Executors.newFixedThreadPool(w);
        List<Process> running = Collections.synchronizedList(new ArrayList<>());
        Thread hook = new Thread(() -> running.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Point p : todo) {
                futures.add(pool.submit(() -> {
                    if (worker.equals("thread")) {
                        runInThread(directory, p);
                    } else {
                        runInChild(directory, p, java, running);
                    }
                    progress(finished.incrementAndGet(), total, start);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            running.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs anyway
            }
        }
        return summary(directory);
    }

    private void runInChild(SweepDirectory directory, Point p, List<String> java, List<Process> running)
            throws IOException, InterruptedException {
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            List<String> argv = new ArrayList<>(java);
            argv.addAll(List.of("sweep-task", directory.dir().toString(), Integer.toString(p.index()), "--attempt",
                    Integer.toString(attempt), "--runner", "process"));
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.log(p).toFile())).start();
            running.add(process);
            long started = System.nanoTime();
            boolean ended = pointTimeout == null ? waitFor(process)
                    : process.waitFor((long) (pointTimeout * 1000), TimeUnit.MILLISECONDS);
            running.remove(process);
            if (!ended) {
                process.destroyForcibly().waitFor();
                directory.markFailed(p, attempt, (System.nanoTime() - started) / 1e9, "process",
                        "timed out after " + pointTimeout + " s");
                continue;
            }
            if (directory.done(p)) {
                return;
            }
            PointRecord r = directory.record(p);
            if (r == null) {   // the child died before recording (a crash, a kill): say so from its log
                directory.markFailed(p, attempt, (System.nanoTime() - started) / 1e9, "process",
                        "exit status " + process.exitValue() + lastLine(directory.log(p)));
            }
        }
    }

    private void runInThread(SweepDirectory directory, Point p) throws IOException {
        SweepPlan plan = SweepPlan.of(directory.manifest().task());
        java.util.concurrent.ScheduledExecutorService alarm = pointTimeout == null ? null
                : Executors.newSingleThreadScheduledExecutor();
        try {
            for (int attempt = 1; attempt <= retries + 1; attempt++) {
                Thread self = Thread.currentThread();
                boolean[] timedOut = {false};
                java.util.concurrent.ScheduledFuture<?> fire = alarm == null ? null : alarm.schedule(() -> {
                    timedOut[0] = true;
                    self.interrupt();
                }, (long) (pointTimeout * 1000), TimeUnit.MILLISECONDS);
                long started = System.nanoTime();
                boolean ok = SweepTaskCommand.runPoint(plan, directory, p, attempt, "thread");
                if (fire != null) {
                    fire.cancel(false);
                }
                if (ok) {
                    return;
                }
                if (timedOut[0]) {
                    Thread.interrupted();
                    directory.markFailed(p, attempt, (System.nanoTime() - started) / 1e9, "thread",
                            "timed out after " + pointTimeout + " s");
                } else if (Thread.currentThread().isInterrupted()) {
                    return;   // the sweep itself was interrupted
                }
            }
        } finally {
            if (alarm != null) {
                alarm.shutdownNow();
            }
        }
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank() && !lines.get(i).startsWith("WARNING: Using incubator")) {
                    return ": " + lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    /** The points of DIR's grid that are not done (failed ones are redone). */
    private static List<Point> pending(SweepDirectory directory) {
        List<Point> todo = new ArrayList<>();
        for (Point p : directory.grid().points()) {
            if (!directory.done(p)) {
                todo.add(p);
            }
        }
        return todo;
    }

    /** This JVM's java, class path and options, with a heap and a thread count for one worker. */
    static List<String> javaCommand(long heapBytes, int threads) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("-Xmx" + Math.max(64, heapBytes >> 20) + "m");
        argv.add("-Dglassy.threads=" + threads);
        argv.add("--add-modules");
        argv.add("jdk.incubator.vector");
        argv.add("-cp");
        argv.add(System.getProperty("java.class.path"));
        argv.add(Glassy.class.getName());
        return argv;
    }

    private static long physicalMemory() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    private synchronized void progress(int done, int total, long start) {
        if (quiet) {
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String eta = done == 0 || done == total ? "" : String.format(Locale.ROOT, ", ETA %.0f s",
                seconds / done * (total - done));
        System.err.printf(Locale.ROOT, "sweep: %d of %d points done (%.1f s%s)%n", done, total, seconds, eta);
        System.err.flush();
    }

    /** Prints the sweep's state; 0 if every point is done, 1 otherwise. */
    static int summary(SweepDirectory directory) {
        SweepDirectory.Status s = directory.status();
        System.err.println("sweep " + directory.dir() + ": " + s.line());
        for (int i = 0; i < s.failed().size(); i++) {
            System.err.println("  failed: " + s.failed().get(i) + ": " + s.errors().get(i));
        }
        System.err.flush();
        return s.complete() ? 0 : 1;
    }

    /** Writes the job-array script into DIR/slurm and submits it. */
    private int submitToSlurm(SweepDirectory directory) throws Exception {
        List<Point> todo = pending(directory);
        if (todo.isEmpty()) {
            return summary(directory);
        }
        Path slurm = Files.createDirectories(directory.dir().resolve("slurm"));
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss-SSS"));
        Path list = slurm.resolve("points-" + stamp + ".txt");
        StringBuilder lines = new StringBuilder();
        for (Point p : todo) {
            lines.append(p.index()).append('\n');
        }
        Files.writeString(list, lines);
        int maxArray = slurmMaxArray != null ? slurmMaxArray : clusterMaxArraySize();
        // MaxArraySize bounds the array INDEX: tasks 0 … tasks − 1 with tasks ≤ MaxArraySize
        int chunk = (todo.size() + maxArray - 1) / maxArray;
        int tasks = (todo.size() + chunk - 1) / chunk;
        Path script = slurm.resolve("sweep-" + stamp + ".sbatch");
        Files.writeString(script, sbatchScript(directory, list, chunk, tasks));
        List<String> sbatch = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (await) {
            sbatch.add("--wait");
        }
        sbatch.add(script.toString());
        Process process = new ProcessBuilder(sbatch).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int status = process.waitFor();
        if (status != 0 && !(await && output.matches("(?s)\\d+.*"))) {
            throw new IllegalStateException("sbatch failed (exit " + status + "): " + output);
        }
        System.err.println("sweep: submitted job array " + output.lines().findFirst().orElse("") + " (" + tasks
                + " tasks of " + chunk + " point" + (chunk == 1 ? "" : "s") + "): " + script);
        return await ? summary(directory) : 0;
    }

    /** The cluster's MaxArraySize from {@code scontrol show config}, or Slurm's default 1001. */
    private static int clusterMaxArraySize() {
        try {
            Process p = new ProcessBuilder("scontrol", "show", "config").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^MaxArraySize\\s*=\\s*(\\d+)")
                        .matcher(text);
                if (m.find()) {
                    return Math.max(1, Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // no scontrol: Slurm's default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1001;
    }

    private String sbatchScript(SweepDirectory directory, Path list, int chunk, int tasks) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=glassy-sweep\n");
        s.append("#SBATCH --array=0-").append(tasks - 1).append(workers == null ? "" : "%" + workers).append('\n');
        s.append("#SBATCH --output=").append(directory.dir().toAbsolutePath().resolve("logs"))
                .append("/slurm-%A_%a.out\n");
        if (slurmTime != null) {
            s.append("#SBATCH --time=").append(slurmTime).append('\n');
        }
        if (slurmMem != null) {
            s.append("#SBATCH --mem=").append(slurmMem).append('\n');
        }
        s.append("#SBATCH --cpus-per-task=").append(slurmCpus == null ? 1 : slurmCpus).append('\n');
        if (slurmPartition != null) {
            s.append("#SBATCH --partition=").append(slurmPartition).append('\n');
        }
        for (String line : slurmOptions) {
            s.append("#SBATCH ").append(line).append('\n');
        }
        s.append("# one array task per chunk of ").append(chunk).append(" point(s) listed in ").append(list.getFileName())
                .append("; each files its results in the sweep directory (glassy sweep-task)\n");
        long heap = slurmMem == null ? 2L << 30 : parseMemory(slurmMem) * 8 / 10;
        List<String> java = javaCommand(heap, slurmCpus == null ? 1 : slurmCpus);
        for (String line : slurmSetup) {
            s.append(line).append('\n');
        }
        s.append("exec");
        for (int i = 0; i < java.size(); i++) {
            s.append(' ').append(i == 0 && !slurmSetup.isEmpty() ? "\"${JAVA_HOME:+$JAVA_HOME/bin/}java\""
                    : shellQuote(java.get(i)));
        }
        s.append(" sweep-task ").append(shellQuote(directory.dir().toAbsolutePath().toString()))
                .append(" \"$SLURM_ARRAY_TASK_ID\" --chunk ").append(chunk).append(" --list ")
                .append(shellQuote(list.toAbsolutePath().toString())).append(" --runner slurm\n");
        return s.toString();
    }

    private static long parseMemory(String m) {
        String s = m.strip().toUpperCase(Locale.ROOT);
        long unit = 1L << 20;   // Slurm's default unit: megabytes
        char last = s.isEmpty() ? '0' : s.charAt(s.length() - 1);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("--slurm-mem must be a size like 4G or 800M, got '" + m + "'");
        }
        if (Character.isLetter(last)) {
            unit = switch (last) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                case 'T' -> 1L << 40;
                default -> throw new IllegalArgumentException("--slurm-mem must be a size like 4G or 800M, got " + m);
            };
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Long.parseLong(s) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--slurm-mem must be a size like 4G or 800M, got " + m);
        }
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
