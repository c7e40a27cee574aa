package org.glassy.study.agingtheory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.observable.Rows;
import org.glassy.study.trap.TrapModelTheory;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class AgingCollapseTest {

    /** Curves on log-spaced lags, value f(t/t_w) + shift(t_w). */
    private static Table curves(double[] waitingTimes, double[] shifts) {
        Rows rows = Rows.of("c", DoubleColumn.create("tw"), DoubleColumn.create("t"), DoubleColumn.create("pi"));
        for (int w = 0; w < waitingTimes.length; w++) {
            for (int k = -20; k <= 20; k++) {
                double t = waitingTimes[w] * Math.pow(10, k / 10.0);
                rows.add(waitingTimes[w], t, TrapModelTheory.bouchaudPersistence(0.5, t / waitingTimes[w]) + shifts[w]);
            }
        }
        return rows.table();
    }

    @Test
    void aFunctionOfTOverTwCollapsesExactly() {
        Table at = AgingCollapse.atRatios(curves(new double[] {10, 100, 1000}, new double[] {0, 0, 0}), "pi", 0.1, 1,
                3, 10);
        assertEquals(12, at.rowCount());
        // t/t_w = 1 is a recorded lag: the exact value 1/2 (x = 1/2)
        Table one = at.where(at.doubleColumn("ratio").isEqualTo(1));
        assertEquals(0.5, one.doubleColumn("value").get(0), 1e-12);
        assertTrue(Double.isNaN(one.doubleColumn("value_se").getDouble(0)));
        // 3 lies between recorded lags: interpolation in ln t, good to the curvature over a tenth of a decade
        Table three = at.where(at.doubleColumn("ratio").isEqualTo(3));
        assertEquals(TrapModelTheory.bouchaudPersistence(0.5, 3), three.doubleColumn("value").get(0), 2e-3);
        Table departure = AgingCollapse.departure(at);
        for (int r = 0; r < departure.rowCount(); r++) {
            assertEquals(0, departure.doubleColumn("spread").get(r), 1e-12);
            assertEquals(3, departure.intColumn("waiting_times").get(r));
        }
    }

    @Test
    void aDriftWithTheAgeIsMeasuredAsSpreadAndSign() {
        Table at = AgingCollapse.atRatios(curves(new double[] {10, 100, 1000}, new double[] {0, 0.02, 0.05}), "pi",
                1);
        Table departure = AgingCollapse.departure(at);
        assertEquals(1, departure.rowCount());
        assertEquals(0.05, departure.doubleColumn("spread").get(0), 1e-12);
        assertEquals(0.05, departure.doubleColumn("drift").get(0), 1e-12);
        assertEquals(0.5, departure.doubleColumn("youngest").get(0), 1e-12);
        assertEquals(0.55, departure.doubleColumn("oldest").get(0), 1e-12);
    }

    @Test
    void ratiosBeyondTheRecordedLagsAreLeftOutAndErrorsInterpolated() {
        Table c = curves(new double[] {10, 100}, new double[] {0, 0});
        c.addColumns(DoubleColumn.create("pi_se", c.rowCount()).setMissingTo(0.01));
        Table at = AgingCollapse.atRatios(c, "pi", 1, 1000);
        assertEquals(2, at.rowCount(), "t/t_w = 1000 is beyond 10² t_w");
        assertEquals(0.01, at.doubleColumn("value_se").get(0), 1e-15);
        assertEquals(0.01, AgingCollapse.departure(at).doubleColumn("largest_se").get(0), 1e-15);
    }
}
