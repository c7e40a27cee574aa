package org.glassy.cli;

import static org.glassy.cli.CliRunner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.glassy.model.MullerBrown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarrierCommandsTest {

    private static double[] column(List<String> rows, int column) {
        return rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[column])).toArray();
    }

    @Test
    void nebWritesTheFinalPathWithEndpointsAndFindsTheSaddles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("dw.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "neb", "--potential", "double-well", "--images", "8", "--steps", "3000", "--climbing",
                "--out", out.toString());
        assertEquals(0, status, err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("image,x,y,energy", rows.get(0));
        assertEquals(9, rows.size());
        assertEquals("0,-1.0,0.0,0.0", rows.get(1));
        assertEquals("7,1.0,0.0,0.0", rows.get(8));
        assertEquals(1, java.util.Arrays.stream(column(rows, 3)).max().orElseThrow(), 1e-9);

        out = dir.resolve("mb.csv");
        status = run(err, "neb", "--potential", "muller-brown", "--images", "15", "--steps", "20000", "--climbing",
                "--out", out.toString());
        assertEquals(0, status, err.toString());
        rows = Files.readAllLines(out);
        assertEquals(16, rows.size());
        assertEquals(MullerBrown.SADDLE_AC_ENERGY, java.util.Arrays.stream(column(rows, 3)).max().orElseThrow(), 1e-2);
    }

    @Test
    void barrierWritesTheProfileFromZeroToOne(@TempDir Path dir) throws Exception {
        for (String method : new String[] {"linear", "autoneb", "bezier"}) {
            Path out = dir.resolve(method + ".csv");
            StringWriter err = new StringWriter();
            int status = run(err, "barrier", "--data", "teacher", "--samples", "100", "--hidden", "4", "--seed-a", "1",
                    "--seed-b", "2", "--method", method, "--seed", "3", "--train-steps", "300", "--effort", "0.01",
                    "--out", out.toString());
            assertEquals(0, status, method + ": " + err);
            List<String> rows = Files.readAllLines(out);
            assertEquals("t,train_loss,test_loss,test_error", rows.get(0), method);
            assertTrue(rows.get(1).startsWith("0,"), rows.get(1));
            assertTrue(rows.get(rows.size() - 1).startsWith("1,"), rows.get(rows.size() - 1));
            double[] t = column(rows, 0);
            for (int i = 1; i < t.length; i++) {
                assertTrue(t[i] > t[i - 1], method + ": t must increase, row " + i);
            }
            double[] error = column(rows, 3);
            assertTrue(java.util.Arrays.stream(error).allMatch(e -> e >= 0 && e <= 1), method);
        }
    }

    @Test
    void badArgumentsNameTheOption() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "neb", "--potential", "triple-well", "--images", "5", "--steps", "10"));
        assertTrue(err.toString().contains("potential must be double-well or muller-brown"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "neb", "--potential", "double-well", "--images", "2", "--steps", "10"));
        assertTrue(err.toString().contains("--images must be >= 3"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "barrier", "--data", "teacher", "--samples", "100", "--hidden", "4", "--seed-a", "1",
                "--seed-b", "1", "--method", "linear", "--seed", "3"));
        assertTrue(err.toString().contains("--seed-b must differ from the first network's seed"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "barrier", "--data", "teacher", "--samples", "100", "--hidden", "4", "--seed-a", "1",
                "--seed-b", "2", "--method", "geodesic", "--seed", "3"));
        assertTrue(err.toString().contains("method must be linear, autoneb or bezier"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "barrier", "--data", "teacher", "--samples", "100", "--hidden", "4", "--seed-a", "1",
                "--seed-b", "2", "--method", "linear", "--seed", "3", "--train-steps", "0"));
        assertTrue(err.toString().contains("--train-steps must be >= 1"), err.toString());
    }
}
