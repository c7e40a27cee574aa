package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.study.sgd.PhaseRetrievalStudy;
import org.glassy.study.sgd.PhaseRetrievalStudy.Algorithm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy phase-retrieval}: real phase retrieval trained by gradient descent, SGD, persistent SGD or
 * Langevin ({@link PhaseRetrievalStudy}), CSV {@code time,train_loss,overlap} at log-spaced times ending at
 * {@code --time}.
 */
@Command(name = "phase-retrieval", mixinStandardHelpOptions = true,
        description = {"Real phase retrieval, labels y = (w*.x/sqrt(d))^2, loss (1/(4n)) sum (y - (w.x/sqrt(d))^2)^2, "
                + "trained by gd, sgd (fresh Bernoulli(b) batches), persistent-sgd (selections persisting for a time "
                + "tau) or langevin: training loss and overlap |w.w*|/(|w||w*|) vs time = steps x lr (CSV "
                + "time,train_loss,overlap, 10 rows per decade), each row written as soon as it is recorded.",
            "The loss's curvature is of order 1/d: learning rates of order d/10 (about 10 at d = 100) are stable "
                + "for gd; smaller batches need smaller steps or --spherical. A loss that stops being finite stops "
                + "the run (exit 1) naming --lr."})
final class PhaseRetrievalCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--dim", required = true, description = "input dimension d in [1, 100000]")
    int dim;

    @Option(names = "--alpha", required = true, description = "sample ratio alpha = n/d > 0 (n = round(alpha d) >= 1)")
    double alpha;

    @Option(names = "--algorithm", required = true, description = "gd, sgd, persistent-sgd or langevin")
    String algorithm;

    @Option(names = "--lr", required = true, description = "learning rate eta > 0, the time step of every algorithm")
    double lr;

    @Option(names = "--time", required = true, description = "final time >= lr (steps = time/lr)")
    double time;

    @Option(names = "--seed", required = true, description = "seed of teacher, data, start and noise")
    long seed;

    @Option(names = "--batch-fraction", description = "fraction b in (0, 1] of the examples in a step's batch; required "
            + "with sgd and persistent-sgd (b = 1 gives gd exactly), not allowed with gd and langevin")
    Double batchFraction;

    @Option(names = "--persistence", description = "persistence time tau of persistent-sgd (required with it), "
            + "tau >= lr max(1, (1 - b)/b); tau = lr/b is sgd")
    Double persistence;

    @Option(names = "--temperature", description = "temperature T > 0 of langevin (required with it)")
    Double temperature;

    @Option(names = "--start-overlap", defaultValue = "0", description = "overlap m0 in [0, 1) of the start with the "
            + "teacher; 0 (default): a uniformly random start on |w|^2 = d")
    double startOverlap;

    @Option(names = "--spherical", description = "keep w on the sphere |w|^2 = d (default: unconstrained)")
    boolean spherical;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, each row as soon "
            + "as it is final, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("dimension", "--dim",
                "alpha", "--alpha",
                "algorithm", "--algorithm",
                "learningRate", "--lr",
                "dt", "--lr",
                "time", "--time",
                "batchFraction", "--batch-fraction",
                "persistence", "--persistence",
                "temperature", "--temperature",
                "startOverlap", "--start-overlap");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private PhaseRetrievalStudy.Parameters parameters() {
        Algorithm a = Algorithm.parse(algorithm);
        boolean batches = a == Algorithm.SGD || a == Algorithm.PERSISTENT_SGD;
        if (batches && batchFraction == null) {
            throw Require.invalid("batchFraction", "is required with " + a.spelling() + ": a fraction in (0, 1]");
        }
        if (a == Algorithm.PERSISTENT_SGD && persistence == null) {
            throw Require.invalid("persistence", "is required with persistent-sgd: tau >= lr max(1, (1 - b)/b)");
        }
        if (a != Algorithm.PERSISTENT_SGD && persistence != null) {
            throw Require.invalid("persistence", "applies only to persistent-sgd, got it with " + a.spelling());
        }
        if (a == Algorithm.LANGEVIN && temperature == null) {
            throw Require.invalid("temperature", "is required with langevin: a temperature > 0");
        }
        return PhaseRetrievalStudy.Parameters.builder().dimension(dim).alpha(alpha).algorithm(a).learningRate(lr)
                .time(time).seed(seed).batchFraction(batchFraction == null ? 1 : batchFraction)
                .persistence(persistence == null ? 1 : persistence)
                .temperature(temperature == null ? 0 : temperature).startOverlap(startOverlap).spherical(spherical)
                .build();
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PhaseRetrievalStudy.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            PhaseRetrievalStudy.Instance instance = PhaseRetrievalStudy.instance(parameters);
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            csv.header("time,train_loss,overlap");
            CsvRows writer = new CsvRows(csv, (step, t, x, energy) -> Csv.time(t) + "," + energy + ","
                    + instance.overlap(x));
            PhaseRetrievalStudy.run(instance, parameters, run.progress(null, "steps", "train loss", e -> e), writer);
        });
    }
}
