package org.glassy.path;

import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.data.TeacherStudent;
import org.glassy.dynamics.StepRule;
import org.glassy.dynamics.StepRuleContractTest;
import org.glassy.model.Activation;
import org.glassy.model.BatchModel;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
import org.glassy.model.Model;
import org.glassy.model.MullerBrown;
import org.glassy.model.PSpinSpherical;
import org.junit.jupiter.api.Nested;

/** The path optimisers' step rules against {@link StepRuleContractTest}. */
class PathRulesTest {

    static Mlp network() {
        return new Mlp(Mlp.Architecture.oneHidden(5, 4, 2, Activation.TANH, Loss.SQUARED),
                new TeacherStudent(new TeacherStudent.Parameters(5, 3, 2, 1L)).sample(30, 2L));
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Nested
    class ClimbingBandOnMullerBrown extends StepRuleContractTest<Model, NudgedElasticBand.State> {
        @Override
        protected StepRule<Model, NudgedElasticBand.State> rule() {
            return NudgedElasticBand.string(2e-4, 200).withClimbingImage();
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
            return Chain.linear(MullerBrown.minimumA(), MullerBrown.minimumB(), 7).coordinates();
        }

        @Override
        protected boolean stochastic() {
            return false;
        }
    }

    @Nested
    class SpringBandWithMomentumOnThePSpinSphere extends StepRuleContractTest<Model, NudgedElasticBand.State> {
        @Override
        protected StepRule<Model, NudgedElasticBand.State> rule() {
            return NudgedElasticBand.string(0.01, 200).withSpring(2).withMomentum(0.5);
        }

        @Override
        protected Model model() {
            return new PSpinSpherical(3, 20, 1L);
        }

        @Override
        protected Space space() {
            return Space.sphere();
        }

        @Override
        protected double[] start() {
            return Chain.linear(Sphere.randomPoint(20, 2L), Sphere.randomPoint(20, 3L), 6).redistributed(Space.sphere())
                    .coordinates();
        }

        @Override
        protected boolean stochastic() {
            return false;
        }
    }

    @Nested
    class BandOnMiniBatches extends StepRuleContractTest<BatchModel, NudgedElasticBand.State> {
        @Override
        protected StepRule<BatchModel, NudgedElasticBand.State> rule() {
            return NudgedElasticBand.string(0.05, 100).withMomentum(0.9).withBatches(6);
        }

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
            return Chain.linear(network().initialParameters(1L), network().initialParameters(2L), 5).coordinates();
        }

        @Override
        protected boolean stochastic() {
            return true;
        }

        @Override
        protected long steps() {
            return 100;
        }
    }

    @Nested
    class BezierFitOnMiniBatches extends StepRuleContractTest<BatchModel, BezierFit.State> {
        @Override
        protected StepRule<BatchModel, BezierFit.State> rule() {
            return BezierFit.of(200, 0.05, 0.9).withBatches(5);
        }

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
            double[] a = network().initialParameters(1L);
            double[] b = network().initialParameters(2L);
            return concat(a, BezierCurve.straight(a, b).bend(), b);
        }

        @Override
        protected boolean stochastic() {
            return true;
        }
    }
}
