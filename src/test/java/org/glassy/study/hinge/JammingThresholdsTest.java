package org.glassy.study.hinge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.model.HingeLoss;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class JammingThresholdsTest {

    @Test
    void satProbabilityIsTheFractionOfInstancesJammingLater() {
        Table t = Table.create("t", DoubleColumn.create("kappa", 0, 0, 0, 0), IntColumn.create("n", 10, 10, 10, 10),
                DoubleColumn.create("alpha_j", 1.8, 2.0, 2.1, 2.3));
        Table all = JammingThresholds.satProbability(t, new double[] {1.5, 1.9, 2.05, 2.3, 2.5});
        assertEquals(List.of("curve", "kappa", "n", "alpha", "p_sat", "p_sat_se"), all.columnNames());
        Table line = all.where(all.intColumn("n").isEqualTo(0));
        assertEquals(List.of("Gardner α_c = 2.0000", "Gardner α_c = 2.0000"), line.stringColumn("curve").asList());
        assertEquals(List.of(0.0, 1.0), line.doubleColumn("p_sat").asList());
        Table p = all.where(all.stringColumn("curve").startsWith("κ"));
        Table cover = all.where(all.stringColumn("curve").isEqualTo("Cover (exact), N = 10"));
        assertEquals(GardnerCapacity.coverProbability(10, 19), cover.doubleColumn("p_sat").get(1), 0, "α = 1.9: P = 19");
        assertEquals(0.5, GardnerCapacity.coverProbability(10, 20), 1e-15);
        assertEquals(List.of(1.0, 0.75, 0.5, 0.0, 0.0), p.doubleColumn("p_sat").asList());
        assertEquals(Math.sqrt(0.75 * 0.25 / 4), p.doubleColumn("p_sat_se").get(1), 1e-15);
        assertEquals("κ = 0.0, N = 10", p.stringColumn("curve").get(0));
    }

    /**
     * Two sizes whose jamming points are symmetric about 2, the larger one narrower: the smoothed
     * curves are 1 − (i − ½)/M through the sorted points, so they cross exactly at 2.
     */
    @Test
    void curvesOfTwoSizesCrossAtTheirCommonCentre() {
        double[] wide = {1.6, 1.8, 2.2, 2.4};
        double[] narrow = {1.9, 1.95, 2.05, 2.1};
        assertEquals(1.0, JammingThresholds.curve(wide, 1.5), 0);
        assertEquals(1 - 0.5 / 4, JammingThresholds.curve(wide, 1.6), 1e-15);
        assertEquals(1 - 1.0 / 4, JammingThresholds.curve(wide, 1.7), 1e-15);
        assertEquals(0.5, JammingThresholds.curve(wide, 2.0), 1e-15);
        assertEquals(0.0, JammingThresholds.curve(wide, 2.5), 0);
        assertEquals(2.0, JammingThresholds.crossing(wide, narrow), 1e-12);
        // shifted narrow curve: between 2.05 and 2.15 it falls as 0.625 − 2.5(x − 2.05), the wide one as
        // 0.625 − 0.625(x − 1.8): they meet at x = 2.1333…, beyond both centres, as the crossing of a wide
        // and a narrow step, (m₂s₁ − m₁s₂)/(s₁ − s₂), does
        assertEquals(32 / 15.0, JammingThresholds.crossing(wide, new double[] {2.0, 2.05, 2.15, 2.2}), 1e-12);
        assertTrue(Double.isNaN(JammingThresholds.crossing(new double[] {1, 1.1}, new double[] {3, 3.1})),
                "disjoint curves do not cross");
    }

    /**
     * κ = 0 against Cover's exact finite-N probability: over 100 instances of N = 20 the fraction that
     * the minimiser stores at P = 40 (exactly ½) and P = 48 (0.121) agrees within 3 binomial standard
     * errors (0.15 and 0.10): the minimiser finds a solution whenever one exists. One that missed
     * solutions near the threshold, or an off-by-one in the load, would fall outside.
     */
    @Test
    void kappaZeroStoresPatternsWithCoversProbability() {
        int n = 20;
        int instances = 100;
        for (int p : new int[] {40, 48}) {
            int stored = 0;
            for (int i = 0; i < instances; i++) {
                long seed = PerceptronJamming.instanceSeed(7L, i);
                HingePerceptron model = new HingePerceptron(PerceptronJamming.instance(seed, p, n), 0, HingeLoss.LINEAR);
                var r = PerceptronJamming.minimise(model, PerceptronJamming.start(seed, 0, n), (double) p / n,
                        PerceptronJamming.DEFAULT_STEPS, seed, null);
                assertTrue(r.converged());
                stored += r.sat() ? 1 : 0;
            }
            double exact = GardnerCapacity.coverProbability(n, p);
            double se = Math.sqrt(exact * (1 - exact) / instances);
            assertEquals(exact, stored / (double) instances, 3 * se, "P = " + p);
        }
    }

    /**
     * The bisection's answer is checked by minimising the two loads again; and for κ = 0 the jamming
     * points scatter about Cover's α_c = 2: over 12 instances of N = 60 their mean lies within 0.15
     * of 2 (the instance-to-instance spread at this N is about 0.15, so the standard error of the mean
     * is about 0.04; a factor-2 error in α_c or P would be off by ≥ 1).
     */
    @Test
    void bisectionFindsTheLastSatLoadAndKappaZeroJamsNearTwo() {
        int n = 60;
        int[] found = JammingThresholds.bisect(0, n, 11L);
        assertEquals(found[0] + 1, found[1]);
        for (int k = 0; k < 2; k++) {
            int p = found[k];
            HingePerceptron model = new HingePerceptron(PerceptronJamming.instance(11L, p, n), 0, HingeLoss.LINEAR);
            var r = PerceptronJamming.minimise(model, PerceptronJamming.start(11L, 0, n), (double) p / n,
                    PerceptronJamming.DEFAULT_STEPS, 11L, null);
            assertEquals(k == 0, r.sat(), "P = " + p);
        }
        Table t = JammingThresholds.thresholds(new double[] {0}, new int[] {n}, 12, 4L, null);
        assertEquals(List.of("kappa", "n", "instance", "last_sat", "first_unsat", "alpha_j", "minimisations"),
                t.columnNames());
        double mean = t.doubleColumn("alpha_j").mean();
        assertEquals(2.0, mean, 0.15);
        Table x = JammingThresholds.crossings(t, 1L);
        assertEquals("α_J, N = 60", x.stringColumn("quantity").get(0));
        assertEquals(mean, x.doubleColumn("value").get(0), 1e-12);
        assertEquals(2.0, x.doubleColumn("alpha_c").get(0), 1e-12);
        assertEquals(2 + 1 / 120.0, x.doubleColumn("exact").get(0), 1e-12, "Cover: mean α_J = 2 + 1/(2N)");
        assertFalse(Double.isNaN(x.doubleColumn("se").get(0)));
    }
}
