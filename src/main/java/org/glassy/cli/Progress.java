package org.glassy.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongSupplier;

import org.glassy.core.ProgressListener;

/**
 * Progress of a command on standard error, whatever standard output is:
 * <ul>
 * <li>when standard error is a terminal (system property {@value #TTY_PROPERTY}{@code =true}, which
 *     {@code bin/glassy} sets from {@code [ -t 2 ]}: Java itself cannot tell), one line updated in place a few
 *     times a second once the run has taken a second: the percentage, the rate, the time left and the current
 *     value in the CSV's units, e.g. {@code 42%  1.2e+04 steps/s  ETA 0:03:12  energy per spin -1.1234};</li>
 * <li>otherwise (a batch job, a log file), a plain line every few seconds (default 5, system property
 *     {@value #INTERVAL_PROPERTY} in seconds), e.g. {@code glassy pspin: 42% (step 4200 of 10000), 1.2e+04
 *     steps/s, ETA 0:03:12, energy per spin -1.1234}, and a last line when the run ends;</li>
 * <li>nothing with {@code --quiet}.</li>
 * </ul>
 * A command of several phases (barrier: two trainings and a path) names each phase ({@link #phase}).
 */
final class Progress {

    /** The system property that says standard error is a terminal. */
    static final String TTY_PROPERTY = "glassy.stderrTty";

    /** The system property with the seconds between plain progress lines (default 5). */
    static final String INTERVAL_PROPERTY = "glassy.progressInterval";

    /** Nanoseconds before the first in-place update on a terminal: runs shorter than a second show none. */
    private static final long TERMINAL_DELAY = 1_000_000_000L;

    /** Nanoseconds between in-place updates on a terminal. */
    private static final long TERMINAL_EVERY = 200_000_000L;

    private final PrintWriter err;
    private final String command;
    private final boolean terminal;
    private final long interval;
    private final LongSupplier clock;
    /** Whether a terminal line was drawn in place and not yet ended. */
    private boolean openLine;

    /**
     * Progress for one command.
     *
     * @param err standard error (the command's error writer)
     * @param command the command's name, e.g. {@code pspin}
     * @param quiet true for no progress at all
     * @return the progress, or null when quiet
     */
    static Progress of(PrintWriter err, String command, boolean quiet) {
        if (quiet) {
            return null;
        }
        boolean terminal = Boolean.parseBoolean(System.getProperty(TTY_PROPERTY, "false"));
        double seconds = 5;
        try {
            seconds = Double.parseDouble(System.getProperty(INTERVAL_PROPERTY, "5"));
        } catch (NumberFormatException e) {
            // keep the default
        }
        long interval = (long) (Math.max(0, seconds) * 1e9);   // 0: every report (tests)
        return new Progress(err, command, terminal, interval, System::nanoTime);
    }

    Progress(PrintWriter err, String command, boolean terminal, long interval, LongSupplier clock) {
        this.err = err;
        this.command = command;
        this.terminal = terminal;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * A listener for one phase of the run.
     *
     * @param phase what runs, e.g. {@code "training network A"}, or null for a command of one phase
     * @param unit what a step is, e.g. {@code "steps"} or {@code "walkers"}
     * @param valueName the name of the value shown, in the CSV's units, e.g. {@code "energy per spin"}
     * @param value turns the listener's energy into the value shown (e.g. divides by N)
     * @return the listener
     */
    ProgressListener phase(String phase, String unit, String valueName, DoubleUnaryOperator value) {
        return new Phase(phase, unit, valueName, value);
    }

    /** The state of one phase: when it started and when it last printed. */
    private final class Phase implements ProgressListener {
        private final String phase;
        private final String unit;
        private final String valueName;
        private final DoubleUnaryOperator value;
        /** When the phase started, and its step then: the rate counts from the first report. */
        private long start = clock.getAsLong();
        private long startStep = -1;
        private long last = start;
        private long lastStep;
        private boolean printed;
        private boolean done;

        Phase(String phase, String unit, String valueName, DoubleUnaryOperator value) {
            this.phase = phase;
            this.unit = unit;
            this.valueName = valueName;
            this.value = value;
        }

        @Override
        public void progress(long step, long totalSteps, double time, double energy) {
            long now = clock.getAsLong();
            if (step < lastStep) {   // the phase runs again (barrier trains two networks): start afresh
                start = now;
                last = now;
                startStep = -1;
                printed = false;
                done = false;
            }
            if (startStep < 0) {
                startStep = step;
                start = now;
                last = now;
            }
            lastStep = step;
            if (done) {
                return;
            }
            boolean end = step >= totalSteps;
            long since = now - last;
            boolean due = terminal ? now - start >= TERMINAL_DELAY && since >= TERMINAL_EVERY : since >= interval;
            if (end) {
                done = true;
                if (printed) {
                    print(step, totalSteps, energy, now, true);
                }
                return;
            }
            if (due) {
                print(step, totalSteps, energy, now, false);
                last = now;
                printed = true;
            }
        }

        private void print(long step, long total, double energy, long now, boolean end) {
            double seconds = (now - start) / 1e9;
            double rate = seconds > 0 ? (step - startStep) / seconds : 0;
            double percent = total == 0 ? 100 : 100.0 * step / total;
            String eta = end ? "done in " + clockTime(seconds) : rate > 0 ? "ETA " + clockTime((total - step) / rate)
                    : "ETA unknown";
            double shown = Double.isNaN(energy) ? Double.NaN : value.applyAsDouble(energy);
            String what = (phase == null ? "" : phase + ": ");
            if (terminal) {
                err.print(String.format(Locale.ROOT, "\r%s%3.0f%%  %.3g %s/s  %s  %s %.6g   ", what, percent, rate, unit,
                        eta, valueName, shown));
                openLine = !end;
                if (end) {
                    err.println();
                }
            } else {
                err.println(String.format(Locale.ROOT, "glassy %s: %s%.0f%% (%d of %d %s), %.3g %s/s, %s, %s %.6g",
                        command, what, percent, step, total, unit, rate, unit, eta, valueName, shown));
            }
            err.flush();
        }
    }

    /** Ends a line drawn in place on a terminal, so that what follows (an error, the prompt) starts a line. */
    void finish() {
        if (openLine) {
            err.println();
            err.flush();
            openLine = false;
        }
    }

    /** {@code 0:03:12}, {@code 12:00:00}, or days for longer. */
    static String clockTime(double seconds) {
        if (!(seconds < 1e9)) {
            return "unknown";
        }
        long s = Math.round(seconds);
        if (s >= 86400 * 2) {
            return String.format(Locale.ROOT, "%.1f days", s / 86400.0);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
