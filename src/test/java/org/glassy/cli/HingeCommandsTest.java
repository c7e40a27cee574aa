package org.glassy.cli;

import static org.glassy.cli.CliRunner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.glassy.study.hinge.ShallowHingeTheory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HingeCommandsTest {

    @Test
    void hingeShallowWritesTimeLossUnsatAndTheory(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("h.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "hinge-shallow", "--hidden", "20", "--samples", "200", "--dim", "5", "--margin", "1",
                "--time", "20", "--seed", "3", "--out", out.toString());
        assertEquals(0, status, err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("time,loss,unsat,unsat_theory", rows.get(0));
        String[] first = rows.get(1).split(",");
        assertEquals("0", first[0]);
        assertEquals(1.0, Double.parseDouble(first[1]), 0.2, "at t = 0 the loss is h up to O(1/√M)");
        assertEquals("1.0", first[3]);
        String[] last = rows.get(rows.size() - 1).split(",");
        assertEquals("20", last[0]);
        double theory = new ShallowHingeTheory(ShallowHingeTheory.Parameters.standard(5, 1)).unsatisfiedFraction(20);
        assertEquals(theory, Double.parseDouble(last[3]), 1e-15);
        double unsat = Double.parseDouble(last[2]);
        assertEquals(Math.round(unsat * 200), unsat * 200, 1e-9, "a fraction of the 200 examples");
    }

    @Test
    void perceptronWritesOneRow(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("p.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "perceptron", "--alpha", "1", "--kappa", "0", "--n", "100", "--seed", "1", "--out",
                out.toString()), err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("alpha,kappa,n,final_loss,unsat_fraction,contact_fraction,converged", rows.get(0));
        String[] sat = rows.get(1).split(",");
        assertEquals(List.of("1.0", "0.0", "100", "0.0", "0.0"), List.of(sat).subList(0, 5), "SAT: no violation");
        assertEquals("true", sat[6], "zero loss is the stopping rule");
        assertEquals(0, run(err, "perceptron", "--alpha", "3", "--kappa", "0", "--n", "100", "--seed", "1", "--loss",
                "quadratic", "--steps", "50", "--out", out.toString()), err.toString());
        String[] row = Files.readAllLines(out).get(1).split(",");
        assertTrue(Double.parseDouble(row[3]) > 0 && Double.parseDouble(row[4]) > 0, "UNSAT at alpha = 3 > 2");
        assertEquals("false", row[6], "50 steps: cut by --steps");
    }

    /**
     * κ &lt; 0 is accepted (as a separate negative argument too); the converged minimum of the linear hinge
     * at κ = −0.5, α = 6 is UNSAT and isostatic: N − 1 = 39 of the 240 patterns are contacts at any
     * tolerance from 10⁻⁹ to 10⁻³, and unsat_fraction counts only h &lt; κ − EPS.
     */
    @Test
    void perceptronTakesNegativeMarginsAndCountsWithTheContactTolerance(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        String[] counts = new String[2];
        String[] tolerances = {"1e-9", "1e-3"};
        for (int k = 0; k < 2; k++) {
            Path out = dir.resolve("p" + k + ".csv");
            assertEquals(0, run(err, "perceptron", "--alpha", "6", "--kappa", "-0.5", "--n", "40", "--seed", "2",
                    "--contact-tolerance", tolerances[k], "--out", out.toString()), err.toString());
            String[] row = Files.readAllLines(out).get(1).split(",");
            assertEquals("-0.5", row[1]);
            assertEquals("true", row[6]);
            assertEquals(39, Math.round(Double.parseDouble(row[5]) * 240), "isostatic: N − 1 contacts");
            assertTrue(Double.parseDouble(row[3]) > 0, "UNSAT");
            counts[k] = row[4] + "," + row[5];
        }
        assertEquals(counts[0], counts[1], "a converged minimum's counts do not depend on EPS");
        Path out = dir.resolve("strict.csv");
        assertEquals(0, run(err, "perceptron", "--alpha=6", "--kappa=-0.5", "--n", "40", "--seed", "2",
                "--contact-tolerance", "0", "--out", out.toString()), err.toString());
        String[] strict = Files.readAllLines(out).get(1).split(",");
        assertTrue(Double.parseDouble(strict[5]) < 39 / 240.0, "EPS = 0: only exact contacts; round-off moves some");
    }

    @Test
    void badArgumentsNameTheOption() {
        String[][] cases = {
            {"glassy perceptron: --alpha must be > 0", "perceptron", "--alpha", "0", "--kappa", "0", "--n", "10", "--seed", "1"},
            {"glassy perceptron: --n must be >= 2", "perceptron", "--alpha", "1", "--kappa", "0", "--n", "1", "--seed", "1"},
            {"glassy perceptron: --loss must be linear or quadratic, got cubic", "perceptron", "--alpha", "1", "--kappa",
                "0", "--n", "10", "--seed", "1", "--loss", "cubic"},
            {"glassy perceptron: --steps must be >= 1", "perceptron", "--alpha", "1", "--kappa", "0", "--n", "10",
                "--seed", "1", "--steps", "0"},
            {"glassy perceptron: --contact-tolerance must be >= 0", "perceptron", "--alpha", "1", "--kappa", "-1",
                "--n", "10", "--seed", "1", "--contact-tolerance", "-0.1"},
            {"glassy hinge-shallow: --hidden must be >= 1", "hinge-shallow", "--hidden", "0", "--samples", "10", "--dim",
                "2", "--margin", "1", "--time", "1", "--seed", "1"},
            {"glassy hinge-shallow: --margin must be > 0", "hinge-shallow", "--hidden", "2", "--samples", "10", "--dim",
                "2", "--margin", "0", "--time", "1", "--seed", "1"},
            {"glassy hinge-shallow: --time must be >= dt = 0.2", "hinge-shallow", "--hidden", "2", "--samples", "10",
                "--dim", "2", "--margin", "1", "--time", "0.1", "--seed", "1"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, java.util.Arrays.copyOfRange(c, 1, c.length)), err.toString());
            assertTrue(err.toString().startsWith(c[0]), err.toString());
            assertEquals(1, err.toString().lines().count(), err.toString());
        }
    }
}
