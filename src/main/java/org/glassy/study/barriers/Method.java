package org.glassy.study.barriers;

import java.util.Locale;

import org.glassy.internal.Require;

/**
 * How two minima are joined, in {@link NetworkBarriers} and {@link PSpinBarriers}.
 */
public enum Method {
    /** The straight segment (on the sphere: its projection, an arc of great circle). */
    LINEAR,
    /** AutoNEB with Draxler et al.'s schedule (steps scaled by the effort). */
    AUTONEB,
    /** A quadratic Bézier curve with one trained bend (Garipov et al.). */
    BEZIER;

    /** Points of the dense evaluation of the straight path and of the Bézier curve (Garipov et al.: 61). */
    public static final int CURVE_POINTS = 61;

    /**
     * Parses {@code linear}, {@code autoneb} or {@code bezier}.
     *
     * @param name the name, case-insensitive
     * @return the method
     */
    public static Method parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "linear" -> LINEAR;
            case "autoneb" -> AUTONEB;
            case "bezier" -> BEZIER;
            default -> throw Require.invalid("method", "must be linear, autoneb or bezier, got '" + name + "'");
        };
    }

    /** @return the lower-case name used in tables and on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
