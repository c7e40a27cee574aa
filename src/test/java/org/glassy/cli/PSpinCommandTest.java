package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.glassy.study.relaxation.PSpinRelaxation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PSpinCommandTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        var cli = Glassy.commandLine();
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Result(status, "", err.toString());
    }

    @Test
    void writesTimeEnergyCsvEndingAtTheFinalTime(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out.csv");
        Result r = run("pspin", "--p", "3", "--n", "60", "--temperature", "0", "--dt", "0.1", "--time", "50",
                "--seed", "4", "--dynamics", "gd", "--records-per-decade", "4", "--out", csv.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time,energy", lines.get(0));
        assertEquals("0", lines.get(1).split(",")[0]);
        assertEquals("50", lines.get(lines.size() - 1).split(",")[0]);
        double previousTime = -1;
        double previousEnergy = Double.POSITIVE_INFINITY;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double t = Double.parseDouble(cells[0]);
            double e = Double.parseDouble(cells[1]);
            assertTrue(t > previousTime);
            assertTrue(e <= previousEnergy + 1e-12, "GD energy must not rise");
            previousTime = t;
            previousEnergy = e;
        }
        // the same numbers as the library's study API: one seed fixes couplings, start and noise
        var table = PSpinRelaxation.energyCurve(new PSpinRelaxation.Parameters(3, 60, 0, 0.1, 50, 4,
                PSpinRelaxation.Kind.GD, 4));
        assertEquals(table.rowCount(), lines.size() - 1);
        assertEquals(table.doubleColumn("energy").get(table.rowCount() - 1), previousEnergy, 0.0);
    }

    @Test
    void badArgumentsExitWithTwoAndOneLineNamingTheArgument() {
        String[][] cases = {
            {"--temperature", "pspin", "--p", "3", "--n", "50", "--temperature", "-1", "--dt", "0.1", "--time", "1", "--seed", "1"},
            {"--dt", "pspin", "--p", "3", "--n", "50", "--temperature", "1", "--dt", "0", "--time", "1", "--seed", "1"},
            {"--n", "pspin", "--p", "3", "--n", "2", "--temperature", "1", "--dt", "0.1", "--time", "1", "--seed", "1"},
            {"--p", "pspin", "--p", "1", "--n", "50", "--temperature", "1", "--dt", "0.1", "--time", "1", "--seed", "1"},
            {"--seed", "pspin", "--p", "3", "--n", "50", "--temperature", "1", "--dt", "0.1", "--time", "1"},
            {"--dynamics", "pspin", "--p", "3", "--n", "50", "--temperature", "1", "--dt", "0.1", "--time", "1", "--seed", "1",
                "--dynamics", "sgd"},
            {"--records-per-decade", "pspin", "--p", "3", "--n", "50", "--temperature", "1", "--dt", "0.1", "--time", "1",
                "--seed", "1", "--records-per-decade", "0"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Result r = run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[0]), "message should name " + c[0] + ": " + r.err());
        }
    }

    @Test
    void largePWritesFiniteNonZeroEnergiesAndBeyondTheBoundIsBadUsage(@TempDir Path dir) throws Exception {
        // p = 170, N = 171: N^(p−1) overflows a double; the energies were −0.0 on every row
        Path csv = dir.resolve("p170.csv");
        Result r = run("pspin", "--p", "170", "--n", "171", "--temperature", "0", "--dt", "0.1", "--time", "0.3",
                "--seed", "1", "--dynamics", "gd", "--out", csv.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time,energy", lines.get(0));
        assertTrue(lines.size() >= 4, lines.toString());
        for (String line : lines.subList(1, lines.size())) {
            double e = Double.parseDouble(line.split(",")[1]);
            assertTrue(e != 0 && Double.isFinite(e), line);
        }
        // p = 1000 failed with "reduce dt"; now a usage error naming --p and its range, before any work
        r = run("pspin", "--p", "1000", "--n", "1000", "--temperature", "0", "--dt", "0.1", "--time", "1", "--seed", "1",
                "--dynamics", "gd");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("glassy pspin: --p must lie in [2, 500] "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void timeIsPrintedWithoutBinaryNoise() {
        assertEquals("4.6", Csv.time(46 * 0.1));
        assertEquals("100", Csv.time(1000 * 0.1));
    }
}
