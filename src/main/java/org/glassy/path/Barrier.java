package org.glassy.path;

import org.glassy.internal.Require;

/**
 * The barrier of one measure along a path, from its values at densely spaced points, endpoints
 * included.
 *
 * <ul>
 *   <li>{@code height} = max_t E(t) − max(E(0), E(1)): how far the path climbs above the higher
 *       endpoint (F. Draxler et al., ICML 2018 report the saddle max_t E(t) itself; this is it
 *       relative to the minima). Zero when the maximum is at an endpoint.
 *   <li>{@code aboveLinear} = max_t [E(t) − ((1 − t) E(0) + t E(1))]: the height above the
 *       straight line between the endpoint values (the "instability" of J. Frankle et al.,
 *       ICML 2020 and the barrier of R. Entezari et al., ICLR 2022).
 *   <li>{@code relativeLength}: the path's length over the straight distance between its
 *       endpoints (C. D. Freeman and J. Bruna's normalised geodesic length, ICLR 2017): 1 for a
 *       straight path.
 * </ul>
 *
 * @param start E(0)
 * @param end E(1)
 * @param saddle max_t E(t)
 * @param saddlePosition the t of the maximum, in [0, 1]
 * @param height saddle − max(start, end), ≥ 0
 * @param aboveLinear max_t [E(t) − ((1 − t) E(0) + t E(1))], ≥ 0
 * @param relativeLength path length / endpoint distance, ≥ 1 up to rounding
 */
public record Barrier(double start, double end, double saddle, double saddlePosition, double height,
                      double aboveLinear, double relativeLength) {

    /**
     * Computes the barrier from values along a path.
     *
     * @param t the positions along the path, from 0 to 1, increasing; at least two
     * @param values E at those positions, finite
     * @param relativeLength the path's length over its endpoint distance
     * @return the barrier
     */
    public static Barrier of(double[] t, double[] values, double relativeLength) {
        if (t.length != values.length || t.length < 2) {
            throw new IllegalArgumentException("t and values must have the same length, at least 2, got "
                    + t.length + " and " + values.length);
        }
        int last = t.length - 1;
        double start = values[0];
        double end = values[last];
        double saddle = Double.NEGATIVE_INFINITY;
        double position = 0;
        double aboveLinear = 0;
        for (int i = 0; i <= last; i++) {
            double v = Require.finite("values[" + i + "]", values[i]);
            if (v > saddle) {
                saddle = v;
                position = t[i];
            }
            aboveLinear = Math.max(aboveLinear, v - ((1 - t[i]) * start + t[i] * end));
        }
        return new Barrier(start, end, saddle, position, saddle - Math.max(start, end), aboveLinear, relativeLength);
    }
}
