package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.core.StepHandler;
import org.glassy.study.aging.AgingDnn;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy aging-dnn}: SGD training of a one-hidden-layer network, CSV {@code tw,t,delta} (the
 * mean square displacement of all parameters, times in SGD steps), {@code step,loss} with
 * {@code --loss-out}, and {@code step,noise} (the SGD noise strength D, {@link org.glassy.observable.SgdNoise})
 * with {@code --noise-out}. {@code --output sigmoid --hidden-activation relu} is the authors' toy model
 * (Baity-Jesi et al., ICML 2018); {@code --inputs pca:K} trains on K whitened principal components.
 */
@Command(name = "aging-dnn", mixinStandardHelpOptions = true,
        description = {"SGD on a one-hidden-layer network: mean square displacement of the weights (CSV tw,t,delta).",
            "Rows of --out and --loss-out are written as soon as they are final; tw,t,delta in the order they "
                + "complete: time-major, by tw + t, then tw (sort by tw,t for the table by waiting time). Memory "
                + "(data, network, copies of the weights) and work (at most 1e15 operations) are checked before the "
                + "run."})
final class AgingDnnCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--data", required = true, description = "teacher or fashion-mnist")
    String data;

    @Option(names = "--samples", required = true, description = "training examples P")
    int samples;

    @Option(names = "--hidden", required = true, description = "hidden width H >= 1")
    int hidden;

    @Option(names = "--lr", required = true, description = "learning rate > 0")
    double lr;

    @Option(names = "--batch", required = true, description = "batch size, 1 to P")
    int batch;

    @Option(names = "--momentum", required = true, description = "momentum in [0, 1)")
    double momentum;

    @Option(names = "--steps", required = true, description = "SGD steps >= 20")
    long steps;

    @Option(names = "--seed", required = true, description = "seed of data, initial weights and batch order")
    long seed;

    @Option(names = "--engine", defaultValue = "lean", description = "lean or dl4j (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--waiting-times", defaultValue = "8",
            description = "number of waiting times, log-spaced from 10 to steps/2 (default: ${DEFAULT-VALUE})")
    int waitingTimes;

    @Option(names = "--hidden-activation", defaultValue = "relu",
            description = "relu, tanh or sigmoid (default: ${DEFAULT-VALUE})")
    String hiddenActivation;

    @Option(names = "--output", defaultValue = "linear", description = "sigmoid or linear output units, squared "
            + "error to the one-hot target (default: ${DEFAULT-VALUE}; sigmoid is the authors' toy model)")
    String output;

    @Option(names = "--inputs", defaultValue = "raw", description = "raw, or pca:K for K >= 1 whitened principal "
            + "components fitted on the training set (default: ${DEFAULT-VALUE})")
    String inputs;

    @Option(names = "--noise-out", description = "also write step,noise (the SGD noise D = η² tr Cov(batch gradient)/M "
            + "on the loss grid) to this file when the run ends, with a provenance sidecar FILE.json")
    Path noiseOut;

    @Option(names = "--loss-out", description = "also write step,loss (training loss) to this file, each row as soon "
            + "as it is recorded, with a provenance sidecar FILE.json")
    Path lossOut;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, each row as soon "
            + "as it is final, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    CheckpointOptions checkpoint;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("data", "--data",
                "samples", "--samples",
                "hidden", "--hidden",
                "learningRate", "--lr",
                "batch", "--batch",
                "momentum", "--momentum",
                "steps", "--steps",
                "engine", "--engine",
                "waitingTimes", "--waiting-times",
                "hiddenActivation", "--hidden-activation",
                "output", "--output",
                "inputs", "--inputs",
                "pcaComponents", "--inputs");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out, "--loss-out", lossOut, "--noise-out", noiseOut, "--checkpoint", checkpoint.file);
        parameters().requireResources();
        checkpoint.policy("");
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private AgingDnn.Parameters parameters() {
        return new AgingDnn.Parameters(AgingDnn.DataSource.parse(data), samples, hidden, lr, batch, momentum, steps, seed,
                AgingDnn.Engine.parse(engine), waitingTimes, AgingDnn.parseActivation(hiddenActivation),
                AgingDnn.Output.parse(output), AgingDnn.parseInputs(inputs));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        AgingDnn.Parameters parameters = parameters();
        var policy = checkpoint.policy(parameters.toString());
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            Output lossCsv = lossOut == null ? null : run.output("--loss-out", lossOut, Output.Mode.STREAMED);
            csv.header("tw,t,delta");
            StepHandler[] writers = new StepHandler[0];
            if (lossCsv != null) {
                lossCsv.header("step,loss");
                writers = new StepHandler[] {new CsvRows(lossCsv, (step, time, x, energy) -> step + "," + energy)};
            }
            Output noiseCsv = noiseOut == null ? null : run.output("--noise-out", noiseOut, Output.Mode.AT_END);
            AgingDnn.Result result = AgingDnn.run(parameters, run.progress(null, "steps", "loss", e -> e), policy,
                    (tw, t, values) -> csv.row(tw + "," + t + "," + values[0]), writers);
            if (noiseCsv != null) {
                noiseCsv.header("step,noise");
                var steps = result.loss().longColumn("step");
                var noise = result.loss().doubleColumn("noise");
                for (int r = 0; r < steps.size(); r++) {
                    noiseCsv.row(steps.get(r) + "," + noise.get(r));
                }
            }
        });
    }
}
