package org.glassy.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.glassy.core.SplitMix64;
import org.glassy.internal.Require;

/**
 * One point of a {@link Grid}: a value for every parameter, as written, in the grid's order. A point
 * is its own identity: results are filed under {@link #key()}, built from its values, never from its
 * position, so extending a grid never changes a finished point.
 *
 * @param index the point's position in its grid (first parameter slowest)
 * @param values parameter → value as written, in the grid's order
 */
public record Point(int index, Map<String, String> values) {

    /**
     * Copies the values, keeping their order.
     *
     * @param index the position, at least 0
     * @param values the values
     */
    public Point {
        Require.atLeast("index", index, 0);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return the parameter names, in the grid's order */
    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    /**
     * Returns a value as written.
     *
     * @param name the parameter
     * @return the text
     * @throws IllegalArgumentException if the point has no such parameter
     */
    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw Require.invalid("name", "must be one of the sweep's parameters " + values.keySet() + ", got '" + name
                    + "'");
        }
        return v;
    }

    /**
     * @param name the parameter
     * @return its value as an int
     */
    public int intValue(String name) {
        return Integer.parseInt(get(name));
    }

    /**
     * @param name the parameter
     * @return its value as a long (a seed)
     */
    public long longValue(String name) {
        return Long.parseLong(get(name));
    }

    /**
     * @param name the parameter
     * @return its value as a double
     */
    public double doubleValue(String name) {
        return Double.parseDouble(get(name));
    }

    /**
     * The point's file name in a sweep directory: its values joined, characters outside
     * {@code [A-Za-z0-9._-]} percent-encoded, e.g. {@code temperature=0.4,seed=1} →
     * {@code temperature=0.4_seed=1}; very long keys end in a hash of the full text.
     *
     * @return the key
     */
    public String key() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (b.length() > 0) {
                b.append('_');
            }
            b.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        if (b.length() > 180) {
            String full = b.toString();
            return full.substring(0, 150) + "~" + Integer.toHexString(full.hashCode()) + Integer.toHexString(
                    new StringBuilder(full).reverse().toString().hashCode());
        }
        return b.length() == 0 ? "point" : b.toString();
    }

    /**
     * A seed for this point's random draws, made from a base seed and the point's names and values
     * as written (a 64-bit FNV-1a hash of {@code name=value;} for each, mixed with the base by one
     * SplitMix64 step): each point of a grid draws its own stream, the same whatever runs it, and
     * independent of its position, so extending a grid never changes a finished point. For a task
     * whose seed is not one of the grid's values, e.g. the instances of a disorder average:
     * {@code new PSpinSpherical(3, n, point.seed(SEED))} on a grid {@code n × instance}.
     *
     * @param base the sweep's seed
     * @return the point's seed
     */
    public long seed(long base) {
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : values.entrySet()) {
            for (byte b : (e.getKey() + "=" + e.getValue() + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
        }
        return new SplitMix64(base ^ h).nextLong();
    }

    private static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
        return b.toString();
    }
}
