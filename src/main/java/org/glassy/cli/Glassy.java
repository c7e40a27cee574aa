package org.glassy.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.glassy.core.NumericalInstabilityException;

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
            PerceptronCommand.class, DoubleDescentCommand.class, Cnn2fcCommand.class, PhaseRetrievalCommand.class,
            SpikedCommand.class, SpikedDmftCommand.class, SpikedThresholdCommand.class, ResNetFlowCommand.class,
            SubagingCommand.class, JammingCommand.class, NmfCommand.class, StructuredTrainingCommand.class,
            SweepCommand.class, CollectCommand.class, SweepStatusCommand.class, SweepTaskCommand.class,
            CommandLine.HelpCommand.class})
public final class Glassy implements Runnable {

    /** Exit status for bad arguments. */
    static final int USAGE = 2;

    /** Exit status of a run that was interrupted (128 + SIGINT, as shells report it). */
    static final int INTERRUPTED = 130;

    /** Exit status of a run whose standard output was a pipe closed by its reader (128 + SIGPIPE). */
    static final int CLOSED_PIPE = 141;

    /** How long the shutdown hook waits for an interrupted run to keep what is final, in seconds. */
    private static final long INTERRUPT_GRACE_SECONDS = 10;

    /** What every command's --help says about its outputs, progress and limits (README.md, "Command line"). */
    static final String[] FOOTER = {
        "  Rows final before the end are streamed, each flushed whole; rows that",
        "  exist only at the end go to FILE.partial, renamed to FILE on success.",
        "  An interrupt keeps every finished row (or FILE.partial) and says so; a",
        "  full disk exits 1; a closed standard output pipe (| head) exits 141",
        "  quietly; a file another run is writing exits 2. Every FILE gets a",
        "  provenance sidecar FILE.json; devices (/dev/null) are written in place.",
        "  Progress goes to standard error (in place on a terminal, else a line",
        "  every few seconds); --quiet silences it. Memory and work are estimated",
        "  before the run: beyond the heap (raise it: GLASSY_JVM_OPTS=-Xmx16g), a",
        "  Java array or 1e15 operations, the run is refused with exit 2."};

    /** The exit statuses, listed under every command's --help. */
    static final java.util.Map<String, String> EXIT_CODES = exitCodes();

    private static java.util.Map<String, String> exitCodes() {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "the run failed (numerical instability, a bad data file, an I/O error); one line says why");
        codes.put("2", "bad usage: an option is missing, malformed or out of range; one line names it");
        codes.put("130", "interrupted (SIGINT, Ctrl-C): finished rows are kept, see --out");
        codes.put("141", "standard output was a pipe closed by its reader (e.g. | head); the run stopped quietly");
        codes.put("143", "terminated (SIGTERM): finished rows are kept, see --out");
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
        boundOffHeapMemory();
        // rows go to file descriptor 1 itself: its errors (a full disk, a closed pipe) reach the run, which
        // System.out would swallow
        Output.standardOutput(new FileOutputStream(FileDescriptor.out));
        // SIGINT and SIGTERM start the JVM's shutdown: interrupt the run, which keeps what is final and says so,
        // and let the JVM exit with 130 or 143 once it has
        Thread worker = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            worker.interrupt();
            try {
                finished.await(INTERRUPT_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "glassy-interrupt"));
        int status;
        try {
            status = commandLine().execute(args);
        } finally {
            finished.countDown();
        }
        System.exit(status);
    }

    /** DeepLearning4J's default off-heap limit, set unless the JVM was given one (README.md, "Command line"). */
    static final String OFF_HEAP_LIMIT = "2g";

    /**
     * Bounds the native memory DeepLearning4J's ND4J arrays may hold ({@code org.bytedeco.javacpp.maxbytes}) to
     * {@link #OFF_HEAP_LIMIT} unless set on the command line; read once, when JavaCPP first loads, so it must run
     * before any ND4J array exists. An allocation beyond it fails with an {@code OutOfMemoryError} that names it.
     */
    static void boundOffHeapMemory() {
        if (System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxbytes", OFF_HEAP_LIMIT);
        }
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
            int status = report(e, commandLine);
            if (status != CLOSED_PIPE) {
                for (String note : RunOptions.notes(commandLine)) {   // what the outputs hold now
                    commandLine.getErr().println("glassy " + commandLine.getCommandName() + ": " + note);
                }
            }
            commandLine.getErr().flush();
            return status;
        });
        return cli;
    }

    /** Prints the one line that says why a command failed, and returns its exit status. */
    private static int report(Exception e, CommandLine commandLine) {
        if (e instanceof OutputException output && output.closedPipe()) {
            return CLOSED_PIPE;   // as Unix tools do: the reader has what it wanted, nothing to say
        }
        String message;
        int status;
        if (e instanceof InvalidParameterException invalid) {
            message = optionMessage(commandLine, invalid);
            status = USAGE;
        } else if (e instanceof IllegalArgumentException) {
            message = e.getMessage();
            status = USAGE;
        } else if (e instanceof java.util.concurrent.CancellationException) {
            message = e.getMessage();
            status = INTERRUPTED;
        } else if (e instanceof NumericalInstabilityException unstable) {   // names the option to reduce
            message = unstable.messageNaming(optionName(commandLine, unstable.knob()));
            status = 1;
        } else if (e instanceof OutputException || e instanceof DataFileException) {   // the message says all
            message = e.getMessage();
            status = 1;
        } else {
            message = e.toString();
            status = 1;
        }
        commandLine.getErr().println("glassy " + commandLine.getCommandName() + ": " + message);
        return status;
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

    /** The command's option for a library parameter (e.g. {@code --dt} for {@code dt}), or the parameter itself. */
    static String optionName(CommandLine commandLine, String parameter) {
        Object command = commandLine.getCommand();
        String option = command instanceof OptionNames names ? names.optionNames().get(parameter) : null;
        return option == null ? parameter : option;
    }

    /** Every command, once: the build's version for --version, and the exit statuses under --help. */
    private static void configure(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        spec.versionProvider(new Version());
        spec.usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_CODES);
        if (command.getParent() != null && !"help".equals(command.getCommandName())) {
            spec.usageMessage().footerHeading("%nOutputs, progress and limits:%n").footer(FOOTER);
        }
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
