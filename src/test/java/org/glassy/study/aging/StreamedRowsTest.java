package org.glassy.study.aging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.glassy.study.trap.TrapAging;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The studies behind the streamed commands hand each row on as soon as it is final, time-major, with the values of
 * their tables bit for bit; the trap study reports each walker and stops when its thread is interrupted.
 */
class StreamedRowsTest {

    @Test
    void pspinAgingStreamsTheRowsOfItsTableTimeMajor() {
        PSpinAging.Parameters parameters = PSpinAging.Parameters.builder().p(3).n(40).temperature(0.5).dt(0.1).time(20)
                .seed(7).waitingTimes(3).build();
        List<PSpinAging.Row> rows = new ArrayList<>();
        PSpinAging.stream(parameters, null, rows::add);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).twStep() + rows.get(i - 1).tStep() <= rows.get(i).twStep() + rows.get(i).tStep());
        }
        Table table = PSpinAging.run(parameters, null);
        List<PSpinAging.Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(PSpinAging.Row::twStep).thenComparingLong(PSpinAging.Row::tStep));
        assertEquals(table.rowCount(), sorted.size());
        for (int r = 0; r < sorted.size(); r++) {
            assertEquals(table.doubleColumn("tw").getDouble(r), sorted.get(r).tw(), 0.0);
            assertEquals(table.doubleColumn("t").getDouble(r), sorted.get(r).t(), 0.0);
            assertEquals(table.doubleColumn("correlation").getDouble(r), sorted.get(r).correlation(), 0.0);
            assertEquals(table.doubleColumn("msd").getDouble(r), sorted.get(r).msd(), 0.0);
        }
    }

    @Test
    void agingDnnStreamsTheRowsOfItsMsdTable() {
        AgingDnn.Parameters parameters = AgingDnn.Parameters.builder().data(AgingDnn.DataSource.TEACHER).samples(100)
                .hidden(4).learningRate(0.1).batch(10).momentum(0.5).steps(200).seed(3).waitingTimes(3).build();
        List<long[]> steps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        AgingDnn.Result result = AgingDnn.run(parameters, null, null, (tw, t, v) -> {
            steps.add(new long[] {tw, t});
            values.add(v[0]);
        });
        Table msd = result.msd();
        assertEquals(msd.rowCount(), steps.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> steps.get(i)[0]).thenComparingLong(i -> steps.get(i)[1]));
        for (int r = 0; r < order.size(); r++) {
            assertEquals(msd.longColumn("tw").getLong(r), steps.get(order.get(r))[0]);
            assertEquals(msd.longColumn("t").getLong(r), steps.get(order.get(r))[1]);
            assertEquals(msd.doubleColumn("delta").getDouble(r), values.get(order.get(r)), 0.0);
        }
    }

    @Test
    void theTrapStudyReportsEachWalkerAndStopsWhenInterrupted() {
        TrapAging.Parameters parameters = new TrapAging.Parameters(TrapAging.Model.BOUCHAUD, 0.5, 100, 50, 1, 0);
        List<Double> estimates = new ArrayList<>();
        var aging = TrapAging.aging(parameters, (k, total, tw, pi) -> estimates.add(pi));
        assertEquals(50, estimates.size());
        assertEquals(aging.table().doubleColumn("pi").getDouble(20), estimates.get(49), 0.0, "Π(2 t_w, t_w)");
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class, () -> TrapAging.aging(parameters, null));
            assertEquals("run interrupted after 0 of 50 walkers", e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }
}
