package org.glassy.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpikedThresholdTest {

    /** The table of issue 19 (three decimals), p = 3 and p = 4. */
    @Test
    void tableOfThresholds() {
        double[][] p3 = {{0.5, 0.390}, {1, 0.500}, {2, 0.618}, {4, 0.732}, {10, 0.854}};
        for (double[] row : p3) {
            assertEquals(row[1], SpikedThreshold.delta2(3, row[0]), 5e-4, "p = 3, deltap = " + row[0]);
        }
        assertEquals(0.434, SpikedThreshold.delta2(4, 1), 5e-4);
        assertEquals(0.667, SpikedThreshold.delta2(4, 4), 5e-4);
        // exact: p = 3, Δp = 1 gives 1/Δ2 = 2; Δp = 2 the golden ratio
        assertEquals(2, SpikedThreshold.inverseDelta2(3, 1), 1e-15);
        assertEquals((1 + Math.sqrt(5)) / 2, SpikedThreshold.inverseDelta2(3, 2), 1e-15);
    }

    /** The root satisfies (1/Δ2)² = Q″(1) = 1/Δ2 + (p − 1)/Δp, and tends to the BBP value 1 as Δp → ∞. */
    @Test
    void bbpConditionAndMatrixLimit() {
        for (int p = 2; p <= 6; p++) {
            for (double dp : new double[] {0.1, 1, 7}) {
                double a = SpikedThreshold.inverseDelta2(p, dp);
                assertEquals(a + (p - 1) / dp, a * a, 1e-12 * a * a);
            }
            assertEquals(1, SpikedThreshold.inverseDelta2(p, 1e12), 1e-10);
            assertEquals(1, SpikedThreshold.inverseDelta2(p, Double.POSITIVE_INFINITY), 0);
        }
    }
}
