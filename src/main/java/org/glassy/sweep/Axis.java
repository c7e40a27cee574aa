package org.glassy.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.glassy.internal.Require;

/**
 * One parameter of a sweep and its values, kept as written: {@code 0.3} stays {@code "0.3"}, so a
 * point passes to a command exactly what the user typed and a collected table shows it the same way.
 * Values are strings; {@link Point} reads them as numbers.
 *
 * <p>Factories: a list ({@link #of}, or {@link #parse} of {@code 0.3,0.5,0.7}), an integer range
 * ({@link #range}, {@code 1..8}, both ends included), a log range ({@link #logRange},
 * {@code 10:10000:log4}: 4 values per decade, both ends included, rounded and deduplicated for
 * integer parameters).
 *
 * @param name the parameter's name (for a command: its option without the leading {@code --})
 * @param values the values, as written, at least one, no duplicates
 */
public record Axis(String name, List<String> values) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");
    private static final Pattern LOG = Pattern.compile("([^:]+):([^:]+):log(\\d+)");

    /**
     * Validates the axis.
     *
     * @param name a name of letters, digits, {@code -} and {@code _}, starting with a letter
     * @param values at least one value, no duplicates, none empty
     */
    public Axis {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw Require.invalid("name", "must be letters, digits, - and _, starting with a letter, got '" + name + "'");
        }
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw Require.invalid("values", "must hold at least one value for " + name);
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw Require.invalid("values", "must not repeat a value for " + name + ", got " + values);
        }
        for (String v : values) {
            if (v.isEmpty() || v.contains(",") || v.contains("\n")) {
                throw Require.invalid("values", "must be non-empty and free of commas and line breaks, got '" + v
                        + "' for " + name);
            }
        }
    }

    /**
     * An axis of the given values, printed as Java prints them ({@code 0.5}, {@code 3}) without
     * trailing zeros ({@code 1.0} becomes {@code 1}).
     *
     * @param name the parameter's name
     * @param values numbers or strings
     * @return the axis
     */
    public static Axis of(String name, Object... values) {
        List<String> v = new ArrayList<>();
        for (Object o : values) {
            v.add(format(o));
        }
        return new Axis(name, v);
    }

    /**
     * The integers from {@code from} to {@code to}, both included.
     *
     * @param name the parameter's name
     * @param from the first value
     * @param to the last value, at least {@code from}
     * @return the axis
     */
    public static Axis range(String name, long from, long to) {
        Require.atLeast("to", to, from);
        if (to - from >= 10_000_000) {
            throw Require.invalid("to", "must be less than 10^7 values after from = " + from + ", got " + to);
        }
        List<String> v = new ArrayList<>();
        for (long k = from; k <= to; k++) {
            v.add(Long.toString(k));
        }
        return new Axis(name, v);
    }

    /**
     * Log-spaced values from {@code from} to {@code to}, both included: from·10^(j/perDecade), j = 0, 1,
     * … while below {@code to}, then {@code to}; for an integer parameter rounded, duplicates dropped.
     *
     * @param name the parameter's name
     * @param from the first value, &gt; 0
     * @param to the last value, at least {@code from}
     * @param perDecade values per decade, at least 1
     * @param integer whether the parameter is an integer
     * @return the axis
     */
    public static Axis logRange(String name, double from, double to, int perDecade, boolean integer) {
        Require.positive("from", from);
        Require.positive("to", to);
        if (to < from) {
            throw Require.invalid("to", "must be >= from = " + from + ", got " + to);
        }
        Require.atLeast("perDecade", perDecade, 1);
        LinkedHashSet<String> v = new LinkedHashSet<>();
        long count = (long) Math.floor(Math.log10(to / from) * perDecade + 1e-9);
        if (count > 10_000_000) {
            throw Require.invalid("perDecade", "must give fewer than 10^7 values, got " + count);
        }
        for (long j = 0; j <= count; j++) {
            double x = from * Math.pow(10, (double) j / perDecade);
            if (x >= to * (1 - 1e-12)) {
                break;
            }
            v.add(integer ? Long.toString(Math.round(x)) : format(x));
        }
        v.add(integer ? Long.toString(Math.round(to)) : format(to));
        return new Axis(name, new ArrayList<>(v));
    }

    /**
     * Parses the command line's {@code NAME=VALUES}: a comma list ({@code 0.3,0.5,0.7}), an integer
     * range ({@code 1..8}) or a log range ({@code 10:10000:log4}).
     *
     * @param spec the text after {@code --grid}
     * @param integer whether the parameter is an integer (log ranges are then rounded)
     * @return the axis
     * @throws IllegalArgumentException naming what is malformed
     */
    public static Axis parse(String spec, boolean integer) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw Require.invalid("grid", "must be NAME=VALUES (a list a,b,c, a range 1..8 or a log range "
                    + "10:1000:log4), got '" + spec + "'");
        }
        String name = spec.substring(0, eq);
        String values = spec.substring(eq + 1);
        Matcher range = RANGE.matcher(values);
        if (range.matches()) {
            return range(name, Long.parseLong(range.group(1)), Long.parseLong(range.group(2)));
        }
        Matcher log = LOG.matcher(values);
        if (log.matches()) {
            try {
                return logRange(name, Double.parseDouble(log.group(1)), Double.parseDouble(log.group(2)),
                        Integer.parseInt(log.group(3)), integer);
            } catch (NumberFormatException e) {
                throw Require.invalid("grid", "must be a log range FROM:TO:logK with numbers FROM, TO and K, got '"
                        + values + "'");
            }
        }
        List<String> list = new ArrayList<>();
        for (String v : values.split(",", -1)) {
            list.add(v.strip());
        }
        return new Axis(name, list);
    }

    /**
     * A number as a sweep writes it: the shortest decimal that reads back as the same double, without
     * trailing zeros or exponent ({@code 1.0} → {@code 1}, {@code 1e-4} → {@code 0.0001}).
     *
     * @param value a number or any object (strings are kept)
     * @return the text
     */
    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return Double.toString(d);
            }
            String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            return s.equals("-0") ? "0" : s;
        }
        return String.valueOf(value);
    }

    /** @return the number of values */
    public int size() {
        return values.size();
    }
}
