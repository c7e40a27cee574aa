package org.glassy.dynamics;

import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.data.TeacherStudent;
import org.glassy.model.Activation;
import org.glassy.model.BatchModel;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
import org.glassy.model.Model;
import org.glassy.model.MullerBrown;
import org.glassy.model.PSpinSpherical;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Nested;

/**
 * Every step rule of this package against {@link StepRuleContractTest}; the path optimisers' rules
 * (nudged elastic band, Bézier fit) are checked in {@code org.glassy.path}.
 */
class StepRulesTest {

    static Mlp network() {
        return new Mlp(Mlp.Architecture.oneHidden(6, 5, 3, Activation.RELU, Loss.SQUARED),
                new TeacherStudent(new TeacherStudent.Parameters(6, 4, 3, 1L)).sample(40, 2L));
    }

    /** A p-spin on the sphere, for rules over any model. */
    abstract static class OnPSpin<S extends RunState> extends StepRuleContractTest<Model, S> {
        @Override
        protected Model model() {
            return new PSpinSpherical(3, 30, 1L);
        }

        @Override
        protected Space space() {
            return Space.sphere();
        }

        @Override
        protected double[] start() {
            return Sphere.randomPoint(30, 2L);
        }
    }

    /** A small network, for mini-batch rules. */
    abstract static class OnNetwork<S extends RunState> extends StepRuleContractTest<BatchModel, S> {
        @Override
        protected BatchModel model() {
            return network();
        }

        @Override
        protected Space space() {
            return Space.euclidean();
        }

        @Override
        protected double[] start() {
            return network().initialParameters(3L);
        }

        @Override
        protected boolean stochastic() {
            return true;
        }
    }

    @Nested
    class GradientDescentOnPSpin extends OnPSpin<GradientDescent.State> {
        @Override
        protected StepRule<Model, GradientDescent.State> rule() {
            return new GradientDescent(0.05);
        }

        @Override
        protected boolean stochastic() {
            return false;
        }
    }

    @Nested
    class LangevinOnPSpin extends OnPSpin<Langevin.State> {
        @Override
        protected StepRule<Model, Langevin.State> rule() {
            return new Langevin(0.4, 0.01);
        }

        @Override
        protected boolean stochastic() {
            return true;
        }
    }

    @Nested
    class AnnealedLangevinInAWell extends StepRuleContractTest<Model, Langevin.State> {
        @Override
        protected StepRule<Model, Langevin.State> rule() {
            return new Langevin(t -> 1.0 / (1 + t), 0.01);
        }

        @Override
        protected Model model() {
            return Quadratic.isotropic(8, 2.0);
        }

        @Override
        protected Space space() {
            return Space.euclidean();
        }

        @Override
        protected double[] start() {
            return new double[] {1, -1, 2, 0, 0.5, 3, -2, 1};
        }

        @Override
        protected boolean stochastic() {
            return true;
        }
    }

    @Nested
    class MiniBatchSgdOnANetwork extends OnNetwork<MiniBatchSgd.State> {
        @Override
        protected StepRule<BatchModel, MiniBatchSgd.State> rule() {
            return new MiniBatchSgd(0.05, 8, 0.5);
        }
    }

    @Nested
    class MiniBatchSgdWithStepDecayOnANetwork extends OnNetwork<MiniBatchSgd.State> {
        @Override
        protected StepRule<BatchModel, MiniBatchSgd.State> rule() {
            return new MiniBatchSgd(Schedule.stepDecay(0.1, 0.5, 30), 7, 0.9);
        }
    }

    @Nested
    class AdamOnANetwork extends OnNetwork<Adam.State> {
        @Override
        protected StepRule<BatchModel, Adam.State> rule() {
            return Adam.of(0.01).withWeightDecay(1e-3).withBatches(10);
        }
    }

    @Nested
    class AdamOnPSpin extends OnPSpin<Adam.State> {
        @Override
        protected StepRule<Model, Adam.State> rule() {
            return Adam.of(0.01);
        }

        @Override
        protected boolean stochastic() {
            return false;
        }
    }

    @Nested
    class FireOnMullerBrown extends StepRuleContractTest<Model, Fire.State> {
        @Override
        protected StepRule<Model, Fire.State> rule() {
            return Fire.of(1e-3);
        }

        @Override
        protected Model model() {
            return new MullerBrown();
        }

        @Override
        protected Space space() {
            return Space.euclidean();
        }

        @Override
        protected double[] start() {
            return new double[] {-0.3, 1.2};
        }

        @Override
        protected boolean stochastic() {
            return false;
        }
    }

    @Nested
    class FireOnPSpin extends OnPSpin<Fire.State> {
        @Override
        protected StepRule<Model, Fire.State> rule() {
            return Fire.of(0.05);
        }

        @Override
        protected boolean stochastic() {
            return false;
        }
    }

    @Nested
    class HalvingDescentOnPSpin extends OnPSpin<HalvingDescent.State> {
        @Override
        protected StepRule<Model, HalvingDescent.State> rule() {
            return new HalvingDescent(0.3, true, 20, 1e-3, 3, Double.NEGATIVE_INFINITY);
        }

        @Override
        protected boolean stochastic() {
            return false;
        }
    }
}
