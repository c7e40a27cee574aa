package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;

/**
 * Where an optimiser's gradient comes from: the whole model ({@link #full()}, exact gradients of
 * any {@link Model}) or mini-batches of a loss over training examples ({@link #miniBatches}, only
 * for a {@link BatchModel}: the type parameter lets the compiler pair them). The batch order is
 * part of the run's state ({@link BatchCursor}); the source itself is an immutable description.
 *
 * @param <M> the models this source can differentiate
 */
public sealed interface GradientSource<M extends Model> permits GradientSource.Full, GradientSource.MiniBatches {

    /**
     * Exact gradients of the whole energy.
     *
     * @return the source
     */
    static GradientSource<Model> full() {
        return Full.INSTANCE;
    }

    /**
     * Mini-batch gradients: the mean loss over B examples, batches in the order of
     * {@link BatchCursor}.
     *
     * @param size B, at least 1 (and at most the number of training examples of the model run)
     * @return the source
     */
    static GradientSource<BatchModel> miniBatches(int size) {
        return new MiniBatches(size);
    }

    /**
     * The cursor a run starts with.
     *
     * @param model the model of the run
     * @return the cursor before the first batch, or null for exact gradients
     */
    BatchCursor start(M model);

    /**
     * Moves to the next batch (a no-op drawing nothing for exact gradients).
     *
     * @param cursor the current cursor (null for exact gradients)
     * @param random the run's generator
     * @return the next cursor
     */
    BatchCursor next(BatchCursor cursor, RandomGenerator random);

    /**
     * Evaluates the loss of the current batch (or the energy) and its gradient.
     *
     * @param model the model
     * @param x the point, not modified
     * @param cursor the current batch (null for exact gradients)
     * @param gradient overwritten with the gradient
     * @return the loss of the batch (the energy for exact gradients)
     */
    double energyAndGradient(M model, double[] x, BatchCursor cursor, double[] gradient);

    /** @return the batch size B, or 0 for exact gradients */
    int batchSize();

    /** Exact gradients. */
    final class Full implements GradientSource<Model> {

        static final Full INSTANCE = new Full();

        private Full() {
        }

        @Override
        public BatchCursor start(Model model) {
            return null;
        }

        @Override
        public BatchCursor next(BatchCursor cursor, RandomGenerator random) {
            return null;
        }

        @Override
        public double energyAndGradient(Model model, double[] x, BatchCursor cursor, double[] gradient) {
            return model.energyAndGradient(x, gradient);
        }

        @Override
        public int batchSize() {
            return 0;
        }

        @Override
        public String toString() {
            return "full";
        }
    }

    /**
     * Mini-batches of B examples.
     *
     * @param size B, at least 1
     */
    record MiniBatches(int size) implements GradientSource<BatchModel> {

        /**
         * Validates the batch size.
         *
         * @param size B, at least 1
         */
        public MiniBatches {
            if (size < 1) {
                throw Require.invalid("batchSize", "must be >= 1, got " + size);
            }
        }

        @Override
        public BatchCursor start(BatchModel model) {
            return BatchCursor.start(model.exampleCount(), size);
        }

        @Override
        public BatchCursor next(BatchCursor cursor, RandomGenerator random) {
            return cursor.next(random);
        }

        @Override
        public double energyAndGradient(BatchModel model, double[] x, BatchCursor cursor, double[] gradient) {
            return model.batchEnergyAndGradient(x, cursor.permutation(), cursor.from(), cursor.to(), gradient);
        }

        @Override
        public int batchSize() {
            return size;
        }

        @Override
        public String toString() {
            return "batches of " + size;
        }
    }
}
