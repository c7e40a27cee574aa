package org.glassy.path;

import java.util.random.RandomGenerator;

import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;

/**
 * Mini-batches for the path optimisers, drawn as {@link org.glassy.dynamics.MiniBatchSgd} draws
 * them: consecutive slices of a random permutation of the training set, reshuffled every epoch.
 * Batch size 0 means the full training set (exact gradients).
 */
final class Batches {

    private final BatchModel model;
    private final int size;
    private int[] permutation;
    private int position;

    private Batches(BatchModel model, int size) {
        this.model = model;
        this.size = size;
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
        int examples = model.exampleCount();
        if (permutation == null || position + 2 * size > examples) {
            if (permutation == null) {
                permutation = new int[examples];
            }
            for (int i = 0; i < examples; i++) {
                permutation[i] = i;
            }
            for (int i = examples - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            position = 0;
        } else {
            position += size;
        }
    }

    /** The current batch's mean loss at x, its gradient into {@code gradient}. */
    double energyAndGradient(double[] x, double[] gradient) {
        return model.batchEnergyAndGradient(x, permutation, position, position + size, gradient);
    }
}
