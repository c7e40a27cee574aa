package org.glassy.study.jamming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Training to SAT or UNSAT on cases with a known answer, the stopping rule, and the transition estimator. */
class JammingTrainingTest {

    @Test
    void aWideNetworkOnFewPointsEndsSatWithZeroLoss() {
        for (JammingTraining.Optimizer o : JammingTraining.Optimizer.values()) {
            // one hidden layer of 40 units: N = 5·40 + 40 = 240 weights for P = 20 random points
            HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(5, 40, 1),
                    JammingData.random(20, 5, 1L), 1);
            JammingTraining.Result r = JammingTraining.train(network, JammingTraining.Protocol.of(o, 4000), 2L, null);
            assertEquals(JammingTraining.Outcome.SAT, r.outcome(), o.label());
            assertEquals(0, r.unsatisfied());
            assertTrue(r.loss() < 1e-18 / 2, "zero up to the rounding of the gaps: " + r.loss());
            assertTrue(r.steps() < 4000, "stops as soon as N_Δ = 0, at step " + r.steps());
            assertEquals(0, JammingTraining.violated(r.gaps(), 1));
            assertTrue(java.util.Arrays.stream(r.gaps()).max().orElseThrow() <= 1e-9);
            assertEquals(r.loss(), network.energy(r.parameters()));
        }
    }

    /** h = 2: N = 5·2 + 2 = 12 weights for P = 200 random labels, far above capacity (shared by two tests). */
    private static final HingeNetwork OVER_CONSTRAINED = new HingeNetwork(new HingeNetwork.Architecture(5, 2, 1),
            JammingData.random(200, 5, 1L), 1);
    private static JammingTraining.Result overConstrained;

    /** The plateau window of {@link #overConstrainedRun}: three plateaus fit in its budget. */
    private static final long OVER_WINDOW = 4000;

    /** The Adam run on {@link #OVER_CONSTRAINED}, 20 000 steps at most, trained once for the class. */
    private static synchronized JammingTraining.Result overConstrainedRun() {
        if (overConstrained == null) {
            overConstrained = JammingTraining.train(OVER_CONSTRAINED,
                    JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 20_000).withWindow(OVER_WINDOW), 2L,
                    null);
        }
        return overConstrained;
    }

    @Test
    void aNarrowNetworkOnManyPointsEndsUnsatOnAPlateau() {
        // h = 2: N = 5·2 + 2 = 12 weights for P = 200 random labels: far above capacity
        HingeNetwork network = OVER_CONSTRAINED;
        JammingTraining.Result r = overConstrainedRun();
        assertEquals(JammingTraining.Outcome.UNSAT, r.outcome());
        assertTrue(r.unsatisfied() > 12, "N_Δ = " + r.unsatisfied() + " > N");
        assertTrue(r.loss() > 0);
        assertTrue(r.steps() >= (JammingTraining.DECAYS + 1) * OVER_WINDOW && r.steps() < 20_000,
                "a plateau at each of the three learning rates, the last one stops the run: " + r.steps());
        assertEquals(network.energy(r.parameters()), r.loss());
    }

    @Test
    void anUnsatRunEndsAtAMinimumThatAnotherOptimiserCannotLower() {
        // the same over-constrained case; from the end of the Adam run, FIRE (an independent descent) for 4000
        // steps and plain Adam at η₀ for 4000 steps lower the loss by less than 2 %: the run ended at a minimum,
        // not on a slope the plateau rule mistook for one
        HingeNetwork network = OVER_CONSTRAINED;
        JammingTraining.Result r = overConstrainedRun();
        assertEquals(JammingTraining.Outcome.UNSAT, r.outcome());
        for (JammingTraining.Optimizer o : JammingTraining.Optimizer.values()) {
            JammingTraining.Result more = JammingTraining.train(network,
                    JammingTraining.Protocol.of(o, 4000).withWindow(4000), r.parameters(), 3L, null);
            assertTrue(more.loss() > 0.98 * r.loss(), o.label() + ": " + more.loss() + " against " + r.loss());
            assertTrue(more.unsatisfied() > 12, "still N_Δ > N: " + more.unsatisfied());
        }
    }

    @Test
    void finishingAnAdamRunNeverRaisesTheLoss() {
        // from the end of the over-constrained Adam run: every accepted Levenberg–Marquardt step lowers L, the
        // reported gradient norm and loss are those of the final parameters, and N_Δ stays above N = 12
        JammingTraining.Result r = overConstrainedRun();
        JammingTraining.Finish f = JammingTraining.finish(OVER_CONSTRAINED, r.parameters(), 1e-12, 200);
        double[] l = f.losses();
        assertEquals(f.iterations() + 1, l.length);
        assertEquals(r.loss(), l[0]);
        for (int k = 1; k < l.length; k++) {
            assertTrue(l[k] < l[k - 1], "step " + k + ": " + l[k] + " after " + l[k - 1]);
        }
        assertEquals(OVER_CONSTRAINED.energy(f.parameters()), f.loss());
        double[] g = new double[OVER_CONSTRAINED.dimension()];
        OVER_CONSTRAINED.energyAndGradient(f.parameters(), g);
        assertEquals(Math.sqrt(java.util.Arrays.stream(g).map(v -> v * v).sum()), f.gradientNorm(), 1e-15);
        assertEquals(f.gradientNorm() <= 1e-12, f.converged());
        assertTrue(f.unsatisfied() > 12, "N_Δ = " + f.unsatisfied());
        assertThrows(IllegalArgumentException.class, () -> JammingTraining.finish(OVER_CONSTRAINED, r.parameters(), 0, 1));
    }

    @Test
    void finishingALinearisedNetworkReachesTheConvexOptimumWithAVanishingGradient() {
        // hidden biases of 20 against pre-activations |W x| <= |x| = √3: every ReLU stays on, the network is the
        // linear function f(x) = v·x + c with v = Wᵀw, c = w·b + b_out, and every linear function is reachable.
        // Its loss is then the quadratic-hinge loss of a linear classifier, a convex function of (v, c) whose
        // minimum is computed independently by Newton's method on the d + 1 = 4 variables: the finishing
        // minimisation must reach that value with |∇L| below the tolerance (UNSAT: 60 random labels in d = 3).
        int d = 3;
        Examples data = JammingData.random(60, d, 4L);
        HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(d, d, 1), data, 1);
        double[] x0 = network.initialParameters(5L);
        for (int j = 0; j < d; j++) {
            x0[d * d + j] = 20;   // layer 0: the d × d weights, then its d biases
        }
        JammingTraining.Finish f = JammingTraining.finish(network, x0, 1e-10, 500);
        assertTrue(f.converged(), "|grad L| = " + f.gradientNorm());
        assertTrue(f.gradientNorm() <= 1e-10);
        double best = linearOptimum(data, 1);
        assertTrue(f.unsatisfied() > 0 && best > 1e-3, "a linear classifier cannot fit 60 random labels in d = 3");
        assertEquals(best, f.loss(), 1e-9 * best);
    }

    /** min over (v, c) of (1/(2P)) Σ max(0, κ − y(v·x + c))², by Newton steps with backtracking. */
    private static double linearOptimum(Examples data, double margin) {
        int d = data.dimension();
        int p = data.size();
        double[] w = new double[d + 1];
        java.util.function.ToDoubleFunction<double[]> loss = v -> {
            double s = 0;
            for (int mu = 0; mu < p; mu++) {
                double f = v[d];
                for (int i = 0; i < d; i++) {
                    f += v[i] * data.inputs()[mu * d + i];
                }
                double delta = margin - data.labels()[mu] * f;
                s += delta > 0 ? delta * delta : 0;
            }
            return s / (2.0 * p);
        };
        for (int it = 0; it < 200; it++) {
            double[][] h = new double[d + 1][d + 1];
            double[] g = new double[d + 1];
            for (int mu = 0; mu < p; mu++) {
                double[] z = new double[d + 1];
                for (int i = 0; i < d; i++) {
                    z[i] = data.inputs()[mu * d + i];
                }
                z[d] = 1;
                double f = 0;
                for (int i = 0; i <= d; i++) {
                    f += w[i] * z[i];
                }
                double delta = margin - data.labels()[mu] * f;
                if (delta > 0) {
                    for (int i = 0; i <= d; i++) {
                        g[i] -= data.labels()[mu] * delta * z[i] / p;
                        for (int j = 0; j <= d; j++) {
                            h[i][j] += z[i] * z[j] / p;
                        }
                    }
                }
            }
            double[] step = new org.hipparchus.linear.LUDecomposition(
                    org.hipparchus.linear.MatrixUtils.createRealMatrix(h)).getSolver()
                    .solve(new org.hipparchus.linear.ArrayRealVector(g)).toArray();
            double l0 = loss.applyAsDouble(w);
            double t = 1;
            double[] next = w.clone();
            while (t > 1e-12) {
                for (int i = 0; i <= d; i++) {
                    next[i] = w[i] - t * step[i];
                }
                if (loss.applyAsDouble(next) <= l0) {
                    break;
                }
                t /= 2;
            }
            w = next;
        }
        return loss.applyAsDouble(w);
    }

    @Test
    void overlapsAreScaledByTheRootOfTheLossAndContactsBelowTheToleranceLeftOut() {
        double[] gaps = {0.5, -0.2, 1e-12, 0.3};
        double root = Math.sqrt((0.25 + 1e-24 + 0.09) / 8);   // L = (1/(2P)) Σ_{Δ>0} Δ², P = 4
        double[] scaled = JammingStudy.scaledOverlaps(gaps, 1);
        assertEquals(2, scaled.length);
        assertEquals(0.5 / root, scaled[0], 1e-15);
        assertEquals(0.3 / root, scaled[1], 1e-15);
        assertEquals(0, JammingStudy.scaledOverlaps(new double[] {-1, -0.5}, 1).length);
    }

    @Test
    void deadInputsAreTheViolatedExamplesWhoseHiddenLayerIsSwitchedOff() {
        // one hidden layer of two units; unit 1 is switched off for every input (bias −100, |W x| <= |x| = √3),
        // unit 0 has zero bias: an input is dead iff W_0·x <= 0, and then f = b_out = 0, Δ = κ = 1 > 0
        int d = 3;
        Examples data = JammingData.random(50, d, 3L);
        HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(d, 2, 1), data, 1);
        double[] x = network.initialParameters(2L);
        x[2 * d] = 0;        // bias of unit 0 (after the 2 × d weights of layer 0)
        x[2 * d + 1] = -100; // bias of unit 1
        int expected = 0;
        for (int mu = 0; mu < data.size(); mu++) {
            double z = 0;
            for (int i = 0; i < d; i++) {
                z += x[i] * data.inputs()[mu * d + i];
            }
            if (z <= 0) {
                expected++;
            }
        }
        assertTrue(expected > 10 && expected < 40, "about half the inputs: " + expected);
        assertEquals(expected, JammingStudy.deadConstraints(network, x));
        x[2 * d] = -100;     // both units off: every constraint is violated and dead
        assertEquals(data.size(), JammingStudy.deadConstraints(network, x));
    }

    @Test
    void theProtocolDecaysOnPlateausNotOnAClock() {
        // a run that reaches SAT slowly is not cut: with W = 250 the loss keeps falling by more than 1 % per window
        // until N_Δ = 0, so no plateau is declared before SAT
        HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(5, 40, 1),
                JammingData.random(20, 5, 1L), 1);
        JammingTraining.Result r = JammingTraining.train(network,
                JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 4000).withWindow(250), 2L, null);
        assertEquals(JammingTraining.Outcome.SAT, r.outcome());
        assertThrows(IllegalArgumentException.class,
                () -> JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 10).withWindow(75));
    }

    @Test
    void aBudgetTooShortToDecideIsUndecided() {
        HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(6, 6, 2),
                JammingData.random(60, 6, 1L), 1);
        JammingTraining.Result r = JammingTraining.train(network,
                JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 20), 2L, null);
        assertEquals(JammingTraining.Outcome.UNDECIDED, r.outcome());
        assertEquals(20, r.steps());
        assertTrue(r.unsatisfied() > 0);
    }

    @Test
    void theEstimatorRecoversAKnownStep() {
        double step = 2.6;
        double[] grid = new double[13 * 3];
        boolean[] sat = new boolean[grid.length];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 1 + 0.25 * (i / 3);
            sat[i] = grid[i] < step;
        }
        Transition t = Transition.locate(grid, sat);
        assertEquals(2.625, t.threshold(), 1e-12);
        assertEquals(0.125, t.error(), 1e-12);
        assertEquals(0, t.misclassified());
        // one SAT run just above the step (a lucky seed) and one UNSAT just below: the span widens to cover both
        sat[3 * 7] = true;     // load 2.75
        sat[3 * 6 + 1] = false; // load 2.5
        Transition noisy = Transition.locate(grid, sat);
        assertEquals(2, noisy.misclassified());
        assertTrue(Math.abs(noisy.threshold() - step) <= noisy.error(), noisy.toString());
        assertTrue(noisy.error() <= 0.25 + 1e-12, noisy.toString());
        Transition allSat = Transition.locate(new double[] {1, 2}, new boolean[] {true, true});
        assertEquals(Double.POSITIVE_INFINITY, allSat.error());
    }

    @Test
    void aScanOfTheSmallestNetworksLocatesItsTransitionBetweenSatAndUnsatLoads() {
        List<JammingStudy.Run> runs = JammingStudy.scanRandom(8, 2, new double[] {0.5, 6}, 1, 1,
                JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 10_000).withWindow(1000));
        assertEquals(JammingTraining.Outcome.SAT, runs.get(0).result().outcome());
        assertEquals(JammingTraining.Outcome.UNSAT, runs.get(1).result().outcome());
        Transition t = JammingStudy.transition(runs);
        assertEquals(3.25, t.threshold(), 1e-12);
        assertEquals(12, JammingStudy.table(runs).columnCount());
        assertEquals(0, runs.get(0).dead());
    }

    @Test
    void runsThatEndWithOnlyDeadInputsViolatedAreLeftOutOfTheTransition() {
        JammingTraining.Result sat = new JammingTraining.Result(JammingTraining.Outcome.SAT, 10, 0, 0, new double[1],
                new double[1]);
        JammingTraining.Result unsat = new JammingTraining.Result(JammingTraining.Outcome.UNSAT, 10, 0.1, 14,
                new double[1], new double[1]);
        JammingStudy.Run below = new JammingStudy.Run(2, 8, 100, 100, 1, sat, 0);
        JammingStudy.Run dead = new JammingStudy.Run(2, 8, 100, 150, 1, unsat, 14);
        JammingStudy.Run partly = new JammingStudy.Run(2, 8, 100, 150, 2, unsat, 3);
        JammingStudy.Run above = new JammingStudy.Run(2, 8, 100, 300, 1, unsat, 0);
        assertTrue(dead.deadOnly());
        assertTrue(!partly.deadOnly() && !above.deadOnly() && !below.deadOnly());
        Transition t = JammingStudy.transition(List.of(below, dead, above));
        assertEquals(2.0, t.threshold(), 1e-12);   // between the SAT load 1 and the UNSAT load 3
        assertEquals(1.0, t.error(), 1e-12);
        Transition counted = JammingStudy.transition(List.of(below, partly, above));
        assertEquals(1.25, counted.threshold(), 1e-12);   // a run with live violations counts as UNSAT
    }

    @Test
    void theHessianVanishesAtASatPointAndItsGaussNewtonPartHasRankAtMostNDelta() {
        HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(3, 3, 1),
                JammingData.random(40, 3, 1L), 1);
        JammingTraining.Result r = JammingTraining.train(network,
                JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 10_000), 1L, null);
        assertTrue(r.unsatisfied() > 0, "N = 12 cannot fit 40 random labels");
        double[][] spectra = JammingStudy.hessianSpectra(network, r.parameters());
        double[] h0 = spectra[1];
        assertEquals(network.dimension(), h0.length);
        double top = h0[h0.length - 1];
        int rank = JammingStudy.countAbove(h0, 1e-10 * top);
        assertTrue(rank <= Math.min(r.unsatisfied(), network.dimension()), "rank " + rank);
        assertTrue(h0[0] > -1e-12 * top, "H0 is positive semi-definite");
        // trace H0 = (1/P) Σ_{Δ>0} |∇f|², computed independently
        double trace = 0;
        double[] g = new double[network.dimension()];
        double[] gaps = r.gaps();
        for (int mu = 0; mu < gaps.length; mu++) {
            if (gaps[mu] > 0) {
                network.outputGradient(r.parameters(), mu, g);
                for (double v : g) {
                    trace += v * v / gaps.length;
                }
            }
        }
        assertEquals(trace, java.util.Arrays.stream(h0).sum(), 1e-9 * trace);
        // the Hessian of a SAT network: zero in a neighbourhood of the solution
        HingeNetwork easy = new HingeNetwork(new HingeNetwork.Architecture(3, 8, 1), JammingData.random(4, 3, 1L), 1);
        JammingTraining.Result sat = JammingTraining.train(easy,
                JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 2000), 1L, null);
        assertEquals(JammingTraining.Outcome.SAT, sat.outcome());
        assertEquals(0, JammingStudy.countAbove(JammingStudy.hessianSpectra(easy, sat.parameters())[1], 0),
                "H0 of a SAT network has rank N_Delta = 0");
        double[] gapsSat = sat.gaps();
        if (java.util.Arrays.stream(gapsSat).max().orElseThrow() < -1e-3) {
            double[][] zero = JammingStudy.hessianSpectra(easy, sat.parameters());
            assertEquals(0.0, zero[0][0]);
            assertEquals(0.0, zero[0][zero[0].length - 1]);
        }
    }

    /**
     * A student's change in notebook 06 (width 8 at depth 2, P = 204, data seed 7) made Hipparchus refuse H₀ as
     * "non symmetric": g_i g_j/P and g_j g_i/P can differ in the last bit. The spectra must come out, H₀'s with
     * rank at most N_Δ.
     */
    @Test
    void theGaussNewtonPartIsExactlySymmetricWhereRoundingOnceMadeItRefused() {
        HingeNetwork network = new HingeNetwork(new HingeNetwork.Architecture(8, 8, 2), JammingData.random(204, 8, 7L), 1);
        JammingTraining.Result r = JammingTraining.train(network,
                JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 15_000).withWindow(500), 7L, null);
        double[][] spectra = JammingStudy.hessianSpectra(network, r.parameters());
        double[] h0 = spectra[1];
        double top = Math.max(h0[h0.length - 1], 1e-300);
        assertTrue(JammingStudy.countAbove(h0, 1e-8 * top) <= r.unsatisfied(), "rank of H0 <= N_Delta");
        assertEquals(network.dimension(), spectra[0].length);
    }
}
