package org.glassy.cli;

import java.util.Locale;

import org.glassy.internal.Require;
import org.glassy.model.SpikedMatrixTensor;

import picocli.CommandLine.Option;

/**
 * The options that define a spiked matrix–tensor model, shared by {@code glassy spiked} (finite N) and
 * {@code glassy spiked-dmft} (N → ∞): the tensor order {@code --p} and the two noise variances {@code --delta2}
 * (a number, or {@code inf} for no matrix) and {@code --deltap}. Their parameter names for errors are
 * {@link #OPTION_PAIRS}.
 */
final class SpikedModelOptions {

    /** Parameter and option names, in the order of {@link OptionNames#of}. */
    static final String[] OPTION_PAIRS = {"p", "--p", "delta2", "--delta2", "deltap", "--deltap"};

    @Option(names = "--p", required = true, description = "tensor order p >= 2")
    int p;

    @Option(names = "--delta2", required = true, description = "matrix noise variance > 0, or inf for no matrix")
    String delta2;

    @Option(names = "--deltap", required = true, description = "tensor noise variance > 0")
    double deltap;

    /**
     * @return Δ2 parsed from {@code --delta2}, +∞ for {@code inf}
     */
    double delta2() {
        return parseDelta2(delta2);
    }

    /**
     * Parses a matrix noise variance: a number, or {@code inf} (no matrix).
     *
     * @param text the option's value
     * @return Δ2
     */
    static double parseDelta2(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity") || t.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return SpikedMatrixTensor.requireDelta2(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw Require.invalid("delta2", "must be a number > 0 or inf, got '" + text + "'");
        }
    }

    /**
     * The option names of a command that mixes these in, followed by its own pairs.
     *
     * @param more the command's own parameter, option pairs
     * @return all pairs
     */
    static String[] withPairs(String... more) {
        String[] all = java.util.Arrays.copyOf(OPTION_PAIRS, OPTION_PAIRS.length + more.length);
        System.arraycopy(more, 0, all, OPTION_PAIRS.length, more.length);
        return all;
    }
}
