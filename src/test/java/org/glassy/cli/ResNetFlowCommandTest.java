package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.glassy.study.resnet.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassy resnet-flow}: its row, its trajectories file and its refusals. */
class ResNetFlowCommandTest {

    private static final String HEADER = "data,blocks,augment,train_accuracy,test_accuracy,kinetic_energy,w2_squared,"
            + "min_jacobian_det,lipschitz_upper,inverse_error";

    @Test
    void classificationRowAndTrajectories(@TempDir Path dir) throws Exception {
        Path traj = dir.resolve("t.csv");
        CliRunner.Result r = CliRunner.capture("resnet-flow", "--data", "circles", "--blocks", "4", "--hidden", "6",
                "--steps", "30", "--seed", "3", "--samples", "40", "--augment", "1", "--lipschitz", "1.5",
                "--per-block", "--trajectories-out", traj.toString(), "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(HEADER, lines.get(0));
        assertEquals(2, lines.size());
        String[] f = lines.get(1).split(",", -1);
        assertEquals(List.of("circles", "4", "1"), List.of(f).subList(0, 3));
        double train = Double.parseDouble(f[3]);
        assertTrue(train >= 0 && train <= 1);
        assertEquals("", f[6]);
        assertTrue(Double.parseDouble(f[7]) > 0, "h L = 0.375 < 1: orientation preserved");
        // the bound Lip(v) <= 1.5 with K = 4 blocks: the upper bound is at most (1 + 1.5/4)^4
        assertTrue(Double.parseDouble(f[8]) <= Math.pow(1 + 1.5 / 4, 4) * (1 + 1e-9), f[8]);
        assertTrue(Double.parseDouble(f[9]) < 1e-10, f[9]);
        List<String> t = Files.readAllLines(traj);
        assertEquals("point,block,x,y", t.get(0));
        assertEquals(1 + 40 * 5, t.size());
    }

    @Test
    void gaussianRowCarriesTheClosedFormAndNoAccuracies() {
        CliRunner.Result r = CliRunner.capture("resnet-flow", "--data", "gaussian", "--blocks", "3", "--hidden", "4",
                "--steps", "5", "--seed", "1", "--samples", "30", "--target-mean", "0.5,-1", "--target-cov",
                "1.5,0.2,0.8", "--kinetic", "0.1", "--optimizer", "sgd", "--lr", "0.05", "--quiet");
        assertEquals(0, r.status(), r.err());
        String[] f = r.out().lines().toList().get(1).split(",", -1);
        assertEquals("gaussian", f[0]);
        assertEquals("", f[3]);
        assertEquals("", f[4]);
        assertEquals(Transport.standardToGaussian(new double[] {0.5, -1}, new double[] {1.5, 0.2, 0.8}),
                Double.parseDouble(f[6]), 1e-15);
    }

    @Test
    void badValuesNameTheirOption() {
        String[][] cases = {
            {"--data", "--data", "spirals"},
            {"--blocks", "--blocks", "0"},
            {"--hidden", "--hidden", "0"},
            {"--steps", "--steps", "-1"},
            {"--augment", "--augment", "-1"},
            {"--kinetic", "--kinetic", "-0.5"},
            {"--lipschitz", "--lipschitz", "0"},
            {"--target-mean", "--target-mean", "1,2,3"},
            {"--target-cov", "--target-cov", "1,2,1"},
            {"--optimizer", "--optimizer", "lbfgs"},
            {"--lr", "--lr", "0"},
            {"--samples", "--samples", "1"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("resnet-flow", "--data", "gaussian", "--blocks", "3",
                    "--hidden", "4", "--steps", "5", "--seed", "1", "--kinetic", "0", "--lipschitz", "2",
                    "--target-mean", "1,0", "--target-cov", "1,0,1", "--optimizer", "adam", "--lr", "0.01",
                    "--samples", "10", "--augment", "0"));
            args.set(args.indexOf(c[1]) + 1, c[2]);
            StringWriter err = new StringWriter();
            assertEquals(2, CliRunner.run(err, args.toArray(String[]::new)), err.toString());
            String message = err.toString().strip();
            assertTrue(message.startsWith("glassy resnet-flow: " + c[0] + " must") && message.lines().count() == 1,
                    message);
        }
        StringWriter err = new StringWriter();
        assertEquals(2, CliRunner.run(err, "resnet-flow", "--data", "gaussian", "--blocks", "3", "--hidden", "4",
                "--steps", "5", "--seed", "1", "--augment", "1"));
        assertTrue(err.toString().startsWith("glassy resnet-flow: --augment must be 0"), err.toString());
    }
}
