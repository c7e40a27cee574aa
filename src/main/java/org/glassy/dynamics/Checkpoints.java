package org.glassy.dynamics;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.glassy.core.SplitMix64;
import org.glassy.internal.Require;

/**
 * Checkpoint files of {@link Dynamics}: Java serialisation of plain records (the step count, the
 * generator, the rule's state, the handlers' data), written to a temporary file, forced to disk
 * and renamed over the previous checkpoint, so an interrupt or a full disk never leaves a
 * half-written checkpoint. Reading accepts only Glassy's own classes, strings, boxed numbers and
 * arrays.
 */
final class Checkpoints {

    /** What a checkpoint holds. */
    record Checkpoint(String identity, long step, SplitMix64 random, RunState state, Serializable[] handlers)
            implements Serializable {
    }

    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=32;org.glassy.**;java.io.Serializable;java.lang.String;java.lang.Number;java.lang.Long;java.lang.Double;"
                    + "java.lang.Integer;java.lang.Boolean;java.lang.Enum;java.lang.Record;!*");

    private Checkpoints() {
    }

    static void write(Path file, Checkpoint checkpoint) {
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw Require.invalid("checkpoint", "must be a regular file, got " + file);
        }
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel);
                 ObjectOutputStream objects = new ObjectOutputStream(new java.io.BufferedOutputStream(out, 1 << 16))) {
                objects.writeObject(checkpoint);
                objects.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    static Checkpoint read(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
             ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(FILTER);
            return (Checkpoint) objects.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is not a Glassy checkpoint of this version ("
                    + e.getMessage() + "); delete it to start afresh", e);
        }
    }
}
