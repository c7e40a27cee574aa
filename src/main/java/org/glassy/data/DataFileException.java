package org.glassy.data;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A data file that cannot be used: missing, unreadable, truncated, damaged (its checksum is not the published
 * data's), or not what its name says (wrong magic number, image size, counts or labels); or a setting that names
 * where the files are (an empty {@code GLASSY_FASHION_MNIST}) that cannot be followed. The message says all: it
 * names the file or the setting, what is wrong and, where there is one, the remedy; it is meant to be shown as is,
 * without the class name.
 */
public final class DataFileException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /**
     * A fault found by reading the file's content (no underlying I/O error).
     *
     * @param message the complete message, naming the file
     */
    public DataFileException(String message) {
        super(message, new IOException(message));
    }

    /**
     * A fault from an I/O error.
     *
     * @param message the complete message, naming the file
     * @param cause the I/O error
     */
    public DataFileException(String message, IOException cause) {
        super(message, cause);
    }
}
