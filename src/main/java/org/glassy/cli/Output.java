package org.glassy.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * One output of a command, standard output or a file named by an option, written so that nothing is lost or
 * silently half-written:
 * <ul>
 * <li>every write is checked: a write error (a full disk) throws an {@link OutputException} naming the output,
 *     and a closed standard-output pipe ({@code | head}) one that ends the run quietly;</li>
 * <li>{@link Mode#STREAMED} outputs are written in place, each row flushed as soon as it is final, so an
 *     interrupt keeps every finished row; the file is truncated only when the first row (with the header) is
 *     written, after every check, every other output's lock and whatever the run does before its first row
 *     (loading data), so a run that fails or is interrupted before its first row leaves an existing file as it
 *     was;</li>
 * <li>{@link Mode#AT_END} outputs (rows that exist only at the end, such as averages over samples) are written
 *     to {@code FILE.partial} and renamed to FILE once complete, so an existing FILE is replaced only by a
 *     complete one; an interrupt leaves {@code FILE.partial};</li>
 * <li>a regular file is locked while it is written ({@link FileLock} on the file written, FILE or
 *     {@code FILE.partial}), so a second run writing the same file stops before it starts;</li>
 * <li>a file that exists but is not a regular file ({@code /dev/null}, {@code /dev/full}, a named pipe) is
 *     written directly, never truncated or renamed onto (as root, a rename over {@code /dev/null} would replace
 *     the device), without lock or sidecar;</li>
 * <li>a regular file gets a provenance sidecar {@code FILE.json} ({@link Provenance}).</li>
 * </ul>
 * Writes go through {@link FileOutputStream}s, which an interrupt of the thread does not close (file channels
 * would).
 */
final class Output {

    /** How an output is written. */
    enum Mode {
        /** In place, each row flushed as soon as it is final. */
        STREAMED,
        /** To {@code FILE.partial}, renamed to FILE when the run succeeds. */
        AT_END
    }

    /**
     * Where standard output goes: {@link System#out} by default (in-process runs, tests); {@link Glassy#main}
     * replaces it by the process's file descriptor 1, whose errors (EPIPE, ENOSPC) reach the run.
     */
    private static volatile OutputStream standardOutput = System.out;

    private final String option;
    private final Path file;
    private final Mode mode;
    private final Provenance provenance;
    /** The real path of FILE (null for standard output). */
    private final Path destination;
    /** Whether the destination is (or will be) a regular file: partial, lock and sidecar apply. */
    private final boolean regular;
    /** The file the bytes go to: the destination, or {@code destination.partial} for {@link Mode#AT_END}. */
    private final Path target;
    private RandomAccessFile file0;
    private FileLock lock;
    private boolean created;
    private OutputStream out;
    private long rows;
    private String pendingHeader;
    private boolean started;
    private boolean closed;

    private Output(String option, Path file, Mode mode, Provenance provenance, Path destination, boolean regular,
                   Path target) {
        this.option = option;
        this.file = file;
        this.mode = mode;
        this.provenance = provenance;
        this.destination = destination;
        this.regular = regular;
        this.target = target;
    }

    /**
     * Sets where standard output goes (the CLI's entry point, or a test capturing it).
     *
     * @param stream the stream
     */
    static void standardOutput(OutputStream stream) {
        standardOutput = stream;
    }

    /**
     * Opens an output: standard output if {@code file} is null; else, for a regular file (or one to be
     * created), locks the file written, without truncating anything yet.
     *
     * @param option the option that named the file, e.g. {@code --out}
     * @param file the file, or null for standard output
     * @param mode how rows are written
     * @param provenance what the sidecar records
     * @return the output
     * @throws IllegalArgumentException naming the option if another run is writing the file
     * @throws OutputException if the file cannot be opened
     */
    static Output open(String option, Path file, Mode mode, Provenance provenance) {
        if (file == null) {
            Output o = new Output(option, null, mode, provenance, null, false, null);
            o.out = new BufferedOutputStream(standardOutput, 1 << 16);
            return o;
        }
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Path destination = Files.exists(absolute) ? absolute.toRealPath() : absolute;
            boolean regular = !Files.exists(destination) || Files.isRegularFile(destination);
            if (!regular) {
                Output o = new Output(option, file, mode, provenance, destination, false, destination);
                // append: opening does not truncate (a device or a pipe has nothing to truncate anyway)
                o.out = new BufferedOutputStream(new FileOutputStream(destination.toFile(), true), 1 << 16);
                return o;
            }
            Path target = mode == Mode.AT_END ? destination.resolveSibling(destination.getFileName() + ".partial")
                    : destination;
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                throw new IllegalArgumentException(option + " " + file + ": " + target + " exists and is not a regular "
                        + "file; remove it or choose another file");
            }
            Output o = new Output(option, file, mode, provenance, destination, true, target);
            o.lock();
            if (mode == Mode.AT_END) {
                o.start();   // FILE.partial is this run's own: empty it now, FILE stays as it is until the end
            }
            return o;
        } catch (IOException e) {
            throw new OutputException(option + " " + file, false, e);
        }
    }

    private void lock() throws IOException {
        created = !Files.exists(target);
        file0 = new RandomAccessFile(target.toFile(), "rw");
        boolean interrupted = Thread.interrupted();   // a channel refuses to lock while the interrupt flag is set
        try {
            lock = file0.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // held by this JVM: another run in-process
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();   // the run sees the interrupt at its first step
            }
        }
        if (lock == null) {
            file0.close();
            throw new IllegalArgumentException(option + " " + file + " is being written by another run (" + target
                    + " is locked): wait for it to finish or choose another file");
        }
    }

    /** @return what this output is for messages: {@code --out results.csv} or {@code standard output} */
    String describe() {
        return file == null ? "standard output" : option + " " + file;
    }

    /** @return the data rows written so far */
    long rows() {
        return rows;
    }

    /**
     * Writes the header line (not counted as a row): at once if the output has started, else with the first row
     * (or at the end), so that a run stopped before its first row leaves an existing file as it was.
     *
     * @param line the line, without its end
     */
    void header(String line) {
        if (started) {
            write(line, false);
        } else {
            pendingHeader = line;
        }
    }

    /**
     * Writes a data row; a streamed output flushes it at once.
     *
     * @param line the line, without its end
     * @throws OutputException if the write fails
     */
    void row(String line) {
        write(line, true);
    }

    private void write(String line, boolean dataRow) {
        try {
            start();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            if (mode == Mode.STREAMED) {
                out.flush();
                checkStandardOutput();
            }
        } catch (IOException e) {
            throw failure(e);
        }
        if (dataRow) {
            rows++;
        }
    }

    /**
     * The first write: truncate what the output replaces, say in the sidecar that the file grows, write the header
     * if it is waiting.
     */
    private void start() throws IOException {
        if (started) {
            return;
        }
        started = true;
        if (regular) {
            file0.setLength(0);
            out = new BufferedOutputStream(new FileOutputStream(file0.getFD()), 1 << 16);
            if (mode == Mode.STREAMED) {
                provenance.write(sidecar(destination), option, destination, "running", 0, null, null);
            }
        }
        if (pendingHeader != null) {
            out.write((pendingHeader + "\n").getBytes(StandardCharsets.UTF_8));
            pendingHeader = null;
        }
    }

    private OutputException failure(IOException e) {
        return new OutputException(describe(), file == null && OutputException.isBrokenPipe(e), e);
    }

    /** {@link System#out} swallows errors: ask it. */
    private void checkStandardOutput() throws IOException {
        if (file == null && standardOutput instanceof PrintStream print && print.checkError()) {
            throw new IOException("write error");
        }
    }

    /**
     * The run succeeded: flush and sync, rename {@code FILE.partial} to FILE, write the sidecar, release the lock.
     *
     * @throws OutputException if a write fails
     */
    void commit() {
        if (closed) {
            return;
        }
        try {
            start();
            out.flush();
            checkStandardOutput();
            if (regular) {
                file0.getFD().sync();
                if (mode == Mode.AT_END) {
                    if (Files.exists(destination) && !Files.isRegularFile(destination)) {
                        throw new IOException(destination + " is no longer a regular file; the output stays in " + target);
                    }
                    Files.move(target, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                provenance.write(sidecar(destination), option, destination, "complete", rows, Instant.now(), null);
            }
        } catch (IOException e) {
            throw failure(e);
        } finally {
            close();
        }
    }

    /**
     * The run stopped early: keep what is final, say so in the sidecar, release the lock.
     *
     * @param interrupted whether the run was interrupted (else it failed)
     * @param why the reason, for the sidecar
     * @return a line for standard error about what this output now holds, or null if there is nothing to say
     */
    String abandon(boolean interrupted, String why) {
        if (closed) {
            return null;
        }
        String status = interrupted ? "interrupted" : "failed";
        try {
            if (!regular) {
                flushQuietly();
                return null;
            }
            if (!started) {   // nothing was written: leave the file as it was
                if (created) {
                    Files.deleteIfExists(target);
                }
                return null;
            }
            flushQuietly();
            if (mode == Mode.STREAMED) {
                provenance.write(sidecar(destination), option, destination, status, rows, Instant.now(), why);
                return describe() + " keeps the " + (rows == 1 ? "1 row" : rows + " rows") + " finished before the run "
                        + (interrupted ? "was interrupted" : "failed")
                        + " (" + sidecar(destination).getFileName() + ": \"complete\": false)";
            }
            if (!interrupted) {
                Files.deleteIfExists(target);
                return null;
            }
            provenance.write(sidecar(target), option, target, status, rows, Instant.now(), why);
            return describe() + " was not written: its rows exist only at the end of the run"
                    + (Files.exists(destination) ? " (the existing file is left as it was)" : "") + "; the interrupted "
                    + "output is " + target;
        } catch (IOException | RuntimeException e) {
            return describe() + ": could not finish the file after the run " + status + ": " + e.getMessage();
        } finally {
            close();
        }
    }

    private void flushQuietly() {
        try {
            out.flush();
        } catch (IOException e) {
            // the run already failed; the first error is the one reported
        }
    }

    private void close() {
        closed = true;
        try {
            if (file == null) {
                out.flush();
            } else if (regular) {
                if (out != null) {
                    out.flush();
                }
                file0.close();   // closes the descriptor the stream writes to and releases the lock
            } else {
                out.close();
            }
        } catch (IOException e) {
            // reported by the write or commit that failed before
        }
    }

    /** The sidecar of a file: {@code FILE.json}. */
    static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".json");
    }
}
