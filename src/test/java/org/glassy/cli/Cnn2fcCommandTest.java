package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.glassy.study.bias.ArchitecturalBias;
import org.junit.jupiter.api.Test;

/** {@code glassy cnn2fc}: the columns, the phases, the library's numbers, and its refusals. */
class Cnn2fcCommandTest {

    @Test
    void rowsAreTheLibrarysRunPhaseByPhase() {
        CliRunner.Result r = CliRunner.capture("cnn2fc", "--samples", "200", "--relax-epochs", "1", "--total-epochs",
                "2", "--seed", "5", "--channels", "1", "--lr", "0.1", "--batch", "10", "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("epoch,phase,train_loss,test_accuracy,off_mask_norm", lines.get(0));
        List<String> expected = new ArrayList<>();
        ArchitecturalBias.run(ArchitecturalBias.Parameters.builder().samples(200).relaxEpochs(1).totalEpochs(2)
                        .seed(5L).channels(1).learningRate(0.1).batch(10).build(), null,
                row -> expected.add(row.epoch() + "," + row.phase() + "," + row.trainLoss() + "," + row.testAccuracy()
                        + "," + row.offMaskNorm()));
        assertEquals(expected, lines.subList(1, lines.size()));
        String[] cnn = lines.get(1).split(",");
        String[] efcn = lines.get(2).split(",");
        assertEquals(List.of("1", "cnn"), List.of(cnn).subList(0, 2));
        assertEquals("0.0", cnn[4]);
        assertEquals(List.of("2", "efcn"), List.of(efcn).subList(0, 2));
        assertTrue(Double.parseDouble(efcn[4]) > 0, lines.get(2));
        double accuracy = Double.parseDouble(efcn[3]);
        assertTrue(accuracy > 0.12 && accuracy <= 1, lines.get(2));   // ten classes: chance is 0.1
    }

    @Test
    void relaxZeroIsAllEfcnAndTheBaselineAllFcn() {
        for (String[] c : new String[][] {{"efcn"}, {"fcn", "--baseline", "fcn"}}) {
            List<String> args = new ArrayList<>(List.of("cnn2fc", "--samples", "50", "--relax-epochs", "0",
                    "--total-epochs", "2", "--seed", "1", "--channels", "1", "--quiet"));
            args.addAll(List.of(c).subList(1, c.length));
            CliRunner.Result r = CliRunner.capture(args.toArray(String[]::new));
            assertEquals(0, r.status(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(3, lines.size(), r.out());
            assertTrue(lines.get(1).startsWith("1," + c[0] + ",") && lines.get(2).startsWith("2," + c[0] + ","),
                    r.out());
        }
    }

    @Test
    void badValuesNameTheirOptionAndRange() {
        String[][] cases = {
            {"--relax-epochs", "3", "--relax-epochs must lie in [0, 2]"},
            {"--batch", "101", "--batch must lie in [1, 100]"},
            {"--channels", "0", "--channels must lie in [1, 16]"},
            {"--baseline", "cnn", "--baseline must be fcn"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("cnn2fc", "--samples", "100", "--relax-epochs", "1",
                    "--total-epochs", "2", "--seed", "1"));
            if (args.contains(c[0])) {
                args.set(args.indexOf(c[0]) + 1, c[1]);
            } else {
                args.addAll(List.of(c[0], c[1]));
            }
            StringWriter err = new StringWriter();
            assertEquals(2, CliRunner.run(err, args.toArray(String[]::new)), err.toString());
            String message = err.toString().strip();
            assertTrue(message.startsWith("glassy cnn2fc: " + c[2]) && message.lines().count() == 1, message);
        }
    }
}
