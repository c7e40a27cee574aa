package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.glassy.study.jamming.JammingStudy;
import org.glassy.study.jamming.JammingTraining;
import org.junit.jupiter.api.Test;

/**
 * The "Try it" exercises of notebook 06 (the jamming transition of deep networks), on its random-data scan at QUICK
 * sizes: d = h, the architectures (h, L) = (6, 2), (5, 3), (4, 5), full-batch Adam with a budget of 15000 steps and
 * the learning rate divided by 10 on plateaus over a window of 500 steps, seed 1 (the notebook's SEEDS_QUICK = 1)
 * for every depth and seed 2 for L = 2, at the load P/N = 8 the exercises add.
 */
class Notebook06ExercisesTest {

    private static final JammingTraining.Protocol ADAM =
            JammingTraining.Protocol.of(JammingTraining.Optimizer.ADAM, 15_000).withWindow(500);
    private static final int[][] ARCHITECTURES = {{6, 2, 2}, {5, 3, 1}, {4, 5, 1}};   // width, depth, seeds
    private static final Map<String, JammingStudy.Run> RUNS = new HashMap<>();

    /** The runs at P/N = 8 with margin {@code margin}, keyed by "depth/seed" (cached: both exercises use κ = 1). */
    private static Map<String, JammingStudy.Run> atLoadEight(double margin) {
        Map<String, JammingStudy.Run> runs = new HashMap<>();
        for (int[] a : ARCHITECTURES) {
            String key = margin + "/" + a[1];
            if (!RUNS.containsKey(key + "/1")) {
                for (JammingStudy.Run r : JammingStudy.scanRandom(a[0], a[1], new double[] {8.0}, a[2], margin, ADAM)) {
                    RUNS.put(key + "/" + r.seed(), r);
                }
            }
            for (int s = 1; s <= a[2]; s++) {
                runs.put(a[1] + "/" + s, RUNS.get(key + "/" + s));
            }
        }
        return runs;
    }

    /**
     * Exercise 1 — deep in the UNSAT phase: "set {@code LOADS_QUICK = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0}}. Predict
     * N_Δ/N at P/N = 8 for each depth, and the final loss." The solution: every run UNSAT with N_Δ/N in [7.2, 8],
     * fewer than N constraints satisfied, the loss 0.38–0.5, close to κ²/2 = 0.5 (the network that outputs 0).
     */
    @Test
    void farBeyondJammingAlmostEveryConstraintIsViolated() {
        Map<String, JammingStudy.Run> runs = atLoadEight(1.0);
        assertEquals(4, runs.size());
        for (Map.Entry<String, JammingStudy.Run> e : runs.entrySet()) {
            JammingStudy.Run r = e.getValue();
            String where = "L/seed " + e.getKey() + ": ";
            assertEquals(JammingTraining.Outcome.UNSAT, r.result().outcome(), where + r.result().outcome());
            assertEquals(8.0, (double) r.samples() / r.weights(), 0.01, where + "P/N");
            double unsat = (double) r.result().unsatisfied() / r.weights();
            assertTrue(unsat >= 7.2 && unsat <= 8.0, where + "N_Δ/N = " + unsat);
            assertTrue(r.samples() - r.result().unsatisfied() < r.weights(), where + "satisfied "
                    + (r.samples() - r.result().unsatisfied()) + " of " + r.samples());
            assertTrue(r.result().loss() > 0.38 && r.result().loss() <= 0.5 + 1e-12, where + "loss " + r.result().loss());
        }
    }

    /**
     * Exercise 2 — a larger margin: "keep P/N = 8 and set {@code MARGIN = 2.0}. Predict how N_Δ/N and the final loss
     * change." The solution: N_Δ/N in the same range [7.2, 8]; the loss 1.5–2.0, 0.37–0.5 times κ² = 4, run by run
     * 3.3–4.5 times the loss at κ = 1 (the margin only sets the scale, by the rescaling symmetry of ReLU networks).
     */
    @Test
    void theMarginOnlySetsTheScaleOfTheLoss() {
        Map<String, JammingStudy.Run> one = atLoadEight(1.0);
        Map<String, JammingStudy.Run> two = atLoadEight(2.0);
        for (String key : List.copyOf(two.keySet())) {
            JammingStudy.Run r = two.get(key);
            String where = "L/seed " + key + ": ";
            assertEquals(JammingTraining.Outcome.UNSAT, r.result().outcome(), where + r.result().outcome());
            double unsat = (double) r.result().unsatisfied() / r.weights();
            assertTrue(unsat >= 7.2 && unsat <= 8.0, where + "N_Δ/N = " + unsat);
            double scaled = r.result().loss() / 4;
            assertTrue(scaled > 0.37 && scaled <= 0.5 + 1e-12, where + "loss/κ² = " + scaled);
            double ratio = r.result().loss() / one.get(key).result().loss();
            assertTrue(ratio > 3.3 && ratio < 4.5, where + "loss ratio " + ratio);
        }
    }
}
