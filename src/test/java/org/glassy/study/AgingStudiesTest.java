package org.glassy.study;

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
}
