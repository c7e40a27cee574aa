package org.glassy.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.glassy.internal.Require;

/**
 * The points of a sweep: the Cartesian product of its dimensions, the first varying slowest. A
 * dimension is one {@link Axis}, or several axes of equal length zipped together (their i-th values
 * form one step: {@code n = 32, 64} with {@code time = 100, 400}). Immutable.
 *
 * <pre>{@code
 * Grid grid = Grid.of(Axis.of("temperature", 0.4, 0.7, 1.0), Axis.range("seed", 1, 4));   // 12 points
 * Grid sizes = Grid.zip(Axis.of("n", 32, 64), Axis.of("time", 100, 400)).times(Axis.range("seed", 1, 8));
 * }</pre>
 */
public final class Grid {

    /** One dimension: zipped axes of equal length. */
    private record Dimension(List<Axis> axes) {
        int size() {
            return axes.get(0).size();
        }
    }

    private final List<Dimension> dimensions;

    private Grid(List<Dimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (Dimension d : this.dimensions) {
            for (Axis a : d.axes()) {
                if (!names.add(a.name())) {
                    throw Require.invalid("grid", "must name each parameter once, got " + a.name() + " twice");
                }
            }
        }
        if (size() > 10_000_000) {
            throw Require.invalid("grid", "must have at most 10^7 points, got " + size());
        }
    }

    /**
     * The Cartesian product of axes, the first varying slowest.
     *
     * @param axes the axes, at least one
     * @return the grid
     */
    public static Grid of(Axis... axes) {
        Require.atLeast("axes.length", axes.length, 1);
        List<Dimension> d = new ArrayList<>();
        for (Axis a : axes) {
            d.add(new Dimension(List.of(Objects.requireNonNull(a, "axis"))));
        }
        return new Grid(d);
    }

    /**
     * Axes that vary together: the i-th point takes the i-th value of each.
     *
     * @param axes axes of equal length, at least one
     * @return the grid (one dimension)
     */
    public static Grid zip(Axis... axes) {
        Require.atLeast("axes.length", axes.length, 1);
        for (Axis a : axes) {
            if (a.size() != axes[0].size()) {
                throw Require.invalid("axes", "must have equal lengths to be zipped, got " + axes[0].name() + " with "
                        + axes[0].size() + " and " + a.name() + " with " + a.size());
            }
        }
        return new Grid(List.of(new Dimension(List.copyOf(Arrays.asList(axes)))));
    }

    /**
     * This grid times another axis, which varies fastest.
     *
     * @param axis the new axis
     * @return the product
     */
    public Grid times(Axis axis) {
        return times(Grid.of(axis));
    }

    /**
     * The product of this grid and another, the other varying fastest.
     *
     * @param other the other grid
     * @return the product
     */
    public Grid times(Grid other) {
        List<Dimension> d = new ArrayList<>(dimensions);
        d.addAll(other.dimensions);
        return new Grid(d);
    }

    /** @return the axes, in order (zipped axes one after the other) */
    public List<Axis> axes() {
        List<Axis> all = new ArrayList<>();
        for (Dimension d : dimensions) {
            all.addAll(d.axes());
        }
        return all;
    }

    /** @return the parameter names, in order */
    public List<String> names() {
        return axes().stream().map(Axis::name).toList();
    }

    /** @return the shape: how many axes each dimension zips, e.g. {@code [1, 1]} for a plain product */
    public List<Integer> shape() {
        return dimensions.stream().map(d -> d.axes().size()).toList();
    }

    /** @return the number of points */
    public int size() {
        long n = 1;
        for (Dimension d : dimensions) {
            n *= d.size();
            if (n > Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) n;
    }

    /**
     * Returns a point.
     *
     * @param index in [0, size)
     * @return the point
     */
    public Point point(int index) {
        Require.inRange("index", index, 0, size() - 1);
        int[] position = new int[dimensions.size()];
        int rest = index;
        for (int k = dimensions.size() - 1; k >= 0; k--) {
            position[k] = rest % dimensions.get(k).size();
            rest /= dimensions.get(k).size();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < dimensions.size(); k++) {
            for (Axis a : dimensions.get(k).axes()) {
                values.put(a.name(), a.values().get(position[k]));
            }
        }
        return new Point(index, values);
    }

    /** @return every point, in order */
    public List<Point> points() {
        List<Point> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(point(i));
        }
        return all;
    }

    /**
     * Rebuilds a grid from its axes and shape (as stored in a sweep's manifest).
     *
     * @param axes the axes, in order
     * @param shape how many consecutive axes each dimension zips
     * @return the grid
     */
    public static Grid of(List<Axis> axes, List<Integer> shape) {
        List<Dimension> d = new ArrayList<>();
        int at = 0;
        for (int k : shape) {
            Require.atLeast("shape[i]", k, 1);
            d.add(new Dimension(List.copyOf(axes.subList(at, at + k))));
            at += k;
        }
        if (at != axes.size()) {
            throw Require.invalid("shape", "must cover the " + axes.size() + " axes, got " + shape);
        }
        return new Grid(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && axes().equals(g.axes()) && shape().equals(g.shape());
    }

    @Override
    public int hashCode() {
        return Objects.hash(axes(), shape());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Dimension d : dimensions) {
            b.append(b.length() == 0 ? "" : " × ");
            List<String> parts = new ArrayList<>();
            for (Axis a : d.axes()) {
                parts.add(a.name() + " = " + String.join(",", a.values()));
            }
            b.append(d.axes().size() == 1 ? parts.get(0) : "zip(" + String.join("; ", parts) + ")");
        }
        return b + " (" + size() + " points)";
    }
}
