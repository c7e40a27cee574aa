package org.glassy.observable;

import java.util.Arrays;

import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A histogram on logarithmic bins, for densities that are power laws P(x) ∝ x^a over decades
 * (the gaps and forces of a jammed packing, an avalanche size): bin k spans
 * [lo·10^{k/m}, lo·10^{(k+1)/m}) with m bins per decade, and its density is
 *
 * <pre>
 *   P_k = n_k / (S · (x_{k+1} − x_k)),      standard error P_k / √n_k,
 * </pre>
 *
 * <p>n_k the values in the bin and S the number of values given (those outside [lo, hi) included),
 * so that Σ_k P_k (x_{k+1} − x_k) is the fraction of the values inside. On log–log axes a power law
 * is a straight line of slope a; with equal bins (linear ones) its small-x end would hold a handful
 * of values in one bin. Each bin is represented by its geometric centre √(x_k x_{k+1}).
 *
 * @param edges the m·decades + 1 bin edges, increasing
 * @param counts the values in each bin
 * @param total S, the number of values given
 */
public record LogHistogram(double[] edges, int[] counts, int total) {

    /**
     * Validates the histogram.
     *
     * @param edges at least two, increasing
     * @param counts one per bin, ≥ 0
     * @param total ≥ the sum of the counts
     */
    public LogHistogram {
        Require.atLeast("edges.length", edges.length, 2);
        if (counts.length != edges.length - 1) {
            throw Require.invalid("counts", "must have one count per bin, " + (edges.length - 1) + ", got "
                    + counts.length);
        }
        if (Arrays.stream(counts).asLongStream().sum() > total) {
            throw Require.invalid("total", "must be at least the number of values in the bins, got " + total);
        }
    }

    /**
     * Bins positive values.
     *
     * @param values the values (any; only those in [lo, hi) are binned, but all count in S)
     * @param lo the lower edge of the first bin, &gt; 0
     * @param hi the upper edge of the last bin, &gt; lo; rounded up to a whole number of bins
     * @param binsPerDecade m, at least 1
     * @return the histogram
     */
    public static LogHistogram of(double[] values, double lo, double hi, int binsPerDecade) {
        Require.positive("lo", lo);
        Require.positive("hi", hi);
        if (!(hi > lo)) {
            throw Require.invalid("hi", "must be > lo = " + lo + ", got " + hi);
        }
        Require.atLeast("binsPerDecade", binsPerDecade, 1);
        int bins = (int) Math.ceil(binsPerDecade * Math.log10(hi / lo) - 1e-9);
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            edges[k] = lo * Math.pow(10, (double) k / binsPerDecade);
        }
        int[] counts = new int[bins];
        for (double v : values) {
            if (v >= lo && v < edges[bins]) {
                int k = (int) Math.floor(binsPerDecade * Math.log10(v / lo));
                // round-off at an edge: put the value in the bin whose edges hold it
                k = Math.max(0, Math.min(bins - 1, k));
                if (v < edges[k]) {
                    k--;
                } else if (v >= edges[k + 1]) {
                    k++;
                }
                counts[k]++;
            }
        }
        return new LogHistogram(edges, counts, values.length);
    }

    /**
     * Returns the density of bin k, n_k/(S·width).
     *
     * @param k the bin
     * @return P_k (0 for an empty bin, NaN if no value was given)
     */
    public double density(int k) {
        return counts[k] / (total * (edges[k + 1] - edges[k]));
    }

    /**
     * The non-empty bins as a table.
     *
     * @param column the name of the bin-centre column, e.g. {@code gap}
     * @return columns {@code <column>} (geometric centre), {@code density}, {@code density_se} (density/√n_k)
     *     and {@code count}
     */
    public Table table(String column) {
        DoubleColumn x = DoubleColumn.create(column);
        DoubleColumn density = DoubleColumn.create("density");
        DoubleColumn error = DoubleColumn.create("density_se");
        IntColumn count = IntColumn.create("count");
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                x.append(Math.sqrt(edges[k] * edges[k + 1]));
                density.append(density(k));
                error.append(density(k) / Math.sqrt(counts[k]));
                count.append(counts[k]);
            }
        }
        return Table.create("log-binned density of " + column, x, density, error, count);
    }

    /**
     * Fits a power law P ∝ x^a to the non-empty bins with centres in [xMin, xMax] (least squares in
     * log–log coordinates, {@link PowerLaw#fit}).
     *
     * @param xMin the smallest bin centre used
     * @param xMax the largest
     * @return the fit
     * @throws IllegalArgumentException if fewer than two non-empty bins qualify
     */
    public PowerLaw fit(double xMin, double xMax) {
        Table t = table("x");
        return PowerLaw.fit(t.doubleColumn("x").asDoubleArray(), t.doubleColumn("density").asDoubleArray(), xMin,
                xMax);
    }
}
