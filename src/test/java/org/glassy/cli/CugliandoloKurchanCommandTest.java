package org.glassy.cli;

import static org.glassy.cli.CliRunner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.glassy.theory.CugliandoloKurchan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CugliandoloKurchanCommandTest {

    @Test
    void ckWritesEnergyAndMuEndingAtTheFinalTimeAndTheAgingFunctions(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("e.csv");
        Path correlations = dir.resolve("c.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "ck", "--p", "3", "--temperature", "0", "--time", "10", "--waiting-times", "3",
                "--correlations-out", correlations.toString(), "--out", out.toString());
        assertEquals(0, status, err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("time,energy,mu", rows.get(0));
        assertTrue(rows.get(1).startsWith("0,"), rows.get(1));
        String[] last = rows.get(rows.size() - 1).split(",");
        assertEquals("10", last[0]);
        // default: the long (second-order) solver at h = 0.1, within its O(h²) error of the fixed grid's h → 0 limit
        // (Richardson 2 e(h/2) − e(h) of the first-order reference = −1.081583); μ = −3e at T = 0
        double limit = 2 * fixedGridFinalEnergy(0.05) - fixedGridFinalEnergy(0.1);
        assertEquals(limit, Double.parseDouble(last[1]), 6e-4);
        assertEquals(-3 * Double.parseDouble(last[1]), Double.parseDouble(last[2]), 1e-12);
        List<String> aging = Files.readAllLines(correlations);
        assertEquals("tw,t,correlation,response", aging.get(0));
        assertTrue(aging.get(1).startsWith("1,0.1,"), aging.get(1));
        assertEquals(3, aging.stream().skip(1).map(r -> r.split(",")[0]).distinct().count());
    }

    /** e(10) of the fixed-grid reference at p = 3, T = 0 and step h, through the library's one API. */
    private static double fixedGridFinalEnergy(double step) {
        return CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(3, 0, 10).step(step)
                .solver(CugliandoloKurchan.Solver.FIXED_GRID).build()).finalEnergy();
    }

    @Test
    void theFixedGridReferenceMatchesTheNotesIndependentNumpyIntegration(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("e.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "ck", "--solver", "fixed", "--p", "3", "--temperature", "0", "--time", "10", "--out", out.toString());
        assertEquals(0, status, err.toString());
        List<String> rows = Files.readAllLines(out);
        String[] last = rows.get(rows.size() - 1).split(",");
        assertEquals(-1.080253, Double.parseDouble(last[1]), 1e-6, "the research notes' numpy e(10) at h = 0.1");
    }

    @Test
    void badArgumentsNameTheOption() {
        StringWriter err = new StringWriter();
        int status = run(err, "ck", "--p", "3", "--temperature", "-1", "--time", "10");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("glassy ck: --temperature must be >= 0"), err.toString());
        err = new StringWriter();
        status = run(err, "ck", "--p", "3", "--temperature", "0", "--time", "10", "--step", "0");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("glassy ck: --step must be > 0"), err.toString());
        err = new StringWriter();
        status = run(err, "ck", "--p", "3", "--temperature", "0", "--time", "10", "--waiting-times", "0");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("glassy ck: --waiting-times must be >= 1"), err.toString());
        err = new StringWriter();
        status = run(err, "ck", "--p", "3", "--temperature", "0", "--time", "10", "--solver", "exact");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("glassy ck: --solver must be long or fixed"), err.toString());
        err = new StringWriter();
        status = run(err, "ck", "--p", "3", "--temperature", "0", "--time", "10", "--grid-points", "4");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("glassy ck: --grid-points must be >= 16"), err.toString());
        err = new StringWriter();
        status = run(err, "ck", "--p", "3", "--temperature", "0", "--time", "10000", "--step", "0.001", "--grid-points", "16");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("glassy ck: --grid-points must be >= "), err.toString());
    }

    @Test
    void anUnstableStepOrATimeOffTheGridIsABadValueNamingItsOption(@TempDir Path dir) throws Exception {
        // issue 12: --step 5 wrote energies 43261 and 1e91 with exit 0; --time 10.05 silently stopped at 10
        for (String solver : new String[] {"long", "fixed"}) {
            Path out = dir.resolve(solver + ".csv");
            StringWriter err = new StringWriter();
            int status = run(err, "ck", "--p", "3", "--temperature", "0", "--time", "10", "--step", "5",
                    "--solver", solver, "--out", out.toString());
            assertEquals(2, status, err.toString());
            List<String> lines = err.toString().lines().toList();
            assertTrue(lines.get(0).startsWith("glassy ck: --step must be smaller than 5.0: the integration is unstable "
                    + "at t = 5 ("), err.toString());
            // the row finished before the instability (t = 0) is kept, and the sidecar says the file is incomplete
            assertEquals(List.of("glassy ck: --out " + out + " keeps the 1 row finished before the run failed ("
                    + solver + ".csv.json: \"complete\": false)"), lines.subList(1, lines.size()), err.toString());
            assertEquals(List.of("time,energy,mu", "0,-0.0,0.0"), Files.readAllLines(out));
            assertTrue(Files.readString(dir.resolve(solver + ".csv.json")).contains("\"status\": \"failed\""));
        }
        // rejected before the run: an existing file is left as it was
        Path existing = dir.resolve("existing.csv");
        Files.writeString(existing, "keep me\n");
        StringWriter err = new StringWriter();
        int status = run(err, "ck", "--p", "3", "--temperature", "0", "--time", "10.05", "--out", existing.toString());
        assertEquals(2, status, err.toString());
        assertEquals("glassy ck: --time must be a multiple of step = 0.1, got 10.05", err.toString().strip());
        assertEquals("keep me\n", Files.readString(existing));
        assertFalse(Files.exists(dir.resolve("existing.csv.json")));
        // a multiple within round-off is accepted: 0.3 = 3 × 0.1 although 0.3 / 0.1 = 2.9999999999999996
        err = new StringWriter();
        Path out = dir.resolve("e.csv");
        assertEquals(0, run(err, "ck", "--p", "3", "--temperature", "0", "--time", "0.3", "--out", out.toString()),
                err.toString());
    }
}
