package org.glassy.internal;

import java.util.Locale;

/**
 * The up-front checks of what a run will need, so that a run too large for this JVM or for a lifetime stops
 * before it allocates or computes anything, with a message naming the parameter responsible, the estimate and
 * the limit, thrown as {@link InvalidParameterException} (a front end names its own option):
 * <ul>
 * <li>memory: the estimate (couplings, images, states, copies of the state, data sets) against the heap limit
 *     {@link Runtime#maxMemory()} (the JVM's {@code -Xmx}; {@code bin/glassy} passes {@code GLASSY_JVM_OPTS}
 *     to the JVM, e.g. {@code GLASSY_JVM_OPTS=-Xmx16g});</li>
 * <li>array lengths: a Java array holds fewer than 2³¹ elements ({@link #MAX_ARRAY_LENGTH}) whatever the heap,
 *     so for instance the C(N, 3) couplings of a p-spin limit N to 2345;</li>
 * <li>work: the estimated number of elementary operations (multiply–adds, events, evaluations) against
 *     {@link #MAX_OPERATIONS}, about twelve days of one core at 10⁹ operations per second, so that a run that
 *     would go on for years is refused instead of starting silently.</li>
 * </ul>
 * Estimates are documented beside what allocates or iterates (e.g. {@code PSpinSpherical.bytes(p, n)}); they
 * are lower bounds of the dominant terms, not exact accounts. The one helper for these checks. Internal: not
 * part of the public API.
 */
public final class Resources {

    /** The largest length of a Java array on common JVMs, 2³¹ − 9 (a few header words below 2³¹ − 1). */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8L;

    /** The largest estimated number of elementary operations of one run: 10¹⁵, about 12 days at 10⁹ per second. */
    public static final double MAX_OPERATIONS = 1e15;

    /** The nominal speed used to turn operations into a duration in messages: 10⁹ operations per second. */
    static final double OPERATIONS_PER_SECOND = 1e9;

    private Resources() {
    }

    /**
     * Requires that an estimated amount of memory fits in the heap, e.g. {@code "n needs about 16.0 GB (couplings
     * C(2000, 3) = 1.33e+09 doubles), more than the heap limit of 3.9 GB: raise the JVM's -Xmx (bin/glassy:
     * GLASSY_JVM_OPTS=-Xmx20g)"}.
     *
     * @param parameter the parameter that sets the size, e.g. {@code n}
     * @param bytes the estimated bytes, at least 0 (may exceed {@link Long#MAX_VALUE}: a double)
     * @param what what the memory holds, for the message, e.g. {@code "couplings C(2000, 3) = 1.33e+09 doubles"}
     * @return the estimate
     * @throws InvalidParameterException naming the parameter if the estimate exceeds the heap limit
     */
    public static double requireMemory(String parameter, double bytes, String what) {
        long heap = Runtime.getRuntime().maxMemory();
        if (!(bytes <= heap)) {
            long suggestion = (long) Math.ceil(Math.min(bytes, 1e15) * 1.25 / (1L << 30)) + 1;
            throw Require.invalid(parameter, "needs about " + size(bytes) + " (" + what + "), more than the heap limit "
                    + "of " + size(heap) + ": raise the JVM's -Xmx (bin/glassy: GLASSY_JVM_OPTS=-Xmx" + suggestion
                    + "g)");
        }
        return bytes;
    }

    /**
     * Requires that an array of the given length can exist at all in Java, whatever the heap.
     *
     * @param parameter the parameter that sets the length, e.g. {@code n}
     * @param length the length, at least 0 (a double, so that overflowing products are caught)
     * @param what what the array holds, for the message
     * @return the length, now known to fit an int
     * @throws InvalidParameterException naming the parameter if the length exceeds {@link #MAX_ARRAY_LENGTH}
     */
    public static int requireArrayLength(String parameter, double length, String what) {
        if (!(length <= MAX_ARRAY_LENGTH)) {
            throw Require.invalid(parameter, "must be small enough that the " + String.format(Locale.ROOT, "%.3g", length)
                    + " " + what + " fit in one Java array (at most " + MAX_ARRAY_LENGTH + " elements, whatever the heap)");
        }
        return (int) length;
    }

    /**
     * Requires that the estimated work of a run is below {@link #MAX_OPERATIONS}, e.g. {@code "time asks for about
     * 1.3e+19 operations (1e+13 steps of 1.3e+06 multiply-adds), about 410000 years at 1e9 per second, above the
     * bound of 1e15 (about 12 days): shorten the run"}.
     *
     * @param parameter the parameter that sets the length of the run, e.g. {@code time}
     * @param operations the estimated number of elementary operations (a double: products may be huge)
     * @param what how the estimate is made, for the message
     * @return the estimate
     * @throws InvalidParameterException naming the parameter if the estimate exceeds the bound (or is NaN)
     */
    public static double requireWork(String parameter, double operations, String what) {
        if (!(operations <= MAX_OPERATIONS)) {
            throw Require.invalid(parameter, "asks for about " + String.format(Locale.ROOT, "%.2g", operations)
                    + " operations (" + what + "), " + duration(operations / OPERATIONS_PER_SECOND)
                    + " at 1e9 per second, above the bound of 1e15 operations (about 12 days): shorten the run");
        }
        return operations;
    }

    /**
     * A count or a size for messages, three significant digits: {@code 1.33e+09}, {@code 200}.
     *
     * @param value the number
     * @return the formatted number
     */
    public static String count(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** A size in bytes for people: {@code 512 MB}, {@code 3.9 GB}, {@code 1.2e+03 TB}. */
    static String size(double bytes) {
        double gb = bytes / (1L << 30);
        if (gb < 1) {
            return String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / (1L << 20)));
        }
        return gb < 1024 ? String.format(Locale.ROOT, "%.1f GB", gb) : String.format(Locale.ROOT, "%.3g TB", gb / 1024);
    }

    /** A duration in seconds for people: {@code about 3 hours}, {@code about 4.1e+05 years}. */
    static String duration(double seconds) {
        if (seconds < 3600 * 48) {
            return String.format(Locale.ROOT, "about %.0f hours", Math.max(1, seconds / 3600));
        }
        double days = seconds / 86400;
        return days < 730 ? String.format(Locale.ROOT, "about %.0f days", days)
                : String.format(Locale.ROOT, "about %.2g years", days / 365.25);
    }
}
