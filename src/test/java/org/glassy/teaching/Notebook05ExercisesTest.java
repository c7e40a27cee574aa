package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.model.HingeLoss;
import org.glassy.study.hinge.GardnerCapacity;
import org.glassy.study.hinge.PerceptronJamming;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The "Try it" exercises of notebook 05 (hinge-loss dynamics and the perceptron's jamming transition), on its
 * perceptron side at QUICK sizes (N = 50 for the load sweep with 2 instances; the counting example at κ = 0,
 * α = 2.1), with each exercise's change, for the notebook's seed and others.
 */
class Notebook05ExercisesTest {

    private static Table atTolerance(Table counts, String stage, String tolerance) {
        Table one = counts.where(counts.stringColumn("stage").isEqualTo(stage)
                .and(counts.stringColumn("tolerance").isEqualTo(tolerance)));
        assertEquals(1, one.rowCount(), counts.print());
        return one;
    }

    /**
     * Exercise 1 — count the contacts at another size: "set {@code N_COUNTS_QUICK = 80}. Predict the number of
     * contacts at the converged minimum for ε = 10⁻⁶ and 10⁻³, and what the strict count says." The solution:
     * exactly N − 1 = 79 for both tolerances (99 at N = 100), 2 to 11 violated for both; the strict count reports
     * about half of the contacts as violated (45–49).
     */
    @Test
    void aJammedPerceptronHasNMinusOneContacts() {
        for (long seed : new long[] {2020, 5, 7}) {
            Table counts = PerceptronJamming.counts(PerceptronJamming.minimise(
                    new PerceptronJamming.Parameters(2.1, 0, 80, seed)), 0, 1e-6, 1e-3);
            Table fine = atTolerance(counts, "converged", "1e-06");
            Table coarse = atTolerance(counts, "converged", "1e-03");
            Table strict = atTolerance(counts, "converged", "0 (strict)");
            assertEquals(79, fine.intColumn("contacts").get(0), "seed " + seed);
            assertEquals(79, coarse.intColumn("contacts").get(0), "seed " + seed);
            int violated = fine.intColumn("violated").get(0);
            assertEquals(violated, coarse.intColumn("violated").get(0), "seed " + seed);
            assertTrue(violated >= 1 && violated <= 14, "seed " + seed + ": " + violated + " violated of 168");
            int roundOff = strict.intColumn("violated").get(0) - violated;
            assertTrue(roundOff > 20 && roundOff < 60, "seed " + seed + ": " + roundOff + " contacts counted as violated");
        }
        Table quick = PerceptronJamming.counts(PerceptronJamming.minimise(
                new PerceptronJamming.Parameters(2.1, 0, 100, 2020)), 1e-6);
        assertEquals(99, atTolerance(quick, "converged", "1e-06").intColumn("contacts").get(0), "N = 100: N − 1");
    }

    /**
     * Exercise 2 — a margin between convex and marginal: "set {@code KAPPAS = {1, 0.5, 0, -0.5}}. Predict α_c(0.5)
     * and the contacts per degree of freedom of the κ = 0.5 curve at 1.4 α_c." The solution: α_c(0.5) = 0.961
     * (1/∫_{−κ}^∞ Dt (t + κ)², here from its closed form (1 + κ²)Φ(κ) + κφ(κ)); UNSAT with 0.6–0.9 contacts per N,
     * above κ = 1's 0.4–0.45, below κ = 0's (N − 1)/N = 0.98.
     */
    @Test
    void aSmallerPositiveMarginIsStillHypostatic() {
        NormalDistribution gauss = new NormalDistribution();
        double kappa = 0.5;
        double moment = (1 + kappa * kappa) * gauss.cumulativeProbability(kappa) + kappa * gauss.density(kappa);
        assertEquals(1 / moment, GardnerCapacity.alphaC(0.5), 1e-6);
        assertEquals(0.961, GardnerCapacity.alphaC(0.5), 0.001);
        for (long seed : new long[] {2020, 5}) {
            Table sweep = PerceptronJamming.sweep(new double[] {1, 0.5, 0}, new double[] {1.4}, 50, HingeLoss.LINEAR, 2,
                    seed);
            double[] contacts = new double[3];
            for (int k = 0; k < 3; k++) {
                double kappaK = new double[] {1, 0.5, 0}[k];
                Table one = sweep.where(sweep.doubleColumn("kappa").isEqualTo(kappaK));
                contacts[k] = one.doubleColumn("contacts_per_n").get(0);
                assertEquals(0, one.doubleColumn("sat_fraction").get(0), 1e-12, "seed " + seed + ": UNSAT at 1.4 α_c");
            }
            assertTrue(contacts[1] > 0.6 && contacts[1] < 0.9, "seed " + seed + ": κ = 0.5 " + contacts[1]);
            assertTrue(contacts[0] > 0.3 && contacts[0] < contacts[1], "seed " + seed + ": κ = 1 " + contacts[0]);
            assertEquals(0.98, contacts[2], 1e-9, "seed " + seed + ": κ = 0, (N − 1)/N");
        }
    }
}
