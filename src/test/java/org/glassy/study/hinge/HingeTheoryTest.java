package org.glassy.study.hinge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.special.Erf;
import org.junit.jupiter.api.Test;

class HingeTheoryTest {

    /** ∫_{−κ}^∞ Dt (t + κ)² = (1 + κ²) Φ(κ) + κ φ(κ), integrated by parts. */
    private static double closedFormAlphaC(double kappa) {
        double phi = Math.exp(-kappa * kappa / 2) / Math.sqrt(2 * Math.PI);
        double cdf = 0.5 * Erf.erfc(-kappa / Math.sqrt(2));
        return 1 / ((1 + kappa * kappa) * cdf + kappa * phi);
    }

    @Test
    void gardnerCapacityMatchesCoverAndTheClosedForm() {
        assertEquals(2.0, GardnerCapacity.alphaC(0), 1e-12);
        for (double kappa : new double[] {-1, -0.3, 0.5, 1, 2, 3}) {
            assertEquals(closedFormAlphaC(kappa), GardnerCapacity.alphaC(kappa), 1e-10 * closedFormAlphaC(kappa));
        }
        assertEquals(0.9612, GardnerCapacity.alphaC(0.5), 1e-4);
        assertEquals(0.5196, GardnerCapacity.alphaC(1), 1e-4);
        assertEquals(0.2002, GardnerCapacity.alphaC(2), 1e-4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GardnerCapacity.alphaC(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().startsWith("kappa must be finite"), e.getMessage());
    }

    @Test
    void gammaGrowsLinearlyAtFirst() {
        // x* = ∞ at t = 0, so g = √(2/π) and γ ≈ β √(2/π) t/(2√d) while x* ≫ 1
        for (double rate : new double[] {1, 2}) {
            ShallowHingeTheory theory = new ShallowHingeTheory(new ShallowHingeTheory.Parameters(10, 1, rate, 1, 1));
            double t = 0.5;
            assertEquals(rate * Math.sqrt(2 / Math.PI) * t / (2 * Math.sqrt(10)), theory.gamma(t), 1e-9);
            assertEquals(0.0, theory.gamma(0), 0.0);
        }
    }

    @Test
    void lossAndUnsatisfiedFractionStartAtOneAndDecayAsInverseSquareRoot() {
        ShallowHingeTheory theory = new ShallowHingeTheory(ShallowHingeTheory.Parameters.standard(10, 1.5));
        assertEquals(1.0, theory.unsatisfiedFraction(0), 0.0);
        assertEquals(1.5, theory.loss(0), 0.0);
        // the late-time law (2d/π)^{1/4}/√t is approached with relative corrections O(1/√t)
        double t = 1e7;
        assertEquals(1, theory.unsatisfiedFraction(t) / theory.lateUnsatisfiedFraction(t), 2e-3);
        assertEquals(1, theory.loss(t) / theory.lateLoss(t), 2e-3);
        double slope = Math.log(theory.unsatisfiedFraction(1e7) / theory.unsatisfiedFraction(1e6)) / Math.log(10);
        assertEquals(-0.5, slope, 2e-3);
    }

    @Test
    void gammaSolvesItsDifferentialEquation() {
        // an independent check: dγ/dt = β g(x*)/(2√d) by central differences of the solution
        ShallowHingeTheory theory = new ShallowHingeTheory(new ShallowHingeTheory.Parameters(10, 1, 1, 1, 1));
        for (double t : new double[] {3, 30, 300}) {
            double h = 1e-3 * t;
            double derivative = (theory.gamma(t + h) - theory.gamma(t - h)) / (2 * h);
            double x = theory.boundary(t);
            double g = Math.sqrt(2 / Math.PI) * (1 - Math.exp(-x * x / 2));
            assertEquals(g / (2 * Math.sqrt(10)), derivative, 1e-6 * derivative);
            assertEquals(2 * Math.sqrt(10) / Math.sinh(2 * theory.gamma(t)), x, 1e-12 * x);
        }
    }

    @Test
    void nodesMoveOnHyperbolas() {
        ShallowHingeTheory theory = new ShallowHingeTheory(ShallowHingeTheory.Parameters.standard(5, 1));
        double[] node = theory.node(0.7, -0.2, 40);
        // a² − w∥² is conserved
        assertEquals(0.7 * 0.7 - 0.2 * 0.2, node[0] * node[0] - node[1] * node[1], 1e-12);
        assertTrue(node[0] > 0.7, "a grows for a(0) > |w∥(0)|");
    }
}
