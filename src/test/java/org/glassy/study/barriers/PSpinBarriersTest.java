package org.glassy.study.barriers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        // GD from a random start stops in a minimum between the ground state −1.1717 and the threshold −2/√3 =
        // −1.155 plus finite-size corrections (−0.97 to −1.03 here)
        double ground = org.glassy.theory.SphericalPSpinTheory.groundStateEnergy(3);
        for (double e : new double[] {straight.start(), straight.end()}) {
            assertTrue(e < -0.9 && e > ground, straight.toString());
        }
        assertTrue(optimised.saddle() < straight.saddle(), optimised + " vs " + straight);
        // a real barrier: above 0.01 per spin, N·0.01 ≈ 0.5 in all
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
        assertEquals(List.of("n", "instance", "method", "effort", "overlap", "images", "start", "end", "saddle",
                "barrier", "barrier_above_linear", "relative_length"), summary.columnNames());
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
        assertEquals(List.of("n", "instance", "method", "effort", "t", "energy"), profiles.columnNames());
        Table means = PSpinBarriers.averaged(summary);
        assertEquals(List.of(8, 8, 12, 12), means.intColumn("n").asList());
        assertEquals(List.of(2, 2, 2, 2), means.intColumn("samples").asList());
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
        assertEquals(List.of(2, 2, 2, 2), PSpinBarriers.averaged(summary).intColumn("samples").asList());
    }

    @Test
    void averagedGivesMeanAndStandardErrorPerSizeMethodAndEffortOfTheBarrierPerSpinAndOfTheWholeBarrier() {
        Table summary = Table.create("s", IntColumn.create("n", 8, 8, 8, 16),
                StringColumn.create("method", "linear", "autoneb", "linear", "linear"),
                DoubleColumn.create("effort", 0, 0.5, 0, 0),
                DoubleColumn.create("barrier", 1, 0.5, 3, 2),
                DoubleColumn.create("relative_length", 1, 2, 1.5, 1));
        Table mean = PSpinBarriers.averaged(summary);
        assertEquals(List.of("n", "method", "effort", "samples", "barrier", "barrier_se", "total_barrier",
                "total_barrier_se", "relative_length", "relative_length_se"), mean.columnNames());
        assertEquals(3, mean.rowCount());
        assertEquals(List.of("linear", "autoneb", "linear"), mean.stringColumn("method").asList());
        assertEquals(List.of(8, 8, 16), mean.intColumn("n").asList());
        assertEquals(2, mean.doubleColumn("barrier").get(0), 1e-15);
        assertEquals(1, mean.doubleColumn("barrier_se").get(0), 1e-15);   // sd √2 over √2 paths
        assertEquals(16, mean.doubleColumn("total_barrier").get(0), 1e-13);   // N b
        assertEquals(8, mean.doubleColumn("total_barrier_se").get(0), 1e-13);
        assertEquals(32, mean.doubleColumn("total_barrier").get(2), 1e-13);
        assertEquals(1.25, mean.doubleColumn("relative_length").get(0), 1e-15);
        assertEquals(List.of(2, 1, 1), mean.intColumn("samples").asList());
        assertTrue(Double.isNaN(mean.doubleColumn("barrier_se").getDouble(1)), "one path: no standard error");
    }

    @Test
    void severalEffortsRunAutoNebOnTheSamePairEachFromTheStraightPath() {
        var p = threeSpin(24).time(100).effort(0.01).build();
        List<PSpinBarriers.Result> r = PSpinBarriers.join(p, new double[] {0.005, 0.01}, null);
        assertEquals(List.of(Method.LINEAR, Method.AUTONEB, Method.AUTONEB),
                r.stream().map(PSpinBarriers.Result::method).toList());
        assertEquals(List.of(0.0, 0.005, 0.01), r.stream().map(PSpinBarriers.Result::effort).toList());
        // the run at effort 0.01 is the single-effort join's, bit for bit
        List<PSpinBarriers.Result> alone = PSpinBarriers.join(p, null);
        assertEquals(alone.get(1).barrier(), r.get(2).barrier());
        assertEquals(alone.get(0).barrier(), r.get(0).barrier());
        // the overlap of the two minima, q = s_A·s_B/N, seen from the straight path's ends
        double[] a = r.get(0).chain().start();
        double[] b = r.get(0).chain().end();
        double q = 0;
        for (int i = 0; i < a.length; i++) {
            q += a[i] * b[i] / 24;
        }
        assertEquals(q, r.get(1).overlap(), 1e-12);
        Table table = PSpinBarriers.summary(PSpinBarriers.sweep(p, new int[] {24}, 1, new double[] {0.005, 0.01}, null));
        assertEquals(List.of(0.0, 0.005, 0.01), table.doubleColumn("effort").asList());
        assertEquals(r.get(1).barrier().height(), table.doubleColumn("barrier").get(1), 0);
    }

    @Test
    void minimaAreReportedAgainstTheThresholdAndTheGroundState() {
        Table summary = Table.create("s", IntColumn.create("n", 8, 8, 8, 16),
                StringColumn.create("method", "linear", "autoneb", "linear", "linear"),
                DoubleColumn.create("overlap", 0.1, 0.1, 0.3, -0.2),
                DoubleColumn.create("start", -1.0, -1.0, -1.1, -1.12),
                DoubleColumn.create("end", -1.05, -1.05, -1.05, -1.14));
        Table m = PSpinBarriers.minimaEnergies(summary, 3);
        assertEquals(List.of(8, 16), m.intColumn("n").asList());
        assertEquals(List.of(4, 2), m.intColumn("samples").asList(), "both ends of every straight path");
        assertEquals(-1.05, m.doubleColumn("energy").get(0), 1e-15);
        // sample sd of {−1, −1.05, −1.1, −1.05} = √(0.005/3), over √4
        assertEquals(Math.sqrt(0.005 / 3) / 2, m.doubleColumn("energy_se").get(0), 1e-15);
        assertEquals(-1.05 + 2 / Math.sqrt(3), m.doubleColumn("above_threshold").get(0), 1e-15);
        assertEquals(-1.13 + 1.17167, m.doubleColumn("above_ground_state").get(1), 1e-4);
        assertEquals(0.2, m.doubleColumn("overlap").get(0), 1e-15);
        assertEquals(-0.2, m.doubleColumn("overlap").get(1), 1e-15);
    }

    @Test
    void sizeScalingFitsTheBarrierPerSpinOverTheSinglePaths() {
        // b = 0.5 N^−0.7 exactly for autoneb at effort 0.5; other rows must not enter the fit
        int[] n = {32, 32, 64, 64, 128, 32, 64};
        String[] method = {"autoneb", "autoneb", "autoneb", "autoneb", "autoneb", "linear", "autoneb"};
        double[] effort = {0.5, 0.5, 0.5, 0.5, 0.5, 0, 0.25};
        double[] barrier = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            barrier[i] = i < 5 ? 0.5 * Math.pow(n[i], -0.7) : 1;
        }
        Table summary = Table.create("s", IntColumn.create("n", n), StringColumn.create("method", method),
                DoubleColumn.create("effort", effort), DoubleColumn.create("barrier", barrier));
        var law = PSpinBarriers.sizeScaling(summary, Method.AUTONEB, 0.5);
        assertEquals(5, law.points());
        assertEquals(-0.7, law.exponent(), 1e-12);
        assertEquals(0.5, law.prefactor(), 1e-12);
        assertEquals(0, law.exponentError(), 1e-12);
    }

    @Test
    void effortChangeComparesEachPairWithItselfAtTwoBudgets() {
        Table summary = Table.create("s", IntColumn.create("n", 8, 8, 8, 8, 8, 8, 16, 16),
                tech.tablesaw.api.LongColumn.create("instance", 1, 1, 1, 2, 2, 2, 1, 1),
                StringColumn.create("method", "linear", "autoneb", "autoneb", "linear", "autoneb", "autoneb", "autoneb",
                        "autoneb"),
                DoubleColumn.create("effort", 0, 0.25, 0.5, 0, 0.5, 0.25, 0.25, 0.5),
                DoubleColumn.create("barrier", 9, 0.2, 0.1, 9, 0.3, 0.3, 0.04, 0.05));
        Table change = PSpinBarriers.effortChange(summary, 0.25, 0.5);
        assertEquals(List.of(8, 16), change.intColumn("n").asList());
        assertEquals(List.of(2, 1), change.intColumn("samples").asList());
        assertEquals((-0.5 + 0) / 2, change.doubleColumn("relative_change").get(0), 1e-15);   // 0.1/0.2 − 1, 0.3/0.3 − 1
        assertEquals(0.25, change.doubleColumn("relative_change_se").get(0), 1e-15);   // sd 0.5/√2 over √2
        assertEquals(0.25, change.doubleColumn("relative_change").get(1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> PSpinBarriers.effortChange(summary, 0.125, 0.5));
    }
}
