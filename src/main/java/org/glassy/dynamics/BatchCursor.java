package org.glassy.dynamics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.random.RandomGenerator;

import org.glassy.internal.Require;

/**
 * Where a run is in its mini-batch order: consecutive slices of B examples of a random permutation
 * of the P training examples, the permutation drawn anew (Fisher–Yates, from the run's generator)
 * whenever the next slice would run past the end; the P mod B examples left at the end of an epoch
 * are skipped, as by PyTorch's {@code DataLoader(shuffle=True, drop_last=True)}. Part of the state of
 * every mini-batch rule.
 *
 * @serial exclude (checkpoints are tied to one version of the library)
 * @param permutation the current order of the examples (updated in place when an epoch starts)
 * @param size the batch size B
 * @param from the position of the current batch in the permutation; −1 before the first batch
 */
public record BatchCursor(int[] permutation, int size, int from) implements Serializable {

    /**
     * Validates the cursor.
     *
     * @param permutation the order of the P ≥ 1 examples
     * @param size B, in [1, P]
     * @param from −1, or the start of the current batch with from + B ≤ P
     */
    public BatchCursor {
        Require.inRange("batchSize", size, 1, permutation.length);
        Require.inRange("from", from, -1, permutation.length - size);
    }

    /**
     * The cursor before the first batch of a run.
     *
     * @param examples P, at least 1
     * @param size B, in [1, P]
     * @return the cursor; its first {@link #next} shuffles
     */
    public static BatchCursor start(int examples, int size) {
        Require.atLeast("examples", examples, 1);
        if (size > examples) {
            throw Require.invalid("batchSize", "must be <= the number of training examples " + examples
                    + ", got " + size);
        }
        return new BatchCursor(new int[examples], size, -1);
    }

    /**
     * Moves to the next batch, reshuffling when an epoch ends.
     *
     * @param random the run's generator
     * @return the cursor on the next batch: examples {@code permutation()[from .. from + size)}
     */
    public BatchCursor next(RandomGenerator random) {
        int examples = permutation.length;
        int start = from + size;
        if (from < 0 || start + size > examples) {
            for (int i = 0; i < examples; i++) {
                permutation[i] = i;
            }
            for (int i = examples - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
            start = 0;
        }
        return new BatchCursor(permutation, size, start);
    }

    /** @return the index one past the current batch, from + size */
    public int to() {
        return from + size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchCursor c && size == c.size && from == c.from
                && Arrays.equals(permutation, c.permutation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(permutation) + size) + from;
    }

    @Override
    public String toString() {
        return "BatchCursor[P=" + permutation.length + ", B=" + size + ", from=" + from + "]";
    }
}
