package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.theory.CugliandoloKurchan;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tech.tablesaw.api.Table;

/**
 * {@code glassy spiked-dmft}: the dynamical mean-field (N → ∞) equations of the spiked matrix–tensor model,
 * {@link CugliandoloKurchan.Signal} with the decimating (long-time) solver, CSV {@code time,energy,mu,overlap} on
 * log-spaced times ending at the final time.
 */
@Command(name = "spiked-dmft", mixinStandardHelpOptions = true,
        description = {"Spiked matrix-tensor model at N -> infinity: the Cugliandolo-Kurchan equations with the signal "
                + "overlap m(t) (the decimating long-time solver of ck, Heun steps of --step, cost about linear in "
                + "time), CSV time,energy,mu,overlap; the rows exist at the end of the run.",
            "Refused up front (exit 2): more work than the limit; an unstable integration stops naming --step."})
final class SpikedDmftCommand implements Callable<Integer>, OptionNames, Validated {

    /** The default start overlap m(0): m ≡ 0 is a fixed point, so the signal needs a seed. */
    static final double DEFAULT_START_OVERLAP = 0.01;

    @Mixin
    SpikedModelOptions spiked;

    @Option(names = "--time", required = true, description = "final time, a multiple of --step")
    double time;

    @Option(names = "--temperature", defaultValue = "0", description = "temperature >= 0 (default: ${DEFAULT-VALUE}, "
            + "gradient flow)")
    double temperature;

    @Option(names = "--start-overlap", defaultValue = "0.01", description = "m(0) in [-1, 1] (default: "
            + "${DEFAULT-VALUE}; m = 0 stays 0)")
    double startOverlap;

    @Option(names = "--step", defaultValue = "0.1", description = "time step h > 0 (default: ${DEFAULT-VALUE}; "
            + "Heun, second order in h; keep h mu well below 1)")
    double step;

    @Option(names = "--records-per-decade", defaultValue = "10",
            description = "log-spaced rows per decade of time >= 1 (default: ${DEFAULT-VALUE})")
    int recordsPerDecade;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, with a provenance "
            + "sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of(SpikedModelOptions.withPairs("time", "--time",
                "temperature", "--temperature",
                "startOverlap", "--start-overlap",
                "step", "--step",
                "perDecade", "--records-per-decade"));
    }

    private CugliandoloKurchan.Parameters parameters() {
        return CugliandoloKurchan.Parameters.builder(spiked.p, temperature, time).step(step)
                .perDecade(recordsPerDecade).build();
    }

    private CugliandoloKurchan.Signal signal() {
        return CugliandoloKurchan.Signal.of(spiked.delta2(), spiked.deltap, startOverlap);
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        signal();
        parameters().requireResources();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        CugliandoloKurchan.Parameters parameters = parameters();
        CugliandoloKurchan.Signal signal = signal();
        return run.execute(null, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            Table table = CugliandoloKurchan.solve(parameters, signal,
                    run.progress(null, "steps", "energy per variable", e -> e));
            Csv.write(table, csv);
        });
    }
}
