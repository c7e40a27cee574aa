package org.glassy.study.aging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class AgingStudiesTest {

    @Test
    void dnnRunRecordsDisplacementAndFallingLoss() {
        var p = new AgingDnn.Parameters(AgingDnn.DataSource.TEACHER, 200, 10, 0.2, 20, 0.5, 400, 3L,
                AgingDnn.Engine.LEAN, 4);
        AgingDnn.Result r = AgingDnn.run(p, null);
        assertEquals((AgingDnn.TEACHER_INPUTS + 1) * 10 + 11 * 2, r.parameters());
        assertEquals(400, r.constraints());
        Table msd = r.msd();
        assertEquals(List.of("tw", "t", "delta"), msd.columnNames());
        assertEquals(10L, msd.longColumn("tw").get(0));
        assertEquals(200L, msd.longColumn("tw").max(), 0);
        // at each waiting time the weights move away: Δ over the longest lag exceeds Δ over one step
        for (long tw : new long[] {10, 200}) {
            Table one = msd.where(msd.longColumn("tw").isEqualTo(tw));
            assertTrue(one.doubleColumn("delta").get(one.rowCount() - 1) > 5 * one.doubleColumn("delta").get(0));
        }
        Table loss = r.loss();
        assertEquals(List.of("step", "loss", "test_loss", "test_error"), loss.columnNames());
        double first = loss.doubleColumn("loss").get(0);
        double last = loss.doubleColumn("loss").get(loss.rowCount() - 1);
        assertTrue(last < 0.7 * first, "training loss " + first + " → " + last);
    }

    @Test
    void pspinTableTiesMsdToCorrelationOnTheSphere() {
        Table t = PSpinAging.run(new PSpinAging.Parameters(3, 40, 0.5, 0.05, 20, 2L, 3), null);
        assertEquals(List.of("tw", "t", "correlation", "msd"), t.columnNames());
        assertEquals(1.0, t.doubleColumn("tw").get(0), 1e-12);
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals(2 * (1 - t.doubleColumn("correlation").get(r)), t.doubleColumn("msd").get(r), 1e-12);
        }
    }

    @Test
    void averagedRunIsTheMeanOfTheInstances() {
        var p = new PSpinAging.Parameters(3, 20, 0.5, 0.1, 8, 5L, 2);
        Table mean = PSpinAging.runAveraged(p, 2, null);
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(5L);
        Table a = PSpinAging.run(new PSpinAging.Parameters(3, 20, 0.5, 0.1, 8, seeds.nextLong(), 2), null);
        Table b = PSpinAging.run(new PSpinAging.Parameters(3, 20, 0.5, 0.1, 8, seeds.nextLong(), 2), null);
        for (int r = 0; r < mean.rowCount(); r++) {
            assertEquals((a.doubleColumn("correlation").get(r) + b.doubleColumn("correlation").get(r)) / 2,
                    mean.doubleColumn("correlation").get(r), 1e-14);
        }
    }

    @Test
    void exponentsWithinTheWaitingTimeUseOnlyThoseLags() {
        Table t = Table.create("x", tech.tablesaw.api.DoubleColumn.create("tw", 100, 100, 100, 100, 100),
                tech.tablesaw.api.DoubleColumn.create("t", 10, 30, 100, 300, 1000),
                tech.tablesaw.api.DoubleColumn.create("delta", 10, 30, 100, 1e6, 1e9));
        Table e = AgingAnalysis.exponents(t, "delta", "test", 10, 1);
        assertEquals(1.0, e.doubleColumn("exponent").get(0), 1e-12);
        assertEquals(3, e.doubleColumn("points").get(0), 0);
        assertEquals(0, e.doubleColumn("exponent_se").get(0), 1e-12, "points exactly on the law");
        assertEquals(java.util.List.of("system", "tw", "exponent", "exponent_se", "r_squared", "points"), e.columnNames());
    }
}
