package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.glassy.data.FashionMnist;
import org.glassy.study.structured.BetaNmf;
import org.glassy.study.structured.NmfData;
import org.glassy.study.structured.StructuredTraining;
import org.junit.jupiter.api.Test;

/**
 * The "Try it" exercises of notebook 11 (structured optimisation): the notebook's library calls with each
 * exercise's change — β-NMF ({@link BetaNmf}) of Fashion-MNIST images at rank 16 from the notebook's seed, on 40
 * images and 8 iterations instead of QUICK's 200 and 25 (the identity checked holds at every size and iteration),
 * and {@link StructuredTraining#run} at the QUICK sizes (P = 300, H = 16, 3 epochs, batch 32).
 */
class Notebook11ExercisesTest {

    private static double[] objectives(NmfData v, double beta, BetaNmf.Update update, int iterations) {
        BetaNmf run = new BetaNmf(v, 16, beta, update, 2011);
        double[] o = new double[iterations + 1];
        o[0] = run.objective();
        for (int t = 1; t <= iterations; t++) {
            o[t] = run.iterate();
        }
        return o;
    }

    /**
     * Exercise 1 — "set {@code NMF_BETAS = {1.5, 2, 2.5}}: at which β do the MM and heuristic curves coincide?"
     * Solution: at 1.5 and 2 they are the same curve (γ(β) = 1 on [1, 2]); at 2.5 they differ (γ = 2/3), MM
     * decreasing monotonically, the heuristic lower at iteration 25 in QUICK mode.
     */
    @Test
    void mmAndTheHeuristicCoincideExactlyForBetaBetweenOneAndTwo() {
        assertEquals(1, BetaNmf.gamma(1.5), 0);
        assertEquals(1, BetaNmf.gamma(2), 0);
        assertEquals(2.0 / 3, BetaNmf.gamma(2.5), 1e-15);
        NmfData v = NmfData.images(FashionMnist.train(40), 0);
        for (double beta : new double[] {1.5, 2}) {
            double[] mm = objectives(v, beta, BetaNmf.Update.MM, 8);
            double[] heuristic = objectives(v, beta, BetaNmf.Update.HEURISTIC, 8);
            for (int t = 0; t <= 8; t++) {
                assertEquals(mm[t], heuristic[t], 1e-12 * mm[t], "beta " + beta + ", iteration " + t);
            }
        }
        double[] mm = objectives(v, 2.5, BetaNmf.Update.MM, 8);
        double[] heuristic = objectives(v, 2.5, BetaNmf.Update.HEURISTIC, 8);
        for (int t = 1; t <= 8; t++) {
            assertTrue(mm[t] <= mm[t - 1], "MM is monotone at beta 2.5, iteration " + t);
        }
        assertTrue(Math.abs(mm[8] - heuristic[8]) > 0.01 * mm[8], "different updates at beta 2.5: " + mm[8] + " vs "
                + heuristic[8]);
    }

    private static List<double[]> train(StructuredTraining.Optimizer optimizer, double learningRate, long seed) {
        List<double[]> rows = new ArrayList<>();
        StructuredTraining.Parameters.Builder b = StructuredTraining.Parameters.builder().optimizer(optimizer)
                .data(StructuredTraining.Data.FASHION_MNIST).samples(300).hidden(16).epochs(3).seed(seed);
        // the notebook's solution sets the rate of SGD; the full-batch trainers take none
        StructuredTraining.run((optimizer.stochastic() ? b.learningRate(learningRate).batch(32) : b).build(),
                r -> rows.add(new double[] {r.trainLoss(), r.testError()}));
        return rows;
    }

    /**
     * Exercise 2 — "set {@code SGD_LR = 2.0}: which curves of the trainers' comparison change?" Solution: SGD ends
     * at the uninformed loss ln 10 ≈ 2.30 with test error 0.90 (chance); block MM and Gauss–Newton, which take no
     * step size, give exactly the same curves as before.
     */
    @Test
    void aHugeLearningRateRuinsSgdButNotTheStepSizeFreeTrainers() {
        for (long seed : new long[] {2011, 2012}) {
            double[] end = train(StructuredTraining.Optimizer.SGD, 2.0, seed).get(3);
            assertTrue(Math.abs(end[0] - Math.log(10)) < 0.1, "seed " + seed + ": SGD train loss " + end[0]);
            assertTrue(end[1] > 0.85, "seed " + seed + ": SGD test error " + end[1]);
            if (seed == 2011) {
                assertTrue(train(StructuredTraining.Optimizer.SGD, 0.05, seed).get(3)[0] < 2.0, "eta = 0.05 learns");
            }
        }
        List<double[]> mm = train(StructuredTraining.Optimizer.BLOCK_MM, 2.0, 2011);
        List<double[]> before = train(StructuredTraining.Optimizer.BLOCK_MM, 0.05, 2011);
        for (int e = 0; e < mm.size(); e++) {
            assertEquals(before.get(e)[0], mm.get(e)[0], 0, "block MM ignores the learning rate, epoch " + e);
        }
        assertTrue(mm.get(3)[0] < 1.3, "block MM after 3 epochs: " + mm.get(3)[0]);
    }
}
