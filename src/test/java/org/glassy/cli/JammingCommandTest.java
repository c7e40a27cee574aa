package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassy jamming}: its one row, the gaps file, the Fashion-MNIST test error, and its refusals. */
class JammingCommandTest {

    private static final String HEADER = "depth,width,n_params,samples,n_unsat,final_loss,outcome,test_error";

    @Test
    void aWideNetworkOnFewRandomPointsEndsSatAndWritesItsGaps(@TempDir Path dir) throws Exception {
        Path gaps = dir.resolve("gaps.csv");
        CliRunner.Result r = CliRunner.capture("jamming", "--data", "random", "--dim", "8", "--depth", "2", "--width",
                "8", "--samples", "40", "--margin", "1", "--seed", "1", "--steps", "3000", "--gaps-out",
                gaps.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(HEADER, lines.get(0));
        String[] f = lines.get(1).split(",", -1);
        assertEquals(List.of("2", "8", "136", "40", "0"), List.of(f).subList(0, 5));   // N = 8·8 + 8² + 8 = 136
        assertEquals(List.of("sat", ""), List.of(f).subList(6, 8));
        List<String> deltas = Files.readAllLines(gaps);
        assertEquals("delta", deltas.get(0));
        assertEquals(41, deltas.size());
        double loss = 0;
        for (String d : deltas.subList(1, deltas.size())) {
            double delta = Double.parseDouble(d);
            assertTrue(delta <= 1e-9, "every constraint satisfied up to rounding (δ = 1e-9): " + d);
            loss += delta > 0 ? delta * delta / (2 * 40) : 0;
        }
        assertEquals(loss, Double.parseDouble(f[5]), 1e-30, "final_loss is the loss of the gaps written");
    }

    @Test
    void aNarrowNetworkOnManyPointsEndsUnsat() {
        CliRunner.Result r = CliRunner.capture("jamming", "--data", "random", "--dim", "5", "--depth", "1", "--width",
                "2", "--samples", "200", "--margin", "1", "--seed", "1", "--optimizer", "adam", "--quiet");
        assertEquals(0, r.status(), r.err());
        String[] f = r.out().lines().toList().get(1).split(",", -1);
        assertEquals(List.of("1", "2", "12", "200"), List.of(f).subList(0, 4));
        assertTrue(Integer.parseInt(f[4]) > 12, "N_Delta " + f[4]);
        assertTrue(Double.parseDouble(f[5]) > 0);
        assertEquals("unsat", f[6]);
        assertEquals("", f[7]);
    }

    @Test
    void aShortBudgetIsUndecidedWithFire() {
        CliRunner.Result r = CliRunner.capture("jamming", "--data", "random", "--dim", "6", "--depth", "3", "--width",
                "6", "--samples", "300", "--margin", "1", "--seed", "2", "--optimizer", "fire", "--steps", "30",
                "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().toList().get(1).contains(",undecided,"), r.out());
    }

    @Test
    void fashionMnistHasATestError() {
        CliRunner.Result r = CliRunner.capture("jamming", "--data", "fashion-mnist", "--dim", "10", "--depth", "1",
                "--width", "20", "--samples", "200", "--margin", "1", "--seed", "1", "--steps", "300",
                "--test-samples", "2000", "--quiet");
        assertEquals(0, r.status(), r.err());
        String[] f = r.out().lines().toList().get(1).split(",", -1);
        assertEquals("220", f[2]);
        double error = Double.parseDouble(f[7]);
        // classes 0-4 against 5-9 in 10 principal components: far better than chance, far from perfect
        assertTrue(error > 0.02 && error < 0.3, "test error " + error);
    }

    @Test
    void badValuesNameTheirOptionInOneLine() {
        String[][] cases = {
            {"--dim", "--dim", "9", "--data", "fashion-mnist"},
            {"--data", "--data", "cifar"},
            {"--margin", "--margin", "0"},
            {"--depth", "--depth", "0"},
            {"--width", "--width", "0"},
            {"--samples", "--samples", "0"},
            {"--optimizer", "--optimizer", "sgd"},
            {"--steps", "--steps", "0"},
            {"--test-samples", "--test-samples", "69990", "--data", "fashion-mnist"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("jamming", "--data", "random", "--dim", "10", "--depth", "2",
                    "--width", "10", "--samples", "100", "--margin", "1", "--seed", "1"));
            for (int i = 1; i < c.length; i += 2) {
                if (args.contains(c[i])) {
                    args.set(args.indexOf(c[i]) + 1, c[i + 1]);
                } else {
                    args.add(c[i]);
                    args.add(c[i + 1]);
                }
            }
            StringWriter err = new StringWriter();
            assertEquals(2, CliRunner.run(err, args.toArray(String[]::new)), err.toString());
            String message = err.toString().strip();
            assertTrue(message.startsWith("glassy jamming: " + c[0] + " must") && message.lines().count() == 1,
                    message);
        }
    }
}
