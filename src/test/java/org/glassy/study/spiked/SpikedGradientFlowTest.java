package org.glassy.study.spiked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.model.SpikedMatrixTensor;
import org.glassy.theory.SpikedThreshold;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** Finite-N gradient flow on both sides of the threshold 1/Δ2^GF = 2 (p = 3, Δp = 1). */
class SpikedGradientFlowTest {

    private static SpikedGradientFlow.Parameters.Builder base(double inverseDelta2, long seed) {
        return SpikedGradientFlow.Parameters.builder().p(3).n(120).delta2(1 / inverseDelta2).deltap(1)
                .time(150).dt(0.1).seed(seed);
    }

    /**
     * 1/Δ2 = 3 &gt; 2: from random starts every instance reaches |m| &gt; 0.6 by t = 150 (N = 120). For odd p the
     * matrix part, symmetric under σ → −σ, decides the sign while m is small, so the flow may end in the mirror
     * state m &lt; 0, even from m(0) = +0.05 (measured at N = 120, seeds 1–6: −0.72, −0.62, +0.78, −0.66, +0.89, +0.80).
     */
    @Test
    void wellAboveTheThresholdGradientFlowFindsTheSignal() {
        assertEquals(2, SpikedThreshold.inverseDelta2(3, 1), 1e-15);
        for (long seed = 1; seed <= 4; seed++) {
            Table t = SpikedGradientFlow.curves(base(3, seed).build());
            assertTrue(Math.abs(t.doubleColumn("overlap").get(0)) < 0.4);
            double last = t.doubleColumn("overlap").get(t.rowCount() - 1);
            assertTrue(Math.abs(last) > 0.6, "seed " + seed + ": m(150) = " + last);
            assertEquals(150, t.doubleColumn("time").get(t.rowCount() - 1), 1e-9);
            if (last > 0) {
                // on the signal side the energy per variable is below the signal part alone at m = 0.6, −Q(0.6)
                double e = t.doubleColumn("energy").get(t.rowCount() - 1);
                assertTrue(e < -SpikedMatrixTensor.q(3, 1.0 / 3, 1, 0.6), "e(150) = " + e);
            }
        }
    }

    /**
     * 1/Δ2 = 0.6 &lt; 2: from random starts at N = 240 the overlap at t = 150 stays small: its mean |m| over six
     * instances is below 0.2 (measured 0.08: 0.018, 0.020, 0.017, 0.046, 0.306, 0.072; finite-N instances keep an
     * overlap of a few 1/√N = 0.065).
     */
    @Test
    void wellBelowTheThresholdGradientFlowStaysUninformative() {
        double sum = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Table t = SpikedGradientFlow.curves(base(0.6, seed).n(240).build());
            sum += Math.abs(t.doubleColumn("overlap").get(t.rowCount() - 1));
        }
        assertTrue(sum / 6 < 0.2, "mean |m(150)| = " + sum / 6);
    }

    @Test
    void startOverlapIsExact() {
        SpikedGradientFlow.Parameters parameters = base(3, 4).startOverlap(0.3).time(0.1).build();
        SpikedMatrixTensor model = SpikedGradientFlow.model(parameters);
        double[] x = SpikedGradientFlow.start(model, 0.3, 5);
        assertEquals(0.3, model.overlap(x), 1e-12);
        double norm = 0;
        for (double v : x) {
            norm += v * v;
        }
        assertEquals(120, norm, 1e-9);
    }

    /**
     * The success-rate task is the last row of the full run (same instance, same noise), with success = [|m| ≥ 1/2]:
     * 1 at 1/Δ2 = 3 and 0 at 1/Δ2 = 0.6 (N = 60, t = 100; p = 3, Δp = 1), whatever the recorded rows.
     */
    @Test
    void finalStateIsTheLastRowAndCountsSuccess() {
        for (double inverseDelta2 : new double[] {3, 0.6}) {
            SpikedGradientFlow.Parameters parameters = base(inverseDelta2, 2).n(60).time(100).build();
            Table curve = SpikedGradientFlow.curves(parameters);
            Table end = SpikedGradientFlow.finalState(SpikedGradientFlow.Parameters.builder().p(3).n(60)
                    .delta2(1 / inverseDelta2).deltap(1).time(100).dt(0.1).seed(2).recordsPerDecade(1).build());
            int last = curve.rowCount() - 1;
            assertEquals(1, end.rowCount());
            assertEquals(curve.doubleColumn("overlap").get(last), end.doubleColumn("overlap").get(0), 0);
            assertEquals(curve.doubleColumn("energy").get(last), end.doubleColumn("energy").get(0), 0);
            assertEquals(inverseDelta2 > 2 ? 1 : 0, end.doubleColumn("success").get(0), 0,
                    "1/delta2 = " + inverseDelta2 + ", m = " + end.doubleColumn("overlap").get(0));
        }
    }
}
