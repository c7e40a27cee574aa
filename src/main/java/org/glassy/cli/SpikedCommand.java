package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.model.SpikedMatrixTensor;
import org.glassy.study.spiked.SpikedGradientFlow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy spiked}: gradient flow (or Langevin) of the spiked matrix–tensor model from a random start, CSV
 * columns {@code time,energy,overlap} (energy per variable, overlap m = σ·x* / N, positive by σ → −σ when p is
 * even), log-spaced rows ending at the final time.
 */
@Command(name = "spiked", mixinStandardHelpOptions = true,
        description = {"Spiked matrix-tensor model: gradient flow (or Langevin at --temperature) on the sphere from a "
                + "random start; energy per variable and overlap with the signal vs time (CSV time,energy,overlap), "
                + "each row written as soon as it is recorded.",
            "Refused up front (exit 2): C(N, p) couplings beyond the heap or one Java array, or more than 1e15 "
                + "operations. Gradient flow stops (exit 1) naming --dt when a step raises the energy."})
final class SpikedCommand implements Callable<Integer>, OptionNames, Validated {

    @Mixin
    SpikedModelOptions spiked;

    @Option(names = "--n", required = true, description = "number of variables N >= p (C(N, p) couplings, 8 bytes each)")
    int n;

    @Option(names = "--time", required = true, description = "final time >= dt")
    double time;

    @Option(names = "--dt", required = true, description = "time step > 0")
    double dt;

    @Option(names = "--seed", required = true, description = "seed of signal, noise, start and Langevin noise")
    long seed;

    @Option(names = "--temperature", defaultValue = "0", description = "temperature >= 0 (default: ${DEFAULT-VALUE}, "
            + "gradient flow)")
    double temperature;

    @Option(names = "--start-overlap", description = "start with overlap exactly M0 in [-1, 1] with the signal "
            + "(default: uniform random start, overlap of order 1/sqrt(N))")
    Double startOverlap;

    @Option(names = "--records-per-decade", defaultValue = "10",
            description = "log-spaced rows per decade of time >= 1 (default: ${DEFAULT-VALUE})")
    int recordsPerDecade;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, each row as soon "
            + "as it is final, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of(SpikedModelOptions.withPairs("n", "--n",
                "time", "--time",
                "dt", "--dt",
                "temperature", "--temperature",
                "startOverlap", "--start-overlap",
                "recordsPerDecade", "--records-per-decade"));
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    private SpikedGradientFlow.Parameters parameters() {
        return SpikedGradientFlow.Parameters.builder().p(spiked.p).n(n).delta2(spiked.delta2()).deltap(spiked.deltap)
                .time(time).dt(dt).seed(seed).temperature(temperature)
                .startOverlap(startOverlap == null ? Double.NaN : startOverlap).recordsPerDecade(recordsPerDecade)
                .build();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        SpikedGradientFlow.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            csv.header("time,energy,overlap");
            SpikedMatrixTensor model = SpikedGradientFlow.model(parameters);
            CsvRows writer = new CsvRows(csv, (step, t, x, energy) -> Csv.time(t) + "," + energy / x.length + ","
                    + SpikedGradientFlow.overlap(model, x));
            SpikedGradientFlow.run(parameters, model, run.progress(null, "steps", "energy per variable", e -> e / n),
                    null, writer);
        });
    }
}
