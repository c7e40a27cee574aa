package org.glassy.internal;

/**
 * Parameter checks whose messages name the parameter, its allowed range and the offending value,
 * e.g. {@code "temperature must be >= 0, got -0.1"}, thrown as {@link InvalidParameterException}
 * so that front ends can name their own options. The one validation helper of the library.
 * Internal: not part of the public API.
 */
public final class Require {

    private Require() {
    }

    /**
     * Requires a finite value strictly greater than zero.
     *
     * @param name the parameter name
     * @param value the value
     * @return the value
     */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidParameterException(name, "must be > 0 and finite, got " + value);
        }
        return value;
    }

    /**
     * Requires a finite value greater than or equal to zero.
     *
     * @param name the parameter name
     * @param value the value
     * @return the value
     */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidParameterException(name, "must be >= 0 and finite, got " + value);
        }
        return value;
    }

    /**
     * Requires a finite value.
     *
     * @param name the parameter name
     * @param value the value
     * @return the value
     */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(name, "must be finite, got " + value);
        }
        return value;
    }

    /**
     * Requires an integer of at least {@code min}.
     *
     * @param name the parameter name
     * @param value the value
     * @param min the smallest allowed value
     * @return the value
     */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new InvalidParameterException(name, "must be >= " + min + ", got " + value);
        }
        return value;
    }

    /**
     * Requires an integer of at least {@code min}.
     *
     * @param name the parameter name
     * @param value the value
     * @param min the smallest allowed value
     * @return the value
     */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new InvalidParameterException(name, "must be >= " + min + ", got " + value);
        }
        return value;
    }

    /**
     * Requires an integer in the closed range [{@code min}, {@code max}], e.g.
     * {@code "count must lie in [1, 100], got 0"}.
     *
     * @param name the parameter name
     * @param value the value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value
     */
    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidParameterException(name, "must lie in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /**
     * Requires a value in [0, 1), the range of a momentum or of Adam's decay rates, e.g.
     * {@code "momentum must lie in [0, 1), got 1.0"}.
     *
     * @param name the parameter name
     * @param value the value
     * @return the value
     */
    public static double unitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidParameterException(name, "must lie in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * Requires a value strictly greater than 1 and finite, e.g. a growth factor.
     *
     * @param name the parameter name
     * @param value the value
     * @return the value
     */
    public static double aboveOne(String name, double value) {
        if (!(value > 1) || !Double.isFinite(value)) {
            throw new InvalidParameterException(name, "must be > 1 and finite, got " + value);
        }
        return value;
    }

    /**
     * Requires a value strictly between 0 and 1, e.g. a shrink factor.
     *
     * @param name the parameter name
     * @param value the value
     * @return the value
     */
    public static double openUnitInterval(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new InvalidParameterException(name, "must lie in (0, 1), got " + value);
        }
        return value;
    }

    /**
     * The exception for a parameter that fails a check of its own, e.g.
     * {@code throw Require.invalid("samples", "must be a multiple of 10, got " + samples)}.
     *
     * @param name the parameter name
     * @param reason what is wrong, starting with "must" or "is"
     * @return the exception, to throw
     */
    public static InvalidParameterException invalid(String name, String reason) {
        return new InvalidParameterException(name, reason);
    }

    /**
     * Requires that a builder was given a value for a parameter that has no default.
     *
     * @param <T> the parameter's type
     * @param name the parameter name
     * @param value the value given, or null if none was
     * @return the value
     * @throws IllegalStateException if none was given, e.g. {@code "samples must be set"}
     */
    public static <T> T given(String name, T value) {
        if (value == null) {
            throw new IllegalStateException(name + " must be set");
        }
        return value;
    }
}
