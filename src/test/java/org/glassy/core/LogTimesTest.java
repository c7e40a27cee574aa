package org.glassy.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTimesTest {

    @Test
    void sortedDistinctWithZeroAndLast() {
        long[] steps = LogTimes.between(1, 1000, 3);
        assertArrayEquals(new long[] {0, 1, 2, 5, 10, 22, 46, 100, 215, 464, 1000}, steps);
    }

    @Test
    void lastIsIncludedEvenOffTheGrid() {
        long[] steps = LogTimes.upTo(777, 2);
        assertEquals(0, steps[0]);
        assertEquals(777, steps[steps.length - 1]);
        for (int i = 1; i < steps.length; i++) {
            assertTrue(steps[i] > steps[i - 1]);
        }
    }

    @Test
    void denseGridDeduplicatesSmallSteps() {
        long[] steps = LogTimes.between(1, 100, 50);
        // 101 points would round to repeated integers below ~20; every integer 0..20 appears once
        for (int i = 0; i <= 20; i++) {
            assertEquals(i, steps[i]);
        }
        assertEquals(100, steps[steps.length - 1]);
    }

    @Test
    void pointsPerDecadeAreLogSpaced() {
        long[] steps = LogTimes.between(1000, 1_000_000, 10);
        // 3 decades × 10 per decade + 1 points, plus step 0
        assertEquals(32, steps.length);
        for (int i = 2; i < steps.length; i++) {
            assertEquals(Math.pow(10, 0.1), (double) steps[i] / steps[i - 1], 2e-3);
        }
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogTimes.between(0, 10, 3))
                .getMessage().startsWith("first must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogTimes.between(5, 4, 3))
                .getMessage().startsWith("last must be >= 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogTimes.between(1, 4, 0))
                .getMessage().startsWith("perDecade must be >= 1"));
    }
}
