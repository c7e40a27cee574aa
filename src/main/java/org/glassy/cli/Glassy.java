package org.glassy.cli;

import java.io.PrintWriter;

import org.glassy.core.BuildInfo;
import org.glassy.data.DataFileException;
import org.glassy.internal.InvalidParameterException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/glassy}: the command-line interface over the library, for batch runs, sweeps and
 * clusters. Every command writes CSV (a header row, then one row per record) to standard output
 * or {@code --out FILE}, flushing each row. Bad arguments exit with status 2 and a one-line
 * message naming the argument. {@code glassy --version} (or {@code glassy COMMAND --version}) prints the
 * version and the git commit of the build; {@code glassy help COMMAND} is {@code glassy COMMAND --help}, which
 * lists the exit statuses ({@link #EXIT_CODES}).
 */
@Command(name = "glassy", mixinStandardHelpOptions = true, versionProvider = Glassy.Version.class,
        description = "Glassy dynamics of spin glasses and neural networks, as CSV.",
        subcommands = {PSpinCommand.class, PSpinAgingCommand.class, AgingDnnCommand.class, TrapCommand.class,
            CugliandoloKurchanCommand.class, NebCommand.class, BarrierCommand.class, HingeShallowCommand.class,
            PerceptronCommand.class, SweepCommand.class, CollectCommand.class, SweepStatusCommand.class,
            SweepTaskCommand.class, CommandLine.HelpCommand.class})
public final class Glassy implements Runnable {

    /** Exit status for bad arguments. */
    static final int USAGE = 2;

    /** Exit status of a run that was interrupted (128 + SIGINT, as shells report it). */
    static final int INTERRUPTED = 130;

    /** The exit statuses, listed under every command's --help. */
    static final java.util.Map<String, String> EXIT_CODES = exitCodes();

    private static java.util.Map<String, String> exitCodes() {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "the run failed (numerical instability, a bad data file, an I/O error); one line says why");
        codes.put("2", "bad usage: an option is missing, malformed or out of range; one line names it");
        codes.put("130", "interrupted (SIGINT, Ctrl-C)");
        codes.put("143", "terminated (SIGTERM)");
        return java.util.Collections.unmodifiableMap(codes);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'glassy pspin --help'");
    }

    /**
     * Runs the CLI.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Builds the configured command line (for tests).
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Glassy());
        configure(cli);
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("glassy " + e.getCommandLine().getCommandName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof InvalidParameterException invalid) {
                err.println("glassy " + commandLine.getCommandName() + ": " + optionMessage(commandLine, invalid));
                err.flush();
                return USAGE;
            }
            if (e instanceof IllegalArgumentException) {
                err.println("glassy " + commandLine.getCommandName() + ": " + e.getMessage());
                err.flush();
                return USAGE;
            }
            if (e instanceof java.util.concurrent.CancellationException) {
                err.println("glassy " + commandLine.getCommandName() + ": " + e.getMessage());
                err.flush();
                return INTERRUPTED;
            }
            if (e instanceof DataFileException) { // missing, truncated, damaged or wrong data: the message says all
                err.println("glassy " + commandLine.getCommandName() + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            err.println("glassy " + commandLine.getCommandName() + ": " + e);
            err.flush();
            return 1;
        });
        return cli;
    }

    /**
     * The message of a rejected parameter with the parameter named by the command's option (e.g.
     * "--lr must be > 0 and finite, got -0.1"), through the command's explicit {@link OptionNames}.
     */
    static String optionMessage(CommandLine commandLine, InvalidParameterException invalid) {
        Object command = commandLine.getCommand();
        String option = command instanceof OptionNames names ? names.optionNames().get(invalid.parameter()) : null;
        return option == null ? invalid.getMessage() : option + " " + invalid.reason();
    }

    /** Every command, once: the build's version for --version, and the exit statuses under --help. */
    private static void configure(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        spec.versionProvider(new Version());
        spec.usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_CODES);
        for (CommandLine sub : command.getSubcommands().values()) {
            configure(sub);
        }
    }

    /** The version and git commit of the build (see {@link BuildInfo}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.current().line()};
        }
    }
}
