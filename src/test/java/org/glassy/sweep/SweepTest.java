package org.glassy.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.glassy.study.relaxation.PSpinRelaxation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

/** The sweep engine: deterministic across worker counts, persistent, resumable, failure-tolerant. */
class SweepTest {

    @TempDir
    Path dir;

    /** A small p-spin relaxation whose couplings, start and noise come from the point's seed. */
    static Table relaxation(Point p) {
        return PSpinRelaxation.energyCurve(PSpinRelaxation.Parameters.builder().p(3).n(24)
                .temperature(p.doubleValue("temperature")).dt(0.05).time(20).seed(p.longValue("seed"))
                .dynamics(p.doubleValue("temperature") == 0 ? PSpinRelaxation.Kind.GD : PSpinRelaxation.Kind.LANGEVIN)
                .recordsPerDecade(5).build());
    }

    static Grid grid() {
        return Grid.of(Axis.of("temperature", 0.0, 0.5, 1.0), Axis.range("seed", 1, 4));
    }

    static String csv(Table t) throws Exception {
        Path f = Files.createTempFile("sweep", ".csv");
        PointTables.write(t, f);
        String s = Files.readString(f);
        Files.delete(f);
        return s;
    }

    @Test
    void oneWorkerAndTwoGiveIdenticalTablesInGridOrder() throws Exception {
        Table one = Sweep.over(grid()).workers(1).run(SweepTest::relaxation);
        Table two = Sweep.over(grid()).workers(2).run(SweepTest::relaxation);
        assertEquals(csv(one), csv(two));
        assertEquals(List.of("temperature", "seed", "time", "energy"), one.columnNames());
        // each point's rows are that point's own run, behind its parameters
        Point p = grid().point(5);   // T = 0.5, seed = 2
        Table alone = relaxation(p);
        Table rows = one.where(one.doubleColumn("temperature").isEqualTo(0.5).and(one.intColumn("seed").isEqualTo(2)));
        assertEquals(alone.doubleColumn("energy").asList(), rows.doubleColumn("energy").asList());
        assertEquals(12 * alone.rowCount(), one.rowCount());
        // typed parameter columns: integers stay integers, decimals doubles
        assertEquals("INTEGER", one.column("seed").type().name());
        assertEquals("DOUBLE", one.column("temperature").type().name());
    }

    @Test
    void aPersistedSweepResumesWithoutRedoingFinishedPoints() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Task counted = p -> {
            calls.incrementAndGet();
            return relaxation(p);
        };
        Path sweepDir = dir.resolve("tti");
        Table first = Sweep.over(grid()).in(sweepDir).named("relaxation").workers(2).run(counted);
        assertEquals(12, calls.get());
        assertTrue(Files.isRegularFile(sweepDir.resolve("sweep.json")));
        Table again = Sweep.over(grid()).in(sweepDir).named("relaxation").run(counted);
        assertEquals(12, calls.get(), "a finished sweep runs nothing");
        assertEquals(csv(first), csv(again), "read back exactly: same doubles, same column types");
        assertEquals(csv(first), csv(Sweep.collect(sweepDir)));

        // a missing result and a partial one are redone, nothing else
        Point lost = grid().point(3);
        Point half = grid().point(7);
        SweepDirectory d = SweepDirectory.open(sweepDir);
        Files.delete(d.result(lost));
        Files.move(d.result(half), d.partial(half));
        Sweep.over(grid()).in(sweepDir).named("relaxation").run(counted);
        assertEquals(14, calls.get());
        assertEquals(csv(first), csv(Sweep.collect(sweepDir)));
    }

    @Test
    void aChangedGridOrTaskIsRefusedUnlessExtending() {
        Path sweepDir = dir.resolve("s");
        AtomicInteger calls = new AtomicInteger();
        Task counted = p -> {
            calls.incrementAndGet();
            return relaxation(p);
        };
        Sweep.over(grid()).in(sweepDir).named("relaxation").run(counted);
        Grid more = Grid.of(Axis.of("temperature", 0.0, 0.5, 1.0), Axis.range("seed", 1, 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sweep.over(more).in(sweepDir).named("relaxation").run(counted));
        assertTrue(e.getMessage().startsWith("grid must be the one of the sweep in"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Sweep.over(grid()).in(sweepDir).named("other").run(counted)).getMessage()
                .contains("holds a sweep of library relaxation"));
        Table extended = Sweep.over(more).in(sweepDir).named("relaxation").extend(true).run(counted);
        assertEquals(12 + 6, calls.get(), "only the new points ran");
        assertEquals(18, extended.selectColumns("temperature", "seed").dropDuplicateRows().rowCount());
    }

    @Test
    void aFailedPointIsRecordedAndTheOthersGoOn() {
        Path sweepDir = dir.resolve("f");
        Task failing = p -> {
            if (p.intValue("seed") == 3 && p.doubleValue("temperature") == 0.5) {
                throw new IllegalStateException("this point is broken\nsecond line");
            }
            return relaxation(p);
        };
        SweepException e = assertThrows(SweepException.class,
                () -> Sweep.over(grid()).in(sweepDir).named("relaxation").workers(2).run(failing));
        assertTrue(e.getMessage().startsWith("1 of 12 points failed"), e.getMessage());
        assertTrue(e.getMessage().contains("temperature = 0.5, seed = 3: this point is broken"), e.getMessage());
        assertEquals(1, e.failed().size());
        assertEquals(11, e.partial().selectColumns("temperature", "seed").dropDuplicateRows().rowCount());
        SweepDirectory.Status status = SweepDirectory.open(sweepDir).status();
        assertEquals("11 of 12 points done, 1 failed, 0 pending", status.line());
        assertEquals("this point is broken", status.errors().get(0));
        // run again with the fault gone: only the failed point runs
        AtomicInteger calls = new AtomicInteger();
        Sweep.over(grid()).in(sweepDir).named("relaxation").run(p -> {
            calls.incrementAndGet();
            return relaxation(p);
        });
        assertEquals(1, calls.get());
        assertTrue(SweepDirectory.open(sweepDir).status().complete());
    }

    @Test
    void aPointThatTakesTooLongIsInterruptedAndRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Task slowOnce = p -> {
            if (p.index() == 0 && attempts.incrementAndGet() == 1) {
                Thread.sleep(60_000);
            }
            return relaxation(p);
        };
        Table t = Sweep.over(Grid.of(Axis.of("temperature", 0.5), Axis.range("seed", 1, 2))).workers(2)
                .pointTimeout(Duration.ofMillis(500)).retries(1).run(slowOnce);
        assertEquals(2, attempts.get());
        assertEquals(2, t.selectColumns("seed").dropDuplicateRows().rowCount());
        SweepException e = assertThrows(SweepException.class,
                () -> Sweep.over(Grid.of(Axis.of("temperature", 0.5), Axis.range("seed", 1, 1)))
                        .pointTimeout(Duration.ofMillis(300)).run(p -> {
                            Thread.sleep(60_000);
                            return null;
                        }));
        assertTrue(e.getMessage().contains("timed out after"), e.getMessage());
    }

    @Test
    void anInterruptKeepsTheFinishedPointsAndARerunDoesOnlyTheRest() throws Exception {
        Path sweepDir = dir.resolve("i");
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        Task slow = p -> {
            ran.add(p.index());
            if (p.index() >= 4) {
                Thread.sleep(60_000);
            }
            return relaxation(p);
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                Sweep.over(grid()).in(sweepDir).named("relaxation").workers(2).run(slow);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        runner.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((!Files.exists(sweepDir.resolve("sweep.json")) || SweepDirectory.open(sweepDir).status().done() < 4)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        runner.interrupt();
        runner.join(30_000);
        assertFalse(runner.isAlive());
        assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
        SweepDirectory.Status status = SweepDirectory.open(sweepDir).status();
        assertEquals(4, status.done());
        assertEquals(0, status.failed().size(), "interrupted points are not failures");
        AtomicInteger calls = new AtomicInteger();
        Table t = Sweep.over(grid()).in(sweepDir).named("relaxation").run(p -> {
            calls.incrementAndGet();
            return relaxation(p);
        });
        assertEquals(8, calls.get());
        assertEquals(csv(Sweep.over(grid()).run(SweepTest::relaxation)), csv(t));
    }
}
