package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.glassy.core.LogTimes;
import org.glassy.core.NumericalInstabilityException;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.StepHandler;
import org.glassy.model.PSpinSpherical;
import org.glassy.model.Quadratic;
import org.glassy.observable.Energy;
import org.glassy.observable.ScalarRecording;
import org.glassy.observable.SquaredNorm;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class DynamicsTest {

    @Test
    void recordsAtTheScheduleWithTimeStepTimesDt() {
        Energy energy = new Energy();
        var run = Dynamics.of(Quadratic.isotropic(2, 1.0), new GradientDescent(0.25)).seed(0L)
                .record(LogTimes.upTo(100, 2), energy).run(new double[] {1, 1});
        assertEquals(100, run.steps());
        assertEquals(25.0, run.time());
        assertArrayEquals(new double[] {0, 0.25, 0.75, 2.5, 8, 25}, run.recording(energy).times(), 0.0);
        // E/n = ½ (1 − 1/4)^{2k}
        double[] values = run.recording(energy).values();
        long[] steps = {0, 1, 3, 10, 32, 100};
        for (int i = 0; i < steps.length; i++) {
            assertEquals(0.5 * Math.pow(0.75, 2 * steps[i]), values[i], 1e-15);
        }
    }

    @Test
    void tableIsLongFormatWithOneRowPerRecordAndObservable() {
        var run = Dynamics.of(new PSpinSpherical(3, 20, 1L), new GradientDescent(0.1)).space(Space.sphere())
                .seed(1L).record(LogTimes.upTo(50, 3), new Energy(), new SquaredNorm())
                .run(Sphere.randomPoint(20, 2L));
        Table table = run.table();
        assertEquals(List.of("observable", "step", "time", "value"), table.columnNames());
        int records = LogTimes.upTo(50, 3).length;
        assertEquals(2 * records, table.rowCount());
        assertEquals(records, table.where(table.stringColumn("observable").isEqualTo("squared_norm")).rowCount());
        // the sphere is kept: |x|²/N = 1 at every record
        for (double v : ((ScalarRecording) run.observable("squared_norm")).values()) {
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
        RunInterruptedException e = assertThrows(RunInterruptedException.class,
                () -> Dynamics.of(Quadratic.isotropic(4, 1.0), new Langevin(1.0, 0.01)).seed(1L).steps(1_000_000)
                        .record(LogTimes.upTo(1_000_000, 10), energy).record(new long[0], closer)
                        .run(new double[4]));
        Thread.interrupted();
        assertTrue(e.getMessage().contains("interrupted"));
        assertTrue(finished.get(), "finish() must run when the run stops early");
        // the partial run holds every record up to the interrupt, and stopped right after it
        long[] recorded = e.partial().recording(energy).steps();
        assertEquals(1000, recorded[recorded.length - 1]);
        assertEquals(1001, e.partial().steps());
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
        var run = Dynamics.of(Quadratic.isotropic(1, 1.0), new GradientDescent(0.1)).seed(0L).steps(40)
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

    /**
     * Regression: a second run of the same configuration once changed the first trajectory's energy
     * at step 0 from 0.5 to 12.5, because the observables were shared. Every run now records afresh.
     */
    @Test
    void runningTheSameConfigurationTwiceGivesTwoIndependentTrajectories() {
        Energy energy = new Energy();
        var dynamics = Dynamics.of(Quadratic.isotropic(1, 1.0), new GradientDescent(0.1)).seed(0L)
                .record(LogTimes.upTo(10, 5), energy);
        var first = dynamics.run(new double[] {1});
        double[] before = first.recording(energy).values();
        var second = dynamics.run(new double[] {5});
        assertArrayEquals(before, first.recording(energy).values(), 0.0);
        assertEquals(0.5, first.recording(energy).values()[0], 0.0);
        assertEquals(12.5, second.recording(energy).values()[0], 0.0);
        assertEquals(before.length, second.recording(energy).size());
        // and the two final states are each run's own
        assertEquals(Math.pow(0.9, 10), first.finalState()[0], 1e-15);
        assertEquals(5 * Math.pow(0.9, 10), second.finalState()[0], 1e-14);
    }

    @Test
    void concurrentRunsOfOneConfigurationDoNotInterfere() throws Exception {
        Energy energy = new Energy();
        var dynamics = Dynamics.of(new PSpinSpherical(3, 30, 1L), new Langevin(0.5, 0.02)).space(Space.sphere())
                .seed(7L).steps(2000).record(LogTimes.upTo(2000, 10), energy);
        double[] x0 = Sphere.randomPoint(30, 2L);
        double[] alone = dynamics.run(x0).recording(energy).values();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> dynamics.run(x0).recording(energy).values());
            var b = pool.submit(() -> dynamics.run(x0).recording(energy).values());
            assertArrayEquals(alone, a.get(), 0.0);
            assertArrayEquals(alone, b.get(), 0.0);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRuleThatConvergesStopsTheRunEarly() {
        // FIRE on a quadratic well reaches a force below 1e-10 long before 100 000 steps
        var run = Dynamics.of(new Quadratic(1.0, 3.0), Fire.of(0.05).withForceTolerance(1e-10)).seed(0L)
                .steps(100_000).record(new long[] {0, 100_000}, new Energy()).run(new double[] {1, -1});
        assertTrue(run.steps() < 1000, "steps: " + run.steps());
        assertTrue(run.state().maxForce() <= 1e-10);
        // the end of the run is recorded even though it came early
        assertEquals(run.steps(), ((ScalarRecording) run.observable("energy")).steps()[1]);
    }

    @Test
    void aBlowUpNamesTheStepValueAndKnob() {
        NumericalInstabilityException e = assertThrows(NumericalInstabilityException.class,
                () -> Dynamics.of(Quadratic.isotropic(2, 1.0), new GradientDescent(3.0)).seed(0L).steps(10_000).run(new double[] {1, 1}));
        assertEquals("dt", e.knob());
        assertTrue(e.getMessage().contains("reduce dt"), e.getMessage());
        NumericalInstabilityException sgd = assertThrows(NumericalInstabilityException.class,
                () -> Dynamics.of(new MiniBatchSgdTest.Centres(2, 4), new MiniBatchSgd(5.0, 2, 0)).seed(0L)
                        .steps(10_000).run(new double[] {1, 1}));
        assertEquals("learningRate", sgd.knob());
        assertTrue(sgd.getMessage().contains("reduce learningRate"), sgd.getMessage());
    }
}
