package org.glassy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.internal.Require;
import org.glassy.study.aging.Subaging;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * {@code glassy subaging --msd FILE...}: the subaging exponent μ of the mean square displacement, Δ(t_w, t_w + t)
 * a function of t/t_w^μ ({@link Subaging}: best collapse of the seeds' average, 95 % percentile-bootstrap
 * interval over the files, one file per seed), CSV {@code mu,mu_low,mu_high}.
 */
@Command(name = "subaging", mixinStandardHelpOptions = true,
        description = {"Subaging exponent mu of Delta(tw, tw + t) = f(t/tw^mu) from the runs' CSVs (tw,t,delta, e.g. "
            + "from aging-dnn --out), one file per seed: best collapse of the average, with a 95 %% bootstrap "
            + "interval over the files (CSV mu,mu_low,mu_high)."})
final class SubagingCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--msd", required = true, arity = "1..*", paramLabel = "FILE",
            description = "CSV files with columns tw,t,delta, one per seed, at least 2, on the same grid")
    List<Path> msd;

    @Option(names = "--min-tw", defaultValue = "1", description = "smallest waiting time used, > 0 (default: "
            + "${DEFAULT-VALUE})")
    double minTw;

    @Option(names = "--min-lag", defaultValue = "1", description = "smallest lag used (default: ${DEFAULT-VALUE})")
    double minLag;

    @Option(names = "--resamples", defaultValue = "400", description = "bootstrap resamples >= 20 (default: "
            + "${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--bootstrap-seed", defaultValue = "0", description = "seed of the bootstrap resampling "
            + "(default: ${DEFAULT-VALUE})")
    long bootstrapSeed;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output (written as "
            + "FILE.partial and renamed when complete, with a provenance sidecar FILE.json)")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("runs", "--msd", "msd", "--msd", "minTw", "--min-tw", "minLag", "--min-lag",
                "resamples", "--resamples");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out);
        if (msd.size() < 2) {
            throw Require.invalid("msd", "must name at least 2 files (one per seed), got " + msd.size());
        }
        for (Path file : msd) {
            if (!Files.isReadable(file)) {
                throw Require.invalid("msd", "must name readable files, got " + file);
            }
        }
        Require.positive("minTw", minTw);
        Require.atLeast("resamples", resamples, 20);
    }

    private List<Table> read() {
        List<Table> runs = new ArrayList<>();
        for (Path file : msd) {
            Table t;
            try {
                t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).build());
            } catch (RuntimeException e) {
                throw Require.invalid("msd", "must name CSV files, " + file + ": " + e.getMessage());
            }
            for (String column : List.of("tw", "t", "delta")) {
                if (!t.columnNames().contains(column)) {
                    throw Require.invalid("msd", "must name CSV files with columns tw,t,delta, " + file + " has "
                            + String.join(",", t.columnNames()));
                }
            }
            runs.add(t);
        }
        return runs;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        List<Table> runs = read();
        return run.execute(null, () -> {
            Output csv = run.output("--out", out, Output.Mode.AT_END);
            Subaging fit = Subaging.fit(runs, "delta", minTw, minLag, resamples, bootstrapSeed);
            csv.header("mu,mu_low,mu_high");
            csv.row(fit.mu() + "," + fit.low() + "," + fit.high());
        });
    }
}
