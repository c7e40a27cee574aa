package org.glassy.cli;

import static org.glassy.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.glassy.study.spiked.SpikedGradientFlow;
import org.glassy.theory.SpikedThreshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

class SpikedCommandsTest {

    /** The CSV is the library's run, row for row; the start overlap is exact; time ends at --time. */
    @Test
    void spikedWritesTimeEnergyOverlapAsTheLibraryRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("s.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "spiked", "--p", "3", "--n", "60", "--delta2", "0.4", "--deltap", "1", "--time", "20",
                "--dt", "0.1", "--seed", "2", "--start-overlap", "0.2", "--records-per-decade", "5", "--out",
                out.toString()), err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("time,energy,overlap", rows.get(0));
        Table library = SpikedGradientFlow.curves(SpikedGradientFlow.Parameters.builder().p(3).n(60).delta2(0.4)
                .deltap(1).time(20).dt(0.1).seed(2).startOverlap(0.2).recordsPerDecade(5).build());
        assertEquals(library.rowCount(), rows.size() - 1);
        for (int i = 0; i < library.rowCount(); i++) {
            String[] r = rows.get(i + 1).split(",");
            assertEquals(library.doubleColumn("time").get(i), Double.parseDouble(r[0]), 1e-12);
            assertEquals(library.doubleColumn("energy").get(i), Double.parseDouble(r[1]), 0);
            assertEquals(library.doubleColumn("overlap").get(i), Double.parseDouble(r[2]), 0);
        }
        assertEquals(0.2, Double.parseDouble(rows.get(1).split(",")[2]), 1e-12);
        assertEquals("20", rows.get(rows.size() - 1).split(",")[0]);
        // energy decreases under gradient flow
        double e0 = Double.parseDouble(rows.get(1).split(",")[1]);
        double e1 = Double.parseDouble(rows.get(rows.size() - 1).split(",")[1]);
        assertTrue(e1 < e0, e0 + " -> " + e1);
    }

    /** Without a matrix and p even the overlap is reported as |m|. */
    @Test
    void spikedTakesInfAndReportsAPositiveOverlapForEvenP(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("s.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "spiked", "--p", "4", "--n", "24", "--delta2", "inf", "--deltap", "0.5", "--time", "5",
                "--dt", "0.05", "--seed", "1", "--start-overlap", "-0.5", "--temperature", "0.1", "--out",
                out.toString()), err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals(0.5, Double.parseDouble(rows.get(1).split(",")[2]), 1e-12);
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(Double.parseDouble(row.split(",")[2]) >= 0, row);
        }
    }

    @Test
    void spikedThresholdWritesTheClosedForm(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("t.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "spiked-threshold", "--p", "3", "--deltap", "1", "--out", out.toString()),
                err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals(List.of("p,deltap,delta2_gf", "3,1.0,0.5"), rows);
        assertEquals(0, run(err, "spiked-threshold", "--p", "4", "--deltap", "4", "--out", out.toString()));
        assertEquals(SpikedThreshold.delta2(4, 4), Double.parseDouble(Files.readAllLines(out).get(1).split(",")[2]), 0);
        assertEquals(0.667, SpikedThreshold.delta2(4, 4), 5e-4);
    }

    /** The CSV is the library's solution; above the threshold m(t) grows from the default m(0) = 0.01. */
    @Test
    void spikedDmftWritesTimeEnergyMuOverlap(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("d.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "spiked-dmft", "--p", "3", "--delta2", "0.333", "--deltap", "1", "--time", "10",
                "--out", out.toString()), err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("time,energy,mu,overlap", rows.get(0));
        Table library = org.glassy.theory.CugliandoloKurchan.solve(org.glassy.theory.CugliandoloKurchan.Parameters
                .builder(3, 0, 10).step(0.1).build(),
                org.glassy.theory.CugliandoloKurchan.Signal.of(0.333, 1, 0.01), null);
        assertEquals(library.rowCount(), rows.size() - 1);
        String[] first = rows.get(1).split(",");
        assertEquals("0", first[0]);
        assertEquals(0.01, Double.parseDouble(first[3]), 1e-15);
        String[] last = rows.get(rows.size() - 1).split(",");
        assertEquals("10", last[0]);
        assertEquals(library.doubleColumn("overlap").get(library.rowCount() - 1), Double.parseDouble(last[3]), 0);
        assertTrue(Double.parseDouble(last[3]) > 0.8, last[3]);
    }

    @Test
    void badValuesExitTwoNamingTheOption() {
        String[][] cases = {
            {"glassy spiked: --delta2 must be a number > 0 or inf, got 'x'", "spiked", "--p", "3", "--n", "20",
                "--delta2", "x", "--deltap", "1", "--time", "1", "--dt", "0.1", "--seed", "1"},
            {"glassy spiked: --start-overlap must lie in [-1, 1], got 1.5", "spiked", "--p", "3", "--n", "20",
                "--delta2", "1", "--deltap", "1", "--time", "1", "--dt", "0.1", "--seed", "1", "--start-overlap", "1.5"},
            {"glassy spiked-dmft: --delta2 must be > 0 (or inf for no matrix), got -1.0", "spiked-dmft", "--p", "3",
                "--delta2", "-1", "--deltap", "1", "--time", "1"},
            {"glassy spiked-threshold: --deltap must be > 0", "spiked-threshold", "--p", "3", "--deltap", "-1"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            assertEquals(2, run(err, args), err.toString());
            assertTrue(err.toString().strip().startsWith(c[0]), err.toString());
            assertEquals(1, err.toString().strip().lines().count(), err.toString());
        }
    }
}
