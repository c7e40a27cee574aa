package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt (SIGINT, SIGTERM, a thread interrupt) keeps every finished row, for every command: streamed
 * outputs hold a prefix of the uninterrupted run's rows; outputs whose rows exist only at the end leave the
 * existing FILE as it was and a {@code FILE.partial}; both say so on standard error and in their sidecar.
 */
class InterruptsTest {

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /**
     * Runs a streamed command whole, then again interrupted (the thread's interrupt set as standard output
     * receives its {@code after}-th line), and checks that every output of the interrupted run is a strict prefix
     * of the whole run's, line by line.
     *
     * @param sideOption the option of a second streamed output, or null
     */
    private static void streamedKeepsAPrefix(Path dir, String[] args, int after, String sideOption) throws Exception {
        String[] whole = sideOption == null ? args : with(args, sideOption, dir.resolve("whole-side.csv").toString());
        CliRunner.Result full = CliRunner.capture(whole);
        assertEquals(0, full.status(), full.err());

        String[] cut = sideOption == null ? args : with(args, sideOption, dir.resolve("cut-side.csv").toString());
        CliRunner.Result part = CliRunner.capture(CliRunner.interruptingAfter(after), cut);
        assertEquals(130, part.status(), args[0] + ": " + part.err());
        List<String> fullLines = full.out().lines().toList();
        List<String> partLines = part.out().lines().toList();
        assertTrue(partLines.size() >= after && partLines.size() < fullLines.size(),
                args[0] + ": interrupted after " + partLines.size() + " of " + fullLines.size() + " lines");
        assertEquals(fullLines.subList(0, partLines.size()), partLines, args[0] + ": the finished rows, whole");
        assertTrue(part.out().endsWith("\n"), "no half row");
        assertTrue(part.err().startsWith("glassy " + args[0] + ": run interrupted"), part.err());
        if (sideOption != null) {
            Path side = dir.resolve("cut-side.csv");
            List<String> wholeSide = Files.readAllLines(dir.resolve("whole-side.csv"));
            List<String> cutSide = Files.readAllLines(side);
            assertTrue(cutSide.size() >= 1 && cutSide.size() < wholeSide.size(), args[0] + " " + sideOption);
            assertEquals(wholeSide.subList(0, cutSide.size()), cutSide);
            assertTrue(part.err().contains(sideOption + " " + side + " keeps the " + (cutSide.size() - 1)
                    + " rows finished before the run was interrupted"), part.err());
            String sidecar = Files.readString(dir.resolve("cut-side.csv.json"));
            assertTrue(sidecar.contains("\"status\": \"interrupted\"") && sidecar.contains("\"complete\": false")
                    && sidecar.contains("\"rows\": " + (cutSide.size() - 1) + ","), sidecar);
        }
    }

    @Test
    void streamedCommandsKeepEveryFinishedRow(@TempDir Path dir) throws Exception {
        streamedKeepsAPrefix(dir, new String[] {"pspin", "--p", "3", "--n", "30", "--temperature", "0.5", "--dt", "0.05",
            "--time", "50", "--seed", "3", "--quiet"}, 8, null);
        streamedKeepsAPrefix(dir, new String[] {"pspin-aging", "--p", "3", "--n", "30", "--temperature", "0.5", "--dt",
            "0.1", "--time", "20", "--seed", "3", "--waiting-times", "3", "--quiet"}, 20, null);
        streamedKeepsAPrefix(dir, new String[] {"aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "4",
            "--lr", "0.1", "--batch", "10", "--momentum", "0.5", "--steps", "200", "--seed", "3", "--waiting-times",
            "3", "--quiet"}, 20, "--loss-out");
        streamedKeepsAPrefix(dir, new String[] {"ck", "--p", "3", "--temperature", "0.5", "--time", "20",
            "--waiting-times", "3", "--quiet"}, 12, "--correlations-out");
        streamedKeepsAPrefix(dir, new String[] {"spiked", "--p", "3", "--n", "40", "--delta2", "0.5", "--deltap", "1",
            "--time", "100", "--dt", "0.05", "--seed", "3", "--quiet"}, 8, null);
        streamedKeepsAPrefix(dir, new String[] {"cnn2fc", "--samples", "100", "--relax-epochs", "4", "--total-epochs",
            "4", "--seed", "3", "--channels", "1", "--quiet"}, 2, null);
        streamedKeepsAPrefix(dir, new String[] {"phase-retrieval", "--dim", "40", "--alpha", "4", "--algorithm",
            "persistent-sgd", "--batch-fraction", "0.5", "--persistence", "10", "--lr", "2", "--time", "2000", "--seed",
            "3", "--spherical", "--quiet"}, 8, null);
    }

    /**
     * Runs a command whose rows exist only at the end in a thread, interrupts it once its {@code FILE.partial}
     * exists (the run has started: it writes nothing else before the end), and checks what is left.
     */
    private static void atEndLeavesPartial(Path dir, String... args) throws Exception {
        Path csv = dir.resolve(args[0] + ".csv");
        Path partial = dir.resolve(args[0] + ".csv.partial");
        Files.writeString(csv, "an earlier result\n");
        AtomicInteger status = new AtomicInteger(-1);
        StringWriter err = new StringWriter();
        Thread worker = new Thread(() -> status.set(CliRunner.run(err, with(args, "--quiet", "--out", csv.toString()))));
        worker.start();
        while (!Files.exists(partial) && worker.isAlive()) {
            Thread.sleep(5);
        }
        worker.interrupt();
        worker.join();
        assertEquals(130, status.get(), args[0] + ": " + err);
        assertEquals("an earlier result\n", Files.readString(csv), args[0] + ": the existing file is left as it was");
        assertTrue(Files.exists(partial), args[0]);
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("glassy " + args[0] + ": run interrupted"), err.toString());
        assertEquals("glassy " + args[0] + ": --out " + csv + " was not written: its rows exist only at the end of the "
                + "run (the existing file is left as it was); the interrupted output is " + partial, lines.get(1));
        String sidecar = Files.readString(dir.resolve(args[0] + ".csv.partial.json"));
        assertTrue(sidecar.contains("\"status\": \"interrupted\"") && sidecar.contains("\"file\": \"" + args[0]
                + ".csv.partial\""), sidecar);
        assertFalse(Files.exists(dir.resolve(args[0] + ".csv.json")), "the existing file's sidecar is not touched");
    }

    @Test
    void commandsWhoseRowsExistOnlyAtTheEndLeaveFilePartial(@TempDir Path dir) throws Exception {
        // each run would take minutes: the interrupt always comes first
        atEndLeavesPartial(dir, "trap", "--model", "bouchaud", "--x", "0.9", "--tw", "1e8", "--samples", "1000000",
                "--seed", "1");
        atEndLeavesPartial(dir, "spiked-dmft", "--p", "3", "--delta2", "0.5", "--deltap", "1", "--time", "1e6");
        atEndLeavesPartial(dir, "perceptron", "--alpha", "3", "--kappa", "0", "--n", "3000", "--seed", "1");
        atEndLeavesPartial(dir, "double-descent", "--model", "random-features", "--features", "1000", "--samples",
                "1000", "--dim", "200", "--noise", "0.5", "--ridge", "0", "--seed", "1", "--repeats", "100");
        atEndLeavesPartial(dir, "hinge-shallow", "--hidden", "200", "--samples", "2000", "--dim", "20", "--margin", "1",
                "--time", "1e6", "--seed", "1");
        atEndLeavesPartial(dir, "neb", "--potential", "muller-brown", "--images", "50", "--steps", "100000000");
        atEndLeavesPartial(dir, "barrier", "--data", "teacher", "--samples", "2000", "--hidden", "64", "--seed-a", "1",
                "--seed-b", "2", "--method", "autoneb", "--seed", "3", "--train-steps", "10000000");
    }

    @Test
    void realSignalsKeepTheFinishedRows(@TempDir Path dir) throws Exception {
        // SIGINT to a streamed run: its rows so far stay in --out, whole
        Path csv = dir.resolve("p.csv");
        Process p = GlassyProcess.builder("pspin", "--p", "3", "--n", "100", "--temperature", "0.5", "--dt", "0.01",
                "--time", "3000", "--seed", "1", "--quiet", "--out", csv.toString()).start();
        while (!Files.exists(csv) || Files.readAllLines(csv).size() < 4) {
            assertTrue(p.isAlive());
            Thread.sleep(20);
        }
        GlassyProcess.signal(p, "INT");
        String err = GlassyProcess.relevant(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(130, p.waitFor(), err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time,energy", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(2, line.split(",").length, line);
            Double.parseDouble(line.split(",")[1]);
        }
        List<String> errLines = err.lines().toList();
        assertTrue(errLines.get(0).startsWith("glassy pspin: run interrupted at step "), err);
        assertEquals("glassy pspin: --out " + csv + " keeps the " + (lines.size() - 1) + " rows finished before the run "
                + "was interrupted (p.csv.json: \"complete\": false)", errLines.get(1));
        assertTrue(Files.readString(dir.resolve("p.csv.json")).contains("\"rows\": " + (lines.size() - 1) + ","));

        // SIGTERM to a run whose rows exist only at the end: the existing file stays, FILE.partial is left
        Path trap = dir.resolve("t.csv");
        Files.writeString(trap, "an earlier result\n");
        Process t = GlassyProcess.builder("trap", "--model", "bouchaud", "--x", "0.9", "--tw", "1e8", "--samples",
                "1000000", "--seed", "1", "--quiet", "--out", trap.toString()).start();
        while (!Files.exists(dir.resolve("t.csv.partial"))) {
            assertTrue(t.isAlive());
            Thread.sleep(20);
        }
        GlassyProcess.signal(t, "TERM");
        err = GlassyProcess.relevant(new String(t.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(143, t.waitFor(), err);
        assertEquals("an earlier result\n", Files.readString(trap));
        assertTrue(err.contains("the interrupted output is " + dir.resolve("t.csv.partial")), err);
        assertTrue(Files.readString(dir.resolve("t.csv.partial.json")).contains("\"status\": \"interrupted\""));
    }

    @Test
    void aRunThatStopsBeforeItsFirstRowLeavesEveryExistingFileAsItWas(@TempDir Path dir) throws Exception {
        // --out is opened (and locked) first, then --loss-out is found locked by another run: --out must not have
        // been truncated, since files are emptied only when their first line is written
        Path out = dir.resolve("msd.csv");
        Path loss = dir.resolve("loss.csv");
        Files.writeString(out, "an earlier result\n");
        try (var channel = java.nio.channels.FileChannel.open(loss, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var lock = channel.lock()) {
            StringWriter err = new StringWriter();
            int status = CliRunner.run(err, "aging-dnn", "--data", "teacher", "--samples", "50", "--hidden", "3",
                    "--lr", "0.1", "--batch", "10", "--momentum", "0", "--steps", "20", "--seed", "1", "--quiet",
                    "--out", out.toString(), "--loss-out", loss.toString());
            assertEquals(2, status, err.toString());
            assertTrue(err.toString().startsWith("glassy aging-dnn: --loss-out " + loss + " is being written by another "
                    + "run"), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
        }
        assertEquals("an earlier result\n", Files.readString(out));
        assertFalse(Files.exists(dir.resolve("msd.csv.json")));
    }
}
