package org.glassy.study.relaxation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class PSpinRelaxationTest {

    @Test
    void quenchSharesTheInstanceAndSummaryComparesWithTheory() {
        var base = PSpinRelaxation.Parameters.builder().p(3).n(60).dt(0.05).time(20).seed(7L).recordsPerDecade(5).build();
        var runs = PSpinRelaxation.quench(base, 0.0, 1.0);
        assertEquals(List.of(PSpinRelaxation.Kind.GD, PSpinRelaxation.Kind.LANGEVIN),
                runs.stream().map(PSpinRelaxation.Parameters::dynamics).toList());
        Table curves = PSpinRelaxation.energyCurves(runs, null);
        assertEquals(List.of("run", "temperature", "time", "energy"), curves.columnNames());
        // same seed ⇒ same couplings and initial state: identical energy at t = 0 for every run
        Table atZero = curves.where(curves.doubleColumn("time").isEqualTo(0));
        assertEquals(2, atZero.rowCount());
        assertEquals(atZero.doubleColumn("energy").get(0), atZero.doubleColumn("energy").get(1), 0.0);

        Table summary = PSpinRelaxation.summary(curves, 3);
        assertEquals(2, summary.rowCount());
        assertEquals(-2 / Math.sqrt(3), summary.doubleColumn("theory_energy").get(0), 1e-12);
        assertEquals(-0.5, summary.doubleColumn("theory_energy").get(1), 1e-12);
        double gdFinal = summary.doubleColumn("final_energy").get(0);
        assertTrue(gdFinal < -0.9 && gdFinal > -1.1717, "GD final energy " + gdFinal);
        assertEquals(summary.doubleColumn("late_mean").get(1) + 0.5, summary.doubleColumn("difference").get(1), 1e-12);
    }

    @Test
    void summaryTakesTheLastRecordAndTheMeanOverTheLastHalfOfEachRun() {
        // two runs, the second ending earlier; rows of the first run on both sides of the second
        Table curves = Table.create("c", StringColumn.create("run", "a", "a", "b", "a", "b", "b", "a"),
                DoubleColumn.create("temperature", 0, 0, 1, 0, 1, 1, 0),
                DoubleColumn.create("time", 0, 1, 0, 4, 1, 2, 8),
                DoubleColumn.create("energy", 0.5, -0.5, 0.25, -0.9, -0.3, -0.4, -1.1));
        Table summary = PSpinRelaxation.summary(curves, 3);
        assertEquals(List.of("run", "temperature", "regime", "final_time", "final_energy", "late_mean", "theory_energy",
                "difference"), summary.columnNames());
        assertEquals(List.of("a", "b"), summary.stringColumn("run").asList());
        assertEquals(List.of("T = 0: threshold", "T > T_d: equilibrium"), summary.stringColumn("regime").asList());
        assertEquals(8, summary.doubleColumn("final_time").getDouble(0), 0);
        assertEquals(-1.1, summary.doubleColumn("final_energy").getDouble(0), 0);
        assertEquals(2, summary.doubleColumn("final_time").getDouble(1), 0);
        // a: t ≥ 4 are the records at 4 and 8; b: t ≥ 1 those at 1 and 2
        assertEquals((-0.9 - 1.1) / 2, summary.doubleColumn("late_mean").getDouble(0), 1e-15);
        assertEquals((-0.3 - 0.4) / 2, summary.doubleColumn("late_mean").getDouble(1), 1e-15);
        assertEquals(-0.5, summary.doubleColumn("theory_energy").getDouble(1), 1e-15);   // −1/(2T)
        assertEquals(-0.35 + 0.5, summary.doubleColumn("difference").getDouble(1), 1e-15);
    }

    @Test
    void builderChoosesTheDynamicsByTemperatureAndKeepsTheValidation() {
        var gd = PSpinRelaxation.Parameters.builder().p(3).n(50).dt(0.1).time(10).seed(1).build();
        assertEquals(new PSpinRelaxation.Parameters(3, 50, 0, 0.1, 10, 1, PSpinRelaxation.Kind.GD, 10), gd);
        assertEquals(PSpinRelaxation.Kind.LANGEVIN, PSpinRelaxation.Parameters.builder().p(3).n(50).dt(0.1).time(10)
                .seed(1).temperature(0.5).build().dynamics());
        assertEquals(PSpinRelaxation.Kind.LANGEVIN,
                gd.toBuilder().dynamics(PSpinRelaxation.Kind.LANGEVIN).build().dynamics(), "an explicit choice stays");
        assertThrows(IllegalArgumentException.class, () -> gd.toBuilder().temperature(0.5).build(),
                "toBuilder carries the dynamics: gradient descent at T = 0.5 is rejected");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> PSpinRelaxation.Parameters.builder().p(3).n(50).time(10).seed(1).build());
        assertEquals("dt must be set", missing.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> gd.toBuilder().temperature(-0.1).build());
        assertEquals("temperature must be >= 0 and finite, got -0.1", negative.getMessage());
    }

    @Test
    void gradientDescentAtFiniteTemperatureIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PSpinRelaxation.Parameters(3, 50, 0.5, 0.1, 10, 1, PSpinRelaxation.Kind.GD, 10));
        assertTrue(e.getMessage().startsWith("temperature must be 0 with gradient descent"));
    }
}
