package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.theory.CugliandoloKurchan;
import org.glassy.theory.SpikedThreshold;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The "Try it" exercises of notebook 08 (spiked matrix–tensor model): the dynamical mean-field equations the
 * notebook integrates ({@link CugliandoloKurchan#solve(CugliandoloKurchan.Parameters, CugliandoloKurchan.Signal,
 * org.glassy.core.ProgressListener)}, {@link SpikedThreshold#halfTime}) at p = 3, Δp = 1, Heun step DT = 0.1, up
 * to the QUICK final time CURVE_TIME_QUICK = 20, with each exercise's change. The DMFT is deterministic (no seed);
 * the finite-N curves of the notebook scatter around it, which the solutions say.
 */
class Notebook08ExercisesTest {

    private static final double CURVE_TIME = 20;
    private static final double DT = 0.1;

    private static Table dmft(double inverseDelta2, double startOverlap) {
        return CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(3, 0, CURVE_TIME).step(DT).build(),
                new CugliandoloKurchan.Signal(inverseDelta2, 1, startOverlap), null);
    }

    private static double last(Table t, String column) {
        return t.doubleColumn(column).get(t.rowCount() - 1);
    }

    private static double halfTime(double inverseDelta2, double startOverlap) {
        return CugliandoloKurchan.passageTime(CugliandoloKurchan.Parameters.builder(3, 0, CURVE_TIME).step(DT).build(),
                new CugliandoloKurchan.Signal(inverseDelta2, 1, startOverlap), SpikedThreshold.HALF, null);
    }

    /**
     * Exercise 1 — "set {@code START_OVERLAP = 0.02}: when does the DMFT overlap at 1/Δ2 = 3 reach 1/2, and where
     * does it end?" Solution: t_{1/2} ≈ 3.3 instead of 0.45 (about ln 10 / 0.8 later), the same end state m = 0.855,
     * e = −2.342 by t ≈ 10.
     */
    @Test
    void aTenTimesSmallerStartOverlapDelaysButDoesNotChangeTheSignalState() {
        double slow = halfTime(3, 0.02);
        double fast = halfTime(3, 0.2);
        assertTrue(slow > 3.0 && slow < 3.6, "t_1/2 from m(0) = 0.02: " + slow);
        assertTrue(fast > 0.35 && fast < 0.55, "t_1/2 from m(0) = 0.2: " + fast);
        Table small = dmft(3, 0.02);
        Table large = dmft(3, 0.2);
        assertEquals(0.855, last(small, "overlap"), 0.003);
        assertEquals(-2.342, last(small, "energy"), 0.003);
        assertEquals(last(large, "overlap"), last(small, "overlap"), 1e-3, "the same signal state");
        double atTen = small.where(small.doubleColumn("time").isEqualTo(10.0)).doubleColumn("overlap").get(0);
        assertTrue(atTen > 0.75, "close to the end state by t = 10: " + atTen);
    }

    /**
     * Exercise 2 — "set {@code CURVE_POINTS = {3.0, 1.8}}: below the line 1/Δ2 = 2, does gradient flow from
     * m(0) = 0.2 find the signal?" Solution: yes, the DMFT m reaches 1/2 at t ≈ 1.05 and settles at 0.756,
     * e = −1.754; from m(0) = 0.02 it is still at 0.38 at t = 20.
     */
    @Test
    void belowTheLineAFiniteStartOverlapStillFindsTheSignal() {
        assertEquals(2, SpikedThreshold.inverseDelta2(3, 1), 1e-12, "the line at p = 3, Δp = 1");
        Table t = dmft(1.8, 0.2);
        assertEquals(0.756, last(t, "overlap"), 0.005);
        assertEquals(-1.754, last(t, "energy"), 0.005);
        double half = halfTime(1.8, 0.2);
        assertTrue(half > 0.9 && half < 1.2, "t_1/2: " + half);
        Table informed = dmft(1.8, 0.02);
        assertEquals(Double.POSITIVE_INFINITY, halfTime(1.8, 0.02), "from m(0) = 0.02 not within t = 20");
        assertTrue(last(informed, "overlap") > 0.3 && last(informed, "overlap") < 0.45,
                "m(20) from 0.02: " + last(informed, "overlap"));
        assertTrue(last(dmft(0.6, 0.2), "overlap") < 0.2, "the notebook's 1/Δ2 = 0.6 decays from 0.2");
    }

    /**
     * Exercise 3 — "set {@code LANGEVIN_POINT = 2.2}: how much longer does the flow need to find the signal from
     * m(0) = 10⁻⁸?" Solution: t_{1/2} ≈ 433 at T = 0 (141 at 1/Δ2 = 2.5), ≈ 377 at T = 0.1: about three times
     * longer, the divergence at the line.
     */
    @Test
    void closerToTheLineTheHalfTimeTriples() {
        double zero = SpikedThreshold.halfTime(CugliandoloKurchan.Parameters.builder(3, 0, 4000).step(DT).build(),
                2.2, 1, 1e-8, null);
        double warm = SpikedThreshold.halfTime(CugliandoloKurchan.Parameters.builder(3, 0.1, 4000).step(DT).build(),
                2.2, 1, 1e-8, null);
        assertTrue(zero > 400 && zero < 470, "T = 0: " + zero);
        assertTrue(warm > 340 && warm < zero, "T = 0.1 slightly faster: " + warm);
        assertTrue(zero / 141.1 > 2.5 && zero / 141.1 < 3.5, "about three times the notebook's 141 at 2.5");
    }
}
