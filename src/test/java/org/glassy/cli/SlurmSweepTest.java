package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.glassy.sweep.SweepDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps as Slurm job arrays, against a real single-node Slurm cluster started for the test
 * ({@code environment/slurm_cluster.py serve}: munged, slurmctld and slurmd in a temporary directory on
 * ports of their own). Run by {@code make test-slurm}; skipped elsewhere unless {@code -Dglassy.requireSlurm=true}.
 */
@Tag("slurm")
class SlurmSweepTest {

    private static Process cluster;
    private static String slurmConf;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/sbatch")) && Files.isExecutable(Path.of(
                "/usr/sbin/slurmctld"));
        if (Boolean.getBoolean("glassy.requireSlurm")) {
            assertTrue(installed, "Slurm is not installed: bin/prerequisites slurm");
        }
        Assumptions.assumeTrue(installed, "Slurm is not installed (make test-slurm installs it)");
        Path script = Path.of(System.getProperty("basedir", "."), "environment", "slurm_cluster.py");
        cluster = new ProcessBuilder("python3", script.toString(), "serve", "--max-array-size", "4")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("SLURM_CONF=")) {
                slurmConf = line.substring("SLURM_CONF=".length());
                break;
            }
        }
        assertTrue(slurmConf != null, "the cluster did not start");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.getOutputStream().close();   // the harness stops every daemon when its stdin closes
            assertTrue(cluster.waitFor(60, TimeUnit.SECONDS), "the cluster did not stop");
        }
    }

    /** Runs glassy in a child JVM that talks to the test cluster; returns its exit status. */
    private int glassy(Path log, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Glassy.class.getName()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("SLURM_CONF", slurmConf);
        env.put("PATH", "/usr/sbin:" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "glassy " + String.join(" ", args) + " did not end");
        return p.exitValue();
    }

    private String squeue(String job) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("squeue", "--array", "--noheader", "--format=%i %T", "--jobs", job)
                .redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", slurmConf);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text;
    }

    private String collect(Path sweep) throws IOException {
        Path file = dir.resolve("collected-" + System.nanoTime() + ".csv");
        StringWriter err = new StringWriter();
        assertEquals(0, CliRunner.run(err, "collect", sweep.toString(), "--out", file.toString()), err.toString());
        return Files.readString(file);
    }

    private static final String[] COMMAND = {"--", "pspin", "--p", "3", "--n", "40", "--dt", "0.05", "--time", "40",
        "--dynamics", "langevin", "--records-per-decade", "5"};

    private static String[] sweep(Path out, String executor, String... options) {
        List<String> all = new ArrayList<>(List.of("sweep", "--out", out.toString(), "--executor", executor,
                "--grid", "temperature=0.4,0.8", "--grid", "seed=1..3"));
        all.addAll(List.of(options));
        all.addAll(List.of(COMMAND));
        return all.toArray(String[]::new);
    }

    @Test
    void aGridOnSlurmCollectsTheSameTableAsTheLocalExecutorByteForByte() throws Exception {
        Path local = dir.resolve("local");
        StringWriter err = new StringWriter();
        assertEquals(0, CliRunner.run(err, sweep(local, "local", "--worker", "thread")), err.toString());
        Path onSlurm = dir.resolve("slurm");
        Path log = dir.resolve("slurm.log");
        // MaxArraySize 4 < 6 points: two points per array task, indices 0..2
        assertEquals(0, glassy(log, sweep(onSlurm, "slurm", "--wait")), Files.readString(log));
        assertTrue(Files.readString(log).contains("3 tasks of 2 points"), Files.readString(log));
        assertEquals(collect(local), collect(onSlurm));
        try (var records = Files.list(onSlurm.resolve("points"))) {
            assertTrue(records.filter(f -> f.toString().endsWith(".json")).allMatch(f -> {
                try {
                    return Files.readString(f).contains("\"runner\" : \"slurm\"");
                } catch (IOException e) {
                    return false;
                }
            }), "every point was run by a Slurm array task");
        }
    }

    @Test
    void killingOneArrayTaskAndRerunningCompletesOnlyTheMissingPoint() throws Exception {
        Path out = dir.resolve("killed");
        Path log = dir.resolve("killed.log");
        // one point per task (max array 4 is enough only for chunks: use a grid of 3 points)
        String[] three = {"sweep", "--out", out.toString(), "--executor", "slurm", "--grid", "seed=1..3", "--",
            "pspin", "--p", "3", "--n", "80", "--temperature", "0.5", "--dt", "0.01", "--time", "300",
            "--records-per-decade", "5"};
        assertEquals(0, glassy(log, three), Files.readString(log));
        String submitted = Files.readString(log).lines().filter(l -> l.contains("submitted job array")).findFirst()
                .orElseThrow();
        String job = submitted.replaceAll(".*submitted job array (\\d+).*", "$1");
        // wait until task 1 runs, then cancel it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!squeue(job).contains(job + "_1 RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        ProcessBuilder cancel = new ProcessBuilder("scancel", job + "_1").redirectErrorStream(true);
        cancel.environment().put("SLURM_CONF", slurmConf);
        assertEquals(0, cancel.start().waitFor());
        while (!squeue(job).isBlank() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        SweepDirectory.Status status = SweepDirectory.open(out).status();
        assertEquals(2, status.done(), status.line());
        assertEquals(1, status.pending() + status.failed().size(), status.line());
        SweepDirectory d = SweepDirectory.open(out);
        Path finishedLog = d.log(d.grid().point(0));
        long runsBefore = Files.readString(finishedLog).lines().filter(l -> l.startsWith("# ")).count();

        String[] again = three.clone();
        List<String> wait = new ArrayList<>(List.of(again));
        wait.add(wait.indexOf("--"), "--wait");
        assertEquals(0, glassy(log, wait.toArray(String[]::new)), Files.readString(log));
        assertTrue(Files.readString(log).contains("1 tasks of 1 point"), "only the missing point was submitted: "
                + Files.readString(log));
        assertTrue(SweepDirectory.open(out).status().complete());
        assertEquals(runsBefore, Files.readString(finishedLog).lines().filter(l -> l.startsWith("# ")).count(),
                "a finished point did not run again");
    }
}
