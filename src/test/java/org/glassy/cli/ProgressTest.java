package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.glassy.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress on standard error: plain lines every few seconds when it is not a terminal, one line in place when it
 * is, the value in the CSV's units, for every command, and nothing with {@code --quiet}.
 */
class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void plainLinesEveryIntervalWithPercentRateEtaAndTheValue() {
        StringWriter err = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress progress = new Progress(new PrintWriter(err), "pspin", false, 5 * SECOND, clock::get);
        ProgressListener listener = progress.phase(null, "steps", "energy per spin", e -> e / 100);
        listener.progress(0, 1000, 0, -50);
        clock.set(4 * SECOND);
        listener.progress(100, 1000, 10, -80);   // before the interval: nothing
        assertEquals("", err.toString());
        clock.set(5 * SECOND);
        listener.progress(250, 1000, 25, -90);
        clock.set(10 * SECOND);
        listener.progress(500, 1000, 50, -100);
        clock.set(20 * SECOND);
        listener.progress(1000, 1000, 100, -110);
        assertEquals(List.of(
                "glassy pspin: 25% (250 of 1000 steps), 50.0 steps/s, ETA 0:00:15, energy per spin -0.900000",
                "glassy pspin: 50% (500 of 1000 steps), 50.0 steps/s, ETA 0:00:10, energy per spin -1.00000",
                "glassy pspin: 100% (1000 of 1000 steps), 50.0 steps/s, done in 0:00:20, energy per spin -1.10000"),
                err.toString().lines().toList());
    }

    @Test
    void onATerminalOneLineInPlaceAfterTheFirstSecondEndedBeforeAnythingElse() {
        StringWriter err = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress progress = new Progress(new PrintWriter(err), "ck", true, 5 * SECOND, clock::get);
        ProgressListener listener = progress.phase("path", "steps", "energy", e -> e);
        listener.progress(0, 100, 0, 0);
        clock.set(SECOND / 2);
        listener.progress(10, 100, 1, -0.5);   // runs shorter than a second show nothing
        assertEquals("", err.toString());
        clock.set(2 * SECOND);
        listener.progress(40, 100, 4, -0.6);
        clock.set(2 * SECOND + SECOND / 10);
        listener.progress(41, 100, 4.1, -0.6);   // less than 0.2 s later: not redrawn
        String text = err.toString();
        assertEquals("\rpath:  40%  20.0 steps/s  ETA 0:00:03  energy -0.600000   ", text);
        progress.finish();   // an error message after an unfinished line starts on a line of its own
        assertEquals(text + System.lineSeparator(), err.toString());
    }

    @Test
    void clockTimes() {
        assertEquals("0:00:59", Progress.clockTime(59.4));
        assertEquals("1:01:01", Progress.clockTime(3661));
        assertEquals("3.0 days", Progress.clockTime(3 * 86400));
        assertEquals("unknown", Progress.clockTime(Double.POSITIVE_INFINITY));
    }

    /** Runs of every command that report progress a few times. */
    private static Map<String, String[]> everyCommand(Path dir) {
        Map<String, String[]> runs = new LinkedHashMap<>();
        runs.put("pspin", new String[] {"pspin", "--p", "3", "--n", "40", "--temperature", "0.5", "--dt", "0.01",
            "--time", "10", "--seed", "1"});
        runs.put("pspin-aging", new String[] {"pspin-aging", "--p", "3", "--n", "40", "--temperature", "0.5", "--dt",
            "0.01", "--time", "5", "--seed", "1"});
        runs.put("aging-dnn", new String[] {"aging-dnn", "--data", "teacher", "--samples", "200", "--hidden", "8",
            "--lr", "0.1", "--batch", "20", "--momentum", "0.5", "--steps", "200", "--seed", "1"});
        runs.put("trap", new String[] {"trap", "--model", "bouchaud", "--x", "0.8", "--tw", "1e4", "--samples", "500",
            "--seed", "1"});
        runs.put("ck", new String[] {"ck", "--p", "3", "--temperature", "0", "--time", "50"});
        runs.put("neb", new String[] {"neb", "--potential", "muller-brown", "--images", "15", "--steps", "5000"});
        runs.put("barrier", new String[] {"barrier", "--data", "teacher", "--samples", "100", "--hidden", "8",
            "--seed-a", "1", "--seed-b", "2", "--method", "bezier", "--seed", "3", "--train-steps", "200", "--batch",
            "10", "--effort", "0.01"});
        runs.put("hinge-shallow", new String[] {"hinge-shallow", "--hidden", "50", "--samples", "200", "--dim", "10",
            "--margin", "1", "--time", "5", "--seed", "1"});
        runs.put("spiked", new String[] {"spiked", "--p", "3", "--n", "40", "--delta2", "0.5", "--deltap", "1",
            "--time", "20", "--dt", "0.1", "--seed", "1"});
        runs.put("spiked-dmft", new String[] {"spiked-dmft", "--p", "3", "--delta2", "0.5", "--deltap", "1",
            "--time", "5"});
        runs.put("perceptron", new String[] {"perceptron", "--alpha", "3", "--kappa", "0", "--n", "60", "--seed",
            "1"});
        runs.put("double-descent", new String[] {"double-descent", "--model", "random-features", "--features", "40",
            "--samples", "40", "--dim", "20", "--noise", "0.5", "--ridge", "0", "--seed", "1", "--repeats", "5",
            "--test-samples", "100"});
        runs.put("cnn2fc", new String[] {"cnn2fc", "--samples", "100", "--relax-epochs", "1", "--total-epochs", "2",
            "--seed", "1", "--channels", "1"});
        runs.put("phase-retrieval", new String[] {"phase-retrieval", "--dim", "50", "--alpha", "4", "--algorithm",
            "sgd", "--batch-fraction", "0.5", "--lr", "2", "--time", "200", "--seed", "1", "--spherical"});
        runs.put("resnet-flow", new String[] {"resnet-flow", "--data", "circles", "--blocks", "3", "--hidden", "4",
            "--steps", "20", "--seed", "1", "--samples", "30"});
        runs.put("jamming", new String[] {"jamming", "--data", "random", "--dim", "4", "--depth", "1", "--width", "4",
            "--samples", "30", "--margin", "1", "--seed", "1", "--steps", "200"});
        runs.put("nmf", new String[] {"nmf", "--data", "synthetic", "--rank", "2", "--beta", "1", "--iterations", "5",
            "--seed", "1", "--samples", "20"});
        runs.put("structured-training", new String[] {"structured-training", "--optimizer", "block-mm", "--data",
            "teacher", "--samples", "50", "--hidden", "4", "--epochs", "2", "--seed", "1"});
        return runs;
    }

    @Test
    void everyCommandReportsProgressInTheCsvUnitsAndQuietSilencesIt(@TempDir Path dir) throws Exception {
        String before = System.getProperty(Progress.INTERVAL_PROPERTY);
        System.setProperty(Progress.INTERVAL_PROPERTY, "0");   // every report: no dependence on speed
        try {
            Map<String, String[]> runs = everyCommand(dir);
            assertEquals(new java.util.TreeSet<>(Glassy.commandLine().getSubcommands().keySet()),
                    new java.util.TreeSet<>(java.util.stream.Stream.concat(runs.keySet().stream(), java.util.stream.Stream.of(
                            "help", "sweep", "collect", "sweep-status", "sweep-task", "spiked-threshold", "subaging")).toList()),
                    "every command that runs a computation is run here (a sweep reports points done instead; "
                            + "spiked-threshold evaluates a closed form; subaging analyses finished runs)");
            List<String> failures = new ArrayList<>();
            Pattern line = Pattern.compile("glassy (\\S+): (.+: )?\\d+% \\(\\d+ of \\d+ \\w+\\), \\S+ \\w+/s, "
                    + "(ETA \\d+:\\d\\d:\\d\\d|ETA unknown|done in \\d+:\\d\\d:\\d\\d), [a-z() 0-9,]+ \\S+");
            for (Map.Entry<String, String[]> run : runs.entrySet()) {
                Path csv = dir.resolve(run.getKey() + ".csv");
                List<String> args = new ArrayList<>(List.of(run.getValue()));
                args.addAll(List.of("--out", csv.toString()));
                StringWriter err = new StringWriter();
                int status = CliRunner.run(err, args.toArray(String[]::new));
                List<String> lines = err.toString().lines().toList();
                if (status != 0 || lines.isEmpty() || !lines.stream().allMatch(l -> line.matcher(l).matches())) {
                    failures.add(run.getKey() + " → " + status + ":\n" + err);
                }
                if (List.of("pspin", "trap", "ck").contains(run.getKey())) {   // a streamed, a whole-table, a solver
                    args.add("--quiet");
                    err = new StringWriter();
                    status = CliRunner.run(err, args.toArray(String[]::new));
                    if (status != 0 || !err.toString().isEmpty()) {
                        failures.add(run.getKey() + " --quiet → " + status + ": " + err);
                    }
                }
                if (Glassy.commandLine().getSubcommands().get(run.getKey()).getCommandSpec().findOption("--quiet") == null) {
                    failures.add(run.getKey() + " has no --quiet");
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));

            // the value shown is the CSV's: the last line of pspin shows its last energy per spin
            StringWriter err = new StringWriter();
            Path csv = dir.resolve("units.csv");
            assertEquals(0, CliRunner.run(err, "pspin", "--p", "3", "--n", "60", "--temperature", "0", "--dt", "0.05",
                    "--time", "50", "--seed", "1", "--out", csv.toString()), err.toString());
            List<String> rows = Files.readAllLines(csv);
            double last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[1]);
            List<String> lines = err.toString().lines().toList();
            assertTrue(lines.get(lines.size() - 1).endsWith("energy per spin " + String.format(Locale.ROOT, "%.6g", last)),
                    lines.get(lines.size() - 1) + " vs " + last);
            assertFalse(err.toString().contains("\r"), "not a terminal: plain lines");
        } finally {
            if (before == null) {
                System.clearProperty(Progress.INTERVAL_PROPERTY);
            } else {
                System.setProperty(Progress.INTERVAL_PROPERTY, before);
            }
        }
    }
}
