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

class AgingCommandsTest {

    @Test
    void agingDnnWritesTwTDeltaAndTheLoss(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("msd.csv");
        Path loss = dir.resolve("loss.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "5", "--lr", "0.1",
                "--batch", "10", "--momentum", "0.5", "--steps", "100", "--seed", "1", "--waiting-times", "3",
                "--loss-out", loss.toString(), "--out", out.toString());
        assertEquals(0, status, err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("tw,t,delta", rows.get(0));
        assertTrue(rows.size() > 10);
        List<String> losses = Files.readAllLines(loss);
        assertEquals("step,loss", losses.get(0));
        assertTrue(losses.get(losses.size() - 1).startsWith("100,"));
    }

    @Test
    void agingDnnWritesTheSgdNoiseForTheAuthorsToyModelOnPrincipalComponents(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("msd.csv");
        Path noise = dir.resolve("noise.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "5", "--lr", "0.1",
                "--batch", "10", "--momentum", "0.5", "--steps", "100", "--seed", "1", "--waiting-times", "3",
                "--output", "sigmoid", "--hidden-activation", "tanh", "--inputs", "pca:8",
                "--noise-out", noise.toString(), "--out", out.toString());
        assertEquals(0, status, err.toString());
        assertEquals("tw,t,delta", Files.readAllLines(out).get(0));
        List<String> rows = Files.readAllLines(noise);
        assertEquals("step,noise", rows.get(0));
        assertTrue(rows.get(1).startsWith("0,"), rows.get(1));
        assertTrue(rows.get(rows.size() - 1).startsWith("100,"), rows.get(rows.size() - 1));
        for (String row : rows.subList(1, rows.size())) {
            double d = Double.parseDouble(row.split(",")[1]);
            assertTrue(d > 0 && d < 1, row);
        }
        for (String[] bad : new String[][] {{"--output", "softmax", "--output must be sigmoid or linear"},
            {"--inputs", "pca:0", "--inputs must be raw or pca:K"},
            {"--inputs", "pca:51", "--inputs must lie in [0, 50]"},
            {"--hidden-activation", "elu", "--hidden-activation must be relu, tanh or sigmoid"}}) {
            err = new StringWriter();
            status = run(err, "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "5", "--lr", "0.1",
                    "--batch", "10", "--momentum", "0.5", "--steps", "100", "--seed", "1", bad[0], bad[1]);
            assertEquals(2, status, err.toString());
            assertTrue(err.toString().startsWith("glassy aging-dnn: " + bad[2]), err.toString());
        }
    }

    @Test
    void subagingFindsTheExponentOfSyntheticRunsWithItsInterval(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        List<String> files = new java.util.ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            StringBuilder csv = new StringBuilder("tw,t,delta\n");
            for (long tw : new long[] {10, 40, 160, 640, 2560}) {
                for (long t : org.glassy.core.LogTimes.geometric(1, 20000, 30)) {
                    double u = t / Math.pow(tw, 0.6);
                    csv.append(tw).append(',').append(t).append(',')
                            .append(1e-3 * u / (1 + Math.sqrt(u)) * Math.exp(0.1 * random.nextGaussian())).append('\n');
                }
            }
            Path file = dir.resolve("msd" + seed + ".csv");
            Files.writeString(file, csv);
            files.add(file.toString());
        }
        Path out = dir.resolve("mu.csv");
        List<String> args = new java.util.ArrayList<>(List.of("subaging", "--resamples", "100", "--out", out.toString(),
                "--msd"));
        args.addAll(files);
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, args.toArray(String[]::new)), err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("mu,mu_low,mu_high", rows.get(0));
        String[] v = rows.get(1).split(",");
        double mu = Double.parseDouble(v[0]);
        double low = Double.parseDouble(v[1]);
        double high = Double.parseDouble(v[2]);
        assertTrue(low <= 0.6 && 0.6 <= high && low <= mu && mu <= high && high < 0.8, rows.get(1));

        err = new StringWriter();
        assertEquals(2, run(err, "subaging", "--msd", files.get(0)));
        assertTrue(err.toString().startsWith("glassy subaging: --msd must name at least 2 files"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "subaging", "--msd", files.get(0), dir.resolve("none.csv").toString()));
        assertTrue(err.toString().startsWith("glassy subaging: --msd must name readable files"), err.toString());
    }

    @Test
    void pspinAgingWritesTwTCorrelationMsd(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("c.csv");
        StringWriter err = new StringWriter();
        int status = run(err, "pspin-aging", "--p", "3", "--n", "30", "--temperature", "0.5", "--dt", "0.1",
                "--time", "10", "--seed", "2", "--waiting-times", "3", "--out", out.toString());
        assertEquals(0, status, err.toString());
        List<String> rows = Files.readAllLines(out);
        assertEquals("tw,t,correlation,msd", rows.get(0));
        assertTrue(rows.get(1).startsWith("1,0.1,"), rows.get(1));
    }

    @Test
    void badArgumentsNameTheOption() {
        StringWriter err = new StringWriter();
        int status = run(err, "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "5", "--lr", "0.1",
                "--batch", "10", "--momentum", "1.5", "--steps", "100", "--seed", "1");
        assertEquals(2, status);
        assertTrue(err.toString().startsWith("glassy aging-dnn: --momentum must lie in [0, 1)"), err.toString());
        err = new StringWriter();
        status = run(err, "aging-dnn", "--data", "teacher", "--samples", "100", "--hidden", "5", "--lr", "0.1",
                "--batch", "10", "--momentum", "0.5", "--steps", "100", "--seed", "1", "--waiting-times", "1");
        assertEquals(2, status);
        assertTrue(err.toString().contains("--waiting-times must be >= 2"), err.toString());
        err = new StringWriter();
        status = run(err, "pspin-aging", "--p", "3", "--n", "30", "--temperature", "0.5", "--dt", "0.1", "--time", "1",
                "--seed", "2");
        assertEquals(2, status);
        assertTrue(err.toString().contains("--time must be >= 4"), err.toString());
    }
}
