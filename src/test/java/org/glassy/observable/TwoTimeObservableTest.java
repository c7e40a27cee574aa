package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.Langevin;
import org.glassy.core.LogTimes;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.model.PSpinSpherical;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class TwoTimeObservableTest {

    @Test
    void gradientDescentOnAQuadraticGivesExactTwoTimeValues() {
        double eta = 0.1;
        double[] k = {0.5, 1.0, 2.0};
        double[] x0 = {1.0, -2.0, 0.5};
        long[] tws = {0, 3, 10};
        long[] lags = {1, 5, 20};
        MeanSquareDisplacement msd = new MeanSquareDisplacement(tws, lags);
        TwoTimeCorrelation corr = new TwoTimeCorrelation(tws, lags);
        var run = Dynamics.of(new Quadratic(k), new GradientDescent(eta)).seed(0L).steps(25).record(new long[] {25}, msd, corr)
                .run(x0);
        Table d = run.recording(msd).table();
        Table c = run.recording(corr).table();
        // pairs with tw + t ≤ 25: tw=0: 1,5,20; tw=3: 1,5,20; tw=10: 1,5
        assertEquals(8, d.rowCount());
        assertEquals(List.of("observable", "tw", "t", "value", "tw_step", "t_step"), d.columnNames());
        for (int r = 0; r < d.rowCount(); r++) {
            long tw = d.longColumn("tw_step").get(r);
            long t = d.longColumn("t_step").get(r);
            double delta = 0;
            double dot = 0;
            for (int i = 0; i < k.length; i++) {
                double a = Math.pow(1 - eta * k[i], tw) * x0[i];
                double b = Math.pow(1 - eta * k[i], tw + t) * x0[i];
                delta += (b - a) * (b - a) / k.length;
                dot += a * b / k.length;
            }
            assertEquals(delta, d.doubleColumn("value").get(r), 1e-13, "Δ(" + tw + ", " + (tw + t) + ")");
            assertEquals(dot, c.doubleColumn("value").get(r), 1e-13, "C(" + (tw + t) + ", " + tw + ")");
            assertEquals(tw * eta, d.doubleColumn("tw").get(r), 1e-15);
            assertEquals(t * eta, d.doubleColumn("t").get(r), 1e-15);
        }
    }

    @Test
    void onTheSphereMsdIsTwiceOneMinusCorrelation() {
        int n = 50;
        long[][] grid = TwoTimeObservable.logGrid(400, 5, 4, 6);
        MeanSquareDisplacement msd = new MeanSquareDisplacement(grid[0], grid[1]);
        TwoTimeCorrelation corr = new TwoTimeCorrelation(grid[0], grid[1]);
        var run2 = Dynamics.of(new PSpinSpherical(3, n, 1L), new Langevin(0.5, 0.05)).space(Space.sphere()).seed(2L).steps(400)
                .record(new long[0], msd, corr).run(Sphere.randomPoint(n, 3L));
        double[] d = run2.recording(msd).table().doubleColumn("value").asDoubleArray();
        double[] c = run2.recording(corr).table().doubleColumn("value").asDoubleArray();
        assertEquals(d.length, c.length);
        for (int i = 0; i < d.length; i++) {
            assertEquals(2 * (1 - c[i]), d[i], 1e-12);
        }
    }

    @Test
    void gridFollowsBaityJesiLogSpacing() {
        long[][] grid = TwoTimeObservable.logGrid(10_000, 10, 8, 20);
        assertEquals(10, grid[0][0]);
        assertEquals(5000, grid[0][grid[0].length - 1]);
        assertEquals(1, grid[1][0]);
        assertEquals(5000, grid[1][grid[1].length - 1]);
        assertArrayEquals(new long[] {1, 2, 3}, java.util.Arrays.copyOf(LogTimes.geometric(1, 3, 3), 3));
        assertThrows(IllegalArgumentException.class, () -> new MeanSquareDisplacement(new long[] {5}, new long[] {0}));
    }

    @Test
    void freeDiffusionMsdIsTwoTtAtEveryWaitingTime() {
        int n = 20_000;
        double temperature = 0.5;
        double dt = 0.01;
        MeanSquareDisplacement msd = new MeanSquareDisplacement(new long[] {10, 200}, new long[] {50, 100});
        var run3 = Dynamics.of(Quadratic.isotropic(n, 0), new Langevin(temperature, dt)).seed(4L).steps(300)
                .record(new long[0], msd).run(new double[n]);
        Table table = run3.recording(msd).table();
        for (int r = 0; r < table.rowCount(); r++) {
            double t = table.doubleColumn("t").get(r);
            double expected = 2 * temperature * t;
            // mean of n squared Gaussians: relative standard error √(2/n) = 1 %
            assertEquals(expected, table.doubleColumn("value").get(r), 4 * Math.sqrt(2.0 / n) * expected,
                    "Δ at tw = " + table.doubleColumn("tw").get(r) + ", t = " + t);
        }
    }
}
