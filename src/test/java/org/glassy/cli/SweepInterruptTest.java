package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.glassy.sweep.SweepDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command-line sweep stopped by SIGINT loses at most the points in flight: its finished points
 * stay filed, and running it again completes only the rest, giving the table of an uninterrupted
 * sweep.
 */
class SweepInterruptTest {

    @TempDir
    Path dir;

    private static List<String> java(String... args) {
        List<String> argv = new ArrayList<>(GlassyProcess.javaWithDefaultSigint());
        argv.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Glassy.class.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    @Test
    void sigintKeepsFinishedPointsAndARerunCompletesTheRest() throws Exception {
        Path out = dir.resolve("sweep");
        String[] sweep = {"sweep", "--out", out.toString(), "--worker", "process", "--workers", "1", "--grid",
            "seed=1..6", "--", "pspin", "--p", "3", "--n", "60", "--temperature", "0.5", "--dt", "0.02", "--time",
            "60", "--records-per-decade", "5"};
        Process p = new ProcessBuilder(java(sweep)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sweep.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()
                && (!Files.exists(out.resolve("sweep.json")) || SweepDirectory.open(out).status().done() < 2)) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the sweep ended before it could be interrupted: " + Files.readString(
                dir.resolve("sweep.log")));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, p.exitValue(), Files.readString(dir.resolve("sweep.log")));
        SweepDirectory.Status s = SweepDirectory.open(out).status();
        assertTrue(s.done() >= 2 && s.done() < 6, s.line());
        assertEquals(0, s.failed().size(), "an interrupt is not a failure: " + s.errors());
        // no child process is left behind, and the rerun does only the missing points
        assertTrue(ProcessHandle.allProcesses().noneMatch(h -> h.info().commandLine().orElse("").contains(out
                .toString()) && h.info().commandLine().orElse("").contains("sweep-task")), "a worker survived");
        List<Path> finishedBefore = new ArrayList<>();
        SweepDirectory d = SweepDirectory.open(out);
        for (var point : d.grid().points()) {
            if (d.done(point)) {
                finishedBefore.add(d.log(point));
            }
        }
        StringWriter err = new StringWriter();
        assertEquals(0, CliRunner.run(err, sweep), err.toString());
        assertEquals(6, SweepDirectory.open(out).status().done());
        for (Path log : finishedBefore) {
            assertEquals(1, Files.readString(log).lines().filter(l -> l.startsWith("# ")).count(),
                    "a point finished before the interrupt ran again: " + log);
        }
        assertEquals(6, Files.list(out.resolve("logs")).count(), "every point has run");
    }
}
