package org.glassy.study.resnet;

import java.util.SplittableRandom;

import org.glassy.internal.Require;

/**
 * Seeded two-dimensional data sets of the flow study: points (n × 2) with labels ±1.
 *
 * <ul>
 * <li>{@link #moons}: two interleaved half circles, (cos s, sin s) labelled +1 and (1 − cos s, 1/2 − sin s)
 *     labelled −1, s uniform in [0, π], plus isotropic Gaussian noise (the construction of scikit-learn's
 *     {@code make_moons});</li>
 * <li>{@link #circles}: a disc of radius 1/2 labelled −1 inside an annulus 1 ≤ r ≤ 3/2 labelled +1, one point
 *     in four in the disc — the radii and proportions of Dupont, Doucet and Teh's {@code ConcentricSphere} in
 *     2-D (code {@code EmilienDupont/augmented-neural-odes}, {@code config.json}: inner range [0, 0.5], outer
 *     [1.0, 1.5], 500 inner and 1500 outer points), with their radial law r = r₀ + (r₁ − r₀) u^{1/2};</li>
 * <li>{@link #gaussian}: a Gaussian cloud N(m, Σ), the source and targets of the transport problem.</li>
 * </ul>
 *
 * @param points the points, n × 2
 * @param labels the labels ±1 (all +1 for a Gaussian cloud)
 */
public record FlowData(double[][] points, int[] labels) {

    /** Inner disc radius range of the concentric circles (Dupont et al.). */
    public static final double[] INNER_RANGE = {0.0, 0.5};

    /** Outer annulus radius range of the concentric circles (Dupont et al.). */
    public static final double[] OUTER_RANGE = {1.0, 1.5};

    /** Noise standard deviation of the moons. */
    public static final double MOONS_NOISE = 0.1;

    /**
     * Checks the shapes.
     *
     * @param points n × 2
     * @param labels n labels ±1
     */
    public FlowData {
        if (points.length != labels.length) {
            throw Require.invalid("labels", "must have one label per point, got " + labels.length + " for "
                    + points.length);
        }
    }

    /** @return the number of points n */
    public int size() {
        return points.length;
    }

    /**
     * Two moons, half with each label, with noise {@link #MOONS_NOISE}.
     *
     * @param n the number of points, at least 2
     * @param seed the seed
     * @return the data
     */
    public static FlowData moons(int n, long seed) {
        Require.atLeast("samples", n, 2);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = Math.PI * random.nextDouble();
            boolean upper = i % 2 == 0;
            double a = upper ? Math.cos(s) : 1 - Math.cos(s);
            double b = upper ? Math.sin(s) : 0.5 - Math.sin(s);
            x[i] = new double[] {a + MOONS_NOISE * ResidualFlow.gaussian(random),
                b + MOONS_NOISE * ResidualFlow.gaussian(random)};
            y[i] = upper ? 1 : -1;
        }
        return new FlowData(x, y);
    }

    /**
     * Concentric circles: every fourth point in the inner disc (label −1), the others in the annulus (+1).
     *
     * @param n the number of points, at least 2
     * @param seed the seed
     * @return the data
     */
    public static FlowData circles(int n, long seed) {
        Require.atLeast("samples", n, 2);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            boolean inner = i % 4 == 0;
            double[] range = inner ? INNER_RANGE : OUTER_RANGE;
            double r = range[0] + (range[1] - range[0]) * Math.sqrt(random.nextDouble());
            double phi = 2 * Math.PI * random.nextDouble();
            x[i] = new double[] {r * Math.cos(phi), r * Math.sin(phi)};
            y[i] = inner ? -1 : 1;
        }
        return new FlowData(x, y);
    }

    /**
     * A Gaussian cloud N(m, Σ), drawn as m + C ξ with C the Cholesky factor of Σ.
     *
     * @param n the number of points, at least 1
     * @param mean m, length 2
     * @param covariance Σ as {Σxx, Σxy, Σyy}, positive definite
     * @param seed the seed
     * @return the data, labels +1
     */
    public static FlowData gaussian(int n, double[] mean, double[] covariance, long seed) {
        Require.atLeast("samples", n, 1);
        double[] c = cholesky(covariance);
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double u = ResidualFlow.gaussian(random);
            double v = ResidualFlow.gaussian(random);
            x[i] = new double[] {mean[0] + c[0] * u, mean[1] + c[1] * u + c[2] * v};
            y[i] = 1;
        }
        return new FlowData(x, y);
    }

    /** Lower Cholesky factor {c11, c21, c22} of {Σxx, Σxy, Σyy}. */
    static double[] cholesky(double[] s) {
        if (s.length != 3 || !(s[0] > 0) || !(s[0] * s[2] - s[1] * s[1] > 0)) {
            throw Require.invalid("covariance", "must be positive definite {sxx, sxy, syy} (sxx > 0, sxx syy > "
                    + "sxy^2), got " + java.util.Arrays.toString(s));
        }
        double c11 = Math.sqrt(s[0]);
        double c21 = s[1] / c11;
        return new double[] {c11, c21, Math.sqrt(s[2] - c21 * c21)};
    }

    /**
     * The points padded with zeros to dimension D (the augmented state of an augmented flow).
     *
     * @param dimension D ≥ 2
     * @return n × D states
     */
    public double[][] augmented(int dimension) {
        Require.atLeast("dimension", dimension, 2);
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = java.util.Arrays.copyOf(points[i], dimension);
        }
        return out;
    }
}
