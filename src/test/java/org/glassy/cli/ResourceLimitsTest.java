package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.glassy.model.PSpinSpherical;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs too large for the heap, for a Java array or for a lifetime are refused before any work, with exit 2 and one
 * line naming the option, the estimate and the limit (they ended in OutOfMemoryError stack traces, or ran for ever
 * with no output); an existing --out is left as it was. Rising energy under gradient descent stops the run naming
 * --dt.
 */
class ResourceLimitsTest {

    /** option named, start of the message after it, then the command line. */
    private static final String[][] REFUSED = {
        {"--repeats", "asks for about", "double-descent", "--model", "random-features", "--features", "100000",
            "--samples", "100000", "--dim", "1000", "--noise", "0", "--ridge", "0", "--seed", "1", "--repeats", "1000"},
        {"--features", "needs about", "double-descent", "--model", "random-features", "--features", "200000000",
            "--samples", "10", "--dim", "1", "--noise", "0", "--ridge", "0", "--seed", "1", "--repeats", "1",
            "--test-samples", "1"},
        // memory (the tests' heap is 4 GB, see the surefire argLine): C(2000, 3) couplings are 9.9 GB
        {"--n", "needs about 9.9 GB (couplings C(2000, 3) = 1.33e+09 doubles), more than the heap limit of",
            "pspin", "--p", "3", "--n", "2000", "--temperature", "0", "--dt", "0.1", "--time", "1", "--seed", "1"},
        {"--n", "needs about 9.9 GB", "pspin-aging", "--p", "3", "--n", "2000", "--temperature", "0.5", "--dt", "0.1",
            "--time", "10", "--seed", "1"},
        {"--states", "needs about 29.8 GB (the energies and rates of 2000000000 states)", "trap", "--model",
            "barrat-mezard", "--x", "0.3", "--tw", "100", "--samples", "10", "--seed", "1", "--states", "2000000000"},
        {"--images", "needs about 18.6 GB (1.00e+08 images of the plane)", "neb", "--potential", "double-well",
            "--images", "100000000", "--steps", "10"},
        // the array limit, whatever the heap: C(N, 3) < 2^31 means N <= 2345
        {"--n", "must be small enough that the 2.15e+09 couplings C(2346, 3) fit in one Java array", "pspin", "--p",
            "3", "--n", "2346", "--temperature", "0", "--dt", "0.1", "--time", "1", "--seed", "1"},
        {"--hidden", "must be small enough that the 5.30e+09 network parameters fit in one Java array", "aging-dnn",
            "--data", "teacher", "--samples", "100", "--hidden", "100000000", "--lr", "0.1", "--batch", "10",
            "--momentum", "0", "--steps", "100", "--seed", "1"},
        // work: runs that would go on for years
        {"--tw", "asks for about 1.0e+152 operations", "trap", "--model", "bouchaud", "--x", "0.5", "--tw", "1e300",
            "--samples", "10", "--seed", "1"},
        {"--time", "asks for about 6.6e+18 operations", "ck", "--p", "3", "--temperature", "0", "--time", "1e12"},
        {"--time", "asks for about", "hinge-shallow", "--hidden", "10", "--samples", "50", "--dim", "3", "--margin", "1",
            "--time", "1e15", "--seed", "1"},
        {"--time", "asks for about 4.9e+15 operations (1.00e+10 steps of 485100 multiply-adds), about 56 days",
            "pspin-aging", "--p", "3", "--n", "100", "--temperature", "0.5", "--dt", "0.1", "--time", "1e9", "--seed",
            "1"},
        {"--steps", "asks for about", "perceptron", "--alpha", "2", "--kappa", "0", "--n", "2000", "--seed", "1",
            "--steps", "100000000"},
        {"--train-steps", "asks for about", "barrier", "--data", "teacher", "--samples", "1000", "--hidden", "1000", "--seed-a",
            "1", "--seed-b", "2", "--method", "linear", "--seed", "3", "--train-steps", "100000000000"},
        {"--steps", "asks for about", "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "10", "--lr",
            "0.1", "--batch", "10", "--momentum", "0", "--steps", "1000000000000000", "--seed", "1"},
        {"--steps", "asks for about", "neb", "--potential", "double-well", "--images", "10", "--steps",
            "10000000000000"},
    };

    @Test
    void tooLargeRunsAreRefusedBeforeAnyWorkNamingTheOption(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("existing.csv");
        Files.writeString(out, "an earlier result\n");
        List<String> failures = new ArrayList<>();
        for (String[] c : REFUSED) {
            List<String> args = new ArrayList<>(Arrays.asList(c).subList(2, c.length));
            args.addAll(List.of("--out", out.toString()));
            StringWriter err = new StringWriter();
            int status = CliRunner.run(err, args.toArray(String[]::new));
            String expected = "glassy " + c[2] + ": " + c[0] + " " + c[1];
            if (status != 2 || !err.toString().startsWith(expected) || err.toString().strip().lines().count() != 1) {
                failures.add(String.join(" ", args) + "\n  → " + status + ": " + err + "  expected: " + expected);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals("an earlier result\n", Files.readString(out));
        assertFalse(Files.exists(dir.resolve("existing.csv.json")));
        assertFalse(Files.exists(dir.resolve("existing.csv.partial")));
    }

    @Test
    void theMemoryMessageSaysHowToRaiseTheHeap() {
        StringWriter err = new StringWriter();
        assertEquals(2, CliRunner.run(err, "pspin", "--p", "3", "--n", "2000", "--temperature", "0", "--dt", "0.1",
                "--time", "1", "--seed", "1"));
        assertTrue(err.toString().contains("raise the JVM's -Xmx (bin/glassy: GLASSY_JVM_OPTS=-Xmx"), err.toString());
    }

    @Test
    void theEstimatesAreTheArraysTheLibraryAllocates() {
        assertEquals(8.0 * 1_331_334_000L, PSpinSpherical.bytes(3, 2000), 0);
        assertEquals(2_146_453_540L, (long) (PSpinSpherical.bytes(3, 2345) / 8));   // the largest N at p = 3
        assertEquals(new PSpinSpherical(3, 40, 1L).couplingCount(), PSpinSpherical.bytes(3, 40) / 8, 0);
    }

    @Test
    void gradientDescentWhoseEnergyRisesStopsNamingDt() throws Exception {
        // was: the energy rose under --dynamics gd --dt 1e6 with exit 0
        CliRunner.Result r = CliRunner.capture("pspin", "--p", "3", "--n", "50", "--dynamics", "gd", "--temperature",
                "0", "--dt", "1e6", "--time", "1e8", "--seed", "1", "--quiet");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith("glassy pspin: gradient descent raised the energy from "), r.err());
        assertTrue(r.err().strip().endsWith("is too large for this landscape; reduce --dt (and check the model's "
                + "parameters)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        // the rows before the rise were written and are kept
        assertTrue(r.out().startsWith("time,energy\n0,"), r.out());
    }
}
