package org.glassy.study.relaxation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class PSpinRelaxationTest {

    @Test
    void quenchSharesTheInstanceAndSummaryComparesWithTheory() {
        var runs = PSpinRelaxation.quench(3, 60, 0.05, 20, 7L, 5, 0.0, 1.0);
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
    void gradientDescentAtFiniteTemperatureIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PSpinRelaxation.Parameters(3, 50, 0.5, 0.1, 10, 1, PSpinRelaxation.Kind.GD, 10));
        assertTrue(e.getMessage().startsWith("temperature must be 0 with gradient descent"));
    }
}
