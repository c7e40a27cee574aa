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

class TrapCommandTest {

    @Test
    void trapWritesTwTPiForBothModels(@TempDir Path dir) throws Exception {
        for (String[] model : new String[][] {{"bouchaud", "0.5"}, {"barrat-mezard", "0"}}) {
            Path out = dir.resolve(model[0] + ".csv");
            StringWriter err = new StringWriter();
            int status = run(err, "trap", "--model", model[0], "--x", model[1], "--tw", "100", "--samples", "200",
                    "--seed", "3", "--out", out.toString());
            assertEquals(0, status, err.toString());
            List<String> rows = Files.readAllLines(out);
            assertEquals("tw,t,pi,pi_se", rows.get(0));
            assertEquals(42, rows.size());
            assertTrue(rows.get(1).startsWith("100,1,"), rows.get(1));
            assertTrue(rows.get(41).startsWith("100,10000,"), rows.get(41));
            for (String row : rows.subList(1, rows.size())) {
                String[] cells = row.split(",");
                assertEquals(4, cells.length, row);
                double pi = Double.parseDouble(cells[2]);
                assertEquals(Math.sqrt(pi * (1 - pi) / 200), Double.parseDouble(cells[3]), 1e-15, row);
            }
        }
        Path out = dir.resolve("finite.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "trap", "--model", "barrat-mezard", "--x", "0.5", "--tw", "10", "--samples", "20",
                "--seed", "3", "--states", "100", "--out", out.toString());
        assertEquals(0, status, err.toString());
        assertEquals(42, Files.readAllLines(out).size());
    }

    @Test
    void badArgumentsNameTheOption() {
        String[][] cases = {
            {"--model must be bouchaud or barrat-mezard, got rem", "--model", "rem", "--x", "0.5"},
            {"--x must lie in (0, ∞) for bouchaud, got 0.0", "--model", "bouchaud", "--x", "0"},
            {"--x must be >= 0", "--model", "barrat-mezard", "--x", "-1"},
            {"--states is not allowed for bouchaud, got 10", "--model", "bouchaud", "--x", "0.5", "--states", "10"},
            {"--states must be >= 2", "--model", "barrat-mezard", "--x", "0", "--states", "1"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("trap", "--tw", "10", "--samples", "10", "--seed", "1"));
            args.addAll(List.of(c).subList(1, c.length));
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, args.toArray(String[]::new)), err.toString());
            assertTrue(err.toString().startsWith("glassy trap: " + c[0]), err.toString());
        }
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "trap", "--model", "bouchaud", "--x", "0.5", "--tw", "-1", "--samples", "10", "--seed", "1"));
        assertTrue(err.toString().startsWith("glassy trap: --tw must be > 0"), err.toString());
    }
}
