package org.glassy.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.glassy.study.relaxation.PSpinRelaxation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code glassy pspin}: energy relaxation of the spherical p-spin, CSV columns {@code time,energy}
 * (energy per spin, physics normalisation), log-spaced rows ending at the final time.
 */
@Command(name = "pspin", mixinStandardHelpOptions = true,
        description = "Spherical p-spin after a quench: energy per spin vs time (CSV time,energy).")
final class PSpinCommand implements Callable<Integer>, OptionNames, Validated {

    @Option(names = "--p", required = true, description = "interaction order p >= 2")
    int p;

    @Option(names = "--n", required = true, description = "number of spins N >= p")
    int n;

    @Option(names = "--temperature", required = true, description = "temperature T >= 0 (0 for gd)")
    double temperature;

    @Option(names = "--dt", required = true, description = "time step > 0")
    double dt;

    @Option(names = "--time", required = true, description = "final time >= dt")
    double time;

    @Option(names = "--seed", required = true, description = "seed of couplings, initial state and noise")
    long seed;

    @Option(names = "--dynamics", defaultValue = "langevin", description = "gd or langevin (default: ${DEFAULT-VALUE})")
    String dynamics;

    @Option(names = "--records-per-decade", defaultValue = "10",
            description = "log-spaced rows per decade of time >= 1 (default: ${DEFAULT-VALUE})")
    int recordsPerDecade;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output")
    Path out;

    @Mixin
    CheckpointOptions checkpoint;

    @Override
    public Map<String, String> optionNames() {
        return OptionNames.of("p", "--p",
                "n", "--n",
                "temperature", "--temperature",
                "dt", "--dt",
                "time", "--time",
                "dynamics", "--dynamics",
                "recordsPerDecade", "--records-per-decade");
    }

    @Override
    public void validate() throws Exception {
        OutputFiles.check("--out", out, "--checkpoint", checkpoint.file);
        parameters();
        checkpoint.policy("");
    }

    /** The run's parameters, validated (a bad value names its option through {@link #optionNames}). */
    private PSpinRelaxation.Parameters parameters() {
        return new PSpinRelaxation.Parameters(p, n, temperature, dt, time, seed, PSpinRelaxation.Kind.parse(dynamics),
                recordsPerDecade);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PSpinRelaxation.Parameters parameters = parameters();
        PrintWriter csv = out == null
                ? new PrintWriter(System.out, false, StandardCharsets.UTF_8)
                : new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8));
        try {
            csv.println("time,energy");
            csv.flush();
            CsvRows writer = new CsvRows(csv, (step, t, x, energy) -> formatTime(t) + "," + energy / x.length);
            PSpinRelaxation.run(parameters, Progress.toStandardError(), checkpoint.policy(parameters.toString()), writer);
        } finally {
            if (out == null) {
                csv.flush();
            } else {
                csv.close();
            }
        }
        return 0;
    }

    /** k·dt without binary noise: 4.6, not 4.6000000000000005. */
    static String formatTime(double t) {
        return new BigDecimal(t).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }
}
