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

    /** The exact local slopes against central differences of ln L and ln u in ln t. */
    @Test
    void localSlopesAreTheLogarithmicDerivatives() {
        ShallowHingeTheory theory = new ShallowHingeTheory(new ShallowHingeTheory.Parameters(10, 1, 1.5, 1, 0.5));
        for (double t : new double[] {2, 10, 30, 300, 3e4}) {
            double h = 1e-4;
            double loss = (Math.log(theory.loss(t * (1 + h))) - Math.log(theory.loss(t * (1 - h))))
                    / (Math.log1p(h) - Math.log1p(-h));
            double unsat = (Math.log(theory.unsatisfiedFraction(t * (1 + h)))
                    - Math.log(theory.unsatisfiedFraction(t * (1 - h)))) / (Math.log1p(h) - Math.log1p(-h));
            assertEquals(loss, theory.lossLogSlope(t), 1e-6, "t = " + t);
            if (theory.unsatisfiedFraction(t) < 1 - 1e-9) {
                assertEquals(unsat, theory.unsatisfiedLogSlope(t), 1e-6, "t = " + t);
            }
        }
    }

    /**
     * The referee's numbers (d = 10, h = 1): fitted over [100, 1000] the theory's loss falls as
     * t^(−0.52), not t^(−1/2); over [10⁴, 10⁶] (three points, as {@code HingeDynamics.exponents} fits) as
     * t^(−0.5002); the local slope is −0.552 at t = 100, −0.506 at 1000 and −0.5007 at 10⁴.
     */
    @Test
    void theLateTimeLawIsReachedOnlyAfterDecades() {
        ShallowHingeTheory theory = new ShallowHingeTheory(ShallowHingeTheory.Parameters.standard(10, 1));
        double[] t = new double[21];
        double[] loss = new double[21];
        for (int i = 0; i < t.length; i++) {
            t[i] = 100 * Math.pow(10, i / 20.0);
            loss[i] = theory.loss(t[i]);
        }
        assertEquals(-0.52, org.glassy.observable.PowerLaw.fit(t, loss, 100, 1000).exponent(), 0.002);
        double[] late = {1e4, 1e5, 1e6};
        double[] lateLoss = {theory.loss(1e4), theory.loss(1e5), theory.loss(1e6)};
        assertEquals(-0.5002, org.glassy.observable.PowerLaw.fit(late, lateLoss, 1e4, 1e6).exponent(), 5e-5);
        assertEquals(-0.552, theory.lossLogSlope(100), 1e-3);
        assertEquals(-0.506, theory.lossLogSlope(1000), 1e-3);
        assertEquals(-0.5007, theory.lossLogSlope(1e4), 1e-4);
    }

    /** Cover's counting, summed exactly with big integers. */
    @Test
    void coversProbabilityCountsTheSeparableDichotomies() {
        for (int[] np : new int[][] {{5, 5}, {5, 9}, {10, 20}, {10, 27}, {30, 61}}) {
            int n = np[0];
            int p = np[1];
            java.math.BigInteger sum = java.math.BigInteger.ZERO;
            java.math.BigInteger c = java.math.BigInteger.ONE;        // C(P − 1, k)
            for (int k = 0; k < Math.min(n, p); k++) {
                sum = sum.add(c);
                c = c.multiply(java.math.BigInteger.valueOf(p - 1 - k)).divide(java.math.BigInteger.valueOf(k + 1));
            }
            double exact = new java.math.BigDecimal(sum).divide(new java.math.BigDecimal(java.math.BigInteger.TWO.pow(p - 1)),
                    java.math.MathContext.DECIMAL64).doubleValue();
            assertEquals(exact, GardnerCapacity.coverProbability(n, p), 1e-12, "N = " + n + ", P = " + p);
        }
        assertEquals(1.0, GardnerCapacity.coverProbability(7, 7), 0);
        assertEquals(0.5, GardnerCapacity.coverProbability(37, 74), 1e-14);
    }
}
