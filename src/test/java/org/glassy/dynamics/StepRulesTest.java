package org.glassy.dynamics;

import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Nested;

/** Every step rule against {@link StepRuleContractTest}. */
class StepRulesTest {

    @Nested
    class GradientDescentOnPSpin extends StepRuleContractTest {
        @Override
        protected StepRule rule() {
            return new GradientDescent(0.05);
        }

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

        @Override
        protected boolean stochastic() {
            return false;
        }
    }

    @Nested
    class LangevinOnPSpin extends GradientDescentOnPSpin {
        @Override
        protected StepRule rule() {
            return new Langevin(0.4, 0.01);
        }

        @Override
        protected boolean stochastic() {
            return true;
        }
    }

    @Nested
    class AnnealedLangevinInAWell extends StepRuleContractTest {
        @Override
        protected StepRule rule() {
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
}
