package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.theory.SpikedThreshold;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy spiked-threshold}: the closed-form gradient-flow threshold of the spiked matrix–tensor model,
 * Δ2^GF = 2/[1 + √(1 + 4(p − 1)/Δp)] ({@link SpikedThreshold}), one CSV row {@code p,deltap,delta2_gf}.
 */
@Command(name = "spiked-threshold", mixinStandardHelpOptions = true,
        description = "Spiked matrix-tensor model: the gradient-flow threshold Delta2_GF = 2/[1 + sqrt(1 + 4(p-1)/Deltap)] "
                + "(gradient flow from a random start finds the signal for Delta2 < Delta2_GF), one CSV row "
                + "p,deltap,delta2_gf.")
final class SpikedThresholdCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--p", required = true, description = "tensor order p >= 2")
    int p;

    @Option(names = "--deltap", required = true, description = "tensor noise variance > 0")
    double deltap;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, with a provenance "
            + "sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("p", "--p", "deltap", "--deltap");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        Require.positive("deltap", deltap);
        SpikedThreshold.delta2(p, deltap);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        return run.execute(null, () -> {
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            csv.header("p,deltap,delta2_gf");
            csv.row(p + "," + deltap + "," + SpikedThreshold.delta2(p, deltap));
        });
    }
}
