package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.study.relaxation.PSpinRelaxation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy pspin}: energy relaxation of the spherical p-spin, CSV columns {@code time,energy}
 * (energy per spin, physics normalisation), log-spaced rows ending at the final time.
 */
@Command(name = "pspin", mixinStandardHelpOptions = true,
        description = {"Spherical p-spin after a quench: energy per spin vs time (CSV time,energy), each row written "
                + "as soon as it is recorded.",
            "Refused up front (exit 2): C(N, p) couplings beyond the heap or beyond one Java array (N <= 2345 at "
                + "p = 3), or more than 1e15 operations (steps x p C(N, p)). Gradient descent stops (exit 1) naming "
                + "--dt when a step raises the energy by more than round-off."})
final class PSpinCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--p", required = true, description = "interaction order p >= 2")
    int p;

    @Option(names = "--n", required = true, description = "number of spins N >= p; the C(N, p) couplings must fit the heap "
            + "(8 bytes each; GLASSY_JVM_OPTS=-Xmx...) and one Java array")
    int n;

    @Option(names = "--temperature", required = true, description = "temperature T >= 0 (0 for gd)")
    double temperature;

    @Option(names = "--dt", required = true, description = "time step > 0; with gd, a step that raises the energy stops the run "
            + "naming --dt")
    double dt;

    @Option(names = "--time", required = true, description = "final time >= dt; the work, time/dt steps of p C(N, p) "
            + "operations, at most 1e15")
    double time;

    @Option(names = "--seed", required = true, description = "seed of couplings, initial state and noise")
    long seed;

    @Option(names = "--dynamics", defaultValue = "langevin", description = "gd or langevin (default: ${DEFAULT-VALUE})")
    String dynamics;

    @Option(names = "--records-per-decade", defaultValue = "10",
            description = "log-spaced rows per decade of time >= 1 (default: ${DEFAULT-VALUE})")
    int recordsPerDecade;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, each row as soon "
            + "as it is final, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    CheckpointOptions checkpoint;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("p", "--p",
                "n", "--n",
                "temperature", "--temperature",
                "dt", "--dt",
                "time", "--time",
                "dynamics", "--dynamics",
                "recordsPerDecade", "--records-per-decade");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out, "--checkpoint", checkpoint.file);
        parameters().requireResources();
        checkpoint.policy("");
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private PSpinRelaxation.Parameters parameters() {
        return new PSpinRelaxation.Parameters(p, n, temperature, dt, time, seed, PSpinRelaxation.Kind.parse(dynamics),
                recordsPerDecade);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PSpinRelaxation.Parameters parameters = parameters();
        var policy = checkpoint.policy(parameters.toString());
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            csv.header("time,energy");
            CsvRows writer = new CsvRows(csv, (step, t, x, energy) -> Csv.time(t) + "," + energy / x.length);
            PSpinRelaxation.run(parameters, run.progress(null, "steps", "energy per spin", e -> e / n), policy, writer);
        });
    }
}
