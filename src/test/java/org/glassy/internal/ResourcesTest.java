package org.glassy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The up-front checks: heap, array length and work, each naming the parameter, the estimate and the limit. */
class ResourcesTest {

    @Test
    void memoryUpToTheHeapPassesAndBeyondIsRejectedWithEstimateHeapAndHowToRaiseIt() {
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(heap, Resources.requireMemory("n", heap, "everything"), 0);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Resources.requireMemory("n", 4.0 * heap, "couplings"));
        assertEquals("n", e.parameter());
        assertTrue(e.reason().startsWith("needs about " + Resources.size(4.0 * heap) + " (couplings), more than the "
                + "heap limit of " + Resources.size(heap) + ": raise the JVM's -Xmx (bin/glassy: GLASSY_JVM_OPTS=-Xmx"),
                e.reason());
        assertThrows(InvalidParameterException.class, () -> Resources.requireMemory("n", Double.NaN, "NaN"));
    }

    @Test
    void arraysHoldFewerThanTwoToThe31Elements() {
        assertEquals(Integer.MAX_VALUE - 8, Resources.requireArrayLength("n", Resources.MAX_ARRAY_LENGTH, "x"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Resources.requireArrayLength("n", Resources.MAX_ARRAY_LENGTH + 1.0, "couplings"));
        assertEquals("must be small enough that the 2.15e+09 couplings fit in one Java array (at most 2147483639 "
                + "elements, whatever the heap)", e.reason());
    }

    @Test
    void workUpToTheBoundPassesAndBeyondIsRejectedWithTheEstimateInYears() {
        assertEquals(1e15, Resources.requireWork("time", 1e15, "x"), 0);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Resources.requireWork("time", 3.2e18, "1e13 steps"));
        assertEquals("time", e.parameter());
        assertEquals("asks for about 3.2e+18 operations (1e13 steps), about 1.0e+02 years at 1e9 per second, above "
                + "the bound of 1e15 operations (about 12 days): shorten the run", e.reason());
    }

    @Test
    void sizesDurationsAndCountsForPeople() {
        assertEquals("512 MB", Resources.size(512.0 * (1 << 20)));
        assertEquals("9.9 GB", Resources.size(8.0 * 1331334000));
        assertEquals("about 3 hours", Resources.duration(3 * 3600));
        assertEquals("about 100 days", Resources.duration(100 * 86400));
        assertEquals("200", Resources.count(200));
        assertEquals("1.33e+09", Resources.count(1331334000));
    }
}
