package org.glassy.dynamics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.glassy.internal.Require;

/**
 * Where and how often a run writes its checkpoint ({@link Dynamics#checkpoint}): a study function
 * that accepts one hands it to its run loop; null means no checkpoints.
 *
 * @param file the checkpoint file; a run resumes from it when it exists
 * @param every the wall-clock interval between checkpoints, positive
 * @param tag what else identifies the run (e.g. its parameters), checked on resume
 */
public record CheckpointPolicy(Path file, Duration every, String tag) {

    /** The default interval between checkpoints: five minutes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    /**
     * Validates the policy.
     *
     * @param file the file
     * @param every the interval, positive
     * @param tag the identity tag
     */
    public CheckpointPolicy {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tag, "tag");
        if (every == null || every.isNegative() || every.isZero()) {
            throw Require.invalid("every", "must be a positive duration, got " + every);
        }
    }

    /**
     * Configures a run with this policy (a no-op for null).
     *
     * @param policy the policy, or null for none
     * @param dynamics the run
     * @param <M> the model type
     * @param <S> the state type
     * @return the run
     */
    public static <M extends org.glassy.model.Model, S extends RunState> Dynamics<M, S> apply(CheckpointPolicy policy,
                                                                                        Dynamics<M, S> dynamics) {
        return policy == null ? dynamics : dynamics.checkpoint(policy.file(), policy.every(), policy.tag());
    }
}
