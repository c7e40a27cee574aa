package org.glassy.core;

/**
 * Where a state lives and how it may move: the constraint of a dynamics, kept apart from the model
 * (jax-md's {@code shift_fn}).
 *
 * <p>A step rule proposes a displacement, projects it with {@link #tangent} and applies it; the
 * space then maps the result back onto itself with {@link #retract}. Spaces are immutable and hold
 * no state: one instance serves any number of runs at once.
 */
public interface Space {

    /**
     * Projects a displacement or gradient {@code v} onto the tangent space at {@code x}, in place.
     *
     * @param x the point, not modified
     * @param v the vector to project, overwritten
     */
    void tangent(double[] x, double[] v);

    /**
     * Maps {@code x} back onto the space, in place (a no-op for the Euclidean space).
     *
     * @param x the state, overwritten
     */
    void retract(double[] x);

    /**
     * Checks that {@code x} lies in the space, within rounding.
     *
     * @param x the state
     * @throws IllegalArgumentException naming {@code x0} and the violated constraint
     */
    void checkContains(double[] x);

    /**
     * Returns the Euclidean space R<sup>n</sup>: unconstrained.
     *
     * @return the Euclidean space
     */
    static Space euclidean() {
        return Euclidean.INSTANCE;
    }

    /**
     * Returns the sphere |x|² = N, N being the state's length: the spherical p-spin constraint.
     *
     * @return the sphere of radius √N
     */
    static Space sphere() {
        return Sphere.INSTANCE;
    }

    /**
     * Returns the product of copies of a space, for chains of images stored in one flat array: the
     * space of a path (nudged elastic band, string method).
     *
     * @param factor the space of one image
     * @param imageDimension n, the dimension of one image, at least 1
     * @return the product space
     */
    static ProductSpace power(Space factor, int imageDimension) {
        return new ProductSpace(factor, imageDimension);
    }
}
