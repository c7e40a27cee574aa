package org.glassy.study.barriers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.path.Barrier;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class PSpinBarriersTest {

    private static PSpinBarriers.Parameters.Builder threeSpin(int n) {
        return PSpinBarriers.Parameters.builder().p(3).n(n).instance(1).seedA(1).seedB(2).dt(0.1);
    }

    @Test
    void pspinMinimaAreSeparatedByABarrierOfOrderOnePerSpin() {
        List<PSpinBarriers.Result> r = PSpinBarriers.join(threeSpin(48).time(300).effort(0.05).build(), null);
        assertEquals(List.of(Method.LINEAR, Method.AUTONEB), r.stream().map(PSpinBarriers.Result::method).toList());
        Barrier straight = r.get(0).barrier();
        Barrier optimised = r.get(1).barrier();
        // GD from a random start stops near the threshold −2/√3 = −1.155 per spin
        assertTrue(straight.start() < -0.9 && straight.end() < -0.9, straight.toString());
        assertTrue(optimised.saddle() < straight.saddle(), optimised + " vs " + straight);
        // still finite per spin: a total barrier of N·0.01 ≈ 0.5 or more, growing with N
        assertTrue(optimised.height() > 0.01, optimised.toString());
        for (PSpinBarriers.Result result : r) {
            for (int i = 0; i < result.chain().images(); i++) {
                double norm2 = 0;
                for (double v : result.chain().image(i)) {
                    norm2 += v * v;
                }
                assertEquals(48, norm2, 1e-9, "path points stay on the sphere");
            }
        }
    }

    @Test
    void sizeSweepIsKeyedBySizeInstanceAndMethod() {
        var base = threeSpin(8).time(5).effort(0.002).build();
        List<PSpinBarriers.Result> sweep = PSpinBarriers.sizeSweep(base, new int[] {8, 12}, 2, null);
        Table summary = PSpinBarriers.summary(sweep);
        assertEquals(List.of("n", "instance", "method", "images", "start", "end", "saddle", "barrier",
                "barrier_above_linear", "relative_length"), summary.columnNames());
        assertEquals(List.of(8, 8, 8, 8, 12, 12, 12, 12), summary.intColumn("n").asList());
        assertEquals(List.of(1L, 1L, 2L, 2L, 1L, 1L, 2L, 2L), summary.longColumn("instance").asList());
        // the row keyed (N = 12, instance 2, autoneb) is that run, computed on its own
        PSpinBarriers.Result alone = PSpinBarriers.join(base.toBuilder().n(12).instance(2).build(), null).get(1);
        Table row = summary.where(summary.intColumn("n").isEqualTo(12).and(summary.longColumn("instance").isEqualTo(2))
                .and(summary.stringColumn("method").isEqualTo("autoneb")));
        assertEquals(1, row.rowCount());
        assertEquals(alone.barrier().height(), row.doubleColumn("barrier").get(0), 0);
        assertEquals(alone.barrier().relativeLength(), row.doubleColumn("relative_length").get(0), 0);
        Table profiles = PSpinBarriers.profiles(sweep);
        assertEquals(List.of("n", "instance", "method", "t", "energy"), profiles.columnNames());
        Table means = PSpinBarriers.averaged(summary);
        assertEquals(List.of(8, 8, 12, 12), means.intColumn("n").asList());
        assertEquals(List.of(2, 2, 2, 2), means.intColumn("paths").asList());
    }

    @Test
    void theParallelSweepEqualsTheSequentialOne() {
        var base = threeSpin(8).time(5).effort(0.002).build();
        Table sweep = PSpinBarriers.sweep(base, new int[] {8, 12}, 2, null);
        Table summary = PSpinBarriers.summary(sweep);
        Table old = PSpinBarriers.summary(PSpinBarriers.sizeSweep(base, new int[] {8, 12}, 2, null));
        assertEquals(old.columnNames(), summary.columnNames());
        assertEquals(old.printAll(), summary.printAll());
        Table profiles = PSpinBarriers.profiles(sweep);
        assertEquals(PSpinBarriers.profiles(PSpinBarriers.sizeSweep(base, new int[] {8, 12}, 2, null)).printAll(),
                profiles.printAll());
        assertEquals(List.of(2, 2, 2, 2), PSpinBarriers.averaged(summary).intColumn("paths").asList());
    }

    @Test
    void averagedGivesMeanAndStandardErrorPerSizeAndMethod() {
        Table summary = Table.create("s", IntColumn.create("n", 8, 8, 8, 16),
                StringColumn.create("method", "linear", "autoneb", "linear", "linear"),
                DoubleColumn.create("barrier", 1, 0.5, 3, 2),
                DoubleColumn.create("relative_length", 1, 2, 1.5, 1));
        Table mean = PSpinBarriers.averaged(summary);
        assertEquals(List.of("n", "method", "paths", "barrier", "barrier_error", "relative_length"), mean.columnNames());
        assertEquals(3, mean.rowCount());
        assertEquals(List.of("linear", "autoneb", "linear"), mean.stringColumn("method").asList());
        assertEquals(List.of(8, 8, 16), mean.intColumn("n").asList());
        assertEquals(2, mean.doubleColumn("barrier").get(0), 1e-15);
        assertEquals(1, mean.doubleColumn("barrier_error").get(0), 1e-15);   // sd √2 over √2 paths
        assertEquals(1.25, mean.doubleColumn("relative_length").get(0), 1e-15);
        assertEquals(List.of(2, 1, 1), mean.intColumn("paths").asList());
        assertTrue(Double.isNaN(mean.doubleColumn("barrier_error").getDouble(1)), "one path: no standard error");
    }
}
