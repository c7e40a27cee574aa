package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;

import org.glassy.study.structured.BetaNmf;
import org.glassy.study.structured.NmfData;
import org.junit.jupiter.api.Test;

/** {@code glassy nmf}: its rows are the library's run, monotone for mm, and bad options are refused by name. */
class NmfCommandTest {

    @Test
    void rowsAreTheLibrarysObjectiveAndMonotoneForMm() {
        CliRunner.Result r = CliRunner.capture("nmf", "--data", "synthetic", "--rank", "3", "--beta", "0.5",
                "--iterations", "20", "--seed", "4", "--samples", "30", "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("iteration,objective", lines.get(0));
        assertEquals(22, lines.size());
        BetaNmf nmf = new BetaNmf(NmfData.lowRank(NmfCommand.SYNTHETIC_ROWS, 30, 3, 4), 3, 0.5, BetaNmf.Update.MM, 5);
        assertEquals("0," + nmf.objective(), lines.get(1));
        double previous = Double.POSITIVE_INFINITY;
        for (int t = 1; t <= 20; t++) {
            String[] f = lines.get(t + 1).split(",");
            assertEquals(Integer.toString(t), f[0]);
            double objective = Double.parseDouble(f[1]);
            assertEquals(nmf.iterate(), objective, 0);
            assertTrue(objective <= previous);
            previous = objective;
        }
    }

    @Test
    void fashionMnistWithProjectedGradientRuns() {
        CliRunner.Result r = CliRunner.capture("nmf", "--data", "fashion-mnist", "--rank", "4", "--beta", "0",
                "--iterations", "3", "--seed", "1", "--samples", "20", "--update", "projected-gradient", "--quiet");
        assertEquals(0, r.status(), r.err());
        assertEquals(5, r.out().lines().count());
    }

    @Test
    void badOptionsNameTheirOption() {
        String[][] cases = {
            {"--rank", "--rank", "101"},
            {"--beta", "--beta", "4.5"},
            {"--iterations", "--iterations", "-1"},
            {"--samples", "--samples", "0"},
            {"--data", "--data", "mnist"},
            {"--update", "--update", "newton"},
        };
        for (String[] c : cases) {
            java.util.List<String> args = new java.util.ArrayList<>(List.of("nmf", "--data", "synthetic", "--rank",
                    "3", "--beta", "1", "--iterations", "2", "--seed", "1", "--samples", "200", "--update", "mm"));
            args.set(args.indexOf(c[1]) + 1, c[2]);
            StringWriter err = new StringWriter();
            assertEquals(2, CliRunner.run(err, args.toArray(String[]::new)), err.toString());
            String message = err.toString().strip();
            assertTrue(message.startsWith("glassy nmf: " + c[0] + " must") && message.lines().count() == 1, message);
        }
    }
}
