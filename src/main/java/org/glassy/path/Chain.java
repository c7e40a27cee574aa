package org.glassy.path;

import java.util.Arrays;
import java.util.Objects;

import org.glassy.core.Space;
import org.glassy.internal.Require;

/**
 * A path between two fixed endpoints as a chain of M ≥ 2 images (pivots) p_0 … p_{M−1} in
 * R<sup>n</sup>, p_0 and p_{M−1} being the endpoints, stored as one flat array of M·n numbers
 * (image i at [i·n, (i+1)·n)). Between images the path is the straight segment; on a constrained
 * space (the sphere of the p-spin) every interpolated point is mapped back onto the space.
 *
 * <p>Each segment carries a target weight w_i (i = 0 … M−2): the string method and AutoNEB keep
 * the segment lengths proportional to the weights (F. Draxler et al., ICML 2018: equal weights,
 * split in proportion when a pivot is inserted inside a segment).
 *
 * <p>Immutable: every operation returns a new chain.
 */
public final class Chain {

    private final int dimension;
    private final double[] coordinates;
    private final double[] weights;

    private Chain(int dimension, double[] coordinates, double[] weights) {
        this.dimension = dimension;
        this.coordinates = coordinates;
        this.weights = weights;
    }

    /**
     * The straight path from {@code start} to {@code end} with M equally spaced images.
     *
     * @param start the first endpoint, not modified
     * @param end the second endpoint, of the same length, not modified
     * @param images M, at least 2 (the endpoints alone)
     * @return the chain, with equal weights
     */
    public static Chain linear(double[] start, double[] end, int images) {
        checkPair(start, end);
        Require.atLeast("images", images, 2);
        int n = start.length;
        double[] c = new double[images * n];
        for (int i = 0; i < images; i++) {
            double s = (double) i / (images - 1);
            for (int j = 0; j < n; j++) {
                c[i * n + j] = (1 - s) * start[j] + s * end[j];
            }
        }
        System.arraycopy(end, 0, c, (images - 1) * n, n);
        double[] w = new double[images - 1];
        Arrays.fill(w, 1.0);
        return new Chain(n, c, w);
    }

    /**
     * The chain through the given images, with equal weights.
     *
     * @param images at least two points of equal length, the endpoints first and last (copied)
     * @return the chain
     */
    public static Chain of(double[]... images) {
        double[] w = new double[Math.max(0, images.length - 1)];
        Arrays.fill(w, 1.0);
        return of(images, w);
    }

    /**
     * The chain through the given images, with the given target weights of its segments.
     *
     * @param images at least two points of equal length, the endpoints first and last (copied)
     * @param weights M − 1 finite positive weights (copied)
     * @return the chain
     */
    public static Chain of(double[][] images, double[] weights) {
        Require.atLeast("images.length", images.length, 2);
        int n = images[0].length;
        Require.atLeast("images[0].length", n, 1);
        if (weights.length != images.length - 1) {
            throw Require.invalid("weights", "must hold images.length − 1 = " + (images.length - 1)
                    + " values, got " + weights.length);
        }
        double[] c = new double[images.length * n];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != n) {
                throw new IllegalArgumentException("images[" + i + "] must have length " + n + ", got "
                        + images[i].length);
            }
            for (int j = 0; j < n; j++) {
                c[i * n + j] = Require.finite("images[" + i + "][" + j + "]", images[i][j]);
            }
        }
        for (int i = 0; i < weights.length; i++) {
            Require.positive("weights[" + i + "]", weights[i]);
        }
        return new Chain(n, c, weights.clone());
    }

    /** Wraps a flat array the caller gives up (package-private: the optimisers' output). */
    static Chain wrap(int dimension, double[] coordinates, double[] weights) {
        return new Chain(dimension, coordinates, weights);
    }

    private static void checkPair(double[] start, double[] end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Require.atLeast("start.length", start.length, 1);
        if (end.length != start.length) {
            throw Require.invalid("end", "must have the length of start, " + start.length + ", got "
                    + end.length);
        }
    }

    /** @return the number of images M, endpoints included */
    public int images() {
        return weights.length + 1;
    }

    /** @return the dimension n of every image */
    public int dimension() {
        return dimension;
    }

    /**
     * Returns a copy of image i.
     *
     * @param i the image, in [0, M)
     * @return a new array of length n
     */
    public double[] image(int i) {
        Require.inRange("i", i, 0, images() - 1);
        return Arrays.copyOfRange(coordinates, i * dimension, (i + 1) * dimension);
    }

    /** @return a copy of the first endpoint */
    public double[] start() {
        return image(0);
    }

    /** @return a copy of the second endpoint */
    public double[] end() {
        return image(images() - 1);
    }

    /** @return a copy of the flat M·n coordinates */
    public double[] coordinates() {
        return coordinates.clone();
    }

    /** @return a copy of the M − 1 target weights of the segments */
    public double[] weights() {
        return weights.clone();
    }

    /** @return the lengths |p_{i+1} − p_i| of the M − 1 segments */
    public double[] segmentLengths() {
        return segmentLengths(coordinates, dimension, images());
    }

    /** @return the length of the polyline, Σ_i |p_{i+1} − p_i| */
    public double length() {
        return Arrays.stream(segmentLengths()).sum();
    }

    /** @return the straight distance |p_{M−1} − p_0| between the endpoints */
    public double endpointDistance() {
        return distance(coordinates, 0, coordinates, (images() - 1) * dimension, dimension);
    }

    /**
     * The same path with its interior images moved along the polyline so that the segment lengths
     * are proportional to the weights (the string method's re-parametrisation), then mapped onto
     * the space.
     *
     * @param space the space of the images (Euclidean, or the sphere of the p-spin)
     * @return the new chain
     */
    public Chain redistributed(Space space) {
        double[] c = coordinates.clone();
        redistribute(c, dimension, weights, 0, images() - 1, space);
        return new Chain(dimension, c, weights.clone());
    }

    /**
     * The chain with a new image inside segment i, at p_i + α (p_{i+1} − p_i) mapped onto the
     * space; the segment's weight is split into α w_i and (1 − α) w_i.
     *
     * @param segment i, in [0, M − 1)
     * @param alpha α, strictly between 0 and 1
     * @param space the space of the images
     * @return the new chain, with M + 1 images
     */
    public Chain withInserted(int segment, double alpha, Space space) {
        Require.inRange("segment", segment, 0, images() - 2);
        if (!(alpha > 0 && alpha < 1)) {
            throw Require.invalid("alpha", "must lie strictly between 0 and 1, got " + alpha);
        }
        int n = dimension;
        double[] c = new double[coordinates.length + n];
        System.arraycopy(coordinates, 0, c, 0, (segment + 1) * n);
        double[] point = new double[n];
        interpolate(coordinates, segment, alpha, n, point);
        space.retract(point);
        System.arraycopy(point, 0, c, (segment + 1) * n, n);
        System.arraycopy(coordinates, (segment + 1) * n, c, (segment + 2) * n, coordinates.length - (segment + 1) * n);
        double[] w = new double[weights.length + 1];
        System.arraycopy(weights, 0, w, 0, segment);
        w[segment] = alpha * weights[segment];
        w[segment + 1] = (1 - alpha) * weights[segment];
        System.arraycopy(weights, segment + 1, w, segment + 2, weights.length - segment - 1);
        return new Chain(n, c, w);
    }

    /**
     * Points along the path, endpoints included: every image, and {@code subdivisions − 1}
     * equally spaced points inside every segment (AutoNEB evaluates 9 sub-points, i.e. 10
     * subdivisions), each but the endpoints (returned exactly) mapped onto the space.
     *
     * @param subdivisions the intervals per segment, at least 1
     * @param space the space of the images
     * @return (M − 1)·subdivisions + 1 new arrays, in order along the path
     */
    public double[][] dense(int subdivisions, Space space) {
        Require.atLeast("subdivisions", subdivisions, 1);
        int segments = images() - 1;
        double[][] points = new double[segments * subdivisions + 1][];
        for (int s = 0; s < segments; s++) {
            for (int k = 0; k < subdivisions; k++) {
                double[] point = new double[dimension];
                interpolate(coordinates, s, (double) k / subdivisions, dimension, point);
                if (s > 0 || k > 0) {
                    space.retract(point);
                }
                points[s * subdivisions + k] = point;
            }
        }
        points[points.length - 1] = end();
        return points;
    }

    // ---- flat-array helpers shared with the optimisers ----

    /** out = p_i + α (p_{i+1} − p_i). */
    static void interpolate(double[] c, int segment, double alpha, int n, double[] out) {
        int a = segment * n;
        int b = a + n;
        for (int j = 0; j < n; j++) {
            out[j] = (1 - alpha) * c[a + j] + alpha * c[b + j];
        }
    }

    static double distance(double[] x, int xOffset, double[] y, int yOffset, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            double d = x[xOffset + j] - y[yOffset + j];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    static double[] segmentLengths(double[] c, int n, int images) {
        double[] d = new double[images - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = distance(c, i * n, c, (i + 1) * n, n);
        }
        return d;
    }

    /**
     * Moves images from+1 … to−1 along the polyline from image {@code from} to image {@code to} so
     * that their spacing follows weights[from..to), then retracts them (F. Draxler's
     * {@code distribute_by_weights}; with a climbing image it is called on each side of it).
     */
    static void redistribute(double[] c, int n, double[] weights, int from, int to, Space space) {
        if (to - from < 2) {
            return;
        }
        double[] source = Arrays.copyOfRange(c, from * n, (to + 1) * n);
        int count = to - from + 1;
        double[] lengths = segmentLengths(source, n, count);
        double total = Arrays.stream(lengths).sum();
        if (!(total > 0)) {
            return;
        }
        double weightSum = 0;
        for (int i = from; i < to; i++) {
            weightSum += weights[i];
        }
        double[] point = new double[n];
        double target = 0;
        int segment = 0;
        double segmentStart = 0;
        for (int i = 1; i < count - 1; i++) {
            target += weights[from + i - 1] / weightSum * total;
            while (segment < count - 2 && target > segmentStart + lengths[segment]) {
                segmentStart += lengths[segment];
                segment++;
            }
            double alpha = lengths[segment] > 0 ? (target - segmentStart) / lengths[segment] : 0;
            interpolate(source, segment, Math.min(1, Math.max(0, alpha)), n, point);
            space.retract(point);
            System.arraycopy(point, 0, c, (from + i) * n, n);
        }
    }

    @Override
    public String toString() {
        return "Chain[" + images() + " images in R^" + dimension + "]";
    }
}
