package org.glassy.path;

import java.util.random.RandomGenerator;

import org.glassy.internal.BatchOrder;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;

/**
 * Mini-batches for the path optimisers, in the order {@link org.glassy.dynamics.MiniBatchSgd}
 * draws them ({@link BatchOrder}). Batch size 0 means the full training set (exact gradients).
 */
final class Batches {

    private final BatchModel model;
    private final int size;
    private final BatchOrder order;
    private int from;

    private Batches(BatchModel model, int size) {
        this.model = model;
        this.size = size;
        this.order = new BatchOrder(model.exampleCount(), size);
    }

    /** Null for full-batch gradients, else a batch source of the given size. */
    static Batches of(Model model, int size) {
        if (size == 0) {
            return null;
        }
        if (!(model instanceof BatchModel batchModel)) {
            throw new IllegalArgumentException("batchSize must be 0 (full gradients) for a model that is not a loss "
                    + "over training examples, got " + size + " for " + model);
        }
        Require.inRange("batchSize", size, 1, batchModel.exampleCount());
        return new Batches(batchModel, size);
    }

    /** Moves to the next batch. */
    void next(RandomGenerator random) {
        from = order.next(random);
    }

    /** The current batch's mean loss at x, its gradient into {@code gradient}. */
    double energyAndGradient(double[] x, double[] gradient) {
        return model.batchEnergyAndGradient(x, order.permutation(), from, from + size, gradient);
    }
}
