package org.glassy.core;

import java.util.Objects;

import org.glassy.internal.Require;

/**
 * The product of M copies of one space, for a chain (path) of M images of dimension n stored as
 * one flat array of M·n numbers, image i at [i·n, (i+1)·n): each image lives in the factor space
 * on its own (on the sphere, each image has |x_i|² = n). The state of the nudged elastic band and
 * of the string method.
 *
 * <p>Immutable.
 */
public final class ProductSpace implements Space {

    private final Space factor;
    private final int imageDimension;

    ProductSpace(Space factor, int imageDimension) {
        this.factor = Objects.requireNonNull(factor, "factor");
        this.imageDimension = Require.atLeast("imageDimension", imageDimension, 1);
    }

    /** @return the space of one image */
    public Space factor() {
        return factor;
    }

    /** @return n, the dimension of one image */
    public int imageDimension() {
        return imageDimension;
    }

    /**
     * Returns the number of images of a flat chain.
     *
     * @param x the chain
     * @return M = x.length / n
     * @throws IllegalArgumentException if the length is not a positive multiple of n
     */
    public int images(double[] x) {
        if (x.length == 0 || x.length % imageDimension != 0) {
            throw new IllegalArgumentException("a chain must hold a positive multiple of the image dimension "
                    + imageDimension + " numbers, got " + x.length);
        }
        return x.length / imageDimension;
    }

    @Override
    public void tangent(double[] x, double[] v) {
        tangent(x, v, 0, images(x));
    }

    @Override
    public void retract(double[] x) {
        retract(x, 0, images(x));
    }

    @Override
    public void checkContains(double[] x) {
        int m = images(x);
        double[] image = new double[imageDimension];
        for (int i = 0; i < m; i++) {
            System.arraycopy(x, i * imageDimension, image, 0, imageDimension);
            try {
                factor.checkContains(image);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("image " + i + " of the chain: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Projects the images [from, to) of {@code v} on the tangent spaces at the same images of
     * {@code x}, in place.
     *
     * @param x the chain, not modified
     * @param v the vectors to project, one per image, overwritten in [from, to)
     * @param from the first image
     * @param to one past the last image
     */
    public void tangent(double[] x, double[] v, int from, int to) {
        int n = imageDimension;
        double[] image = new double[n];
        double[] vector = new double[n];
        for (int i = from; i < to; i++) {
            System.arraycopy(x, i * n, image, 0, n);
            System.arraycopy(v, i * n, vector, 0, n);
            factor.tangent(image, vector);
            System.arraycopy(vector, 0, v, i * n, n);
        }
    }

    /**
     * Maps the images [from, to) back onto the factor space, in place; the others are left alone (the
     * fixed endpoints of a path).
     *
     * @param x the chain, overwritten in [from, to)
     * @param from the first image
     * @param to one past the last image
     */
    public void retract(double[] x, int from, int to) {
        int n = imageDimension;
        double[] image = new double[n];
        for (int i = from; i < to; i++) {
            System.arraycopy(x, i * n, image, 0, n);
            factor.retract(image);
            System.arraycopy(image, 0, x, i * n, n);
        }
    }

    @Override
    public String toString() {
        return factor + "^M (images of dimension " + imageDimension + ")";
    }
}
