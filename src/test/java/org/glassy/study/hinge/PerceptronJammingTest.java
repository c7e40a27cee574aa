package org.glassy.study.hinge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.glassy.model.HingeLoss;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class PerceptronJammingTest {

    /** Gaps chosen exactly representable, so that the boundaries |h − κ| = ε are hit exactly. */
    @Test
    void constraintCountsSortGapsWithTheTolerance() {
        double kappa = -0.5;
        double[] h = {-0.75, -0.8125, -0.5, -0.25, 0, -0.5 - 0x1p-20, -0.5 + 0x1p-30, -0.625};
        ConstraintCounts c = ConstraintCounts.of(h, kappa, 0.25);
        // gaps −0.25 (contact: on the boundary), −0.3125 (violated), 0, 0.25 (boundary), 0.5 (satisfied),
        // −2⁻²⁰, 2⁻³⁰, −0.125
        assertEquals(new ConstraintCounts(1, 6, 1, 0.25), c);
        assertEquals(8, c.total());
        assertEquals(1 / 8.0, c.violatedFraction(), 0);
        assertEquals(6 / 8.0, c.contactFraction(), 0);
        // the strict count: h < κ is violated, only h = κ exactly is a contact
        assertEquals(new ConstraintCounts(4, 1, 3, 0), ConstraintCounts.of(h, kappa, 0));
        assertEquals(new ConstraintCounts(3, 3, 2, 0x1p-20), ConstraintCounts.of(h, kappa, 0x1p-20));
        assertEquals("contactTolerance must be >= 0 and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> ConstraintCounts.of(h, kappa, -1)).getMessage());
    }

    /**
     * The stopping rule: a run cut by the step cap has not converged; zero loss has; at a positive
     * loss the linear hinge converges where the force balance holds, which is checked here
     * independently: forces 1 on violated, 0 on satisfied constraints and in [0, 1] on contacts,
     * Σ_μ f_μ ξ_μ parallel to w, and no small move on the sphere lowers the loss.
     */
    @Test
    void convergedFollowsTheStoppingRuleAndTheEndIsALocalMinimum() {
        var builder = PerceptronJamming.Parameters.builder().kappa(0).n(100).seed(3);
        var capped = PerceptronJamming.minimise(builder.alpha(2.4).steps(50).build());
        assertFalse(capped.converged(), "50 steps cannot finish");
        assertTrue(capped.finalLoss() > 0);
        var sat = PerceptronJamming.minimise(builder.alpha(1.0).steps(PerceptronJamming.DEFAULT_STEPS).build());
        assertTrue(sat.converged() && sat.sat());
        assertEquals(0.0, sat.finalLoss(), 0.0);
        for (double kappa : new double[] {1, 0, -0.5}) {
            double alpha = kappa < 0 ? 6 : 1.2 * GardnerCapacity.alphaC(kappa);
            var r = PerceptronJamming.minimise(PerceptronJamming.Parameters.builder().alpha(alpha).kappa(kappa).n(100)
                    .seed(3).build());
            assertTrue(r.converged(), "κ = " + kappa);
            assertTrue(r.finalLoss() > 0 && r.finalLoss() <= r.descentLoss(), "the exact stage only descends");
            checkLocalMinimum(r, alpha, 100, 3);
        }
    }

    private static void checkLocalMinimum(PerceptronJamming.Result r, double alpha, int n, long seed) {
        double kappa = r.kappa();
        int p = (int) Math.round(alpha * n);
        HingePerceptron model = new HingePerceptron(PerceptronJamming.instance(seed, p, n), kappa, HingeLoss.LINEAR);
        double[] w = r.weights();
        double[] h = model.stabilities(w);
        for (int mu = 0; mu < p; mu++) {
            double f = r.forces()[mu];
            double gap = h[mu] - kappa;
            if (gap < -1e-9) {
                assertEquals(1.0, f, 0.0, "a violated constraint pulls with force 1");
            } else if (gap > 1e-9) {
                assertEquals(0.0, f, 0.0, "a satisfied constraint exerts no force");
            } else {
                assertTrue(f >= -1e-9 && f <= 1 + 1e-9, "contact force " + f);
            }
        }
        double[] total = model.constraintForce(r.forces());
        double lambda = dot(total, w) / n;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            residual += Math.pow(total[i] - lambda * w[i], 2);
        }
        assertTrue(Math.sqrt(residual) < 1e-8 * Math.sqrt(dot(total, total)), "force balance, residual " + residual);
        // the loss is piecewise linear with a sharp minimum: any move of length 10⁻⁴ raises it
        double e = model.energy(w);
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 50; k++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            double along = dot(v, w) / n;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                v[i] -= along * w[i];
                norm += v[i] * v[i];
            }
            double[] moved = new double[n];
            double length = 0;
            for (int i = 0; i < n; i++) {
                moved[i] = w[i] + 1e-4 * v[i] / Math.sqrt(norm);
                length += moved[i] * moved[i];
            }
            for (int i = 0; i < n; i++) {
                moved[i] *= Math.sqrt(n / length);
            }
            assertTrue(model.energy(moved) >= e - 1e-12, "κ = " + kappa + ": a move lowered the loss");
        }
    }

    @Test
    void minimiserReachesZeroLossWellBelowTheJammingPoint() {
        // κ < 0: the jamming point of N = 100 instances lies near α ≈ 4.4; α = 2.5 is far below it
        for (double kappa : new double[] {1, 0, -0.5}) {
            double alpha = kappa < 0 ? 2.5 : 0.6 * GardnerCapacity.alphaC(kappa);
            for (long seed = 1; seed <= 2; seed++) {
                var r = PerceptronJamming.minimise(new PerceptronJamming.Parameters(alpha, kappa, 100, seed));
                assertTrue(r.sat() && r.converged(), "κ = " + kappa + ", seed " + seed + ": " + r.finalLoss());
                for (double h : r.stabilities()) {
                    assertTrue(h >= kappa, "every constraint satisfied");
                }
            }
        }
    }

    /**
     * Isostaticity. A local minimum of the linear hinge with λ &lt; 0 (κ ≤ 0: Σ f_μ h_μ = λN &lt; 0)
     * cannot lie inside a face, where the sphere's curvature makes the linear loss concave: it is a
     * vertex, N − 1 constraints exactly at h = κ (the N − 1 degrees of freedom of the sphere; with
     * Gaussian patterns no N hyperplanes meet a point). So at the jamming point (the first
     * load at which the instance is UNSAT) the contacts are N − 1 to round-off (counted with
     * ε = 10⁻⁹, where the minimiser leaves them at 10⁻¹²), and the constraints bearing a force —
     * contacts and the few overlaps — number N up to a few: here within 10 %. In the convex phase
     * (κ = 1) the minimum lies inside a face: hypostatic, far fewer contacts than N.
     */
    @Test
    void contactsNumberNAtTheJammingPointForNegativeKappaAndFewerForPositive() {
        int n = 50;
        for (long seed = 1; seed <= 2; seed++) {
            int[] found = JammingThresholds.bisect(-0.5, n, seed);
            HingePerceptron model = new HingePerceptron(PerceptronJamming.instance(seed, found[1], n), -0.5,
                    HingeLoss.LINEAR);
            var r = PerceptronJamming.minimise(model, PerceptronJamming.start(seed, 0, n), (double) found[1] / n,
                    PerceptronJamming.DEFAULT_STEPS, seed, null);
            assertTrue(r.converged() && !r.sat());
            ConstraintCounts c = r.counts(ContactStatistics.CONTACT);
            assertEquals(n - 1, c.contacts(), "isostatic: N − 1 contacts, seed " + seed);
            assertTrue(c.contacts() + c.violated() <= 1.1 * n, "force-bearing constraints " + (c.contacts() + c.violated()));
            assertTrue(r.finalLoss() < 2e-3, "just above jamming the loss is small: " + r.finalLoss());
        }
        var convex = PerceptronJamming.minimise(new PerceptronJamming.Parameters(1.2 * GardnerCapacity.alphaC(1), 1, 200,
                1));
        int contacts = convex.counts(ContactStatistics.CONTACT).contacts();
        assertTrue(convex.converged() && contacts > 0 && contacts < 0.7 * 200, "hypostatic: " + contacts + " contacts");
        assertEquals(contacts, convex.counts(ConstraintCounts.DEFAULT_TOLERANCE).contacts(),
                "converged counts do not depend on the tolerance");
    }

    /** κ = 1 is convex: every start ends at the same minimum. */
    @Test
    void theConvexMinimumIsTheSameFromEveryStart() {
        Table starts = PerceptronJamming.starts(1, 0.8, 80, 2, 3, 5L);
        assertEquals(List.of("instance", "start", "final_loss", "descent_loss", "unsat_fraction", "contacts_per_n",
                "converged", "steps"), starts.columnNames());
        assertEquals(6, starts.rowCount());
        Table spread = PerceptronJamming.startSpread(starts);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, spread.doubleColumn("relative_spread").get(i), 1e-9, "instance " + i);
            assertEquals(1.0, spread.doubleColumn("converged").get(i), 0);
        }
        assertEquals("between instances", spread.stringColumn("instance").get(2));
        assertTrue(spread.doubleColumn("relative_spread").get(2) > 1e-3, "instances differ");
        // a start is its own run: the same as minimising it alone
        var alone = PerceptronJamming.minimise(PerceptronJamming.Parameters.builder().alpha(0.8).kappa(1).n(80)
                .seed(PerceptronJamming.instanceSeed(5L, 1)).start(2).build());
        assertEquals(alone.finalLoss(), starts.doubleColumn("final_loss").get(5), 0);
    }

    @Test
    void countsTableComparesTheDescentWithTheConvergedMinimum() {
        var r = PerceptronJamming.minimise(new PerceptronJamming.Parameters(2.1, 0, 100, 2));
        Table t = PerceptronJamming.counts(r, 0, 1e-6, 1e-3);
        assertEquals(6, t.rowCount());
        assertEquals("gradient descent", t.stringColumn("stage").get(0));
        assertEquals(List.of("0 (strict)", "1e-06", "1e-03"), t.stringColumn("tolerance").asList().subList(0, 3));
        assertEquals(r.descentLoss(), t.doubleColumn("loss").get(0), 0);
        assertEquals(r.finalLoss(), t.doubleColumn("loss").get(3), 0);
        // converged: 1e-6 and 1e-3 give the same counts, N − 1 contacts (κ = 0 minima are vertices)
        assertEquals(t.intColumn("contacts").get(4), t.intColumn("contacts").get(5));
        assertEquals(99, (int) t.intColumn("contacts").get(4));
        assertEquals(t.intColumn("violated").get(4), t.intColumn("violated").get(5));
        assertEquals(ConstraintCounts.of(r.descentStabilities(), 0, 0).violated(), (int) t.intColumn("violated").get(0));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
