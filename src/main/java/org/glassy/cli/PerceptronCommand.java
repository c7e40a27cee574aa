package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.model.HingeLoss;
import org.glassy.study.hinge.PerceptronJamming;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * {@code glassy perceptron}: the final hinge loss of the spherical perceptron on random patterns,
 * one CSV row {@code alpha,kappa,n,final_loss,unsat_fraction}.
 */
@Command(name = "perceptron", mixinStandardHelpOptions = true,
        description = "Spherical perceptron with margin kappa on P = alpha n Gaussian patterns with random +-1 labels: "
                + "gradient descent on the hinge loss until it stops decreasing (relative change below 1e-10) or "
                + "--steps; one CSV row alpha,kappa,n,final_loss,unsat_fraction (final_loss per pattern).")
final class PerceptronCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--alpha", required = true, description = "load alpha = P/n > 0")
    double alpha;

    @Option(names = "--kappa", required = true, description = "margin kappa (finite)")
    double kappa;

    @Option(names = "--n", required = true, description = "dimension n >= 2")
    int n;

    @Option(names = "--seed", required = true, description = "seed of patterns, labels and start")
    long seed;

    @Option(names = "--loss", description = "linear (default) or quadratic hinge")
    String loss = "linear";

    @Option(names = "--steps", description = "largest number of steps >= 1 (default 1000000)")
    long steps = PerceptronJamming.DEFAULT_STEPS;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output: to FILE.partial, "
            + "renamed to FILE when the run succeeds (the rows exist only at the end), with a provenance sidecar "
            + "FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("alpha", "--alpha",
                "kappa", "--kappa",
                "n", "--n",
                "loss", "--loss",
                "steps", "--steps");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private PerceptronJamming.Parameters parameters() {
        return new PerceptronJamming.Parameters(alpha, kappa, n, seed, HingeLoss.parse(loss), steps);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PerceptronJamming.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            int patterns = parameters.patterns();
            PerceptronJamming.Result result = PerceptronJamming.minimise(parameters,
                    run.progress(null, "steps", "loss per pattern", e -> e / patterns));
            Table row = Table.create("perceptron",
                    DoubleColumn.create("alpha", alpha), DoubleColumn.create("kappa", kappa), IntColumn.create("n", new int[] {n}),
                    DoubleColumn.create("final_loss", result.finalLoss()),
                    DoubleColumn.create("unsat_fraction", result.unsatisfiedFraction()));
            Csv.write(row, csv);
        });
    }
}
