package org.glassy.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process, capturing standard error (and standard output): the CLI tests' one harness. */
final class CliRunner {

    private CliRunner() {
    }

    /** What a run printed and its exit status. */
    record Result(int status, String out, String err) {
    }

    /** Executes {@code glassy args...} and returns its exit status; error output goes to {@code err}. */
    static int run(StringWriter err, String... args) {
        var cli = Glassy.commandLine();
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** Executes {@code glassy args...}, capturing the rows written to standard output and the error output. */
    static Result capture(String... args) {
        return capture(new ByteArrayOutputStream(), args);
    }

    /**
     * Executes {@code glassy args...} with standard output going to {@code out} (e.g. a stream that interrupts the
     * run after some rows), capturing it and the error output.
     */
    static Result capture(ByteArrayOutputStream out, String... args) {
        StringWriter err = new StringWriter();
        Output.standardOutput(out);
        try {
            int status = run(err, args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            Output.standardOutput(System.out);
            Thread.interrupted();   // an interrupted run leaves the flag set on this, the test's, thread
        }
    }

    /** A standard output that interrupts the writing thread once it has received {@code lines} lines. */
    static ByteArrayOutputStream interruptingAfter(int lines) {
        return new ByteArrayOutputStream() {
            private int seen;

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n' && ++seen == lines) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }
}
