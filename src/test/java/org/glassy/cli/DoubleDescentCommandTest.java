package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;

import org.glassy.study.doubledescent.LinearRidgeRisk;
import org.junit.jupiter.api.Test;

/** {@code glassy double-descent}: its one row, its theory column, and its refusals. */
class DoubleDescentCommandTest {

    @Test
    void linearRowCarriesTheExactFiniteSizeTheory() {
        CliRunner.Result r = CliRunner.capture("double-descent", "--model", "linear", "--features", "20", "--samples",
                "40", "--dim", "20", "--noise", "0.5", "--ridge", "0", "--seed", "1", "--repeats", "200", "--quiet");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("model,features,samples,dim,noise,ridge,ensemble,test_error,test_error_se,theory", lines.get(0));
        assertEquals(2, lines.size());
        String[] f = lines.get(1).split(",");
        assertEquals(List.of("linear", "20", "40", "20", "0.5", "0.0", "1"), List.of(f).subList(0, 7));
        double theory = Double.parseDouble(f[9]);
        assertEquals(LinearRidgeRisk.ridgelessFinite(20, 40, 1, 0.25), theory, 1e-15);
        double mean = Double.parseDouble(f[7]);
        double se = Double.parseDouble(f[8]);
        assertTrue(Math.abs(mean - theory) < 4 * se, mean + " +- " + se + " vs " + theory);
    }

    @Test
    void ensemblesHaveAnEmptyTheoryField() {
        CliRunner.Result r = CliRunner.capture("double-descent", "--model", "random-features", "--features", "30",
                "--samples", "20", "--dim", "10", "--noise", "0.5", "--ridge", "0", "--seed", "1", "--ensemble", "2",
                "--repeats", "3", "--test-samples", "50", "--activation", "tanh", "--quiet");
        assertEquals(0, r.status(), r.err());
        String row = r.out().lines().toList().get(1);
        assertTrue(row.startsWith("random-features,30,20,10,0.5,0.0,2,") && row.endsWith(","), row);
    }

    @Test
    void theLinearModelsConstraintsNameTheirOption() {
        String[][] cases = {
            {"--features", "--features", "21"},
            {"--ensemble", "--ensemble", "2"},
            {"--ridge", "--samples", "20"},   // D = P with --ridge 0
        };
        for (String[] c : cases) {
            java.util.List<String> args = new java.util.ArrayList<>(List.of("double-descent", "--model", "linear",
                    "--features", "20", "--samples", "40", "--dim", "20", "--noise", "0.5", "--ridge", "0", "--seed",
                    "1", "--ensemble", "1"));
            args.set(args.indexOf(c[1]) + 1, c[2]);
            StringWriter err = new StringWriter();
            assertEquals(2, CliRunner.run(err, args.toArray(String[]::new)), err.toString());
            String message = err.toString().strip();
            assertTrue(message.startsWith("glassy double-descent: " + c[0] + " must") && message.lines().count() == 1,
                    message);
        }
    }
}
