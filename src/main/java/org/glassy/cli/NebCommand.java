package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.study.barriers.Potential;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy neb}: a nudged elastic band on a two-dimensional test potential, CSV
 * {@code image,x,y,energy} for the final path, endpoints included.
 */
@Command(name = "neb", mixinStandardHelpOptions = true,
        description = {"Nudged elastic band between the minima of a 2-D test potential (CSV image,x,y,energy).",
            "double-well: (x^2 - 1)^2 + y^2, saddle (0, 0) at energy 1; muller-brown: from minimum A to B,",
            "highest saddle -40.66. Starts from the straight path; string re-spacing unless --spring is given."})
final class NebCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--potential", required = true, description = "double-well or muller-brown")
    String potential;

    @Option(names = "--images", required = true, description = "images M >= 3, endpoints included; about 200 bytes each must fit "
            + "the heap")
    int images;

    @Option(names = "--steps", required = true, description = "gradient-descent steps on the band >= 0")
    long steps;

    @Option(names = "--climbing", description = "the highest image climbs to the saddle during the second half")
    boolean climbing;

    @Option(names = "--step-size", description = "step > 0 (default: 0.01 for double-well, 2e-4 for muller-brown)")
    Double stepSize;

    @Option(names = "--spring", defaultValue = "Infinity",
            description = "spring constant > 0; Infinity re-spaces the images instead (default: ${DEFAULT-VALUE})")
    double spring;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output: to FILE.partial, "
            + "renamed to FILE when the run succeeds (the rows exist only at the end), with a provenance sidecar "
            + "FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("potential", "--potential", "images", "--images", "steps", "--steps",
                "learningRate", "--step-size", "springConstant", "--spring");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        Potential p = Potential.parse(potential);
        p.bandRule(images, steps, stepSize == null ? p.learningRate() : stepSize, spring, climbing);
        Potential.requireResources(images, steps);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Potential p = Potential.parse(potential);
        double eta = stepSize == null ? p.learningRate() : stepSize;
        return run.execute(null, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            Csv.write(p.band(images, steps, eta, spring, climbing,
                    run.progress(null, "steps", "highest image energy", e -> e)), csv);
        });
    }
}
