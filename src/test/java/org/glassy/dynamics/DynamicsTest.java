package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.glassy.core.LogTimes;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.StepHandler;
import org.glassy.model.PSpinSpherical;
import org.glassy.model.Quadratic;
import org.glassy.observable.Energy;
import org.glassy.observable.SquaredNorm;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class DynamicsTest {

    @Test
    void recordsAtTheScheduleWithTimeStepTimesDt() {
        Energy energy = new Energy();
        Trajectory run = Dynamics.of(Quadratic.isotropic(2, 1.0), new GradientDescent(0.25)).seed(0L)
                .record(LogTimes.upTo(100, 2), energy).run(new double[] {1, 1});
        assertEquals(100, run.steps());
        assertEquals(25.0, run.time());
        assertArrayEquals(new double[] {0, 0.25, 0.75, 2.5, 8, 25}, energy.times(), 0.0);
        // E/n = ½ (1 − 1/4)^{2k}
        double[] values = energy.values();
        long[] steps = {0, 1, 3, 10, 32, 100};
        for (int i = 0; i < steps.length; i++) {
            assertEquals(0.5 * Math.pow(0.75, 2 * steps[i]), values[i], 1e-15);
        }
    }

    @Test
    void tableIsLongFormatWithOneRowPerRecordAndObservable() {
        Trajectory run = Dynamics.of(new PSpinSpherical(3, 20, 1L), new GradientDescent(0.1)).space(Space.sphere())
                .seed(1L).record(LogTimes.upTo(50, 3), new Energy(), new SquaredNorm())
                .run(Sphere.randomPoint(20, 2L));
        Table table = run.table();
        assertEquals(List.of("observable", "step", "time", "value"), table.columnNames());
        int records = LogTimes.upTo(50, 3).length;
        assertEquals(2 * records, table.rowCount());
        assertEquals(records, table.where(table.stringColumn("observable").isEqualTo("squared_norm")).rowCount());
        // the sphere is kept: |x|²/N = 1 at every record
        for (double v : ((SquaredNorm) run.observable("squared_norm")).values()) {
            assertEquals(1.0, v, 1e-12);
        }
    }

    @Test
    void seedIsRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dynamics.of(Quadratic.isotropic(1, 1), new GradientDescent(0.1)).steps(3).run(new double[1]));
        assertTrue(e.getMessage().contains("seed"));
    }

    @Test
    void initialStateIsChecked() {
        Dynamics dynamics = Dynamics.of(new PSpinSpherical(2, 5, 1L), new GradientDescent(0.1))
                .space(Space.sphere()).seed(1L).steps(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> dynamics.run(new double[4]))
                .getMessage().startsWith("x0 must have length 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> dynamics.run(new double[] {1, 1, 1, 1, 0}))
                .getMessage().startsWith("x0 must lie on the sphere"));
    }

    @Test
    void interruptStopsTheRunAndHandlersKeepWhatWasRecorded() throws Exception {
        Energy energy = new Energy();
        AtomicBoolean finished = new AtomicBoolean();
        StepHandler closer = new StepHandler() {
            @Override
            public void handle(long step, double time, double[] x, double e) {
                if (step == 1000) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void finish() {
                finished.set(true);
            }
        };
        CancellationException e = assertThrows(CancellationException.class,
                () -> Dynamics.of(Quadratic.isotropic(4, 1.0), new Langevin(1.0, 0.01)).seed(1L).steps(1_000_000)
                        .record(LogTimes.upTo(1_000_000, 10), energy, closer).run(new double[4]));
        Thread.interrupted();
        assertTrue(e.getMessage().contains("interrupted"));
        assertTrue(finished.get(), "finish() must run when the run stops early");
        assertEquals(1000, energy.times().length == 0 ? -1 : Math.round(energy.times()[energy.size() - 1] / 0.01));
    }

    @Test
    void handlersMayRequireExtraSteps() {
        List<Long> seen = new ArrayList<>();
        StepHandler handler = new StepHandler() {
            @Override
            public void handle(long step, double time, double[] x, double e) {
                seen.add(step);
            }

            @Override
            public long[] requiredSteps(long total) {
                return new long[] {7, total / 2, total + 5};
            }
        };
        Dynamics.of(Quadratic.isotropic(1, 1.0), new GradientDescent(0.1)).seed(0L).steps(40)
                .record(new long[] {0, 40}, handler).run(new double[] {1});
        assertEquals(List.of(0L, 7L, 20L, 40L), seen);
    }

    @Test
    void progressIsReportedUpToTheEnd() {
        List<Long> reported = new ArrayList<>();
        Dynamics.of(Quadratic.isotropic(1, 1.0), new GradientDescent(0.1)).seed(0L).steps(1000)
                .progress((step, total, time, e) -> reported.add(step)).run(new double[] {1});
        assertTrue(reported.size() >= 100, "reports: " + reported.size());
        assertEquals(1000L, reported.get(reported.size() - 1));
    }
}
