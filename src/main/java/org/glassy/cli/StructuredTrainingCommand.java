package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.model.Loss;
import org.glassy.model.Precision;
import org.glassy.study.structured.StructuredTraining;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy structured-training}: a one-hidden-layer ReLU network trained by SGD, Adam, block
 * majorisation–minimisation or Gauss–Newton (Levenberg–Marquardt), one CSV row
 * {@code epoch,train_loss,test_error,seconds} per epoch ({@link StructuredTraining}).
 */
@Command(name = "structured-training", mixinStandardHelpOptions = true,
        description = {"A one-hidden-layer ReLU network D-H-10 trained on P examples: sgd (plain mini-batch SGD), adam "
                + "(PyTorch defaults), block-mm (full batch: the output layer by least squares, or by the MM step of "
                + "Bohning's bound for cross-entropy, then the hidden layer by a backtracked quadratic majorant) or "
                + "gauss-newton (full batch Levenberg-Marquardt, conjugate gradient on Jacobian-vector products). "
                + "block-mm and gauss-newton never increase the training loss.",
            "Data: fashion-mnist (first P training images, test error on the 10000 test images) or teacher (50 "
                + "Gaussian inputs labelled by a random tanh teacher with 8 hidden units and 10 classes drawn from "
                + "--seed, test error on 10000 fresh inputs).",
            "One CSV row epoch,train_loss,test_error,seconds per epoch, epoch 0 the initialisation: train_loss the "
                + "full-batch loss, seconds the cumulative wall time of training (evaluations excluded). An epoch is "
                + "floor(P/B) mini-batches for sgd and adam, one step for block-mm and gauss-newton."})
final class StructuredTrainingCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--optimizer", required = true, description = "sgd, adam, block-mm or gauss-newton")
    String optimizer;

    @Option(names = "--data", required = true, description = "teacher or fashion-mnist")
    String data;

    @Option(names = "--samples", required = true, paramLabel = "P", description = "training examples P >= 1 (at "
            + "most 60000 for fashion-mnist)")
    int samples;

    @Option(names = "--hidden", required = true, paramLabel = "H", description = "hidden width H >= 1")
    int hidden;

    @Option(names = "--epochs", required = true, paramLabel = "E", description = "epochs E >= 0")
    int epochs;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "seed of teacher, data, "
            + "initialisation and batch order")
    long seed;

    @Option(names = "--loss", description = "cross-entropy (default) or squared (mean over the 10 outputs of the "
            + "squared error to the one-hot label)")
    String loss = "cross-entropy";

    @Option(names = "--lr", paramLabel = "ETA", description = "learning rate > 0, sgd and adam only (default 0.05 "
            + "for sgd, 0.001 for adam)")
    Double lr;

    @Option(names = "--batch", paramLabel = "B", description = "batch size 1 to P, sgd and adam only (default "
            + "min(32, P))")
    Integer batch;

    @Option(names = "--precision", description = "float64 (default) or float32 (sgd and adam: the "
            + "network's forward and backward passes in single precision)")
    String precision = "float64";

    @Option(names = "--relu-derivative-at-zero", paramLabel = "V", description = "the value of ReLU'(0) used by "
            + "backpropagation, 0 to 1 (default 0)")
    double reluDerivativeAtZero;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, each row as soon "
            + "as its epoch ends, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("optimizer", "--optimizer",
                "data", "--data",
                "samples", "--samples",
                "hidden", "--hidden",
                "epochs", "--epochs",
                "loss", "--loss",
                "learningRate", "--lr",
                "batch", "--batch",
                "precision", "--precision",
                "reluDerivativeAtZero", "--relu-derivative-at-zero");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private StructuredTraining.Parameters parameters() {
        StructuredTraining.Optimizer o = StructuredTraining.Optimizer.parse(optimizer);
        StructuredTraining.Data d = StructuredTraining.Data.parse(data);
        Loss l = switch (loss) {
            case "cross-entropy" -> Loss.CROSS_ENTROPY;
            case "squared" -> Loss.SQUARED;
            default -> throw Require.invalid("loss", "must be squared or cross-entropy, got " + loss);
        };
        Precision p = switch (precision) {
            case "float64" -> Precision.FLOAT64;
            case "float32" -> Precision.FLOAT32;
            default -> throw Require.invalid("precision", "must be float64 or float32, got " + precision);
        };
        StructuredTraining.Parameters.Builder builder = StructuredTraining.Parameters.builder().optimizer(o).data(d)
                .samples(samples).hidden(hidden).epochs(epochs).seed(seed).loss(l)
                .reluDerivativeAtZero(reluDerivativeAtZero).precision(p);
        if (lr != null) {
            builder.learningRate(lr);
        }
        if (batch != null) {
            builder.batch(batch);
        }
        return builder.build();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        StructuredTraining.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            var progress = run.progress(null, "epochs", "train loss", e -> e);
            StructuredTraining.run(parameters, r -> {
                if (r.epoch() == 0) {
                    csv.header("epoch,train_loss,test_error,seconds");
                }
                csv.row(r.epoch() + "," + r.trainLoss() + "," + r.testError() + "," + r.seconds());
                if (progress != null) {
                    progress.progress(r.epoch(), parameters.epochs(), r.epoch(), r.trainLoss());
                }
            });
        });
    }
}
