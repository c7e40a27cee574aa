package org.glassy.cli;

import java.nio.file.Path;
import java.time.Duration;

import org.glassy.dynamics.CheckpointPolicy;

import picocli.CommandLine.Option;

/** {@code --checkpoint FILE} and {@code --checkpoint-every SECONDS}, shared by the long-running commands. */
final class CheckpointOptions {

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "write a checkpoint to FILE every --checkpoint-every seconds, on interrupt and at the end; "
                    + "if FILE exists, resume from it (the output is that of an uninterrupted run)")
    Path file;

    @Option(names = "--checkpoint-every", paramLabel = "SECONDS", defaultValue = "300",
            description = "seconds between checkpoints, > 0 (default: ${DEFAULT-VALUE})")
    double every;

    /**
     * The policy, or null without {@code --checkpoint}.
     *
     * @param tag what identifies the run (its parameters), checked on resume
     */
    CheckpointPolicy policy(String tag) {
        if (!(every > 0) || !Double.isFinite(every) || every > 1e9) {
            throw new IllegalArgumentException("--checkpoint-every must be > 0 and at most 1e9 seconds, got " + every);
        }
        if (file == null) {
            return null;
        }
        return new CheckpointPolicy(file, Duration.ofMillis(Math.max(1, Math.round(every * 1000))), tag);
    }
}
