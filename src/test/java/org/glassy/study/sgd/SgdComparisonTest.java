package org.glassy.study.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.dynamics.Langevin;
import org.glassy.dynamics.Selection;
import org.glassy.dynamics.StochasticGradientDescent;
import org.glassy.study.sgd.PhaseRetrievalStudy.Algorithm;
import org.glassy.study.sgd.PhaseRetrievalStudy.Parameters;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** The notebook's comparison tables: the protocol's parameters, and the tables' shapes and their physics. */
class SgdComparisonTest {

    private static final SgdComparison.Protocol PROTOCOL = new SgdComparison.Protocol(0.1, 20, new double[] {0.5, 0.2},
            0.2, 5, 0.01);

    @Test
    void protocolScalesWithTheDimension() {
        List<Parameters> runs = PROTOCOL.algorithms(100, 4, 0.3, 7);
        assertEquals(List.of(Algorithm.GD, Algorithm.SGD, Algorithm.SGD, Algorithm.PERSISTENT_SGD, Algorithm.LANGEVIN),
                runs.stream().map(Parameters::algorithm).toList());
        for (Parameters p : runs) {
            assertEquals(10, p.learningRate(), 1e-12);
            assertEquals(2000, p.time(), 1e-9);
            assertEquals(0.3, p.startOverlap(), 0.0);
            assertTrue(p.spherical());
        }
        assertEquals(0.2, runs.get(2).batchFraction(), 0.0);
        assertEquals(5 * 10 / 0.2, runs.get(3).persistence(), 1e-9);   // correlation time bτ = 5 steps of η = 10
        assertEquals(1e-4, runs.get(4).temperature(), 1e-18);
    }

    @Test
    void thresholdTableHasOneRowPerAlgorithmSizeAndStart() throws Exception {
        Table t = SgdComparison.thresholds(PROTOCOL, new int[] {20}, new double[] {0, 0.3}, 1, 12, 1, 3, 2, null);
        assertEquals(10, t.rowCount());
        assertEquals(List.of("d", "start", "algorithm", "alpha_50", "alpha_50_se", "width", "runs"), t.columnNames());
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(9, t.intColumn("runs").get(i), "ends and one midpoint, 3 seeds each");
            double a = t.doubleColumn("alpha_50").get(i);
            assertTrue(a >= 1 && a <= 12, "inside the bracket: " + a);
        }
    }

    @Test
    void stationaryLossAgreesWithTheExactAnswerAndLongFormHasThreeCurvesPerRate() {
        LeastSquaresSgd data = LeastSquaresSgd.sample(3, 30, 0.5, 7);
        Table t = SgdComparison.stationaryLoss(data, new double[] {0.5}, new double[] {0.5}, 16, 1000, 10_000);
        assertTrue(Math.abs(t.doubleColumn("z_exact").get(0)) < 4, t.print());
        Table curves = SgdComparison.stationaryLossCurves(t);
        assertEquals(3, curves.rowCount());
        assertEquals(List.of("simulated, η = 0.5", "exact, η = 0.5", "constant noise, η = 0.5"),
                curves.stringColumn("curve").asList());
    }

    @Test
    void langevinsEffectiveTemperatureIsItsOwn() {
        GaussianMixture mixture = GaussianMixture.sample(10, 40, 1, 3L);
        Table[] t = SgdComparison.temperatures(mixture, 1, List.of("Langevin", "SGD"),
                List.of(new Langevin(1e-3, 1.0), new StochasticGradientDescent(1.0, Selection.bernoulli(0.25))),
                new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 1e-3, 500, 800, 10, 5L);
        // small stiffness times η here: the Euler–Maruyama factor is within a few per cent of 1
        assertEquals(1e-3, t[0].doubleColumn("T_eff").get(0), 0.1e-3);
        assertTrue(t[0].doubleColumn("T_eff").get(1) > 0);
        assertEquals(20, t[1].rowCount());
    }
}
