package org.glassy.study.barriers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.path.Barrier;
import org.glassy.study.aging.AgingDnn;
import org.glassy.study.aging.AgingDnn.DataSource;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class NetworkBarriersTest {

    private static NetworkBarriers.Parameters.Builder teacher(int samples, int hidden) {
        return NetworkBarriers.Parameters.builder().data(DataSource.TEACHER).samples(samples).hidden(hidden)
                .seedA(1).seedB(2).seed(5);
    }

    @Test
    void autonebFlattensTheBarrierBetweenTwoWideNetworks() {
        var p = teacher(200, 32).training(new NetworkBarriers.Training(0.05, 20, 0.9, 1500)).effort(0.05).build();
        NetworkBarriers.Minima m = NetworkBarriers.train(p, null);
        assertEquals(32 * (AgingDnn.TEACHER_INPUTS + 1) + 2 * 33, m.parameterCount());
        NetworkBarriers.Result linear = NetworkBarriers.connect(m, Method.LINEAR, null);
        NetworkBarriers.Result autoneb = NetworkBarriers.connect(m, Method.AUTONEB, null);
        for (NetworkBarriers.Result r : List.of(linear, autoneb)) {
            // both endpoints are evaluated, exactly at the minima
            Barrier b = r.barrier();
            assertEquals(m.train().energy(m.a()), b.start(), 0, r.method().label());
            assertEquals(m.train().energy(m.b()), b.end(), 0, r.method().label());
            double[] t = r.profile().positions();
            assertEquals(0, t[0], 0);
            assertEquals(1, t[t.length - 1], 0);
        }
        assertEquals(Method.CURVE_POINTS, linear.profile().positions().length);
        assertEquals(1, linear.barrier().relativeLength(), 1e-12);
        Barrier straight = linear.barrier();
        Barrier optimised = autoneb.barrier();
        assertTrue(straight.height() > 10 * Math.max(straight.start(), straight.end()),
                "the straight path climbs well above the minima: " + straight);
        assertTrue(optimised.height() < 0.25 * straight.height(), optimised + " vs " + straight);
        assertTrue(optimised.relativeLength() > 1, optimised.toString());

        Table summary = NetworkBarriers.summary(List.of(linear, autoneb));
        assertEquals(List.of("hidden", "method", "parameters", "images", "start", "end", "saddle", "barrier",
                "barrier_above_linear", "relative_length", "test_loss_barrier", "test_error_rise"), summary.columnNames());
        assertEquals(List.of("linear", "autoneb"), summary.stringColumn("method").asList());
        assertEquals(List.of(32, 32), summary.intColumn("hidden").asList());
        assertEquals(m.parameterCount(), summary.intColumn("parameters").get(1));
        assertEquals(straight.height(), summary.doubleColumn("barrier").get(0), 0);
        assertEquals(optimised.height(), summary.doubleColumn("barrier").get(1), 0);
        assertEquals(autoneb.profile().barrier("test_loss").height(), summary.doubleColumn("test_loss_barrier").get(1), 0);
        assertEquals(autoneb.chain().images(), summary.intColumn("images").get(1));

        Table profiles = NetworkBarriers.profiles(List.of(linear, autoneb));
        assertEquals(List.of("hidden", "method", "parameters", "t", "train_loss", "test_loss", "test_error"),
                profiles.columnNames());
        Table selected = profiles.where(profiles.stringColumn("method").isEqualTo("autoneb"));
        assertArrayEquals(autoneb.profile().values("train_loss"), selected.doubleColumn("train_loss").asDoubleArray(), 0);
        assertEquals(linear.profile().positions().length + autoneb.profile().positions().length, profiles.rowCount());
    }

    @Test
    void widthSweepResultsAreKeyedByWidthAndMethod() {
        var base = teacher(100, 1).training(new NetworkBarriers.Training(0.05, 20, 0.9, 100)).build();
        List<NetworkBarriers.Result> sweep = NetworkBarriers.widthSweep(base, new int[] {3, 6}, null, Method.LINEAR,
                Method.BEZIER);
        Table summary = NetworkBarriers.summary(sweep);
        assertEquals(List.of(3, 3, 6, 6), summary.intColumn("hidden").asList());
        assertEquals(List.of("linear", "bezier", "linear", "bezier"), summary.stringColumn("method").asList());
        // each row is the run of its own parameters: the straight path at H = 6, computed on its own
        var alone = NetworkBarriers.connect(NetworkBarriers.train(base.toBuilder().hidden(6).build(), null),
                Method.LINEAR, null);
        Table profiles = NetworkBarriers.profiles(sweep);
        Table h6 = profiles.where(profiles.intColumn("hidden").isEqualTo(6)
                .and(profiles.stringColumn("method").isEqualTo("linear")));
        assertArrayEquals(alone.profile().values("train_loss"), h6.doubleColumn("train_loss").asDoubleArray(), 0);
        assertEquals(alone.barrier().height(), summary.doubleColumn("barrier").get(2), 0);
        assertEquals(6 * (AgingDnn.TEACHER_INPUTS + 1) + 2 * 7, h6.intColumn("parameters").get(0));
    }

    @Test
    void aSweepOverWidthsAndPairsEqualsTheSequentialRunsAndAveragesOverThePairs() {
        var base = teacher(100, 1).training(new NetworkBarriers.Training(0.05, 20, 0.9, 100)).build();
        Table sweep = NetworkBarriers.sweep(base, new int[] {3, 6}, 2, null, Method.LINEAR, Method.BEZIER);
        Table summary = NetworkBarriers.summary(sweep);
        assertEquals(List.of("hidden", "pair", "method", "parameters", "images", "start", "end", "saddle", "barrier",
                "barrier_above_linear", "relative_length", "test_loss_barrier", "test_error_rise"), summary.columnNames());
        assertEquals(List.of(3, 3, 3, 3, 6, 6, 6, 6), summary.intColumn("hidden").asList());
        assertEquals(List.of(0, 0, 1, 1, 0, 0, 1, 1), summary.intColumn("pair").asList());
        // pair 0 is the sequential width sweep's pair, path for path
        Table old = NetworkBarriers.summary(NetworkBarriers.widthSweep(base, new int[] {3, 6}, null, Method.LINEAR,
                Method.BEZIER));
        Table pair0 = summary.where(summary.intColumn("pair").isEqualTo(0));
        assertEquals(old.doubleColumn("barrier").asList(), pair0.doubleColumn("barrier").asList());
        assertEquals(old.doubleColumn("relative_length").asList(), pair0.doubleColumn("relative_length").asList());
        // pair 1 is trained from the seeds seedA + 2 and seedB + 2
        var pair1 = NetworkBarriers.connect(NetworkBarriers.train(base.toBuilder().hidden(6).seedA(3).seedB(4).build(),
                null), Method.LINEAR, null);
        Table profiles = NetworkBarriers.profiles(sweep);
        Table mine = profiles.where(profiles.intColumn("hidden").isEqualTo(6).and(profiles.intColumn("pair").isEqualTo(1))
                .and(profiles.stringColumn("method").isEqualTo("linear")));
        assertArrayEquals(pair1.profile().values("train_loss"), mine.doubleColumn("train_loss").asDoubleArray(), 0);
        // the mean over the two pairs, by hand
        Table means = NetworkBarriers.averaged(summary);
        assertEquals(List.of("hidden", "method", "parameters", "samples", "barrier", "barrier_se", "relative_length",
                "relative_length_se", "test_error_rise", "test_error_rise_se"), means.columnNames());
        Table linear6 = summary.where(summary.intColumn("hidden").isEqualTo(6).and(summary.stringColumn("method")
                .isEqualTo("linear")));
        double a = linear6.doubleColumn("barrier").get(0);
        double b = linear6.doubleColumn("barrier").get(1);
        assertEquals(pair1.barrier().height(), b, 0);
        assertEquals((a + b) / 2, means.doubleColumn("barrier").get(2), 1e-15);
        assertEquals(Math.abs(a - b) / 2, means.doubleColumn("barrier_se").get(2), 1e-15);
        assertEquals(2, means.intColumn("samples").get(2));
    }

    @Test
    void builderNamesEveryParameterAndKeepsTheValidation() {
        var built = teacher(200, 16).build();
        assertEquals(new NetworkBarriers.Parameters(DataSource.TEACHER, 200, 16, 1, 2, 5,
                NetworkBarriers.Training.standard(), 1), built);
        assertEquals(built, built.toBuilder().build());
        assertEquals(8, built.toBuilder().hidden(8).build().hidden());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> NetworkBarriers.Parameters.builder().data(DataSource.TEACHER).samples(200).hidden(16).seedA(1)
                        .seed(5).build());
        assertEquals("seedB must be set", missing.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> teacher(200, 16).seedB(1).build());
        assertEquals("seedB must differ from the first network's seed (two independent minima), got 1", same.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> new NetworkBarriers.Training(-0.1, 20, 0.9, 10));
        assertEquals("learningRate must be > 0 and finite, got -0.1", rate.getMessage());
    }

    @Test
    void pathsAreReproducibleFromTheSeeds() {
        var p = teacher(100, 8).training(new NetworkBarriers.Training(0.05, 20, 0.9, 200)).effort(0.01).build();
        for (Method method : Method.values()) {
            double[] first = NetworkBarriers.connect(NetworkBarriers.train(p, null), method, null).profile()
                    .values("train_loss");
            double[] again = NetworkBarriers.connect(NetworkBarriers.train(p, null), method, null).profile()
                    .values("train_loss");
            assertArrayEquals(first, again, 0, method.label());
        }
    }
}
