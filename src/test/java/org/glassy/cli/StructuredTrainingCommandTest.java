package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.glassy.model.Loss;
import org.glassy.study.structured.StructuredTraining;
import org.junit.jupiter.api.Test;

/** {@code glassy structured-training}: the library's rows, monotone for the structured trainers, and refusals. */
class StructuredTrainingCommandTest {

    @Test
    void fullBatchTrainersWriteMonotoneLossesAndTheLibrarysRows() {
        for (String optimizer : List.of("block-mm", "gauss-newton")) {
            CliRunner.Result r = CliRunner.capture("structured-training", "--optimizer", optimizer, "--data", "teacher",
                    "--samples", "100", "--hidden", "6", "--epochs", "4", "--seed", "3", "--loss", "squared", "--quiet");
            assertEquals(0, r.status(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals("epoch,train_loss,test_error,seconds", lines.get(0));
            assertEquals(6, lines.size());
            List<StructuredTraining.Row> rows = new ArrayList<>();
            StructuredTraining.run(new StructuredTraining.Parameters(StructuredTraining.Optimizer.parse(optimizer),
                    StructuredTraining.Data.TEACHER, 100, 6, 4, 3, Loss.SQUARED, 0.05, 32, 0, org.glassy.model.Precision.FLOAT64), rows::add);
            double previous = Double.POSITIVE_INFINITY;
            for (int e = 0; e <= 4; e++) {
                String[] f = lines.get(e + 1).split(",");
                assertEquals(Integer.toString(e), f[0]);
                double loss = Double.parseDouble(f[1]);
                assertEquals(rows.get(e).trainLoss(), loss, 0);
                assertEquals(rows.get(e).testError(), Double.parseDouble(f[2]), 0);
                assertTrue(loss <= previous, optimizer + " epoch " + e);
                previous = loss;
            }
        }
    }

    @Test
    void stochasticTrainersRun() {
        for (String optimizer : List.of("sgd", "adam")) {
            CliRunner.Result r = CliRunner.capture("structured-training", "--optimizer", optimizer, "--data",
                    "fashion-mnist", "--samples", "64", "--hidden", "8", "--epochs", "2", "--seed", "1", "--lr", "0.01",
                    "--batch", "16", "--relu-derivative-at-zero", "1", "--precision", "float32", "--quiet");
            assertEquals(0, r.status(), r.err());
            assertEquals(4, r.out().lines().count());
        }
    }

    @Test
    void badOptionsNameTheirOption() {
        String[][] cases = {
            {"--lr", "--optimizer", "block-mm", "--lr", "0.1"},
            {"--batch", "--optimizer", "gauss-newton", "--batch", "8"},
            {"--samples", "--samples", "0"},
            {"--hidden", "--hidden", "0"},
            {"--relu-derivative-at-zero", "--relu-derivative-at-zero", "1.5"},
            {"--optimizer", "--optimizer", "lbfgs"},
            {"--loss", "--loss", "hinge"},
            {"--precision", "--optimizer", "block-mm", "--precision", "float32"},
            {"--precision", "--precision", "float16"},
            {"--batch", "--optimizer", "sgd", "--batch", "500"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("structured-training", "--optimizer", "sgd", "--data",
                    "teacher", "--samples", "100", "--hidden", "4", "--epochs", "1", "--seed", "1",
                    "--relu-derivative-at-zero", "0", "--loss", "squared", "--precision", "float64"));
            args.set(args.indexOf(c[1]) + 1, c[2]);
            if (c.length > 3) {
                int at = args.indexOf(c[3]);
                if (at >= 0) {
                    args.set(at + 1, c[4]);
                } else {
                    args.add(c[3]);
                    args.add(c[4]);
                }
            }
            StringWriter err = new StringWriter();
            assertEquals(2, CliRunner.run(err, args.toArray(String[]::new)), err.toString());
            String message = err.toString().strip();
            assertTrue(message.startsWith("glassy structured-training: " + c[0] + " ") && message.lines().count() == 1,
                    message);
        }
    }
}
