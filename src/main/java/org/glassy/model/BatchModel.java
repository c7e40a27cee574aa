package org.glassy.model;

/**
 * A loss over a fixed set of training examples, E(x) = (1/P) Σ_μ ℓ_μ(x), that can also be
 * evaluated on a mini-batch: the models of stochastic gradient descent.
 *
 * <p>{@link #energy} and {@link #energyAndGradient} are the full-batch loss; the batch method is
 * the mean over the chosen examples, whose gradient is the unbiased SGD estimate.
 */
public interface BatchModel extends Model {

    /**
     * Returns the number of training examples P.
     *
     * @return P, at least 1
     */
    int exampleCount();

    /**
     * Writes the gradient of the mean loss over examples {@code indices[from..to)} into
     * {@code gradient} and returns that mean loss.
     *
     * @param x the parameters, of length {@link #dimension()}; not modified
     * @param indices example indices in [0, P)
     * @param from the first position in {@code indices}
     * @param to one past the last position, greater than {@code from}
     * @param gradient the output buffer, of length {@link #dimension()}; overwritten
     * @return the mean loss over the batch
     */
    double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] gradient);

    /**
     * Returns the number of parts over which a step rule may split its elementwise update of the parameters (on
     * the threads of {@code internal.Parallel}): a model whose own passes run on several threads lets the
     * update, a memory-bound pass, use them too. The parts write disjoint entries, so the result does not depend
     * on their number.
     *
     * @return at least 1; 1 unless the model overrides it
     */
    default int updateParts() {
        return 1;
    }

    /**
     * Whether {@link #batchEnergyAndFloatGradient} is supported: the model's backward pass runs in single
     * precision (an {@link Mlp} in {@link Precision#FLOAT32}).
     *
     * @return false unless the model overrides it
     */
    default boolean hasFloatGradient() {
        return false;
    }

    /**
     * Writes the batch gradient as the single-precision backward pass computed it, without the widening to
     * float64 that {@link #batchEnergyAndGradient} ends with; widened, its entries equal that method's exactly.
     * A step rule that reads the float32 gradient once (the heavy-ball update of {@code MiniBatchSgd}) saves
     * writing and reading 8 bytes per parameter per step: about 0.4 ms of a 5–6 ms step of a 784-1000-10
     * network (docs/benchmarks.md, issue 22).
     *
     * @param x the parameters, of length {@link #dimension()}; not modified
     * @param indices example indices in [0, P)
     * @param from the first position in {@code indices}
     * @param to one past the last position, greater than {@code from}
     * @param gradient the output buffer, of length {@link #dimension()}; overwritten
     * @return the mean loss over the batch
     * @throws UnsupportedOperationException unless {@link #hasFloatGradient()}
     */
    default double batchEnergyAndFloatGradient(double[] x, int[] indices, int from, int to, float[] gradient) {
        throw new UnsupportedOperationException(this + " has no single-precision gradient");
    }

    /**
     * Checks a batch's bounds.
     *
     * @param indices example indices
     * @param from the first position
     * @param to one past the last position
     * @throws IllegalArgumentException unless 0 ≤ from &lt; to ≤ indices.length
     */
    default void checkBatch(int[] indices, int from, int to) {
        if (from < 0 || to > indices.length || to <= from) {
            throw new IllegalArgumentException("from and to must satisfy 0 <= from < to <= " + indices.length
                    + ", got " + from + ", " + to);
        }
    }
}
