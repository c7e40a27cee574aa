package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of every command, given a bad value, is rejected with exit status 2 and a one-line
 * message that names that option (never a parameter name of the library, never another option).
 * A new option without a bad value here fails the test.
 */
class OptionNamesTest {

    private static final String MISSING_DIR = "/nonexistent-glassy-dir/x.csv";

    /** command → valid base arguments. */
    private static final Map<String, String[]> BASE = new LinkedHashMap<>();

    /** command → option → a bad value. */
    private static final Map<String, Map<String, String>> BAD = new LinkedHashMap<>();

    private static void command(String name, String[] base, String... optionBadValuePairs) {
        BASE.put(name, base);
        Map<String, String> bad = new LinkedHashMap<>();
        for (int i = 0; i < optionBadValuePairs.length; i += 2) {
            bad.put(optionBadValuePairs[i], optionBadValuePairs[i + 1]);
        }
        BAD.put(name, bad);
    }

    static {
        command("pspin", new String[] {"--p", "3", "--n", "20", "--temperature", "0.5", "--dt", "0.1", "--time", "1",
            "--seed", "1"},
                "--p", "1", "--n", "2", "--temperature", "-1", "--dt", "0", "--time", "0.01", "--seed", "x",
                "--dynamics", "foo", "--records-per-decade", "0", "--out", MISSING_DIR,
                "--checkpoint", "/nonexistent-glassy-dir/c.ckpt", "--checkpoint-every", "0");
        command("pspin-aging", new String[] {"--p", "3", "--n", "20", "--temperature", "0.5", "--dt", "0.1", "--time",
            "8", "--seed", "1"},
                "--p", "1", "--n", "2", "--temperature", "-1", "--dt", "-0.1", "--time", "1", "--seed", "x",
                "--waiting-times", "1", "--out", MISSING_DIR);
        command("aging-dnn", new String[] {"--data", "teacher", "--samples", "100", "--hidden", "4", "--lr", "0.1",
            "--batch", "10", "--momentum", "0.5", "--steps", "40", "--seed", "1"},
                "--data", "foo", "--samples", "200000000", "--hidden", "0", "--lr", "-0.1", "--batch", "500",
                "--momentum", "1", "--steps", "10", "--seed", "x", "--engine", "foo", "--waiting-times", "1",
                "--loss-out", MISSING_DIR, "--out", MISSING_DIR, "--checkpoint", "/nonexistent-glassy-dir/c.ckpt",
                "--checkpoint-every", "-1", "--hidden-activation", "elu", "--output", "softmax", "--inputs", "pca:0",
                "--noise-out", MISSING_DIR);
        String[] msd = subagingFiles();
        command("subaging", new String[] {"--resamples", "20", "--msd", msd[0], msd[1]},
                "--msd", "/nonexistent-glassy-dir/msd.csv", "--min-tw", "0", "--min-lag", "x", "--resamples", "10",
                "--bootstrap-seed", "x", "--out", MISSING_DIR);
        command("trap", new String[] {"--model", "bouchaud", "--x", "0.5", "--tw", "100", "--samples", "10", "--seed",
            "1"},
                "--model", "foo", "--x", "-1", "--tw", "0", "--samples", "0", "--seed", "x", "--states", "1",
                "--out", MISSING_DIR);
        command("ck", new String[] {"--p", "3", "--temperature", "0", "--time", "1"},
                "--p", "1", "--temperature", "-1", "--time", "1.05", "--solver", "foo", "--step", "0",
                "--grid-points", "1", "--waiting-times", "0", "--per-decade", "0", "--correlations-out", MISSING_DIR,
                "--out", MISSING_DIR);
        command("neb", new String[] {"--potential", "double-well", "--images", "5", "--steps", "10"},
                "--potential", "foo", "--images", "2", "--steps", "-1", "--step-size", "0", "--spring", "1e300",
                "--out", MISSING_DIR);
        command("barrier", new String[] {"--data", "teacher", "--samples", "100", "--hidden", "4", "--seed-a", "1",
            "--seed-b", "2", "--method", "linear", "--seed", "3", "--train-steps", "20", "--batch", "10"},
                "--data", "foo", "--samples", "0", "--hidden", "0", "--seed-a", "x", "--seed-b", "1", "--method", "foo",
                "--seed", "x", "--lr", "0", "--batch", "0", "--momentum", "1", "--train-steps", "0", "--effort", "0",
                "--out", MISSING_DIR);
        command("hinge-shallow", new String[] {"--hidden", "10", "--samples", "50", "--dim", "3", "--margin", "1",
            "--time", "1", "--seed", "1"},
                "--hidden", "0", "--samples", "0", "--dim", "0", "--margin", "0", "--time", "0.1", "--seed", "x",
                "--out", MISSING_DIR);
        command("phase-retrieval", new String[] {"--dim", "10", "--alpha", "2", "--algorithm", "gd", "--lr", "1",
            "--time", "10", "--seed", "1"},
                "--dim", "0", "--alpha", "0", "--algorithm", "adam", "--lr", "0", "--time", "0.5", "--seed", "x",
                "--batch-fraction", "0", "--persistence", "0", "--temperature", "-1", "--start-overlap", "1",
                "--out", MISSING_DIR);
        String sweepDir = System.getProperty("java.io.tmpdir") + "/glassy-option-test-sweep-" + ProcessHandle.current().pid();
        command("sweep", new String[] {"--out", sweepDir, "--worker", "thread", "--grid", "seed=1..2", "--", "pspin",
            "--p", "3", "--n", "10", "--temperature", "0", "--dt", "0.1", "--time", "1", "--dynamics", "gd"},
                "--out", "/proc/glassy-sweep", "--grid", "temprature=1", "--executor", "foo", "--workers", "0", "--worker", "foo",
                "--point-timeout", "0", "--retries", "-1", "--slurm-time", "soon", "--slurm-mem", "lots",
                "--slurm-cpus", "0", "--slurm-partition", "a b", "--slurm-option", "account=x", "--slurm-setup", " ",
                "--slurm-max-array", "0");
        command("collect", new String[] {sweepDir}, "--out", MISSING_DIR);
        command("sweep-status", new String[] {sweepDir});
        command("sweep-task", new String[] {sweepDir, "0"}, "--chunk", "0", "--list", "/nonexistent-glassy-dir/list",
                "--attempt", "0", "--runner", "foo");
        command("spiked", new String[] {"--p", "3", "--n", "20", "--delta2", "0.5", "--deltap", "1", "--time", "1",
            "--dt", "0.1", "--seed", "1"},
                "--p", "1", "--n", "2", "--delta2", "0", "--deltap", "-1", "--time", "0.01", "--dt", "0",
                "--seed", "x", "--temperature", "-1", "--start-overlap", "1.5", "--records-per-decade", "0",
                "--out", MISSING_DIR);
        command("spiked-dmft", new String[] {"--p", "3", "--delta2", "0.5", "--deltap", "1", "--time", "1"},
                "--p", "1", "--delta2", "-1", "--deltap", "0", "--time", "1.05", "--temperature", "-1",
                "--start-overlap", "2", "--step", "0", "--records-per-decade", "0", "--out", MISSING_DIR);
        command("spiked-threshold", new String[] {"--p", "3", "--deltap", "1"},
                "--p", "1", "--deltap", "0", "--out", MISSING_DIR);
        command("perceptron", new String[] {"--alpha", "1", "--kappa", "0", "--n", "20", "--seed", "1"},
                "--alpha", "0", "--kappa", "NaN", "--n", "1", "--seed", "x", "--loss", "foo", "--steps", "0",
                "--contact-tolerance", "-1", "--out", MISSING_DIR);
        command("double-descent", new String[] {"--model", "random-features", "--features", "20", "--samples", "20",
            "--dim", "10", "--noise", "0.5", "--ridge", "0.001", "--seed", "1", "--repeats", "2", "--test-samples",
            "50"},
                "--model", "foo", "--features", "0", "--samples", "0", "--dim", "0", "--noise", "-1", "--ridge", "-1",
                "--seed", "x", "--activation", "sigmoid", "--ensemble", "0", "--repeats", "0", "--test-samples", "0",
                "--out", MISSING_DIR);
        command("jamming", new String[] {"--data", "random", "--dim", "5", "--depth", "1", "--width", "3",
            "--samples", "10", "--margin", "1", "--seed", "1", "--steps", "10"},
                "--data", "cifar", "--dim", "0", "--depth", "0", "--width", "0", "--samples", "0", "--margin", "0",
                "--seed", "x", "--optimizer", "sgd", "--steps", "0", "--test-samples", "0", "--gaps-out", MISSING_DIR,
                "--out", MISSING_DIR);
        command("cnn2fc", new String[] {"--samples", "100", "--relax-epochs", "1", "--total-epochs", "2", "--seed",
            "1"},
                "--samples", "0", "--relax-epochs", "3", "--total-epochs", "0", "--seed", "x", "--channels", "17",
                "--lr", "0", "--batch", "101", "--baseline", "cnn", "--out", MISSING_DIR);
        command("resnet-flow", new String[] {"--data", "moons", "--blocks", "2", "--hidden", "2", "--steps", "1",
            "--seed", "1", "--samples", "10"},
                "--data", "spirals", "--blocks", "0", "--hidden", "0", "--steps", "-1", "--seed", "x", "--augment",
                "-1", "--kinetic", "-1", "--lipschitz", "0", "--target-mean", "1", "--target-cov", "1,2,1",
                "--optimizer", "lbfgs", "--lr", "0", "--samples", "1", "--trajectories-out", MISSING_DIR, "--out",
                MISSING_DIR);
        command("nmf", new String[] {"--data", "synthetic", "--rank", "2", "--beta", "1", "--iterations", "1", "--seed",
            "1", "--samples", "20"},
                "--data", "mnist", "--rank", "0", "--beta", "5", "--iterations", "-1", "--seed", "x", "--samples", "0",
                "--update", "foo", "--out", MISSING_DIR);
        command("structured-training", new String[] {"--optimizer", "sgd", "--data", "teacher", "--samples", "50",
            "--hidden", "4", "--epochs", "1", "--seed", "1"},
                "--optimizer", "foo", "--data", "foo", "--samples", "0", "--hidden", "0", "--epochs", "-1", "--seed",
                "x", "--loss", "hinge", "--lr", "0", "--batch", "0", "--precision", "float16",
                "--relu-derivative-at-zero", "2", "--out", MISSING_DIR);
    }

    /** Two small tw,t,delta files (Δ = t/t_w^0.5 times a seed-dependent factor) in the temporary directory. */
    private static String[] subagingFiles() {
        String[] files = new String[2];
        for (int k = 0; k < 2; k++) {
            StringBuilder csv = new StringBuilder("tw,t,delta\n");
            for (long tw : new long[] {10, 100, 1000}) {
                for (long t : new long[] {1, 10, 100, 1000}) {
                    csv.append(tw).append(',').append(t).append(',').append((1 + 0.1 * k) * t / Math.sqrt(tw))
                            .append('\n');
                }
            }
            files[k] = System.getProperty("java.io.tmpdir") + "/glassy-option-test-msd-" + ProcessHandle.current().pid()
                    + "-" + k + ".csv";
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(files[k]), csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The options of a command that take a value (not --help, --version or flags). */
    private static Set<String> valueOptions(String command) {
        CommandLine sub = Glassy.commandLine().getSubcommands().get(command);
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : sub.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp() || o.arity().max() == 0) {
                continue;
            }
            names.add(o.longestName());
        }
        return names;
    }

    @Test
    void everyCommandAndEveryOptionIsCovered() {
        Set<String> commands = new TreeSet<>(Glassy.commandLine().getSubcommands().keySet());
        commands.remove("help");
        assertEquals(commands, new TreeSet<>(BASE.keySet()), "commands");
        for (String command : BASE.keySet()) {
            assertEquals(valueOptions(command), new TreeSet<>(BAD.get(command).keySet()), "options of " + command);
        }
    }

    @Test
    void theBaseArgumentsAreValid() {
        for (Map.Entry<String, String[]> e : BASE.entrySet()) {
            List<String> args = new ArrayList<>(List.of(e.getKey()));
            args.addAll(List.of(e.getValue()));
            if (!e.getKey().startsWith("sweep")) {
                args.addAll(List.of("--out", System.getProperty("java.io.tmpdir") + "/glassy-option-test-" + e.getKey()
                        + ".csv"));
            }
            StringWriter err = new StringWriter();
            assertEquals(0, CliRunner.run(err, args.toArray(String[]::new)), e.getKey() + ": " + err);
        }
    }

    @Test
    void aBadValueOfAnyOptionIsReportedByThatOptionsName() {
        List<String> failures = new ArrayList<>();
        for (String command : BASE.keySet()) {
            for (Map.Entry<String, String> bad : BAD.get(command).entrySet()) {
                List<String> args = new ArrayList<>(List.of(BASE.get(command)));
                int end = args.contains("--") ? args.indexOf("--") : args.size();
                int at = args.subList(0, end).indexOf(bad.getKey());
                if (at >= 0) {
                    args.set(at + 1, bad.getValue());
                } else {
                    args.add(end, bad.getValue());
                    args.add(end, bad.getKey());
                }
                args.add(0, command);
                StringWriter err = new StringWriter();
                int status = CliRunner.run(err, args.toArray(String[]::new));
                String message = err.toString().strip();
                String option = bad.getKey();
                boolean named = message.contains(option + " ") || message.contains(option + ":")
                        || message.contains("'" + option + "'") || message.endsWith(option);
                boolean otherOption = BAD.get(command).keySet().stream().filter(o -> !o.equals(option)
                        && !option.startsWith(o + "-")).anyMatch(o -> message.matches("(?s).*" + o + "[ :'].*"));
                if (status != 2 || !named || otherOption || message.lines().count() != 1) {
                    failures.add(command + " " + option + " " + bad.getValue() + " → exit " + status + ": " + message);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
