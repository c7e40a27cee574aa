package org.glassy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A write to an output failed: the disk is full, the file system went away, or standard output is a pipe whose
 * reader has gone ({@code | head}). The run stops at once; {@link Glassy} exits with status 1 and one line
 * naming the output, or quietly with 141 (128 + SIGPIPE, as Unix tools do) for a closed pipe on standard output.
 */
final class OutputException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /** What the output is, e.g. {@code --out results.csv} or {@code standard output}. */
    private final String output;

    /** Whether the output is standard output and its reader has gone (EPIPE). */
    private final boolean closedPipe;

    /**
     * Creates the exception.
     *
     * @param output the option and file, or {@code standard output}
     * @param closedPipe whether standard output's reader has gone
     * @param cause the failed write
     */
    OutputException(String output, boolean closedPipe, IOException cause) {
        super("cannot write " + output + ": " + reason(cause), cause);
        this.output = output;
        this.closedPipe = closedPipe;
    }

    /** @return the option and file, or {@code standard output} */
    String output() {
        return output;
    }

    /** @return whether standard output's reader has gone (the run ends quietly, exit 141) */
    boolean closedPipe() {
        return closedPipe;
    }

    /** The system's reason without the exception class, e.g. {@code No space left on device}. */
    static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * Whether a failed write to standard output means that its reader has gone. The JVM ignores SIGPIPE, so the
     * write fails with EPIPE, which Java reports as an {@link IOException} saying "Broken pipe" (the only trace
     * of the errno Java keeps).
     */
    static boolean isBrokenPipe(IOException e) {
        String message = e.getMessage();
        return message != null && message.contains("Broken pipe");
    }
}
