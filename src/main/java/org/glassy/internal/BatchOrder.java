package org.glassy.internal;

import java.util.random.RandomGenerator;

/**
 * The order in which mini-batches visit a training set: consecutive slices of a random permutation
 * of the P examples, drawn anew (Fisher–Yates, from the caller's generator) whenever the next slice
 * would run past the end; the P mod B examples left at the end of an epoch are skipped. Shared by
 * mini-batch SGD and the path optimisers. Internal: not part of the public API.
 */
public final class BatchOrder {

    private final int examples;
    private final int size;
    private final int[] permutation;
    private int position;
    private boolean started;

    /**
     * Creates the order; the first call of {@link #next} shuffles.
     *
     * @param examples P, at least 1
     * @param size the batch size B, in [1, P]
     */
    public BatchOrder(int examples, int size) {
        this.examples = Require.atLeast("examples", examples, 1);
        this.size = Require.inRange("batchSize", size, 1, examples);
        this.permutation = new int[examples];
    }

    /** @return the number of examples P */
    public int examples() {
        return examples;
    }

    /**
     * Moves to the next batch: its examples are {@code permutation()[from .. from + B)}.
     *
     * @param random the generator of the shuffles
     * @return from, the batch's first position in the permutation
     */
    public int next(RandomGenerator random) {
        if (!started || position + size > examples) {
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
            started = true;
        }
        int from = position;
        position += size;
        return from;
    }

    /** @return the current permutation (not a copy: read only, valid until the next shuffle) */
    public int[] permutation() {
        return permutation;
    }
}
