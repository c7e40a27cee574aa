package org.glassy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process, capturing standard error: the CLI tests' one harness. */
final class CliRunner {

    private CliRunner() {
    }

    /** Executes {@code glassy args...} and returns its exit status; error output goes to {@code err}. */
    static int run(StringWriter err, String... args) {
        var cli = Glassy.commandLine();
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }
}
