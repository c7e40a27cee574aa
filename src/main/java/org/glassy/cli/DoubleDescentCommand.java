package org.glassy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.model.Activation;
import org.glassy.study.doubledescent.DoubleDescent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy double-descent}: the simulated excess test risk of min-norm/ridge linear regression or of random
 * features regression next to its closed form, one CSV row
 * {@code model,features,samples,dim,noise,ridge,ensemble,test_error,test_error_se,theory}
 * ({@link DoubleDescent}).
 */
@Command(name = "double-descent", mixinStandardHelpOptions = true,
        description = "Test error of a solvable model of double descent, averaged over --repeats draws of the data: "
                + "linear regression on isotropic Gaussian inputs (the features are the inputs: --features = --dim; "
                + "test_error the exact excess risk |b - beta|^2, |beta| = 1) or random features f(x) = (1/sqrt N) "
                + "sum_i a_i sigma(theta_i.x/sqrt D) on inputs of norm sqrt D with a unit-norm linear teacher "
                + "(test_error the excess risk on --test-samples fresh inputs, of the mean of --ensemble models that "
                + "share the data, not theta). The fit minimises (1/P)|y - Zb|^2 + lambda|b|^2 (--ridge lambda; 0: "
                + "the min-norm solution). Labels carry Gaussian noise of standard deviation --noise. One CSV row "
                + "model,features,samples,dim,noise,ridge,ensemble,test_error,test_error_se,theory: theory is, for "
                + "the linear model, the exact finite-size expectation at --ridge 0 (Infinity when |D - P| <= 1) and "
                + "Hastie et al.'s asymptotic formula at --ridge > 0; for random features with --ensemble 1, Mei and "
                + "Montanari's asymptotic formula (their ridge is lambda D); empty for ensembles.")
final class DoubleDescentCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--model", required = true, description = "linear or random-features")
    String model;

    @Option(names = "--features", required = true, paramLabel = "N", description = "number of features N >= 1 "
            + "(= --dim for the linear model)")
    int features;

    @Option(names = "--samples", required = true, paramLabel = "P", description = "training samples P >= 1")
    int samples;

    @Option(names = "--dim", required = true, paramLabel = "D", description = "input dimension D >= 1")
    int dim;

    @Option(names = "--noise", required = true, paramLabel = "SIGMA", description = "label-noise standard deviation "
            + "sigma >= 0")
    double noise;

    @Option(names = "--ridge", required = true, paramLabel = "LAMBDA", description = "ridge lambda >= 0 (> 0 for the "
            + "linear model at D = P)")
    double ridge;

    @Option(names = "--seed", required = true, description = "seed of data, teachers, noise and features")
    long seed;

    @Option(names = "--activation", description = "relu (default) or tanh, the random features' activation")
    String activation = "relu";

    @Option(names = "--ensemble", paramLabel = "K", description = "models per ensemble K >= 1 (default 1; 1 for the "
            + "linear model)")
    int ensemble = 1;

    @Option(names = "--repeats", paramLabel = "R", description = "repeats with new data R >= 1 (default 10)")
    int repeats = 10;

    @Option(names = "--test-samples", paramLabel = "T", description = "test inputs per repeat T >= 1, random "
            + "features (default 1000)")
    int testSamples = 1000;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output: to FILE.partial, "
            + "renamed to FILE when the run succeeds (the row exists only at the end), with a provenance sidecar "
            + "FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("model", "--model",
                "features", "--features",
                "samples", "--samples",
                "dim", "--dim",
                "noise", "--noise",
                "ridge", "--ridge",
                "activation", "--activation",
                "ensemble", "--ensemble",
                "repeats", "--repeats",
                "testSamples", "--test-samples");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private DoubleDescent.Parameters parameters() {
        Activation sigma = switch (activation) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            default -> throw Require.invalid("activation", "must be relu or tanh, got " + activation);
        };
        return DoubleDescent.Parameters.builder().model(DoubleDescent.Model.parse(model)).features(features)
                .samples(samples).dim(dim).noise(noise).ridge(ridge).activation(sigma).ensemble(ensemble)
                .repeats(repeats).testSamples(testSamples).seed(seed).build();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        DoubleDescent.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            DoubleDescent.Result result = DoubleDescent.run(parameters,
                    run.progress(null, "repeats", "test error", e -> e));
            Csv.write(DoubleDescent.table(List.of(result), "double-descent"), csv);
        });
    }
}
