package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.study.bias.ArchitecturalBias;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy cnn2fc}: a CNN trained by SGD on Fashion-MNIST, switched at the relax time to its equivalent
 * fully connected network (d'Ascoli et al., NeurIPS 2019), one CSV row per epoch
 * {@code epoch,phase,train_loss,test_accuracy,off_mask_norm}.
 */
@Command(name = "cnn2fc", mixinStandardHelpOptions = true,
        description = {"The architectural bias of convolutions (d'Ascoli, Sagun, Bruna, Biroli, NeurIPS 2019): a CNN "
                + "(conv 5x5 -> ReLU -> max-pool 2 -> conv 5x5 -> ReLU -> max-pool 2 -> dense 32 -> softmax, float64, "
                + "DeepLearning4J) trained by plain SGD with cross-entropy on the first P Fashion-MNIST training images "
                + "for R epochs, then mapped exactly onto its equivalent fully connected network (eFCN: each "
                + "convolution a dense (C_out d_out^2) x (C_in d_in^2) matrix) and trained on to E epochs.",
            "One CSV row per epoch epoch,phase,train_loss,test_accuracy,off_mask_norm: phase cnn up to R, efcn "
                + "after (all efcn with --relax-epochs 0: the eFCN from the CNN's initialisation), fcn with "
                + "--baseline fcn (a standard FCN of the eFCN's layer sizes from its own initialisation); train_loss "
                + "the mean cross-entropy over the P images after the epoch; test_accuracy over the 10000 test "
                + "images; off_mask_norm the norm of the weights outside the CNN's sparsity mask (0 for the CNN).",
            "DeepLearning4J's off-heap memory is bounded by org.bytedeco.javacpp.maxbytes (default here 2g; "
                + "change it with GLASSY_JVM_OPTS=-Dorg.bytedeco.javacpp.maxbytes=4g)."})
final class Cnn2fcCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--samples", required = true, paramLabel = "P", description = "training images P, 1 to 60000")
    int samples;

    @Option(names = "--relax-epochs", required = true, paramLabel = "R",
            description = "epochs R of the CNN before the switch to the eFCN, 0 to E")
    int relaxEpochs;

    @Option(names = "--total-epochs", required = true, paramLabel = "E", description = "epochs E in all, >= 1")
    int totalEpochs;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "seed of the initialisation and the "
            + "batch order")
    long seed;

    @Option(names = "--channels", paramLabel = "C", description = "feature maps of both convolutions, 1 to 16 "
            + "(default 4; the eFCN's first layer is (C 24^2) x 784)")
    int channels = 4;

    @Option(names = "--lr", paramLabel = "ETA", description = "SGD learning rate > 0 (default 0.05)")
    double lr = 0.05;

    @Option(names = "--batch", paramLabel = "B", description = "batch size, 1 to P (default 32)")
    int batch = 32;

    @Option(names = "--baseline", description = "fcn: train the standard FCN of the same layer sizes instead")
    String baseline;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, each row as soon "
            + "as its epoch ends, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("samples", "--samples",
                "relaxEpochs", "--relax-epochs",
                "totalEpochs", "--total-epochs",
                "channels", "--channels",
                "learningRate", "--lr",
                "batch", "--batch",
                "baseline", "--baseline");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private ArchitecturalBias.Parameters parameters() {
        return ArchitecturalBias.Parameters.builder().samples(samples).relaxEpochs(relaxEpochs)
                .totalEpochs(totalEpochs).seed(seed).channels(channels).learningRate(lr).batch(batch)
                .baseline(baseline == null ? ArchitecturalBias.Baseline.NONE : ArchitecturalBias.Baseline.parse(baseline))
                .build();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        ArchitecturalBias.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            csv.header("epoch,phase,train_loss,test_accuracy,off_mask_norm");
            ArchitecturalBias.run(parameters, run.progress(null, "epochs", "test accuracy", a -> a),
                    r -> csv.row(r.epoch() + "," + r.phase() + "," + r.trainLoss() + "," + r.testAccuracy() + ","
                            + r.offMaskNorm()));
        });
    }
}
