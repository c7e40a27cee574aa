package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassy sweep}, {@code collect}, {@code sweep-status} and {@code sweep-task}, as a user runs them. */
class SweepCommandsTest {

    @TempDir
    Path dir;

    private static final String[] PSPIN = {"pspin", "--p", "3", "--n", "30", "--dt", "0.05", "--time", "20",
        "--dynamics", "langevin", "--records-per-decade", "4"};

    static int run(StringWriter err, String... args) {
        return CliRunner.run(err, args);
    }

    static String[] sweep(Path out, List<String> options, String... command) {
        List<String> all = new ArrayList<>(List.of("sweep", "--out", out.toString()));
        all.addAll(options);
        all.add("--");
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    private String collect(Path sweep) throws Exception {
        Path file = dir.resolve("collected-" + System.nanoTime() + ".csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "collect", sweep.toString(), "--out", file.toString()), err.toString());
        return Files.readString(file);
    }

    @Test
    void aGridOfTwoOptionsCollectsIntoOneTableInGridOrderWhateverTheWorkers() throws Exception {
        List<String> grid = List.of("--grid", "temperature=0.4,0.7,1.0", "--grid", "seed=1..2");
        StringWriter err = new StringWriter();
        Path threads = dir.resolve("threads");
        assertEquals(0, run(err, sweep(threads, concat(grid, "--worker", "thread", "--workers", "2"), PSPIN)),
                err.toString());
        String table = collect(threads);
        List<String> lines = table.lines().toList();
        assertEquals("temperature,seed,time,energy", lines.get(0));
        // each point's rows are exactly the command's own output, behind the point's values as written
        Path single = dir.resolve("single.csv");
        assertEquals(0, run(err, concat(List.of(PSPIN), "--temperature", "0.7", "--seed", "2", "--out",
                single.toString()).toArray(String[]::new)));
        List<String> alone = Files.readAllLines(single);
        int rows = alone.size() - 1;
        assertEquals(1 + 6 * rows, lines.size());
        for (int r = 0; r < rows; r++) {
            assertEquals("0.7,2," + alone.get(1 + r), lines.get(1 + 3 * rows + r));
        }
        assertTrue(lines.get(1).startsWith("0.4,1,"), "first point first");
        assertTrue(lines.get(lines.size() - 1).startsWith("1.0,2,"), "values as written: 1.0 stays 1.0");

        Path oneWorker = dir.resolve("one");
        assertEquals(0, run(err, sweep(oneWorker, concat(grid, "--worker", "thread", "--workers", "1"), PSPIN)));
        assertEquals(table, collect(oneWorker), "1 worker and 2 workers: the same table, byte for byte");
        Path processes = dir.resolve("processes");
        assertEquals(0, run(err, sweep(processes, concat(grid, "--worker", "process", "--workers", "2"), PSPIN)),
                err.toString());
        assertEquals(table, collect(processes), "child processes give the same table as threads");
    }

    @Test
    void optionsAndValuesTheCommandWouldRejectAreReportedBeforeAnythingRuns() {
        Path out = dir.resolve("never");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, sweep(out, List.of("--grid", "temprature=0.4"), PSPIN)));
        assertTrue(err.toString().contains("--grid temprature: pspin has no option --temprature"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, sweep(out, List.of("--grid", "temperature=0.4,-1", "--grid", "seed=1..2"), PSPIN)));
        assertTrue(err.toString().contains("--grid temperature: --temperature must be >= 0"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, sweep(out, List.of("--grid", "p=3,4"), PSPIN)));
        assertTrue(err.toString().contains("--grid p: --p must not also be a fixed option"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, sweep(out, List.of("--grid", "seed=1..2", "--grid", "dt=0.1,x"), PSPIN)));
        assertTrue(err.toString().contains("--grid dt:"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, sweep(out, List.of("--grid", "seed=1..2"), "nosuch", "--p", "3")));
        assertTrue(err.toString().contains("COMMAND must be one of"), err.toString());
        assertFalse(Files.exists(out), "nothing ran, nothing was written");
        assertTrue(err.toString().lines().allMatch(l -> l.startsWith("glassy sweep: ")), err.toString());
    }

    @Test
    void missingParentsOfTheSweepDirectoryAreCreatedButNotUnderAFile() throws Exception {
        StringWriter err = new StringWriter();
        Path nested = dir.resolve("runs/a/b");
        assertEquals(0, run(err, sweep(nested, List.of("--worker", "thread", "--grid", "seed=1..2"), concat(List.of(PSPIN), "--temperature", "0.5").toArray(String[]::new))),
                err.toString());
        assertTrue(Files.isRegularFile(nested.resolve("sweep.json")));
        // each point's table has the command's provenance sidecar beside it, filed under the final name
        try (var files = Files.list(nested.resolve("points"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(2, names.stream().filter(n -> n.endsWith(".csv")).count(), names.toString());
            for (String csv : names.stream().filter(n -> n.endsWith(".csv")).toList()) {
                assertTrue(Files.readString(nested.resolve("points").resolve(csv + ".json")).contains(
                        "\"complete\": true"), csv);
            }
            assertTrue(names.stream().noneMatch(n -> n.contains("partial")), names.toString());
        }
        Path file = Files.writeString(dir.resolve("plain"), "x");
        err = new StringWriter();
        assertEquals(2, run(err, sweep(file.resolve("sub"), List.of("--grid", "seed=1..2"), PSPIN)));
        assertTrue(err.toString().contains("--out must be under a directory, got ") && err.toString().contains(
                "is a file)"), err.toString());
    }

    @Test
    void aRerunDoesOnlyMissingPointsAndAChangedGridNeedsExtend() throws Exception {
        Path out = dir.resolve("resume");
        List<String> grid = List.of("--worker", "thread", "--grid", "seed=1..3", "--grid", "temperature=0.5");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, sweep(out, grid, PSPIN)), err.toString());
        String before = collect(out);
        Path points = out.resolve("points");
        FileTime old = FileTime.fromMillis(0);
        for (Path p : Files.list(points).toList()) {
            Files.setLastModifiedTime(p, old);
        }
        Files.delete(points.resolve("seed=2_temperature=0.5.csv"));
        assertEquals(0, run(err, sweep(out, grid, PSPIN)));
        assertEquals(before, collect(out));
        assertEquals(old, Files.getLastModifiedTime(points.resolve("seed=1_temperature=0.5.csv")), "not rerun");
        assertTrue(Files.getLastModifiedTime(points.resolve("seed=2_temperature=0.5.csv")).compareTo(old) > 0);

        List<String> more = List.of("--worker", "thread", "--grid", "seed=1..4", "--grid", "temperature=0.5");
        err = new StringWriter();
        assertEquals(2, run(err, sweep(out, more, PSPIN)));
        assertTrue(err.toString().contains("--grid must be the one of the sweep in"), err.toString());
        assertEquals(0, run(err, sweep(out, concat(more, "--extend"), PSPIN)));
        assertEquals(old, Files.getLastModifiedTime(points.resolve("seed=1_temperature=0.5.csv")), "kept");
        assertEquals(1 + 4 * (before.lines().count() - 1) / 3, collect(out).lines().count());
    }

    @Test
    void aFailedPointIsRecordedWithItsMessageAndTheOthersFinish() throws Exception {
        Path out = dir.resolve("fail");
        // a learning rate of 1000 blows SGD up (NaN loss: "reduce learningRate"); 0.05 is fine
        String[] sgd = {"aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "4", "--batch", "20",
            "--momentum", "0.5", "--steps", "200", "--seed", "1"};
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, sweep(out, List.of("--worker", "thread", "--grid", "lr=0.05,1000"), sgd)));
        PrintStream stdout = System.out;
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        System.setOut(new PrintStream(status, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, run(err, "sweep-status", out.toString()));
        } finally {
            System.setOut(stdout);
        }
        String text = status.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("done 1, failed 1, pending 0 (of 2 points)"), text);
        assertTrue(text.contains("failed: lr = 1000: ") && text.contains("reduce --lr"), text);
        // collect writes the finished point and says what is missing
        Path file = dir.resolve("partial.csv");
        StringWriter collectErr = new StringWriter();
        PrintStream stderr = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, run(collectErr, "collect", out.toString(), "--out", file.toString()));
        } finally {
            System.setErr(stderr);
        }
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("1 of 2 points are not finished"));
        assertTrue(Files.readAllLines(file).stream().skip(1).allMatch(l -> l.startsWith("0.05,")));
    }

    @Test
    void aCommandColumnNamedLikeAGridParameterIsKeptOnceAndSideOutputsArePerPoint() throws Exception {
        Path out = dir.resolve("perceptron");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, sweep(out, List.of("--worker", "thread", "--grid", "alpha=0.5,3", "--grid",
                "seed=1..2"), "perceptron", "--kappa", "0", "--n", "40")), err.toString());
        List<String> lines = collect(out).lines().toList();
        assertEquals("alpha,seed,kappa,n,final_loss,unsat_fraction,contact_fraction,converged", lines.get(0));
        assertEquals(5, lines.size());
        assertTrue(lines.get(1).startsWith("0.5,1,0.0,40,0.0,"), lines.get(1));   // SAT below α_c = 2
        assertTrue(lines.get(3).startsWith("3,1,"), "the grid's value as written: " + lines.get(3));

        Path dnn = dir.resolve("dnn");
        assertEquals(0, run(err, sweep(dnn, List.of("--worker", "thread", "--grid", "hidden=2,4"), "aging-dnn",
                "--data", "teacher", "--samples", "100", "--lr", "0.1", "--batch", "20", "--momentum", "0.5",
                "--steps", "40", "--seed", "1", "--loss-out", "loss.csv")), err.toString());
        assertTrue(Files.isRegularFile(dnn.resolve("points/hidden=2.loss-out.csv")));
        assertTrue(Files.isRegularFile(dnn.resolve("points/hidden=4.loss-out.csv")));
        assertEquals("step,loss", Files.readAllLines(dnn.resolve("points/hidden=4.loss-out.csv")).get(0));
        assertFalse(Files.exists(Path.of("loss.csv")), "the fixed side output is not written where it says");
    }

    @Test
    void integerLogRangesAreRoundedAndDeduplicated() throws Exception {
        Path out = dir.resolve("log");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, sweep(out, List.of("--worker", "thread", "--grid", "n=10:100:log2"), "pspin", "--p",
                "3", "--temperature", "0", "--dt", "0.1", "--time", "1", "--seed", "1", "--dynamics", "gd")),
                err.toString());
        List<String> n = collect(out).lines().skip(1).map(l -> l.split(",")[0]).distinct().toList();
        assertEquals(List.of("10", "32", "100"), n);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }
}
