package org.glassy.cli;

import static org.glassy.cli.CliRunner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        var coarse = org.glassy.theory.CugliandoloKurchan.solve(new org.glassy.theory.CugliandoloKurchan.Parameters(3, 0, 0.1, 10));
        var fine = org.glassy.theory.CugliandoloKurchan.solve(new org.glassy.theory.CugliandoloKurchan.Parameters(3, 0, 0.05, 10));
        double limit = 2 * fine.energy(fine.steps()) - coarse.energy(coarse.steps());
        assertEquals(limit, Double.parseDouble(last[1]), 6e-4);
        assertEquals(-3 * Double.parseDouble(last[1]), Double.parseDouble(last[2]), 1e-12);
        List<String> aging = Files.readAllLines(correlations);
        assertEquals("tw,t,correlation,response", aging.get(0));
        assertTrue(aging.get(1).startsWith("1,0.1,"), aging.get(1));
        assertEquals(3, aging.stream().skip(1).map(r -> r.split(",")[0]).distinct().count());
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
}
