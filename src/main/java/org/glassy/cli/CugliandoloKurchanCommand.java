package org.glassy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.glassy.dynamics.LogTimes;
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
                + "Cugliandolo-Kurchan equations on a fixed grid (Euler in t, trapezoid in s). Writes CSV "
                + "time,energy,mu on log-spaced times ending at --time; with --correlations-out, also "
                + "tw,t,correlation,response for --waiting-times waiting times.",
                "Cost O((time/step)^3), memory 8 (time/step)^2 bytes: time/step = 1000 takes well under a second."})
final class CugliandoloKurchanCommand implements Callable<Integer> {

    @Option(names = "--p", required = true, description = "interaction order p >= 2 (covariance q^p/2)")
    int p;

    @Option(names = "--temperature", required = true, description = "temperature T >= 0 after the quench")
    double temperature;

    @Option(names = "--time", required = true, description = "final time, a multiple of --step, at most 16384 steps")
    double time;

    @Option(names = "--step", defaultValue = "0.1",
            description = "grid step h > 0 (default: ${DEFAULT-VALUE}, adequate at T = 0 where halving it moves "
                    + "e(100) by 3e-5). The scheme is first order: at finite T the energy carries an O(h) error "
                    + "(p = 3, T = 0.7: e(40) = -0.7224, -0.7152, -0.7115 at h = 0.1, 0.05, 0.025), so use h <= 0.0125 "
                    + "or extrapolate in h.")
    double step;

    @Option(names = "--waiting-times", defaultValue = "4",
            description = "number of waiting times for --correlations-out, log-spaced from t = 1 to half the run "
                    + "(default: ${DEFAULT-VALUE})")
    int waitingTimes;

    @Option(names = "--per-decade", defaultValue = "10",
            description = "log-spaced rows per decade of grid steps (default: ${DEFAULT-VALUE})")
    int perDecade;

    @Option(names = "--correlations-out", description = "also write tw,t,correlation,response to this file")
    Path correlationsOut;

    @Option(names = "--out", description = "write time,energy,mu to this file instead of standard output")
    Path out;

    @Override
    public Integer call() throws Exception {
        CugliandoloKurchan.Parameters parameters = Arguments.validated(() -> {
            Require.atLeast("waitingTimes", waitingTimes, 1);
            Require.atLeast("perDecade", perDecade, 1);
            return new CugliandoloKurchan.Parameters(p, temperature, step, time);
        });
        CugliandoloKurchan.Solution solution = CugliandoloKurchan.solve(parameters);
        Csv.write(solution.energyTable(perDecade), out);
        if (correlationsOut != null) {
            Csv.write(solution.agingTable(waitingTimes(solution.steps()), perDecade), correlationsOut);
        }
        return 0;
    }

    /** Grid indices of the waiting times: log-spaced from t = 1 (at least one step) to half the run. */
    private int[] waitingTimes(int steps) {
        int last = Math.max(steps / 2, 1);
        if (last >= steps) {
            return new int[] {0};
        }
        int first = (int) Math.min(Math.max(Math.round(1 / step), 1), last);
        long[] grid = waitingTimes == 1 || first == last ? new long[] {last}
                : LogTimes.geometric(first, last, waitingTimes);
        int[] indices = new int[grid.length];
        for (int k = 0; k < grid.length; k++) {
            indices[k] = (int) grid[k];
        }
        return indices;
    }
}
