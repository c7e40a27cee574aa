package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.study.aging.AgingDnn;
import org.glassy.study.barriers.Method;
import org.glassy.study.barriers.NetworkBarriers;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy barrier}: trains two one-hidden-layer networks from two seeds on the same data,
 * joins them (straight segment, AutoNEB or a Bézier curve) and writes the training loss, test loss
 * and test error along the path, CSV {@code t,train_loss,test_loss,test_error} with t from 0 to 1.
 */
@Command(name = "barrier", mixinStandardHelpOptions = true,
        description = {"Loss along a path between two trained networks (CSV t,train_loss,test_loss,test_error).",
            "t is the fraction of the path's length; both endpoints are included."})
final class BarrierCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--data", required = true, description = "teacher or fashion-mnist")
    String data;

    @Option(names = "--samples", required = true, description = "training examples P")
    int samples;

    @Option(names = "--hidden", required = true, description = "hidden width H >= 1")
    int hidden;

    @Option(names = "--seed-a", required = true, description = "seed of the first network (initialisation, batches)")
    long seedA;

    @Option(names = "--seed-b", required = true, description = "seed of the second network")
    long seedB;

    @Option(names = "--method", required = true, description = "linear, autoneb or bezier")
    String method;

    @Option(names = "--seed", required = true, description = "seed of the data and of the path optimiser")
    long seed;

    @Option(names = "--lr", defaultValue = "0.05", description = "training learning rate > 0: warmed up over the first fifth of the steps, then "
            + "from half the run down to 1 %% of it (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--batch", defaultValue = "50", description = "batch size, 1 to P (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--momentum", defaultValue = "0.9", description = "momentum in [0, 1) (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--train-steps", defaultValue = "10000", description = "SGD steps per network (default: ${DEFAULT-VALUE})")
    long trainSteps;

    @Option(names = "--effort", defaultValue = "1",
            description = "path budget relative to Draxler et al.'s 16000 AutoNEB steps (default: ${DEFAULT-VALUE})")
    double effort;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output: to FILE.partial, "
            + "renamed to FILE when the run succeeds (the rows exist only at the end), with a provenance sidecar "
            + "FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("data", "--data", "samples", "--samples", "hidden", "--hidden", "seedA", "--seed-a",
                "seedB", "--seed-b", "method", "--method", "learningRate", "--lr", "batch", "--batch",
                "momentum", "--momentum", "steps", "--train-steps", "effort", "--effort");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
        Method.parse(method);
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private NetworkBarriers.Parameters parameters() {
        return new NetworkBarriers.Parameters(AgingDnn.DataSource.parse(data), samples, hidden, seedA, seedB, seed,
                new NetworkBarriers.Training(lr, batch, momentum, trainSteps), effort);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Method how = Method.parse(method);
        NetworkBarriers.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            NetworkBarriers.Minima minima = NetworkBarriers.train(parameters,
                    run.progress("training the two networks", "steps", "loss", e -> e));
            Csv.write(NetworkBarriers.connect(minima, how, run.progress("the path (" + method + ")", "steps",
                    "loss", e -> e)).profile().table(), csv);
        });
    }
}
