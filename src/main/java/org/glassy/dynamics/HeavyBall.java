package org.glassy.dynamics;

/**
 * The heavy-ball momentum update in PyTorch's convention ({@code torch.optim.SGD}, dampening 0,
 * no Nesterov), shared by every momentum method (mini-batch SGD, the nudged elastic band, the
 * Bézier-curve fit):
 *
 * <pre>
 *   v ← μ v + g,    x ← x − η v.
 * </pre>
 *
 * <p>With μ = 0 it is plain gradient descent x ← x − η g. B. T. Polyak, USSR Comput. Math. Math.
 * Phys. 4, 1 (1964).
 */
public final class HeavyBall {

    private HeavyBall() {
    }

    /**
     * Applies the update to the entries [offset, offset + length) of x, v and g (the same indices in
     * all three, so a band of images updates its interior in one call).
     *
     * @param momentum μ in [0, 1)
     * @param rate η
     * @param velocity v, updated
     * @param gradient g, not modified
     * @param x the position, updated
     * @param offset the first entry
     * @param length the number of entries
     */
    public static void update(double momentum, double rate, double[] velocity, double[] gradient, double[] x,
                              int offset, int length) {
        for (int j = offset; j < offset + length; j++) {
            velocity[j] = momentum * velocity[j] + gradient[j];
            x[j] -= rate * velocity[j];
        }
    }

    /**
     * The same update with a single-precision gradient, widened exactly as it is read: the same numbers as
     * widening g into a float64 array first, without writing and reading that array ({@code
     * BatchModel.batchEnergyAndFloatGradient}).
     *
     * @param momentum μ in [0, 1)
     * @param rate η
     * @param velocity v, updated
     * @param gradient g in float32, not modified
     * @param x the position, updated
     * @param offset the first entry
     * @param length the number of entries
     */
    public static void update(double momentum, double rate, double[] velocity, float[] gradient, double[] x,
                              int offset, int length) {
        for (int j = offset; j < offset + length; j++) {
            velocity[j] = momentum * velocity[j] + gradient[j];
            x[j] -= rate * velocity[j];
        }
    }
}
