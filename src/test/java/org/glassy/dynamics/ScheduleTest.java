package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void constantStepDecayAndPiecewise() {
        assertEquals(0.3, Schedule.constant(0.3).at(123_456), 0);
        Schedule decay = Schedule.stepDecay(1.0, 0.1, 100);
        assertEquals(1.0, decay.at(0), 0);
        assertEquals(1.0, decay.at(99), 0);
        assertEquals(0.1, decay.at(100), 1e-16);
        assertEquals(0.01, decay.at(250), 1e-17);
        Schedule cycles = Schedule.piecewise(new long[] {1000, 3000, 4000}, new double[] {0.1, 0.01, 0.001});
        assertEquals(0.1, cycles.at(0), 0);
        assertEquals(0.1, cycles.at(999), 0);
        assertEquals(0.01, cycles.at(1000), 0);
        assertEquals(0.01, cycles.at(2999), 0);
        assertEquals(0.001, cycles.at(3000), 0);
        assertEquals(0.001, cycles.at(10_000), 0, "the last value after the last end");
    }

    @Test
    void garipovRampIsFlatThenLinearThenOnePercent() {
        Schedule s = Schedule.garipov(2.0, 100);
        assertEquals(2.0, s.at(50), 0);
        assertEquals(2.0 * (1 - 0.99 * 0.2 / 0.4), s.at(70), 1e-15);
        assertEquals(0.02, s.at(90), 1e-15);
        assertEquals(0.02, s.at(100), 0);
    }

    @Test
    void autoNebCyclesAreOnePiecePerCycle() {
        Schedule s = org.glassy.path.AutoNeb.draxler(1).learningRate();
        assertEquals(0.1, s.at(0), 0);
        assertEquals(0.1, s.at(7999), 0, "1000 + 3·1000 + 2·2000 steps at 0.1");
        assertEquals(0.01, s.at(8000), 0);
        assertEquals(0.001, s.at(12_000), 0);
        assertEquals(0.001, s.at(15_999), 0);
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.stepDecay(1, 1.5, 10)).getMessage()
                .startsWith("factor must lie in (0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Schedule.piecewise(new long[] {10, 5}, new double[] {1, 1})).getMessage().startsWith("ends[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Schedule.constant(0)).getMessage()
                .startsWith("learningRate must be > 0"));
    }
}
