package org.glassy.model;

/**
 * An energy or loss function E: R<sup>n</sup> → R with its gradient, over a flat state vector.
 *
 * <p>Implementations are immutable after construction (couplings, data and sizes are fixed
 * fields), so one instance may be shared by parallel replicas. Methods never modify their input
 * state; the gradient is written into a buffer the caller owns, so the inner loop of a dynamics
 * does not allocate.
 */
public interface Model {

    /**
     * Returns the number of degrees of freedom n, the length of every state vector.
     *
     * @return the dimension n, at least 1
     */
    int dimension();

    /**
     * Returns the energy E(x).
     *
     * @param x the state, of length {@link #dimension()}; not modified
     * @return E(x)
     */
    double energy(double[] x);

    /**
     * Writes the gradient ∇E(x) into {@code gradient} and returns E(x), in one fused pass.
     *
     * @param x the state, of length {@link #dimension()}; not modified
     * @param gradient the output buffer, of length {@link #dimension()}; overwritten
     * @return E(x)
     */
    double energyAndGradient(double[] x, double[] gradient);

    /**
     * Checks that {@code x} has this model's dimension.
     *
     * @param name the parameter name used in the error message
     * @param x the vector to check
     * @throws IllegalArgumentException if the length differs from {@link #dimension()}
     */
    default void checkDimension(String name, double[] x) {
        checkLength(name, x.length);
    }

    /**
     * Checks that a single-precision vector (a float32 gradient) has length {@link #dimension()}.
     *
     * @param name the parameter name used in the error message
     * @param x the vector to check
     * @throws IllegalArgumentException if the length differs from {@link #dimension()}
     */
    default void checkDimension(String name, float[] x) {
        checkLength(name, x.length);
    }

    private void checkLength(String name, int length) {
        if (length != dimension()) {
            throw new IllegalArgumentException(
                    name + " must have length " + dimension() + " (the model's dimension), got " + length);
        }
    }
}
