package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --checkpoint FILE} of {@code pspin} and {@code aging-dnn}: resuming gives an uninterrupted run's output. */
class CheckpointCommandsTest {

    @TempDir
    Path dir;

    private int run(String... args) {
        return CliRunner.run(new StringWriter(), args);
    }

    private String read(String name) throws Exception {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void pspinInterruptedAndResumedWritesTheUninterruptedCsv() throws Exception {
        String[] base = {"pspin", "--p", "3", "--n", "100", "--temperature", "0.5", "--dt", "0.01", "--time", "300",
            "--seed", "4", "--records-per-decade", "20"};
        assertEquals(0, run(concat(base, "--out", dir.resolve("whole.csv").toString())));
        String whole = read("whole.csv");

        Path checkpoint = dir.resolve("pspin.ckpt");
        String[] checkpointed = concat(base, "--checkpoint", checkpoint.toString(), "--checkpoint-every", "0.2");
        AtomicInteger status = new AtomicInteger(-1);
        StringWriter err = new StringWriter();
        Thread worker = new Thread(() -> status.set(CliRunner.run(err,
                concat(checkpointed, "--out", dir.resolve("part.csv").toString()))));
        worker.start();
        Thread.sleep(600);
        worker.interrupt();
        worker.join();
        assertEquals(130, status.get(), "the run must still be going after 0.6 s: " + err);
        assertTrue(err.toString().contains("checkpoint written to"), err.toString());
        assertTrue(Files.isRegularFile(checkpoint));
        String part = read("part.csv");
        assertTrue(whole.startsWith(part), "the interrupted run's rows are the first rows of the whole run");
        assertTrue(part.lines().count() < whole.lines().count(), "the interrupt came before the end");

        assertEquals(0, run(concat(checkpointed, "--out", dir.resolve("resumed.csv").toString())));
        assertEquals(whole, read("resumed.csv"));
        // a finished checkpoint replays the whole output
        assertEquals(0, run(concat(checkpointed, "--out", dir.resolve("replayed.csv").toString())));
        assertEquals(whole, read("replayed.csv"));
    }

    @Test
    void agingDnnWithACheckpointWritesTheSameTablesAndReplaysThem() throws Exception {
        String[] base = {"aging-dnn", "--data", "teacher", "--samples", "200", "--hidden", "8", "--lr", "0.1",
            "--batch", "20", "--momentum", "0.5", "--steps", "400", "--seed", "3"};
        assertEquals(0, run(concat(base, "--out", dir.resolve("a.csv").toString(), "--loss-out",
                dir.resolve("a-loss.csv").toString())));
        Path checkpoint = dir.resolve("dnn.ckpt");
        for (String name : new String[] {"b", "c"}) {
            assertEquals(0, run(concat(base, "--checkpoint", checkpoint.toString(), "--out",
                    dir.resolve(name + ".csv").toString(), "--loss-out", dir.resolve(name + "-loss.csv").toString())));
            assertEquals(read("a.csv"), read(name + ".csv"));
            assertEquals(read("a-loss.csv"), read(name + "-loss.csv"));
        }
        // another run refuses the checkpoint, naming it
        StringWriter err = new StringWriter();
        String[] other = concat(base, "--checkpoint", checkpoint.toString());
        other[8] = "0.2";   // --lr 0.2
        assertEquals(2, CliRunner.run(err, other));
        assertTrue(err.toString().contains("checkpoint " + checkpoint + " was written by another run"), err.toString());
    }

    @Test
    void badCheckpointIntervalIsNamed() {
        StringWriter err = new StringWriter();
        assertEquals(2, CliRunner.run(err, "pspin", "--p", "3", "--n", "10", "--temperature", "0", "--dt", "0.1",
                "--time", "1", "--seed", "1", "--dynamics", "gd", "--checkpoint", dir.resolve("x").toString(),
                "--checkpoint-every", "0"));
        assertTrue(err.toString().contains("--checkpoint-every must be > 0"), err.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
