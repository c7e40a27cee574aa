package org.glassy.study.barriers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.path.Barrier;
import org.glassy.study.aging.AgingDnn.DataSource;
import org.glassy.study.aging.AgingDnn;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class BarriersTest {

    @Test
    void autonebFlattensTheBarrierBetweenTwoWideNetworks() {
        var p = Barriers.NetworkParameters.of(DataSource.TEACHER, 200, 32, 1, 2, 5)
                .withTraining(new Barriers.Training(0.05, 20, 0.9, 1500)).withEffort(0.05);
        Barriers.NetworkMinima m = Barriers.train(p, null);
        assertEquals(32 * (AgingDnn.TEACHER_INPUTS + 1) + 2 * 33, m.parameterCount());
        Barriers.Result linear = Barriers.connect(m, Barriers.Method.LINEAR, null);
        Barriers.Result autoneb = Barriers.connect(m, Barriers.Method.AUTONEB, null);
        for (Barriers.Result r : List.of(linear, autoneb)) {
            // both endpoints are evaluated, exactly at the minima
            Barrier b = r.barrier();
            assertEquals(m.train().energy(m.a()), b.start(), 0, r.method().label());
            assertEquals(m.train().energy(m.b()), b.end(), 0, r.method().label());
            double[] t = r.profile().positions();
            assertEquals(0, t[0], 0);
            assertEquals(1, t[t.length - 1], 0);
        }
        assertEquals(61, linear.profile().positions().length);
        assertEquals(1, linear.barrier().relativeLength(), 1e-12);
        Barrier straight = linear.barrier();
        Barrier optimised = autoneb.barrier();
        assertTrue(straight.height() > 10 * Math.max(straight.start(), straight.end()),
                "the straight path climbs well above the minima: " + straight);
        assertTrue(optimised.height() < 0.25 * straight.height(), optimised + " vs " + straight);
        assertTrue(optimised.relativeLength() > 1, optimised.toString());
        Table summary = Barriers.summary(linear, autoneb);
        assertEquals(List.of("linear", "autoneb"), summary.stringColumn("method").asList());
        assertEquals(straight.height(), summary.doubleColumn("barrier").get(0), 0);
        Table profiles = Barriers.profiles(linear, autoneb);
        assertEquals(List.of("system", "method", "t", "train_loss", "test_loss", "test_error"), profiles.columnNames());
        assertEquals(linear.profile().positions().length + autoneb.profile().positions().length, profiles.rowCount());
    }

    @Test
    void pspinMinimaAreSeparatedByABarrierOfOrderOnePerSpin() {
        Barriers.Result[] r = Barriers.pspin(new Barriers.PSpinParameters(3, 48, 1, 1, 2, 0.1, 300, 0.05), null);
        Barrier straight = r[0].barrier();
        Barrier optimised = r[1].barrier();
        // GD from a random start stops near the threshold −2/√3 = −1.155 per spin
        assertTrue(straight.start() < -0.9 && straight.end() < -0.9, straight.toString());
        assertTrue(optimised.saddle() < straight.saddle(), optimised + " vs " + straight);
        // still finite per spin: a total barrier of N·0.01 ≈ 0.5 or more, growing with N
        assertTrue(optimised.height() > 0.01, optimised.toString());
        for (Barriers.Result result : r) {
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
    void testPotentialBandsHaveTheirExactSaddles() {
        Table dw = Barriers.band(Barriers.Potential.DOUBLE_WELL, 7, 2000, 0.01, Double.POSITIVE_INFINITY, true);
        assertEquals(1, dw.doubleColumn("energy").max(), 1e-9);
        assertEquals(List.of("image", "x", "y", "energy"), dw.columnNames());
        Table mb = Barriers.band(Barriers.Potential.MULLER_BROWN, 15, 20_000, 2e-4, Double.POSITIVE_INFINITY, true);
        assertEquals(org.glassy.model.MullerBrown.SADDLE_AC_ENERGY, mb.doubleColumn("energy").max(), 1e-2);
    }

    @Test
    void averagedGivesMeanAndStandardErrorPerSystemAndMethod() {
        Table summary = Table.create("s", tech.tablesaw.api.StringColumn.create("system", "N = 8", "N = 8", "N = 8", "N = 16"),
                tech.tablesaw.api.StringColumn.create("method", "linear", "autoneb", "linear", "linear"),
                tech.tablesaw.api.IntColumn.create("parameters", 8, 8, 8, 16),
                tech.tablesaw.api.DoubleColumn.create("barrier", 1, 0.5, 3, 2),
                tech.tablesaw.api.DoubleColumn.create("relative_length", 1, 2, 1, 1));
        Table mean = Barriers.averaged(summary);
        assertEquals(3, mean.rowCount());
        assertEquals(List.of("linear", "autoneb", "linear"), mean.stringColumn("method").asList());
        assertEquals(2, mean.doubleColumn("barrier").get(0), 1e-15);
        assertEquals(1, mean.doubleColumn("barrier_error").get(0), 1e-15);   // sd √2 over √2 paths
        assertEquals(2, mean.intColumn("paths").get(0));
        assertTrue(Double.isNaN(mean.doubleColumn("barrier_error").getDouble(1)));
    }

    @Test
    void pathsAreReproducibleFromTheSeeds() {
        var p = Barriers.NetworkParameters.of(DataSource.TEACHER, 100, 8, 1, 2, 5)
                .withTraining(new Barriers.Training(0.05, 20, 0.9, 200)).withEffort(0.01);
        for (Barriers.Method method : Barriers.Method.values()) {
            double[] first = Barriers.connect(Barriers.train(p, null), method, null).profile().values("train_loss");
            double[] again = Barriers.connect(Barriers.train(p, null), method, null).profile().values("train_loss");
            org.junit.jupiter.api.Assertions.assertArrayEquals(first, again, 0, method.label());
        }
    }
}
