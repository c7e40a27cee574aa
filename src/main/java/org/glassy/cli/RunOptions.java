package org.glassy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleUnaryOperator;

import org.glassy.core.ProgressListener;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command shares while it runs: {@code --quiet}, the progress on standard error ({@link Progress}),
 * the outputs ({@link Output}) and their provenance ({@link Provenance}). A command checks its options and the
 * resources its run needs first, then calls {@link #execute} with the work; inside, it opens its outputs with
 * {@link #output}. When the work returns, every output is committed (flushed, renamed into place, its sidecar
 * written); when it throws (a failure, an interrupt, a closed pipe), every output keeps what is final and
 * leaves a note of what it holds ({@link #notes()}), and the exception goes on to {@link Glassy}'s handler, which
 * prints the reason, then the notes, and sets the exit status.
 */
final class RunOptions {

    /** The work of a command, run inside {@link #execute}. */
    @FunctionalInterface
    interface Work {

        /**
         * Runs the command's computation and writes its outputs.
         *
         * @throws Exception anything the computation throws
         */
        void run() throws Exception;
    }

    @Option(names = "--quiet", description = "no progress on standard error (by default: in place when standard "
            + "error is a terminal, else a plain line every few seconds)")
    boolean quiet;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private final List<Output> outputs = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Provenance provenance;
    private Progress progress;

    /**
     * Runs a command's work, committing its outputs when it succeeds and keeping what is final when it does not.
     *
     * @param seed the run's seed for the provenance, or null if the command has none
     * @param work the computation and its writes
     * @return 0, the exit status of success
     * @throws Exception what the work threw, after the outputs were dealt with
     */
    int execute(Long seed, Work work) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("glassy");
        command.addAll(spec.root().commandLine().getParseResult().originalArgs());
        provenance = new Provenance(command, seed);
        progress = Progress.of(err(), spec.name(), quiet);
        try {
            work.run();
            finishProgress();
            for (Output o : outputs) {
                o.commit();
            }
            return 0;
        } catch (Throwable t) {
            finishProgress();
            boolean interrupted = t instanceof CancellationException || Thread.currentThread().isInterrupted();
            boolean closedPipe = t instanceof OutputException o && o.closedPipe();
            for (Output o : outputs) {
                String note = o.abandon(interrupted, t.getMessage());
                if (note != null && !closedPipe) {
                    notes.add(note);
                }
            }
            throw t;
        }
    }

    private void finishProgress() {
        if (progress != null) {
            progress.finish();
        }
    }

    /**
     * Opens an output of the running command (see {@link Output#open}).
     *
     * @param option the option that names the file, e.g. {@code --out}
     * @param file the file, or null for standard output
     * @param mode how rows are written
     * @return the output, committed or abandoned by {@link #execute}
     */
    Output output(String option, Path file, Output.Mode mode) {
        Output o = Output.open(option, file, mode, provenance);
        outputs.add(o);
        return o;
    }

    /**
     * A progress listener for (a phase of) the running command, or null with {@code --quiet}.
     *
     * @param phase the phase, e.g. {@code "training network A"}, or null
     * @param unit what a step is, e.g. {@code "steps"}
     * @param valueName the value shown, in the CSV's units, e.g. {@code "energy per spin"}
     * @param value turns the listener's energy into that value
     * @return the listener, or null
     */
    ProgressListener progress(String phase, String unit, String valueName, DoubleUnaryOperator value) {
        return progress == null ? null : progress.phase(phase, unit, valueName, value);
    }

    /**
     * What the outputs hold after a run that stopped early, one line each, printed by {@link Glassy} after the
     * reason the run stopped.
     *
     * @return the lines (without the {@code glassy COMMAND:} prefix)
     */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * The notes of a command's run, if the command has a {@link RunOptions} mixin.
     *
     * @param command the command line of the command that ran
     * @return the notes, or none
     */
    static List<String> notes(picocli.CommandLine command) {
        for (CommandSpec mixin : command.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof RunOptions run) {
                return run.notes();
            }
        }
        return List.of();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
