package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.data.FashionMnist;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.study.structured.BetaNmf;
import org.glassy.study.structured.NmfData;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy nmf}: nonnegative matrix factorisation under the β-divergence by majorisation–minimisation
 * (Févotte and Idier, arXiv:1010.1763), the heuristic multiplicative updates or projected gradient, one CSV row
 * {@code iteration,objective} per iteration ({@link BetaNmf}).
 */
@Command(name = "nmf", mixinStandardHelpOptions = true,
        description = {"Nonnegative matrix factorisation V ~ WH (W, H >= 0) under the beta-divergence (Itakura-Saito "
                + "beta = 0, Kullback-Leibler 1, half squared Euclidean 2) by alternating updates of H and W: mm, the "
                + "majorisation-minimisation multiplicative updates of Fevotte and Idier (Neural Computation 23, 2421 "
                + "(2011)) with exponent gamma = 1/(2-beta) for beta < 1, 1 for 1 <= beta <= 2, 1/(beta-1) for "
                + "beta > 2, whose objective never increases; heuristic, the same with exponent 1; "
                + "projected-gradient, H <- max(0, H - eta grad) with Armijo backtracking.",
            "Data: fashion-mnist, V the first P training images as columns (784 x P, pixels in [0, 1], plus 0.001 "
                + "for beta <= 1 where zero pixels are singular); synthetic, an exact rank-R product W*H* (100 x P, "
                + "entries of W*, H* uniform in (0, 1), drawn from --seed).",
            "One CSV row iteration,objective per iteration, iteration 0 the random start: objective the "
                + "beta-divergence per entry D(V|WH)/(FP)."})
final class NmfCommand implements Callable<Integer>, OptionNames, Validated {

    /** Rows of the synthetic data. */
    static final int SYNTHETIC_ROWS = 100;

    @Option(names = "--data", required = true, description = "fashion-mnist or synthetic")
    String data;

    @Option(names = "--rank", required = true, paramLabel = "R", description = "factorisation rank R, 1 to "
            + "min(rows, P) (the rank of the synthetic product too)")
    int rank;

    @Option(names = "--beta", required = true, paramLabel = "B", description = "beta of the divergence, -1 to 4")
    double beta;

    @Option(names = "--iterations", required = true, paramLabel = "I", description = "iterations I >= 0 (each "
            + "updates H then W)")
    int iterations;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "seed of the initial factors and "
            + "the synthetic data")
    long seed;

    @Option(names = "--samples", paramLabel = "P", description = "columns P of V: images, 1 to 60000 (default 1000), "
            + "or synthetic columns >= 1 (default 200)")
    Integer samples;

    @Option(names = "--update", description = "mm (default), heuristic or projected-gradient")
    String update = "mm";

    @Option(names = "--out", description = "write the CSV to this file instead of standard output, each row as soon "
            + "as its iteration ends, with a provenance sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("data", "--data",
                "rank", "--rank",
                "beta", "--beta",
                "iterations", "--iterations",
                "samples", "--samples",
                "update", "--update");
    }

    private boolean fashion() {
        return switch (data) {
            case "fashion-mnist" -> true;
            case "synthetic" -> false;
            default -> throw Require.invalid("data", "must be fashion-mnist or synthetic, got " + data);
        };
    }

    private int columns() {
        boolean images = fashion();
        int p = samples == null ? (images ? 1000 : 200) : samples;
        return images ? Require.inRange("samples", p, 1, FashionMnist.TRAIN_SIZE) : Require.atLeast("samples", p, 1);
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        int rows = fashion() ? FashionMnist.INPUT_DIMENSION : SYNTHETIC_ROWS;
        int p = columns();
        Require.inRange("rank", rank, 1, Math.min(rows, p));
        if (!(beta >= BetaNmf.MIN_BETA && beta <= BetaNmf.MAX_BETA)) {
            throw Require.invalid("beta", "must be in [" + BetaNmf.MIN_BETA + ", " + BetaNmf.MAX_BETA + "], got "
                    + beta);
        }
        Require.atLeast("iterations", iterations, 0);
        BetaNmf.Update.parse(update);
        double entries = (double) rows * p;
        Resources.requireArrayLength("samples", entries, "entries of V");
        Resources.requireMemory("samples", 8 * (3 * entries + 3 * rank * (rows + (double) p)),
                Resources.count(entries) + " entries of V");
        Resources.requireWork("iterations", 8 * entries * rank * (double) iterations,
                iterations + " iterations at rank " + rank);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.STREAMED);
            int p = columns();
            NmfData v = fashion()
                    ? NmfData.images(FashionMnist.train(p), beta <= 1 ? NmfData.EPSILON : 0)
                    : NmfData.lowRank(SYNTHETIC_ROWS, p, rank, seed);
            BetaNmf nmf = new BetaNmf(v, rank, beta, BetaNmf.Update.parse(update), seed + 1);
            csv.header("iteration,objective");
            csv.row("0," + nmf.objective());
            var progress = run.progress(null, "iterations", "objective", o -> o);
            for (int t = 1; t <= iterations; t++) {
                double objective = nmf.iterate();
                csv.row(t + "," + objective);
                if (progress != null) {
                    progress.progress(t, iterations, t, objective);
                }
            }
        });
    }
}
