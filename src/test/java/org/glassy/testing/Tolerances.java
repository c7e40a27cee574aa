package org.glassy.testing;

import static org.junit.jupiter.api.Assertions.fail;

/** Relative comparisons that treat NaN, infinities and zero explicitly (Hipparchus's customAssertRelativelyEquals). */
public final class Tolerances {

    private Tolerances() {
    }

    /**
     * Asserts |actual − expected| ≤ rel·|expected| (or ≤ rel when expected is 0).
     */
    public static void assertRelativelyEquals(double expected, double actual, double rel, String what) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            if (!(Double.isNaN(expected) && Double.isNaN(actual))) {
                fail(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            if (expected != actual) {
                fail(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        double scale = expected == 0 ? 1 : Math.abs(expected);
        double error = Math.abs(actual - expected) / scale;
        if (!(error <= rel)) {
            fail(what + ": expected " + expected + " but was " + actual + " (relative error " + error
                    + " > " + rel + ")");
        }
    }

    public static void assertRelativelyEquals(double expected, double actual, double rel) {
        assertRelativelyEquals(expected, actual, rel, "value");
    }
}
