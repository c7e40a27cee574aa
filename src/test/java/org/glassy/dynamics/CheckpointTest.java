package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.glassy.core.LogTimes;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.StepHandler;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Energy;
import org.glassy.observable.MeanSquareDisplacement;
import org.glassy.observable.TwoTimeObservable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints: a run interrupted after writing one and resumed from it ends bit for bit where an
 * uninterrupted run ends, with the same records.
 */
class CheckpointTest {

    @TempDir
    Path dir;

    /** Interrupts its thread when the run reaches a step; checkpointable (it holds nothing). */
    static final class InterruptAt implements StepHandler {
        private final long step;

        InterruptAt(long step) {
            this.step = step;
        }

        @Override
        public void handle(long k, double time, double[] x, double energy) {
            if (k == step) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Serializable snapshot() {
            return step;
        }

        @Override
        public void restore(Serializable snapshot) {
            // nothing to restore
        }
    }

    private <M extends Model, S extends RunState> void interruptAndResume(M model, StepRule<? super M, S> rule,
                                                                          Space space, double[] x0, long steps,
                                                                          long interruptAt) {
        Energy energy = new Energy();
        long[][] grid = TwoTimeObservable.logGrid(steps, 5, 4, 8);
        MeanSquareDisplacement msd = new MeanSquareDisplacement(grid[0], grid[1]);
        long[] records = LogTimes.merge(LogTimes.upTo(steps, 7), new long[] {interruptAt});
        var whole = Dynamics.of(model, rule).space(space).seed(11L).steps(steps).record(records, energy, msd)
                .record(new long[0], new InterruptAt(-1)).run(x0);

        Path file = dir.resolve(rule.getClass().getSimpleName() + ".ckpt");
        var interrupted = Dynamics.of(model, rule).space(space).seed(11L).steps(steps).record(records, energy, msd)
                .record(new long[0], new InterruptAt(interruptAt))
                .checkpoint(file, Duration.ofHours(1), "test");
        RunInterruptedException e = assertThrows(RunInterruptedException.class, () -> interrupted.run(x0));
        Thread.interrupted();
        assertTrue(Files.isRegularFile(file), "a checkpoint is written when the run is interrupted");
        assertTrue(e.getMessage().contains("checkpoint written to"), e.getMessage());
        assertEquals(interruptAt + 1, e.partial().steps());

        var resumed = Dynamics.of(model, rule).space(space).seed(11L).steps(steps).record(records, energy, msd)
                .record(new long[0], new InterruptAt(interruptAt))
                .checkpoint(file, Duration.ofHours(1), "test").run(x0);
        assertArrayEquals(whole.finalState(), resumed.finalState(), 0.0, "final state");
        assertArrayEquals(whole.recording(energy).values(), resumed.recording(energy).values(), 0.0);
        assertArrayEquals(whole.recording(energy).steps(), resumed.recording(energy).steps());
        assertEquals(whole.recording(msd).table().toString(), resumed.recording(msd).table().toString());
        assertEquals(whole.recording(msd).table().doubleColumn("value").asList(),
                resumed.recording(msd).table().doubleColumn("value").asList());

        // the finished checkpoint replays the end of the run
        var replay = Dynamics.of(model, rule).space(space).seed(11L).steps(steps).record(records, energy, msd)
                .record(new long[0], new InterruptAt(interruptAt))
                .checkpoint(file, Duration.ofHours(1), "test").run(x0);
        assertArrayEquals(whole.finalState(), replay.finalState(), 0.0);
        assertArrayEquals(whole.recording(energy).values(), replay.recording(energy).values(), 0.0);
    }

    @Test
    void langevinResumesBitIdentically() {
        interruptAndResume(new PSpinSpherical(3, 40, 2L), new Langevin(0.5, 0.02), Space.sphere(),
                Sphere.randomPoint(40, 3L), 3000, 1234);
    }

    @Test
    void sgdResumesBitIdentically() {
        BatchModel network = StepRulesTest.network();
        interruptAndResume(network, new MiniBatchSgd(0.05, 7, 0.5), Space.euclidean(), StepRulesTest.network()
                .initialParameters(4L), 2000, 777);
    }

    @Test
    void adamAndFireResumeBitIdentically() {
        interruptAndResume(StepRulesTest.network(), Adam.of(0.01).withBatches(8), Space.euclidean(),
                StepRulesTest.network().initialParameters(4L), 600, 301);
        interruptAndResume(new PSpinSpherical(3, 30, 5L), Fire.of(0.05), Space.sphere(), Sphere.randomPoint(30, 6L),
                500, 77);
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() {
        Path file = dir.resolve("other.ckpt");
        PSpinSpherical model = new PSpinSpherical(3, 20, 1L);
        Dynamics.of(model, new Langevin(0.5, 0.02)).space(Space.sphere()).seed(1L).steps(100)
                .checkpoint(file, Duration.ofHours(1), "").run(Sphere.randomPoint(20, 2L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dynamics.of(model, new Langevin(0.6, 0.02)).space(Space.sphere()).seed(1L).steps(100)
                        .checkpoint(file, Duration.ofHours(1), "").run(Sphere.randomPoint(20, 2L)));
        assertTrue(e.getMessage().contains("was written by another run"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Dynamics.of(model, new Langevin(0.5, 0.02)).space(Space.sphere()).seed(2L).steps(100)
                        .checkpoint(file, Duration.ofHours(1), "").run(Sphere.randomPoint(20, 2L)));
    }

    @Test
    void handlersThatCannotBeCheckpointedAreRefusedUpFront() {
        Path file = dir.resolve("h.ckpt");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Dynamics.of(new PSpinSpherical(3, 20, 1L), new Langevin(0.5, 0.02)).space(Space.sphere())
                        .seed(1L).steps(10).record(new long[] {5}, (StepHandler) (k, t, x, en) -> { })
                        .checkpoint(file, Duration.ofHours(1), "").run(Sphere.randomPoint(20, 2L)));
        assertTrue(e.getMessage().contains("snapshot"), e.getMessage());
        assertTrue(!Files.exists(file));
    }

    @Test
    void aFileThatIsNotACheckpointIsReportedNotDeserialised() throws Exception {
        Path file = dir.resolve("junk.ckpt");
        Files.writeString(file, "not a checkpoint");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dynamics.of(new PSpinSpherical(3, 20, 1L), new Langevin(0.5, 0.02)).space(Space.sphere())
                        .seed(1L).steps(10).checkpoint(file, Duration.ofHours(1), "").run(Sphere.randomPoint(20, 2L)));
        assertTrue(e.getMessage().contains("is not a Glassy checkpoint"), e.getMessage());
    }
}
