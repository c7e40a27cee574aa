package org.glassy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.study.resnet.FlowObservables;
import org.glassy.study.resnet.ResNetFlows;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy resnet-flow}: a residual network as the Euler scheme of a flow dx/dt = v(x, t), trained on a 2-D
 * data set or as a transport map between Gaussians, one CSV row
 * {@code data,blocks,augment,train_accuracy,test_accuracy,kinetic_energy,w2_squared,min_jacobian_det,
 * lipschitz_upper,inverse_error} ({@link ResNetFlows}).
 */
@Command(name = "resnet-flow", mixinStandardHelpOptions = true,
        description = "Train a residual network x_{k+1} = x_k + h v(x_k, t_k), h = 1/K, v a one-hidden-layer tanh "
                + "MLP of (x, t), shared by the blocks (--shared, default) or one per block (--per-block), with "
                + "the full-batch gradient of the loss through the core run loop. moons, circles: logistic loss of "
                + "a linear read-out of the final state, the input padded with --augment zero dimensions; gaussian: "
                + "push P samples of N(0, I2) onto P samples of N(m, S) with a sliced-Wasserstein loss (32 "
                + "directions). Both plus --kinetic LAMBDA times the kinetic energy h sum_k |v(x_k)|^2. "
                + "--lipschitz L rescales each velocity network after every step so that Lip(v) <= the product "
                + "of its layers' spectral norms <= L (with h L < 1 every block is invertible). One CSV row "
                + "data,blocks,augment,train_accuracy,test_accuracy,kinetic_energy,w2_squared,min_jacobian_det,"
                + "lipschitz_upper,inverse_error, measured on P fresh test points (seed + 1): kinetic_energy the "
                + "mean of sum_k |x_{k+1} - x_k|^2 / h; w2_squared (gaussian only; accuracies empty there) the "
                + "closed form |m|^2 + tr(I + S - 2 S^(1/2)), the limit of the kinetic energy as LAMBDA -> 0+; "
                + "min_jacobian_det the smallest det dF/dx on a 41 x 41 grid over the training inputs' box "
                + "enlarged by 0.5; lipschitz_upper prod_k (1 + h Lip(v_k)); inverse_error the largest "
                + "|F^-1(F(x)) - x| over test points, F^-1 by the fixed-point iteration x = y - h v(x) per block.")
final class ResNetFlowCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--data", required = true, description = "moons, circles or gaussian")
    String data;

    @Option(names = "--blocks", required = true, paramLabel = "K", description = "residual blocks K >= 1 (h = 1/K)")
    int blocks;

    @Option(names = "--hidden", required = true, paramLabel = "H", description = "hidden width H >= 1 of the "
            + "velocity network")
    int hidden;

    @Option(names = "--steps", required = true, paramLabel = "S", description = "optimiser steps S >= 0")
    long steps;

    @Option(names = "--seed", required = true, paramLabel = "SEED", description = "seed of data and initialisation")
    long seed;

    @Option(names = "--shared", description = "one velocity network v(x, t) for all blocks (the default)")
    boolean shared;

    @Option(names = "--per-block", description = "one velocity network per block")
    boolean perBlock;

    @Option(names = "--augment", paramLabel = "A", description = "extra zero dimensions A >= 0 (default 0; 0 for "
            + "gaussian)")
    int augment;

    @Option(names = "--kinetic", paramLabel = "LAMBDA", description = "weight of the kinetic energy >= 0 (default 0)")
    double kinetic;

    @Option(names = "--lipschitz", paramLabel = "L", description = "bound L > 0 on Lip(v) by rescaling after each "
            + "step (default: none)")
    Double lipschitz;

    @Option(names = "--target-mean", split = ",", paramLabel = "MX,MY", description = "mean of the gaussian target "
            + "(default 1,0)")
    double[] targetMean = {1, 0};

    @Option(names = "--target-cov", split = ",", paramLabel = "SXX,SXY,SYY", description = "covariance of the "
            + "gaussian target, positive definite (default 2,0.5,1)")
    double[] targetCov = {2, 0.5, 1};

    @Option(names = "--optimizer", description = "adam (default) or sgd (full-batch gradient descent)")
    String optimizer = "adam";

    @Option(names = "--lr", paramLabel = "ETA", description = "learning rate > 0 (default 1e-2)")
    double lr = 1e-2;

    @Option(names = "--samples", paramLabel = "P", description = "training points P >= 2, and as many test points "
            + "(default 1000)")
    int samples = 1000;

    @Option(names = "--trajectories-out", paramLabel = "FILE", description = "also write point,block,x,y: the test "
            + "points' trajectories through depth (first two coordinates)")
    Path trajectoriesOut;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output: to FILE.partial, "
            + "renamed to FILE when the run succeeds, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("data", "--data",
                "blocks", "--blocks",
                "hidden", "--hidden",
                "steps", "--steps",
                "augment", "--augment",
                "kinetic", "--kinetic",
                "lipschitz", "--lipschitz",
                "targetMean", "--target-mean",
                "targetCovariance", "--target-cov",
                "optimizer", "--optimizer",
                "learningRate", "--lr",
                "samples", "--samples");
    }

    @Override
    public void validate() throws Exception {
        parameters();
        OutputFiles.check("--out", out, "--trajectories-out", trajectoriesOut);
    }

    private ResNetFlows.Parameters parameters() {
        if (shared && perBlock) {
            throw Require.invalid("--per-block", "must not be given with --shared (choose one)");
        }
        return new ResNetFlows.Parameters(ResNetFlows.Data.parse(data), blocks, hidden, steps, seed, !perBlock, augment,
                kinetic, 0, lipschitz == null ? Double.POSITIVE_INFINITY : lipschitz, targetMean, targetCov,
                ResNetFlows.Optimizer.parse(optimizer), lr, samples);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        ResNetFlows.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            Output paths = trajectoriesOut == null ? null
                    : run.output("--trajectories-out", trajectoriesOut, Output.Mode.AT_END);
            ResNetFlows.Result result = ResNetFlows.run(parameters, run.progress("training", "steps", "loss", e -> e));
            Csv.write(ResNetFlows.table(List.of(result)), csv);
            if (paths != null) {
                Csv.write(FlowObservables.trajectories(result.flow(), result.state(), result.testInputs()), paths);
            }
        });
    }
}
