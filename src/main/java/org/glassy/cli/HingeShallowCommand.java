package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.study.hinge.HingeDynamics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy hinge-shallow}: gradient flow of Pellegrini and Biroli's shallow network under the
 * linear hinge loss next to the mean-field theory, CSV {@code time,loss,unsat,unsat_theory}.
 */
@Command(name = "hinge-shallow", mixinStandardHelpOptions = true,
        description = "Hinge-loss gradient flow of a one-hidden-layer ReLU network on linearly separable Gaussian "
                + "data (Pellegrini & Biroli 2020), 10 log-spaced times per decade, Euler step 0.2 "
                + "(CSV time,loss,unsat,unsat_theory).")
final class HingeShallowCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--hidden", required = true, description = "number of hidden nodes M >= 1")
    int hidden;

    @Option(names = "--samples", required = true, description = "number of training examples P >= 1")
    int samples;

    @Option(names = "--dim", required = true, description = "input dimension d >= 1")
    int dim;

    @Option(names = "--margin", required = true, description = "hinge threshold h > 0")
    double margin;

    @Option(names = "--time", required = true, description = "final time (at least the step 0.2)")
    double time;

    @Option(names = "--seed", required = true, description = "seed of teacher, data and initial weights")
    long seed;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output: to FILE.partial, "
            + "renamed to FILE when the run succeeds (the rows exist only at the end), with a provenance sidecar "
            + "FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("hidden", "--hidden",
                "samples", "--samples",
                "dim", "--dim",
                "margin", "--margin",
                "time", "--time");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private HingeDynamics.Parameters parameters() {
        return new HingeDynamics.Parameters(hidden, samples, dim, margin, time, seed);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        HingeDynamics.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            Csv.write(HingeDynamics.run(parameters, run.progress(null, "steps", "loss", e -> e / hidden))
                    .selectColumns("time", "loss", "unsat", "unsat_theory"), csv);
        });
    }
}
