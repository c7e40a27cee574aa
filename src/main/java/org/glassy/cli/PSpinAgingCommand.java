package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.study.aging.PSpinAging;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glassy pspin-aging}: C(t_w + t, t_w) and Δ of the spherical p-spin, CSV {@code tw,t,correlation,msd}. */
@Command(name = "pspin-aging", mixinStandardHelpOptions = true,
        description = "Spherical p-spin after a quench: two-time correlation and MSD (CSV tw,t,correlation,msd).")
final class PSpinAgingCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--p", required = true, description = "interaction order p >= 2")
    int p;

    @Option(names = "--n", required = true, description = "number of spins N >= p")
    int n;

    @Option(names = "--temperature", required = true, description = "temperature T >= 0 (0: gradient descent)")
    double temperature;

    @Option(names = "--dt", required = true, description = "time step > 0")
    double dt;

    @Option(names = "--time", required = true, description = "final time >= 4")
    double time;

    @Option(names = "--seed", required = true, description = "seed of couplings, initial state and noise")
    long seed;

    @Option(names = "--waiting-times", defaultValue = "8",
            description = "number of waiting times, log-spaced from t = 1 to half the run (default: ${DEFAULT-VALUE})")
    int waitingTimes;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output")
    Path out;

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
        parameters();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private PSpinAging.Parameters parameters() {
        return new PSpinAging.Parameters(p, n, temperature, dt, time, seed, waitingTimes);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PSpinAging.Parameters parameters = parameters();
        Csv.write(PSpinAging.run(parameters, Progress.toStandardError()), out);
        return 0;
    }
}
