package org.glassy.study.doubledescent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.model.Activation;
import org.junit.jupiter.api.Test;

/** Mei and Montanari's formula: coefficients, the ridgeless closed form, the kernel (linear) limit, the ridge. */
class RandomFeaturesTheoryTest {

    private static final RandomFeaturesTheory.Coefficients RELU = RandomFeaturesTheory.Coefficients.of(Activation.RELU);

    @Test
    void hermiteCoefficients() {
        assertEquals(1 / Math.sqrt(2 * Math.PI), RELU.mu0(), 1e-7);
        assertEquals(0.5, RELU.mu1(), 1e-7);
        assertEquals(Math.sqrt(0.25 - 1 / (2 * Math.PI)), RELU.muStar(), 1e-6);
        RandomFeaturesTheory.Coefficients tanh = RandomFeaturesTheory.Coefficients.of(Activation.TANH);
        assertEquals(0, tanh.mu0(), 1e-15);
        // Stein: E G tanh(G) = E tanh'(G) = 1 − E tanh²(G) — an independent integral
        double h = 1e-4;
        double derivative = 0;
        for (int k = -120_000; k <= 120_000; k++) {
            double g = k * h;
            double t = Math.tanh(g);
            derivative += h * Math.exp(-g * g / 2) / Math.sqrt(2 * Math.PI) * (1 - t * t);
        }
        assertEquals(derivative, tanh.mu1(), 1e-9);
        assertTrue(tanh.muStar() > 0.1 && tanh.muStar() < 0.4, "nonlinear part " + tanh.muStar());
    }

    @Test
    void ridgelessClosedFormIsTheLimitOfTheFixedPoint() {
        double zeta = RELU.zeta();
        for (double[] psi : new double[][] {{0.5, 1}, {2, 1}, {1.2, 1}, {3, 2}, {0.7, 3}}) {
            double exact = RandomFeaturesTheory.chi(zeta, psi[0], psi[1], 0);
            assertTrue(exact < 0);
            assertEquals(exact, RandomFeaturesTheory.chi(zeta, psi[0], psi[1], 1e-10), 1e-4 * Math.abs(exact),
                    "psi = " + psi[0] + ", " + psi[1]);
        }
        assertEquals(Double.POSITIVE_INFINITY, RandomFeaturesTheory.excessRisk(RELU, 2, 2, 0, 1, 0.25));
        // the peak: the risk grows without bound as psi1 → psi2
        assertTrue(RandomFeaturesTheory.excessRisk(RELU, 2.001, 2, 0, 1, 0.25)
                > 100 * RandomFeaturesTheory.excessRisk(RELU, 4, 2, 0, 1, 0.25));
    }

    @Test
    void infinitelyManyFeaturesGiveLinearRidgeRegressionWithTheNonlinearPartAsRidge() {
        // ψ₁ → ∞: kernel ridge regression with kernel μ₁² x·x'/D + μ*² δ, i.e. linear ridge at γ = 1/ψ₂ and
        // λ_lin = (μ*²/ψ₂ + λ_MM)/μ₁²; the λ_MM = λ·D convention enters here
        double mu1 = RELU.mu1();
        double ms2 = RELU.muStar() * RELU.muStar();
        for (double psi2 : new double[] {0.5, 2}) {
            for (double mm : new double[] {0, 0.1}) {
                double linear = LinearRidgeRisk.ridge(1 / psi2, (ms2 / psi2 + mm) / (mu1 * mu1), 1, 0.25);
                double e3 = Math.abs(RandomFeaturesTheory.excessRisk(RELU, 1e3, psi2, mm, 1, 0.25) - linear);
                double e4 = Math.abs(RandomFeaturesTheory.excessRisk(RELU, 1e4, psi2, mm, 1, 0.25) - linear);
                assertTrue(e4 < 1e-3 * linear, "psi2 = " + psi2 + ", lambda_MM = " + mm + ": " + e4);
                assertEquals(10, e3 / e4, 1.5, "corrections of order 1/psi1");
            }
        }
        // with the ridge not rescaled by D (λ_MM = λ) the limit would be another curve
        double wrong = LinearRidgeRisk.ridge(0.5, (ms2 / 2 + 0.1 / 100) / (mu1 * mu1), 1, 0.25);
        assertTrue(Math.abs(RandomFeaturesTheory.excessRisk(RELU, 1e4, 2, 0.1, 1, 0.25) - wrong) > 0.05 * wrong);
    }

    @Test
    void optimalRidgeRemovesThePeak() {
        double atPeak = RandomFeaturesTheory.excessRisk(RELU, 2, 2, 1e-4, 1, 0.25);
        double star = RandomFeaturesTheory.optimalMmRidge(RELU, 2, 2, 1, 0.25);
        double best = RandomFeaturesTheory.excessRisk(RELU, 2, 2, star, 1, 0.25);
        assertTrue(atPeak > 10 * best, atPeak + " vs " + best);
        for (double f : new double[] {0.5, 2}) {
            assertTrue(RandomFeaturesTheory.excessRisk(RELU, 2, 2, star * f, 1, 0.25) > best, "a minimum");
        }
        // optimally regularised, the curve decreases with the number of features through N = P
        double previous = Double.POSITIVE_INFINITY;
        for (double psi1 : new double[] {0.5, 1, 2, 4, 8}) {
            double r = RandomFeaturesTheory.excessRisk(RELU, psi1, 2, RandomFeaturesTheory.optimalMmRidge(RELU, psi1,
                    2, 1, 0.25), 1, 0.25);
            assertTrue(r < previous, "monotone at psi1 = " + psi1);
            previous = r;
        }
        assertEquals(100.0, RandomFeaturesTheory.mmRidge(1, 100), 0);
    }
}
