package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code glassy phase-retrieval}: the columns and times, the recovery of the teacher far above threshold, SGD and
 * persistent SGD with {@code --batch-fraction 1} printing gradient descent's CSV byte for byte, and one-line exit-2
 * errors for options that are missing or do not apply.
 */
class PhaseRetrievalCommandTest {

    private static final String[] BASE = {"phase-retrieval", "--dim", "40", "--alpha", "6", "--lr", "4", "--time",
        "800", "--seed", "2", "--quiet"};

    private static CliRunner.Result run(String... more) {
        String[] args = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, args, BASE.length, more.length);
        return CliRunner.capture(args);
    }

    @Test
    void writesTimeLossAndOverlapEndingAtTheFinalTime() {
        CliRunner.Result r = run("--algorithm", "gd");
        assertEquals(0, r.status(), r.err());
        List<String> rows = r.out().lines().toList();
        assertEquals("time,train_loss,overlap", rows.get(0));
        assertTrue(rows.get(1).startsWith("0,"), rows.get(1));
        String[] last = rows.get(rows.size() - 1).split(",");
        assertEquals("800", last[0]);
        for (String row : rows.subList(1, rows.size())) {
            double overlap = Double.parseDouble(row.split(",")[2]);
            assertTrue(overlap >= 0 && overlap <= 1, row);
        }
        // α = 6 at d = 40 with this seed: gradient descent recovers the teacher (loss ≈ 0, overlap ≈ 1)
        assertTrue(Double.parseDouble(last[2]) > 0.99, rows.get(rows.size() - 1));
        assertTrue(Double.parseDouble(last[1]) < 1e-6, rows.get(rows.size() - 1));
    }

    @Test
    void batchFractionOneIsGradientDescentByteForByte() {
        for (String spherical : new String[] {"--start-overlap=0", "--spherical"}) {
            CliRunner.Result gd = run("--algorithm", "gd", spherical);
            CliRunner.Result sgd = run("--algorithm", "sgd", "--batch-fraction", "1", spherical);
            CliRunner.Result persistent = run("--algorithm", "persistent-sgd", "--batch-fraction", "1",
                    "--persistence", "4", spherical);
            assertEquals(0, gd.status(), gd.err());
            assertEquals(gd.out(), sgd.out());
            assertEquals(gd.out(), persistent.out());
            assertNotEquals(gd.out(), run("--algorithm", "sgd", "--batch-fraction", "0.5", spherical).out());
        }
    }

    @Test
    void informedStartBeginsAtItsOverlap() {
        CliRunner.Result r = run("--algorithm", "langevin", "--temperature", "1e-4", "--start-overlap", "0.25",
                "--spherical");
        assertEquals(0, r.status(), r.err());
        assertEquals(0.25, Double.parseDouble(r.out().lines().toList().get(1).split(",")[2]), 1e-12);
    }

    @Test
    void missingOrInapplicableOptionsAreOneLineErrorsNamingTheOption() {
        Object[][] cases = {
            {new String[] {"--algorithm", "sgd"}, "--batch-fraction is required with sgd"},
            {new String[] {"--algorithm", "persistent-sgd", "--batch-fraction", "0.5"},
                "--persistence is required with persistent-sgd"},
            {new String[] {"--algorithm", "persistent-sgd", "--batch-fraction", "0.2", "--persistence", "5"},
                "--persistence must be >= lr·max(1, (1 − b)/b) = 16.0"},
            {new String[] {"--algorithm", "sgd", "--batch-fraction", "0.5", "--persistence", "5"},
                "--persistence applies only to persistent-sgd"},
            {new String[] {"--algorithm", "langevin"}, "--temperature is required with langevin"},
            {new String[] {"--algorithm", "gd", "--temperature", "0.1"}, "--temperature must be 0"},
            {new String[] {"--algorithm", "langevin", "--temperature", "0.1", "--batch-fraction", "0.5"},
                "--batch-fraction must be 1"},
        };
        for (Object[] c : cases) {
            CliRunner.Result r = run((String[]) c[0]);
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("glassy phase-retrieval: " + c[1]), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }
}
