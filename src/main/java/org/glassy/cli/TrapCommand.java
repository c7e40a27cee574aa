package org.glassy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.study.trap.BarratMezardModel;
import org.glassy.study.trap.TrapAging;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code glassy trap}: Π(t_w + t, t_w) of a mean-field trap model, CSV {@code tw,t,pi,pi_se}. */
@Command(name = "trap", mixinStandardHelpOptions = true,
        description = "Trap-model aging: probability pi of no jump in [tw, tw + t], lags t log-spaced from 0.01 tw "
                + "to 100 tw, 10 per decade, with its binomial standard error pi_se (CSV tw,t,pi,pi_se).")
final class TrapCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--model", required = true, description = "bouchaud or barrat-mezard")
    String model;

    @Option(names = "--x", required = true,
            description = "bouchaud: x = T/T_g > 0 (aging for x < 1); barrat-mezard: the temperature T >= 0")
    double x;

    @Option(names = "--tw", required = true, description = "waiting time t_w > 0; the estimated work (walkers x jumps up to t_w, "
            + "about t_w^min(x, 1) each) at most 1e15 operations")
    double tw;

    @Option(names = "--samples", required = true, description = "number of independent walkers >= 1")
    int samples;

    @Option(names = "--seed", required = true, description = "seed of the walkers (and of their energies)")
    long seed;

    @Option(names = "--states",
            description = "barrat-mezard only: number of states M >= 2 (default: infinite, the exact M -> infinity "
                    + "sampler); not allowed for bouchaud")
    Integer states;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output: to FILE.partial, "
            + "renamed to FILE when the run succeeds (the rows are averages over every walker), with a provenance "
            + "sidecar FILE.json")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("model", "--model",
                "x", "--x",
                "tw", "--tw",
                "samples", "--samples",
                "states", "--states");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        parameters().requireResources();
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private TrapAging.Parameters parameters() {
        return new TrapAging.Parameters(TrapAging.Model.parse(model), x, tw, samples, seed,
                states == null ? BarratMezardModel.INFINITE : states);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        TrapAging.Parameters parameters = parameters();
        return run.execute(seed, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            Csv.write(TrapAging.aging(parameters, run.progress(null, "walkers", "pi(2 tw, tw)", v -> v)).table(), csv);
        });
    }
}
