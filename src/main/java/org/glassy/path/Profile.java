package org.glassy.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.glassy.core.Space;
import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Measures evaluated densely along a path, <b>endpoints included</b> (the linear interpolation of
 * the loss-landscapes library starts after its first point and so misses an endpoint).
 *
 * <p>The position of a point is t ∈ [0, 1], its arc length along the dense polyline over the
 * total length: t = 0 and t = 1 are the endpoints, and on a straight path t is the interpolation
 * parameter.
 *
 * <pre>{@code
 * Profile p = Profile.along(chain, 10, Space.euclidean(), Measure.of("train_loss", model));
 * Barrier b = p.barrier("train_loss");
 * Table t = p.table();   // t, train_loss
 * }</pre>
 */
public final class Profile {

    private final double[] t;
    private final List<String> names;
    private final double[][] values;
    private final double length;
    private final double endpointDistance;

    private Profile(double[] t, List<String> names, double[][] values, double length, double endpointDistance) {
        this.t = t;
        this.names = names;
        this.values = values;
        this.length = length;
        this.endpointDistance = endpointDistance;
    }

    /**
     * Evaluates measures at every image and at {@code subdivisions − 1} interpolated points inside
     * every segment of a chain (mapped onto the space).
     *
     * @param chain the path
     * @param subdivisions intervals per segment, at least 1 (AutoNEB: 10, i.e. 9 sub-points)
     * @param space the space of the path's points
     * @param measures what to evaluate, at least one, with distinct names
     * @return the profile
     */
    public static Profile along(Chain chain, int subdivisions, Space space, Measure... measures) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(space, "space");
        return of(chain.dense(subdivisions, space), measures);
    }

    /**
     * Evaluates measures at the given points, in order along a path from the first to the last.
     *
     * @param points at least two points of equal length
     * @param measures what to evaluate, at least one, with distinct names
     * @return the profile
     */
    public static Profile of(double[][] points, Measure... measures) {
        Require.atLeast("points.length", points.length, 2);
        Require.atLeast("measures.length", measures.length, 1);
        List<String> names = new ArrayList<>();
        for (Measure m : measures) {
            if (names.contains(m.name())) {
                throw Require.invalid("measures", "must have distinct names, got '" + m.name() + "' twice");
            }
            names.add(m.name());
        }
        int n = points[0].length;
        double[] cumulative = new double[points.length];
        for (int i = 1; i < points.length; i++) {
            cumulative[i] = cumulative[i - 1] + Chain.distance(points[i - 1], 0, points[i], 0, n);
        }
        double length = cumulative[points.length - 1];
        double[] t = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            t[i] = length > 0 ? cumulative[i] / length : (double) i / (points.length - 1);
        }
        t[points.length - 1] = 1;
        double[][] values = new double[measures.length][points.length];
        for (int i = 0; i < points.length; i++) {
            for (int m = 0; m < measures.length; m++) {
                values[m][i] = measures[m].at(points[i]);
            }
        }
        double distance = Chain.distance(points[0], 0, points[points.length - 1], 0, n);
        return new Profile(t, List.copyOf(names), values, length, distance);
    }

    /** @return a copy of the positions t, from 0 to 1 */
    public double[] positions() {
        return t.clone();
    }

    /** @return the measures' names, in column order */
    public List<String> names() {
        return names;
    }

    /**
     * Returns the values of one measure.
     *
     * @param name a measure's name
     * @return a copy of its values at the positions
     */
    public double[] values(String name) {
        return values[index(name)].clone();
    }

    /** @return the length of the dense polyline */
    public double length() {
        return length;
    }

    /** @return the straight distance between the endpoints */
    public double endpointDistance() {
        return endpointDistance;
    }

    /** @return length / endpoint distance (1 for a straight path; NaN if the endpoints coincide) */
    public double relativeLength() {
        return endpointDistance > 0 ? length / endpointDistance : Double.NaN;
    }

    /**
     * The barrier of one measure along this path.
     *
     * @param name a measure's name
     * @return its barrier, with this path's relative length
     */
    public Barrier barrier(String name) {
        return Barrier.of(t, values[index(name)], relativeLength());
    }

    /** @return a table with columns {@code t} and one per measure, one row per point */
    public Table table() {
        Table table = Table.create("profile", DoubleColumn.create("t", t.clone()));
        for (int m = 0; m < names.size(); m++) {
            table.addColumns(DoubleColumn.create(names.get(m), values[m].clone()));
        }
        return table;
    }

    private int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw Require.invalid("name", "must be one of the measures " + names + ", got '" + name + "'");
        }
        return i;
    }

    @Override
    public String toString() {
        return "Profile[" + t.length + " points, " + names + ", relative length " + relativeLength() + "]";
    }

    /** For {@link AutoNeb}: the values of the first measure. */
    double[] firstValues() {
        return values[0];
    }
}
