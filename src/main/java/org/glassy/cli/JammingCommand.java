package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.study.jamming.Examples;
import org.glassy.study.jamming.HingeNetwork;
import org.glassy.study.jamming.JammingData;
import org.glassy.study.jamming.JammingTraining;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code glassy jamming}: one deep ReLU network trained on the quadratic hinge loss to SAT, UNSAT or undecided,
 * one CSV row {@code depth,width,n_params,samples,n_unsat,final_loss,outcome,test_error}
 * ({@link JammingTraining}; M. Geiger et al., Phys. Rev. E 100, 012115 (2019)).
 */
@Command(name = "jamming", mixinStandardHelpOptions = true,
        description = "Train a fully connected ReLU network (--depth hidden layers of --width units, one output, "
                + "biases, orthogonal initial weights, zero biases) on the quadratic hinge loss "
                + "L = (1/2P) sum_mu max(0, Delta_mu)^2, Delta_mu = K - y_mu f(x_mu), full batch, float64 "
                + "(Geiger, Spigler et al. 2019). Data: --data random (Gaussian inputs, labels +-1 alternately) or "
                + "fashion-mnist (10 whitened principal components, classes 0-4 against 5-9; --dim must be 10); "
                + "inputs centred and scaled to |x| = sqrt(D). Adam: learning rate 1e-3, divided by 10 at each plateau of "
                + "the loss, at most twice (down to 1e-5). FIRE: initial step 1e-2, maximum step 1e-1, Bitzek et al.'s "
                + "other parameters. Every 50 steps the gaps and the best loss so far are checked: the run stops sat "
                + "as soon as no constraint is violated (n_unsat = 0). The loss has reached a plateau when at least "
                + JammingTraining.WINDOW + " steps were done at the current learning rate and the best loss fell by "
                + "less than 1%% over the last " + JammingTraining.WINDOW + " steps; at a plateau Adam's learning rate is divided by 10, and a plateau at 1e-5 (for "
                + "FIRE, the first plateau) stops the run unsat. A run that reaches --steps with n_unsat > 0 otherwise "
                + "is undecided (so every Adam run shorter than " + 3 * JammingTraining.WINDOW + " steps that is not sat). "
                + "One CSV row depth,width,n_params,samples,n_unsat,final_loss,outcome,test_error: n_params is the paper's N, "
                + "the weights only, D*H + H^2 (L - 1) + H; test_error (the fraction of test examples with "
                + "y f(x) <= 0) is empty for random data.")
final class JammingCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--data", required = true, description = "random or fashion-mnist")
    String data;

    @Option(names = "--dim", required = true, paramLabel = "D", description = "input dimension D >= 1 (10 for "
            + "fashion-mnist)")
    int dim;

    @Option(names = "--depth", required = true, paramLabel = "L", description = "hidden layers L >= 1")
    int depth;

    @Option(names = "--width", required = true, paramLabel = "H", description = "hidden width H >= 1")
    int width;

    @Option(names = "--samples", required = true, paramLabel = "P", description = "training examples P >= 1")
    int samples;

    @Option(names = "--margin", required = true, paramLabel = "K", description = "margin K > 0 of the hinge (the "
            + "authors' 1)")
    double margin;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "seed of the data and of the "
            + "initial weights")
    long seed;

    @Option(names = "--optimizer", description = "adam (default) or fire")
    String optimizer = "adam";

    @Option(names = "--steps", paramLabel = "MAX", description = "step budget MAX >= 1 (default 400000)")
    long steps = 400_000;

    @Option(names = "--test-samples", paramLabel = "T", description = "test examples T >= 1 for fashion-mnist, "
            + "P + T <= 70000 (default 10000)")
    int testSamples = 10_000;

    @Option(names = "--gaps-out", paramLabel = "FILE", description = "write the final gap Delta_mu of every "
            + "training example to this CSV file (column delta)")
    Path gapsOut;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output: to FILE.partial, "
            + "renamed to FILE when the run succeeds (the row exists only at the end), with a provenance sidecar "
            + "FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("data", "--data",
                "dim", "--dim",
                "depth", "--depth",
                "width", "--width",
                "samples", "--samples",
                "margin", "--margin",
                "optimizer", "--optimizer",
                "steps", "--steps",
                "testSamples", "--test-samples");
    }

    private boolean fashion() {
        return switch (data) {
            case "random" -> false;
            case "fashion-mnist" -> true;
            default -> throw Require.invalid("data", "must be random or fashion-mnist, got " + data);
        };
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        OutputFiles.check("--gaps-out", gapsOut);
        boolean fashion = fashion();
        if (fashion && dim != JammingData.PCA_DIMENSION) {
            throw Require.invalid("dim", "must be 10 for --data fashion-mnist (its principal components), got " + dim);
        }
        Require.atLeast("samples", samples, 1);
        if (!(margin > 0) || !Double.isFinite(margin)) {
            throw Require.invalid("margin", "must be > 0 and finite, got " + margin);
        }
        Require.atLeast("testSamples", testSamples, 1);
        if (fashion) {
            if ((long) samples + testSamples > 70_000) {
                throw Require.invalid("testSamples", "must leave P + T <= 70000, got P + T = "
                        + ((long) samples + testSamples));
            }
        }
        new HingeNetwork.Architecture(dim, width, depth);
        protocol();
    }

    private JammingTraining.Protocol protocol() {
        return JammingTraining.Protocol.of(JammingTraining.Optimizer.parse(optimizer), steps);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        boolean fashion = fashion();
        HingeNetwork.Architecture architecture = new HingeNetwork.Architecture(dim, width, depth);
        JammingTraining.Protocol protocol = protocol();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            Output gaps = gapsOut == null ? null : run.output("--gaps-out", gapsOut, Output.Mode.AT_END);
            Examples train;
            Examples test = null;
            if (fashion) {
                JammingData.Split split = JammingData.fashionMnist(samples, testSamples, seed);
                train = split.train();
                test = split.test();
            } else {
                train = JammingData.random(samples, dim, seed);
            }
            HingeNetwork network = new HingeNetwork(architecture, train, margin);
            JammingTraining.Result result = JammingTraining.train(network, protocol, seed,
                    run.progress(null, "steps", "loss", e -> e));
            Table row = Table.create("jamming",
                    IntColumn.create("depth", new int[] {depth}),
                    IntColumn.create("width", new int[] {width}),
                    IntColumn.create("n_params", new int[] {architecture.weightCount()}),
                    IntColumn.create("samples", new int[] {samples}),
                    IntColumn.create("n_unsat", new int[] {result.unsatisfied()}),
                    DoubleColumn.create("final_loss", new double[] {result.loss()}),
                    StringColumn.create("outcome", new String[] {result.outcome().label()}),
                    DoubleColumn.create("test_error",
                            new double[] {test == null ? Double.NaN : network.error(result.parameters(), test)}));
            Csv.write(row, csv);
            if (gaps != null) {
                Csv.write(Table.create("gaps", DoubleColumn.create("delta", result.gaps())), gaps);
            }
        });
    }
}
