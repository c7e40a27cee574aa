package org.glassy.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@code glassy} in a child JVM, as {@code bin/glassy} does (the Vector API module, the test classpath), for
 * what only a real process shows: exit statuses set by signals, file descriptor 1 on a full disk or a closed pipe,
 * locks between processes.
 */
final class GlassyProcess {

    private GlassyProcess() {
    }

    /**
     * A process builder for {@code glassy args...}.
     *
     * @param jvmOptions system properties and other JVM options, e.g. {@code -Dglassy.progressInterval=0.1}
     * @param args the command line after {@code glassy}
     * @return the builder (standard streams are pipes unless redirected)
     */
    static ProcessBuilder builder(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(javaWithDefaultSigint());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.glassy.cli.Glassy"));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command);
    }

    /**
     * The {@code java} command, run through {@code env --default-signal=INT} (GNU coreutils ≥ 8.31): a shell
     * without job control starts background jobs with SIGINT ignored ({@code make test &} in a script, nohup), an
     * ignored signal stays ignored across exec, and a JVM that inherits SIGINT ignored never sees Ctrl-C, so
     * without the reset the interrupt tests would test the caller's shell instead of Glassy.
     *
     * @return the command prefix
     */
    static List<String> javaWithDefaultSigint() {
        return List.of("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    /** {@code glassy args...} with default JVM options. */
    static ProcessBuilder builder(String... args) {
        return builder(List.of(), args);
    }

    /** Standard error without the JVM's notice about the incubator module. */
    static String relevant(String err) {
        return err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** Sends a signal, e.g. {@code INT}, to a process. */
    static void signal(Process process, String signal) throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + status);
        }
    }
}
