package org.glassy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.glassy.core.LogTimes;
import org.glassy.internal.Require;
import org.glassy.theory.CugliandoloKurchan;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glassy ck}: the mean-field (Cugliandolo–Kurchan) dynamics of the spherical p-spin after a
 * quench from a random start, CSV {@code time,energy,mu}; optionally {@code tw,t,correlation,response}.
 */
@Command(name = "ck", mixinStandardHelpOptions = true,
        description = {"Mean-field (N -> infinity) spherical p-spin dynamics after a quench from a random start: the "
                + "Cugliandolo-Kurchan equations. Writes CSV time,energy,mu on log-spaced times ending at --time; with "
                + "--correlations-out, also tw,t,correlation,response for --waiting-times waiting times.",
                "--solver long (default): second-order steps on a decimated set of at most --grid-points stored "
                + "times; memory bounded whatever --time (t = 10^4 at T = 0 in seconds). --solver fixed: the "
                + "first-order fixed-grid reference, cost O((time/step)^3), memory 8 (time/step)^2 bytes, at most "
                + "16384 steps."})
final class CugliandoloKurchanCommand implements Callable<Integer> {

    @Option(names = "--p", required = true, description = "interaction order p >= 2 (covariance q^p/2)")
    int p;

    @Option(names = "--temperature", required = true, description = "temperature T >= 0 after the quench")
    double temperature;

    @Option(names = "--time", required = true, description = "final time, a multiple of --step")
    double time;

    @Option(names = "--solver", defaultValue = "long",
            description = "long (decimated, second order) or fixed (full grid, first order); default: ${DEFAULT-VALUE}")
    String solver;

    @Option(names = "--step", defaultValue = "0.1",
            description = "time step h > 0 (default: ${DEFAULT-VALUE}). long: error O(h^2), at p = 3, T = 0.5 "
                    + "e(10^4) moves by 6e-5 from h = 0.1 to 0.05. fixed: error O(h), at T = 0.7 e(40) = -0.7224, "
                    + "-0.7152, -0.7115 at h = 0.1, 0.05, 0.025.")
    double step;

    @Option(names = "--grid-points", defaultValue = "256",
            description = "long solver: the budget of stored times, >= 16 (default: ${DEFAULT-VALUE}; memory at most "
                    + "40 bytes x grid-points^2)")
    int gridPoints;

    @Option(names = "--waiting-times", defaultValue = "4",
            description = "number of waiting times for --correlations-out, log-spaced from t = 1 to half the run "
                    + "(default: ${DEFAULT-VALUE})")
    int waitingTimes;

    @Option(names = "--per-decade", defaultValue = "10",
            description = "log-spaced rows per decade of steps (default: ${DEFAULT-VALUE})")
    int perDecade;

    @Option(names = "--correlations-out", description = "also write tw,t,correlation,response to this file")
    Path correlationsOut;

    @Option(names = "--out", description = "write time,energy,mu to this file instead of standard output")
    Path out;

    @Override
    public Integer call() throws Exception {
        boolean fixed = Arguments.validated(() -> {
            Require.atLeast("waitingTimes", waitingTimes, 1);
            Require.atLeast("perDecade", perDecade, 1);
            if (!solver.equals("long") && !solver.equals("fixed")) {
                throw new IllegalArgumentException("solver must be long or fixed, got " + solver);
            }
            if (solver.equals("fixed")) {
                new CugliandoloKurchan.Parameters(p, temperature, step, time);
            } else {
                new CugliandoloKurchan.LongParameters(p, temperature, step, time, gridPoints);
            }
            return solver.equals("fixed");
        });
        if (fixed) {
            CugliandoloKurchan.Solution solution = CugliandoloKurchan.solve(new CugliandoloKurchan.Parameters(p,
                    temperature, step, time));
            Csv.write(solution.energyTable(perDecade), out);
            if (correlationsOut != null) {
                Csv.write(solution.agingTable(toInts(waitingSteps(solution.steps())), perDecade), correlationsOut);
            }
            return 0;
        }
        CugliandoloKurchan.LongParameters parameters = new CugliandoloKurchan.LongParameters(p, temperature, step, time,
                gridPoints);
        double[] tw = new double[0];
        if (correlationsOut != null) {
            long[] steps = waitingSteps(parameters.steps());
            tw = new double[steps.length];
            for (int k = 0; k < steps.length; k++) {
                tw[k] = steps[k] * step;
            }
        }
        double[] waiting = tw;
        // inside validated: a --grid-points budget too small for --time/--step is reported by option name
        CugliandoloKurchan.LongSolution solution = Arguments.validated(
                () -> CugliandoloKurchan.solveLong(parameters, perDecade, waiting));
        Csv.write(solution.energy(), out);
        if (correlationsOut != null) {
            Csv.write(solution.aging(), correlationsOut);
        }
        return 0;
    }

    /** The waiting times in steps: log-spaced from t = 1 (at least one step) to half the run. */
    private long[] waitingSteps(long steps) {
        long last = Math.max(steps / 2, 1);
        if (last >= steps) {
            return new long[] {0};
        }
        long first = Math.min(Math.max(Math.round(1 / step), 1), last);
        return waitingTimes == 1 || first == last ? new long[] {last} : LogTimes.geometric(first, last, waitingTimes);
    }

    private static int[] toInts(long[] steps) {
        int[] indices = new int[steps.length];
        for (int k = 0; k < steps.length; k++) {
            indices[k] = (int) steps[k];
        }
        return indices;
    }
}
