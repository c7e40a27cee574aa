package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.theory.CugliandoloKurchan;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy ck}: the mean-field (Cugliandolo–Kurchan) dynamics of the spherical p-spin after a
 * quench from a random start, CSV {@code time,energy,mu}; optionally {@code tw,t,correlation,response}.
 * Parses options into {@link CugliandoloKurchan.Parameters} (the solver, the waiting times as times) and prints
 * the {@link CugliandoloKurchan.Solution}'s tables; every conversion lives in the library. A bad value, including
 * a {@code --step} that proves unstable during the run, exits with status 2 and a message naming the option.
 */
@Command(name = "ck", mixinStandardHelpOptions = true,
        description = {"Mean-field (N -> infinity) spherical p-spin dynamics after a quench from a random start: the "
                + "Cugliandolo-Kurchan equations. Writes CSV time,energy,mu on log-spaced times ending at --time; with "
                + "--correlations-out, also tw,t,correlation,response for --waiting-times waiting times.",
                "--solver long (default): second-order steps on a decimated set of at most --grid-points stored "
                + "times; memory bounded whatever --time (t = 10^4 at T = 0 in seconds). --solver fixed: the "
                + "first-order fixed-grid reference, cost O((time/step)^3), memory 8 (time/step)^2 bytes, at most "
                + "16384 steps.",
                "Rows of --out and --correlations-out are written as soon as they are final, in the order they "
                + "complete (tw,t,correlation,response time-major: by tw + t, then tw). Memory and work (at most 1e15 "
                + "operations) are checked before the run.",
                "Exit status 2 with a one-line message naming the option for a bad value, including a --step that "
                + "proves unstable during the run (the solution leaves its physical range |C| <= 1, "
                + "-sqrt(p/2) <= energy <= 0, or stops being finite)."})
final class CugliandoloKurchanCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--p", required = true, description = "interaction order p >= 2 (covariance q^p/2)")
    int p;

    @Option(names = "--temperature", required = true, description = "temperature T >= 0 after the quench")
    double temperature;

    @Option(names = "--time", required = true, description = "final time, a multiple of --step (within relative 1e-9)")
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

    @Option(names = "--correlations-out", description = "also write tw,t,correlation,response to this file, each row "
            + "as soon as it is final, with a provenance sidecar FILE.json")
    Path correlationsOut;

    @Option(names = "--out", description = "write time,energy,mu to this file instead of standard output, each row as "
            + "soon as it is final, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("p", "--p", "temperature", "--temperature", "time", "--time", "solver", "--solver",
                "step", "--step", "gridPoints", "--grid-points", "waitingTimes", "--waiting-times",
                "perDecade", "--per-decade");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out, "--correlations-out", correlationsOut);
        parameters().requireResources();
    }

    /**
     * The solver's parameters: a bad value and a --grid-points budget too small for --time/--step are reported by
     * option name (exit status 2); so is a --step that proves unstable during the run.
     */
    private CugliandoloKurchan.Parameters parameters() {
        Require.atLeast("waitingTimes", waitingTimes, 1);
        CugliandoloKurchan.Parameters.Builder builder = CugliandoloKurchan.Parameters.builder(p, temperature, time)
                .step(step).solver(solver(solver)).gridPoints(gridPoints).perDecade(perDecade);
        if (correlationsOut != null) {
            builder.logSpacedWaitingTimes(waitingTimes);
        }
        return builder.build();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        CugliandoloKurchan.Parameters parameters = parameters();
        return run.execute(null, () -> {
            Output energy = run.output("--out", out, Output.Mode.STREAMED);
            Output aging = correlationsOut == null ? null
                    : run.output("--correlations-out", correlationsOut, Output.Mode.STREAMED);
            energy.header("time,energy,mu");
            if (aging != null) {
                aging.header("tw,t,correlation,response");
            }
            CugliandoloKurchan.solve(parameters, run.progress(null, "steps", "energy per spin", e -> e),
                    new CugliandoloKurchan.Rows() {
                        @Override
                        public void energy(double t, double e, double mu) {
                            energy.row(Csv.time(t) + "," + e + "," + mu);
                        }

                        @Override
                        public void aging(double tw, double t, double correlation, double response) {
                            if (aging != null) {
                                aging.row(Csv.time(tw) + "," + Csv.time(t) + "," + correlation + "," + response);
                            }
                        }
                    });
        });
    }

    private static CugliandoloKurchan.Solver solver(String name) {
        return switch (name) {
            case "long" -> CugliandoloKurchan.Solver.DECIMATING;
            case "fixed" -> CugliandoloKurchan.Solver.FIXED_GRID;
            default -> throw Require.invalid("solver", "must be long or fixed, got " + name);
        };
    }
}
