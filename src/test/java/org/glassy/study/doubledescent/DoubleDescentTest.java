package org.glassy.study.doubledescent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.internal.InvalidParameterException;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** Simulated test errors against the closed forms, within 4 standard errors, and the parameters' checks. */
class DoubleDescentTest {

    private static DoubleDescent.Builder linear(int dim, int samples) {
        return DoubleDescent.Parameters.builder().model(DoubleDescent.Model.LINEAR).features(dim).dim(dim)
                .samples(samples).noise(1).ridge(0).repeats(400).seed(11);
    }

    @Test
    void linearRiskMatchesTheExactFiniteSizeExpectationAndWouldNotWithTwiceTheNoise() {
        for (int[] size : new int[][] {{50, 100}, {100, 50}}) {   // γ = 0.5 and 2
            DoubleDescent.Result r = DoubleDescent.run(linear(size[0], size[1]).build(), null);
            double theory = LinearRidgeRisk.ridgelessFinite(size[0], size[1], 1, 1);
            assertEquals(theory, r.theory(), 0);
            assertTrue(Math.abs(r.testError() - theory) < 4 * r.standardError(),
                    r.testError() + " +- " + r.standardError() + " vs " + theory);
            double doubled = LinearRidgeRisk.ridgelessFinite(size[0], size[1], 1, 2);
            assertTrue(Math.abs(r.testError() - doubled) > 4 * r.standardError(), "sigma^2 off by 2 is detected");
        }
    }

    @Test
    void linearRidgeRiskMatchesTheAsymptoticFormula() {
        DoubleDescent.Result r = DoubleDescent.run(linear(200, 200).ridge(0.3).repeats(100).build(), null);
        double theory = LinearRidgeRisk.ridge(1, 0.3, 1, 1);
        assertEquals(theory, r.theory(), 0);
        assertTrue(Math.abs(r.testError() - theory) < 4 * r.standardError(),
                r.testError() + " +- " + r.standardError() + " vs " + theory);
    }

    @Test
    void randomFeaturesRiskMatchesMeiMontanari() {
        // D = 100, P = 200 (ψ₂ = 2): overparametrised ridgeless, and with a ridge that pins the λ_MM = λD convention
        for (double[] point : new double[][] {{400, 0}, {400, 1e-3}, {100, 0}}) {
            DoubleDescent.Parameters p = DoubleDescent.Parameters.builder()
                    .model(DoubleDescent.Model.RANDOM_FEATURES).features((int) point[0]).samples(200).dim(100)
                    .noise(0.5).ridge(point[1]).repeats(30).testSamples(500).seed(3).build();
            DoubleDescent.Result r = DoubleDescent.run(p, null);
            assertTrue(Math.abs(r.testError() - r.theory()) < 4 * r.standardError(),
                    "N = " + point[0] + ", ridge " + point[1] + ": " + r.testError() + " +- " + r.standardError()
                            + " vs " + r.theory());
            if (point[1] > 0) {
                double unscaled = RandomFeaturesTheory.excessRisk(RandomFeaturesTheory.Coefficients.of(p.activation()),
                        4, 2, point[1], 1, 0.25);
                assertTrue(Math.abs(r.testError() - unscaled) > 4 * r.standardError(), "lambda_MM = lambda rejected");
            }
        }
    }

    @Test
    void ensemblesHaveNoTheoryAndTablesHaveTheCommandLineColumns() {
        DoubleDescent.Parameters p = DoubleDescent.Parameters.builder().model(DoubleDescent.Model.RANDOM_FEATURES)
                .features(20).samples(20).dim(10).noise(0.5).ridge(1e-3).ensemble(3).repeats(3).testSamples(50).build();
        Table t = DoubleDescent.table(List.of(p, p.toBuilder().ensemble(1).build()));
        assertEquals(List.of("model", "features", "samples", "dim", "noise", "ridge", "ensemble", "test_error",
                "test_error_se", "theory"), t.columnNames());
        assertTrue(t.doubleColumn("theory").isMissing(0), "NaN: missing in Tablesaw, an empty CSV field");
        assertTrue(t.doubleColumn("theory").get(1) > 0);
        assertEquals(t.doubleColumn("test_error").get(0), DoubleDescent.run(p, null).testError(), 0, "seeded");
    }

    @Test
    void parametersNameWhatIsWrong() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> linear(20, 30).features(21).build());
        assertEquals("features", e.parameter());
        assertEquals("ensemble", assertThrows(InvalidParameterException.class,
                () -> linear(20, 30).ensemble(2).build()).parameter());
        assertEquals("ridge", assertThrows(InvalidParameterException.class, () -> linear(30, 30).build()).parameter());
        assertEquals("noise", assertThrows(InvalidParameterException.class,
                () -> linear(20, 30).noise(-1).build()).parameter());
        assertEquals(Double.POSITIVE_INFINITY, linear(31, 30).build().theory());
    }

    @Test
    void sweepsAndTheoryCurvesShareTheirLabelsAndRatios() {
        List<DoubleDescent.Parameters> points = List.of(linear(10, 40).repeats(5).build(),
                linear(80, 40).repeats(5).build());
        Table sim = DoubleDescent.sweep(points, p -> "sigma = " + p.noise(), null);
        assertEquals(List.of(0.25, 2.0), sim.doubleColumn("ratio").asList());
        assertEquals("sigma = 1.0", sim.stringColumn("curve").get(1));
        Table theory = LinearRidgeRisk.curve(new double[] {0.25, 2}, 40, 1, 0, "sigma = 1.0");
        assertEquals(sim.doubleColumn("theory").get(1), theory.doubleColumn("finite").get(1), 0);
        assertEquals(LinearRidgeRisk.ridgeless(2, 1, 1), theory.doubleColumn("asymptotic").get(1), 0);
        Table dev = DoubleDescent.deviations(sim);
        assertEquals(2, dev.intColumn("points").get(0));
        double z0 = Math.abs(sim.doubleColumn("test_error").get(0) - sim.doubleColumn("theory").get(0))
                / sim.doubleColumn("test_error_se").get(0);
        double z1 = Math.abs(sim.doubleColumn("test_error").get(1) - sim.doubleColumn("theory").get(1))
                / sim.doubleColumn("test_error_se").get(1);
        assertEquals(Math.max(z0, z1), dev.doubleColumn("worst").get(0), 1e-12);
        assertTrue(LinearRidgeRisk.curve(new double[] {2}, 40, 1, 0.1, "ridge").doubleColumn("finite").isMissing(0));
        RandomFeaturesTheory.Coefficients relu = RandomFeaturesTheory.Coefficients.of(org.glassy.model.Activation.RELU);
        Table fixed = RandomFeaturesTheory.curve(relu, 200, 100, new double[] {0.5, 1, 2}, 1e-6, 0.25, "small");
        Table best = RandomFeaturesTheory.curve(relu, 200, 100, new double[] {0.5, 1, 2}, Double.NaN, 0.25, "optimal");
        for (int i = 0; i < 3; i++) {
            assertTrue(best.doubleColumn("theory").get(i) <= fixed.doubleColumn("theory").get(i));
        }
        assertEquals(RandomFeaturesTheory.excessRisk(relu, 2, 2, 1e-4, 1, 0.25), fixed.doubleColumn("theory").get(1),
                1e-12, "ridge 1e-6 at D = 100 is lambda_MM = 1e-4");
    }
}
