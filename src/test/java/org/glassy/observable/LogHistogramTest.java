package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class LogHistogramTest {

    /** Two bins per decade on [10⁻², 1): edges 0.01, 0.0316…, 0.1, 0.316…, 1; counts by hand. */
    @Test
    void countsAndDensitiesAreExact() {
        double[] values = {0.005, 0.01, 0.02, 0.05, 0.0999, 0.1, 0.5, 0.99, 1.0, 3, -1, 0};
        LogHistogram h = LogHistogram.of(values, 0.01, 1, 2);
        double r = Math.sqrt(10);
        assertArrayEquals(new double[] {0.01, 0.01 * r, 0.1, 0.1 * r, 1}, h.edges(), 1e-15);
        // [0.01, 0.0316): 0.01, 0.02; [0.0316, 0.1): 0.05, 0.0999; [0.1, 0.316): 0.1; [0.316, 1): 0.5, 0.99
        assertArrayEquals(new int[] {2, 2, 1, 2}, h.counts());
        assertEquals(12, h.total(), "every value counts in S, binned or not");
        assertEquals(2 / (12 * (0.01 * r - 0.01)), h.density(0), 1e-12);
        assertEquals(1 / (12 * (0.1 * r - 0.1)), h.density(2), 1e-12);
        Table t = h.table("gap");
        assertEquals(List.of("gap", "density", "density_se", "count"), t.columnNames());
        assertEquals(Math.sqrt(0.01 * 0.01 * r), t.doubleColumn("gap").get(0), 1e-15, "geometric centre");
        assertEquals(h.density(1) / Math.sqrt(2), t.doubleColumn("density_se").get(1), 1e-15);
    }

    @Test
    void emptyBinsAreLeftOutAndEdgesHoldTheirValues() {
        // values exactly on the edges 10^{k/3}·10⁻³ land in the bin they open, whatever the round-off of log10
        double[] values = new double[10];
        for (int k = 0; k < 10; k++) {
            values[k] = 1e-3 * Math.pow(10, k / 3.0);
        }
        LogHistogram h = LogHistogram.of(values, 1e-3, 1, 3);
        assertEquals(9, h.counts().length);
        for (int k = 0; k < 9; k++) {
            assertEquals(1, h.counts()[k], "bin " + k);
        }
        LogHistogram sparse = LogHistogram.of(new double[] {0.002, 0.5}, 1e-3, 1, 1);
        assertEquals(2, sparse.table("x").rowCount(), "the empty middle decade is not a row");
        assertThrows(IllegalArgumentException.class, () -> LogHistogram.of(values, 0, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> LogHistogram.of(values, 1, 1, 3));
    }

    /** Samples of P(x) = (1 + a) x^a on (0, 1): the log-binned density recovers the law and its exponent. */
    @Test
    void recoversAPowerLawDensity() {
        double a = -0.4;
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(random.nextDouble(), 1 / (1 + a));
        }
        LogHistogram h = LogHistogram.of(x, 1e-4, 1, 5);
        PowerLaw fit = h.fit(1e-4, 1);
        assertEquals(a, fit.exponent(), 0.02);
        // the density of a bin is the law's mean over it: (x_{k+1}^{1+a} − x_k^{1+a})/width
        for (int k = 0; k < h.counts().length; k++) {
            double lo = h.edges()[k];
            double hi = h.edges()[k + 1];
            double exact = (Math.pow(hi, 1 + a) - Math.pow(lo, 1 + a)) / (hi - lo);
            assertEquals(exact, h.density(k), 5 * exact / Math.sqrt(Math.max(1, h.counts()[k])), "bin " + k);
        }
    }
}
