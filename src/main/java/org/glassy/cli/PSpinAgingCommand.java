package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.study.aging.PSpinAging;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glassy pspin-aging}: C(t_w + t, t_w) and Δ of the spherical p-spin, CSV {@code tw,t,correlation,msd}. */
@Command(name = "pspin-aging", mixinStandardHelpOptions = true,
        description = {"Spherical p-spin after a quench: two-time correlation and MSD (CSV tw,t,correlation,msd).",
            "Rows are written as soon as they are final, in the order they complete: time-major, by tw + t, then tw "
                + "(sort by tw,t for the table by waiting time). Memory (C(N, p) couplings and one copy of the state "
                + "per waiting time) and work (at most 1e15 operations) are checked before the run."})
final class PSpinAgingCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--p", required = true, description = "interaction order p >= 2")
    int p;

    @Option(names = "--n", required = true, description = "number of spins N >= p; the C(N, p) couplings must fit the heap "
            + "(8 bytes each; GLASSY_JVM_OPTS=-Xmx...) and one Java array")
    int n;

    @Option(names = "--temperature", required = true, description = "temperature T >= 0 (0: gradient descent)")
    double temperature;

    @Option(names = "--dt", required = true, description = "time step > 0")
    double dt;

    @Option(names = "--time", required = true, description = "final time >= 4; the work, time/dt steps of p C(N, p) operations, at "
            + "most 1e15")
    double time;

    @Option(names = "--seed", required = true, description = "seed of couplings, initial state and noise")
    long seed;

    @Option(names = "--waiting-times", defaultValue = "8",
            description = "number of waiting times, log-spaced from t = 1 to half the run (default: ${DEFAULT-VALUE})")
    int waitingTimes;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, each row as soon "
            + "as it is final, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("p", "--p",
                "n", "--n",
                "temperature", "--temperature",
                "dt", "--dt",
                "time", "--time",
                "waitingTimes", "--waiting-times");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private PSpinAging.Parameters parameters() {
        return new PSpinAging.Parameters(p, n, temperature, dt, time, seed, waitingTimes);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PSpinAging.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            csv.header("tw,t,correlation,msd");
            PSpinAging.stream(parameters, run.progress(null, "steps", "energy per spin", e -> e / n),
                    row -> csv.row(Csv.time(row.tw()) + "," + Csv.time(row.t()) + "," + row.correlation() + ","
                            + row.msd()));
        });
    }
}
