package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

/**
 * Two-time rows handed on as they complete: time-major order (by t_w + t, then t_w), the values of
 * {@link TwoTimeRecording}'s table bit for bit, and a checkpointed run hands the same rows on.
 */
class TwoTimeRowsTest {

    private static final double[] K = {0.5, 1.0, 2.0};
    private static final double[] X0 = {1.0, -2.0, 0.5};
    private static final long[] TWS = {0, 3, 10};
    private static final long[] LAGS = {1, 5, 7, 10, 20};

    private record Row(long tw, long t, double[] values) {
    }

    @Test
    void rowsArriveAsTheyCompleteWithTheRecordingsValues() {
        MeanSquareDisplacement msd = new MeanSquareDisplacement(TWS, LAGS);
        TwoTimeCorrelation corr = new TwoTimeCorrelation(TWS, LAGS);
        List<Row> rows = new ArrayList<>();
        List<Long> stepsSeen = new ArrayList<>();
        TwoTimeRows streamed = new TwoTimeRows((tw, t, v) -> rows.add(new Row(tw, t, v)), msd, corr);
        var run = Dynamics.of(new Quadratic(K), new GradientDescent(0.1)).seed(0L).steps(25)
                .record(new long[] {25}, msd, corr)
                .record(new long[0], streamed, (step, time, x, energy) -> stepsSeen.add(step))
                .run(X0);
        // time-major: by t_w + t, and for equal t_w + t (10, 20) the older waiting time first
        assertEquals(List.of("0+1", "3+1", "0+5", "0+7", "3+5", "0+10", "3+7", "10+1", "3+10", "10+5", "10+7", "0+20",
                "10+10", "3+20"), rows.stream().map(r -> r.tw() + "+" + r.t()).toList());
        assertEquals(List.of(0L, 1L, 3L, 4L, 5L, 7L, 8L, 10L, 11L, 13L, 15L, 17L, 20L, 23L, 25L), stepsSeen,
                "the steps the rows need, recorded without being asked for");
        // the same rows and values as the recordings' tables, once sorted by (t_w, t)
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Row::tw).thenComparingLong(Row::t));
        Table d = run.recording(msd).table();
        Table c = run.recording(corr).table();
        assertEquals(d.rowCount(), sorted.size());
        for (int r = 0; r < sorted.size(); r++) {
            assertEquals(d.longColumn("tw_step").get(r), sorted.get(r).tw());
            assertEquals(d.longColumn("t_step").get(r), sorted.get(r).t());
            assertEquals(d.doubleColumn("value").get(r), sorted.get(r).values()[0], 0.0);
            assertEquals(c.doubleColumn("value").get(r), sorted.get(r).values()[1], 0.0);
        }
        assertEquals(1.5, TwoTimeRows.time(15, 0.1), 0.0);   // not 1.5000000000000002
    }

    @Test
    void aCheckpointedRunHandsOnTheSameRows(@TempDir Path dir) {
        List<String> whole = new ArrayList<>();
        Dynamics.of(new Quadratic(K), new GradientDescent(0.1)).seed(0L).steps(25)
                .record(new long[0], new TwoTimeRows((tw, t, v) -> whole.add(tw + "," + t + "," + Arrays.toString(v)),
                        new MeanSquareDisplacement(TWS, LAGS)))
                .run(X0);
        // a finished checkpoint replays the run: the rows made before it are handed on again, first
        Path checkpoint = dir.resolve("rows.ckpt");
        for (int pass = 0; pass < 2; pass++) {
            List<String> rows = new ArrayList<>();
            Dynamics.of(new Quadratic(K), new GradientDescent(0.1)).seed(0L).steps(25)
                    .record(new long[0], new TwoTimeRows((tw, t, v) -> rows.add(tw + "," + t + "," + Arrays.toString(v)),
                            new MeanSquareDisplacement(TWS, LAGS)))
                    .checkpoint(checkpoint, Duration.ofHours(1), "")
                    .run(X0);
            assertEquals(whole, rows, "pass " + pass);
        }
    }

    @Test
    void observablesMustShareOneGrid() {
        assertThrows(IllegalArgumentException.class, () -> new TwoTimeRows((tw, t, v) -> { },
                new MeanSquareDisplacement(TWS, LAGS), new TwoTimeCorrelation(TWS, new long[] {1, 2})));
    }
}
