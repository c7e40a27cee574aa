package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.glassy.study.aging.PSpinAging;
import org.glassy.theory.SphericalPSpinTheory;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The "Try it" exercises of notebook 02 (aging in DNN training versus the spherical p-spin glass), on its p-spin
 * side at QUICK sizes: p = 3, N = 64, dt = 0.05, t = 100, 8 waiting times, 4 instances, with each exercise's change,
 * for the notebook's seed and another.
 */
class Notebook02ExercisesTest {

    private static final Map<String, Table> RUNS = new HashMap<>();

    /** The notebook's {@code PSpinAging.runAveraged} call at QUICK sizes (cached: two tests share T = 0.4). */
    private static Table glass(double temperature, long seed, int instances) {
        return RUNS.computeIfAbsent(temperature + "/" + seed + "/" + instances, k -> PSpinAging.runAveraged(
                PSpinAging.Parameters.builder().p(3).n(64).temperature(temperature).dt(0.05).time(100).seed(seed)
                        .waitingTimes(8).build(), instances, null));
    }

    /** C(t_w + t, t_w) at the largest waiting time and the recorded lag nearest to {@code lag} (in ln t). */
    private static double oldestAt(Table glass, double lag) {
        double tw = glass.doubleColumn("tw").max();
        Table one = glass.where(glass.doubleColumn("tw").isEqualTo(tw));
        DoubleColumn t = one.doubleColumn("t");
        int best = 0;
        for (int r = 1; r < one.rowCount(); r++) {
            if (Math.abs(Math.log(t.get(r) / lag)) < Math.abs(Math.log(t.get(best) / lag))) {
                best = r;
            }
        }
        return one.doubleColumn("correlation").get(best);
    }

    /**
     * Exercise 1 — closer to T_d: "set {@code TEMPERATURE = 0.55}. Predict the height of the plateau q_EA, and where
     * C(t_w + t, t_w) of the oldest waiting time (t_w = 50) stands at t ≈ 3, compared with T = 0.4." The solution:
     * q_EA falls from 0.730 to 0.585 (the marginality condition (p(p−1)/2) q^{p−2}(1−q)² = T²); the simulated
     * C(t_w = 50, t ≈ 3) lies in [0.55, 0.76], below its value at T = 0.4 (0.75–0.80).
     */
    @Test
    void aHotterGlassHasALowerPlateau() {
        double q = SphericalPSpinTheory.agingPlateau(3, 0.55);
        assertEquals(0.585, q, 0.001);
        assertEquals(0.55 * 0.55, 3 * q * (1 - q) * (1 - q), 1e-9, "marginal stability of the threshold states");
        assertEquals(0.730, SphericalPSpinTheory.agingPlateau(3, 0.4), 0.001);
        for (long seed : new long[] {1803, 5}) {
            double hot = oldestAt(glass(0.55, seed, 4), 3);
            double cold = oldestAt(glass(0.4, seed, 4), 3);
            assertTrue(hot > 0.55 && hot < 0.76, "seed " + seed + ": C at T = 0.55 " + hot);
            assertTrue(cold > 0.74 && cold < 0.86, "seed " + seed + ": C at T = 0.4 " + cold);
            assertTrue(cold - hot > 0.05, "seed " + seed + ": lower at T = 0.55, " + hot + " against " + cold);
        }
    }

    /**
     * Exercise 2 — more instances, smaller error bars: "set {@code INSTANCES_QUICK = 16}. Predict how the error bars
     * of the p-spin correlation curves change." The solution: they shrink by about 2 = √(16/4) (the mean of
     * {@code correlation_se} over the points from about 0.04 to about 0.02, a ratio in [1.4, 2.9]), and the mean
     * curves agree within their error bars.
     */
    @Test
    void fourTimesTheInstancesHalveTheErrorBars() {
        Table four = glass(0.4, 1803, 4);
        Table sixteen = glass(0.4, 1803, 16);
        double ratio = four.doubleColumn("correlation_se").mean() / sixteen.doubleColumn("correlation_se").mean();
        assertEquals(2, ratio, 0.9, "se(4 instances)/se(16 instances)");
        assertTrue(sixteen.doubleColumn("correlation_se").mean() < 0.03, "about 0.02 with 16 instances");
        int within = 0;
        for (int r = 0; r < four.rowCount(); r++) {
            double d = four.doubleColumn("correlation").get(r) - sixteen.doubleColumn("correlation").get(r);
            within += Math.abs(d) < 3 * Math.hypot(four.doubleColumn("correlation_se").get(r),
                    sixteen.doubleColumn("correlation_se").get(r)) ? 1 : 0;
        }
        assertTrue(within > 0.95 * four.rowCount(), within + " of " + four.rowCount() + " points agree within 3 se");
    }
}
