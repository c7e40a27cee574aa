package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TwoDimensionalPotentialsTest {

    @Nested
    class DoubleWellContract extends ModelContractTest {
        @Override
        protected Model model() {
            return new DoubleWell();
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return random.doubles(2, -1.5, 1.5).toArray();
        }

        @Test
        void minimaAndSaddleHaveEnergiesZeroAndOne() {
            DoubleWell w = new DoubleWell();
            assertEquals(0, w.energy(DoubleWell.leftMinimum()), 0);
            assertEquals(0, w.energy(DoubleWell.rightMinimum()), 0);
            assertEquals(DoubleWell.BARRIER, w.energy(new double[] {0, 0}), 0);
        }
    }

    @Nested
    class MullerBrownContract extends ModelContractTest {
        @Override
        protected Model model() {
            return new MullerBrown();
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return new double[] {random.nextDouble(-1.5, 1), random.nextDouble(-0.2, 1.8)};
        }

        @Override
        protected double gradientTolerance() {
            return 1e-6;
        }

        @Test
        void tabulatedStationaryPointsHaveVanishingGradientAndTheLiteratureEnergies() {
            MullerBrown v = new MullerBrown();
            double[][] points = {MullerBrown.minimumA(), MullerBrown.minimumB(), MullerBrown.minimumC(),
                MullerBrown.saddleAC()};
            double[] energies = {-146.699517, -108.166724, -80.767818, MullerBrown.SADDLE_AC_ENERGY};
            for (int i = 0; i < points.length; i++) {
                double[] g = new double[2];
                assertEquals(energies[i], v.energyAndGradient(points[i], g), 1e-5, "point " + i);
                // positions are tabulated to 1e-6; the Hessian is O(10³), so |∇V| ≲ 10⁻²
                assertEquals(0, Math.hypot(g[0], g[1]), 2e-2, "gradient at point " + i);
            }
        }
    }
}
