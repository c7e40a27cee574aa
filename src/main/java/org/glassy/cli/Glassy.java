package org.glassy.cli;

import java.io.PrintWriter;

import org.glassy.data.DataFileException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/glassy}: the command-line interface over the library, for batch runs, sweeps and
 * clusters. Every command writes CSV (a header row, then one row per record) to standard output
 * or {@code --out FILE}, flushing each row. Bad arguments exit with status 2 and a one-line
 * message naming the argument.
 */
@Command(name = "glassy", mixinStandardHelpOptions = true, versionProvider = Glassy.Version.class,
        description = "Glassy dynamics of spin glasses and neural networks, as CSV.",
        subcommands = {PSpinCommand.class, PSpinAgingCommand.class, AgingDnnCommand.class, TrapCommand.class,
            CugliandoloKurchanCommand.class, NebCommand.class, BarrierCommand.class, HingeShallowCommand.class,
            PerceptronCommand.class})
public final class Glassy implements Runnable {

    /** Exit status for bad arguments. */
    static final int USAGE = 2;

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
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("glassy " + e.getCommandLine().getCommandName() + ": " + e.getMessage().lines().findFirst().orElse(""));
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof IllegalArgumentException) {
                err.println("glassy " + commandLine.getCommandName() + ": " + e.getMessage());
                err.flush();
                return USAGE;
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

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Glassy.class.getPackage().getImplementationVersion();
            return new String[] {"glassy " + (v == null ? "(development build)" : v)};
        }
    }
}
