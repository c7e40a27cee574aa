package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.glassy.core.LogTimes;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.StepHandler;
import org.glassy.model.BatchModel;
import org.glassy.model.PhaseRetrieval;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link StochasticGradientDescent}: with every example selected (b = 1, fresh or persistent, or
 * {@link Selection#all()}) it is gradient descent bit for bit; the step rule contract for the stochastic
 * selections; time is step × η.
 */
class StochasticGradientDescentTest {

    static PhaseRetrieval model(int d, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] teacher = Sphere.randomPoint(d, seed + 1);
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int mu = 0; mu < n; mu++) {
            double h = 0;
            for (int i = 0; i < d; i++) {
                x[mu * d + i] = r.nextGaussian();
                h += x[mu * d + i] * teacher[i];
            }
            y[mu] = h * h / d;
        }
        return new PhaseRetrieval(d, x, y);
    }

    private static <S extends RunState> List<double[]> trajectory(StepRule<? super PhaseRetrieval, S> rule,
                                                                  Space space) {
        List<double[]> rows = new ArrayList<>();
        StepHandler h = (step, time, x, energy) -> rows.add(new double[] {time, energy, x[0], x[1], x[7]});
        double[] end = Dynamics.of(model(8, 40, 1L), rule).space(space).seed(5L).steps(300)
                .record(LogTimes.upTo(300, 20), h).run(Sphere.randomPoint(8, 99L)).finalState();
        rows.add(end);
        return rows;
    }

    @Test
    void batchFractionOneIsGradientDescentBitForBit() {
        for (Space space : new Space[] {Space.euclidean(), Space.sphere()}) {
            List<double[]> gd = trajectory(new GradientDescent(0.7), space);
            List<List<double[]>> others = List.of(
                    trajectory(new StochasticGradientDescent(0.7, Selection.bernoulli(1)), space),
                    trajectory(new StochasticGradientDescent(0.7, Selection.persistent(1, 0.7)), space),
                    trajectory(new StochasticGradientDescent(0.7, Selection.all()), space));
            for (List<double[]> other : others) {
                assertEquals(gd.size(), other.size());
                for (int k = 0; k < gd.size(); k++) {
                    assertArrayEquals(gd.get(k), other.get(k), 0.0, "row " + k + " on " + space);
                }
            }
            // and the trajectory moved: the comparison is not between two resting points
            assertFalse(gd.get(0)[1] == gd.get(gd.size() - 2)[1]);
        }
    }

    @Test
    void smallerBatchesChangeTheTrajectoryButNotTheTimeUnit() {
        List<double[]> gd = trajectory(new GradientDescent(0.7), Space.euclidean());
        List<double[]> sgd = trajectory(new StochasticGradientDescent(0.7, Selection.bernoulli(0.5)),
                Space.euclidean());
        assertEquals(gd.get(gd.size() - 2)[0], sgd.get(sgd.size() - 2)[0], 0.0);   // time = 300 × 0.7
        assertEquals(300 * 0.7, sgd.get(sgd.size() - 2)[0], 1e-12);
        assertFalse(gd.get(gd.size() - 1)[0] == sgd.get(sgd.size() - 1)[0]);
    }

    @Test
    void anEmptySelectionLeavesTheWeightsInPlace() {
        // one example selected with probability 1e-9: essentially every step is empty
        PhaseRetrieval m = model(4, 1, 3L);
        double[] x0 = Sphere.randomPoint(4, 4L);
        double[] end = Dynamics.of(m, new StochasticGradientDescent(0.1, Selection.bernoulli(1e-9)))
                .seed(1L).steps(100).run(x0).finalState();
        assertArrayEquals(x0, end, 0.0);
    }

    abstract static class OnPhaseRetrieval<S extends RunState> extends StepRuleContractTest<BatchModel, S> {
        @Override
        protected BatchModel model() {
            return StochasticGradientDescentTest.model(8, 40, 1L);
        }

        @Override
        protected Space space() {
            return Space.sphere();
        }

        @Override
        protected double[] start() {
            return Sphere.randomPoint(8, 99L);
        }

        @Override
        protected boolean stochastic() {
            return true;
        }
    }

    @Nested
    class FreshSelections extends OnPhaseRetrieval<StochasticGradientDescent.State> {
        @Override
        protected StepRule<BatchModel, StochasticGradientDescent.State> rule() {
            return new StochasticGradientDescent(0.5, Selection.bernoulli(0.3));
        }
    }

    @Nested
    class PersistentSelections extends OnPhaseRetrieval<StochasticGradientDescent.State> {
        @Override
        protected StepRule<BatchModel, StochasticGradientDescent.State> rule() {
            return new StochasticGradientDescent(0.5, Selection.persistent(0.3, 2));
        }
    }

}
