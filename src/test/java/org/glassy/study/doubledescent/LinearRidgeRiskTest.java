package org.glassy.study.doubledescent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hastie et al.'s ridge and ridgeless risks: limits, the Marchenko–Pastur transform, the optimal ridge. */
class LinearRidgeRiskTest {

    @Test
    void ridgelessClosedForms() {
        assertEquals(0.25 * 0.5 / 0.5, LinearRidgeRisk.ridgeless(0.5, 1, 0.25), 1e-15);
        assertEquals(1 - 0.5 + 0.25 / 1, LinearRidgeRisk.ridgeless(2, 1, 0.25), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, LinearRidgeRisk.ridgeless(1, 1, 0.25));
        // finite size: inverse-Wishart means, exact
        assertEquals(0.25 * 100 / 99.0, LinearRidgeRisk.ridgelessFinite(100, 200, 1, 0.25), 1e-15);
        assertEquals(0.5 + 0.25 * 100 / 99.0, LinearRidgeRisk.ridgelessFinite(200, 100, 1, 0.25), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, LinearRidgeRisk.ridgelessFinite(101, 100, 1, 0.25));
        // and they tend to the asymptotic ones
        assertEquals(LinearRidgeRisk.ridgeless(0.5, 1, 0.25), LinearRidgeRisk.ridgelessFinite(50_000, 100_000, 1, 0.25),
                1e-4);
        assertEquals(LinearRidgeRisk.ridgeless(2, 1, 0.25), LinearRidgeRisk.ridgelessFinite(200_000, 100_000, 1, 0.25),
                1e-4);
    }

    @Test
    void stieltjesTransformOfMarchenkoPasturByQuadrature() {
        // m(-λ) = ∫ dμ(s)/(s + λ) with the MP density √((b − s)(s − a))/(2πγs) on [a, b], a, b = (1 ∓ √γ)²,
        // plus an atom (1 − 1/γ) at 0 for γ > 1
        for (double gamma : new double[] {0.3, 2.5}) {
            for (double lambda : new double[] {0.05, 1}) {
                double a = Math.pow(1 - Math.sqrt(gamma), 2);
                double b = Math.pow(1 + Math.sqrt(gamma), 2);
                int n = 2_000_000;
                double m = 0;
                double m1 = 0;
                for (int k = 0; k < n; k++) {   // s = a + (b − a)(1 − cos u)/2 removes the square-root edges
                    double u = Math.PI * (k + 0.5) / n;
                    double s = a + (b - a) * (1 - Math.cos(u)) / 2;
                    double ds = (b - a) * Math.sin(u) / 2 * Math.PI / n;
                    double density = Math.sqrt((b - s) * (s - a)) / (2 * Math.PI * gamma * s);
                    m += density * ds / (s + lambda);
                    m1 += density * ds / ((s + lambda) * (s + lambda));
                }
                if (gamma > 1) {
                    m += (1 - 1 / gamma) / lambda;
                    m1 += (1 - 1 / gamma) / (lambda * lambda);
                }
                assertEquals(m, LinearRidgeRisk.stieltjes(gamma, lambda), 1e-9 * m, "m at " + gamma + ", " + lambda);
                assertEquals(m1, LinearRidgeRisk.stieltjesDerivative(gamma, lambda), 1e-8 * m1,
                        "m' at " + gamma + ", " + lambda);
            }
        }
    }

    @Test
    void ridgeTendsToRidgelessAsLambdaGoesToZero() {
        for (double gamma : new double[] {0.2, 0.5, 0.9, 1.1, 2, 5}) {
            double exact = LinearRidgeRisk.ridgeless(gamma, 1, 0.3);
            double previous = Double.POSITIVE_INFINITY;
            for (double lambda : new double[] {1e-2, 1e-4, 1e-6}) {
                double error = Math.abs(LinearRidgeRisk.ridge(gamma, lambda, 1, 0.3) - exact);
                assertTrue(error < previous, "converges at gamma = " + gamma);
                previous = error;
            }
            assertEquals(exact, LinearRidgeRisk.ridge(gamma, 1e-8, 1, 0.3), 1e-5 * exact, "gamma = " + gamma);
        }
    }

    @Test
    void optimalRidgeMinimisesTheRiskAndRemovesTheDivergence() {
        double noise = 0.25;
        for (double gamma : new double[] {0.5, 1, 2}) {
            double star = LinearRidgeRisk.optimalRidge(gamma, 1, noise);
            assertEquals(noise * gamma, star, 1e-15);
            double best = LinearRidgeRisk.ridge(gamma, star, 1, noise);
            // a numerical minimum over λ lies at λ*, independently of the formula for λ*
            double argmin = Double.NaN;
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= 4000; k++) {
                double lambda = Math.exp(Math.log(1e-4) + k * Math.log(1e5) / 4000);
                double r = LinearRidgeRisk.ridge(gamma, lambda, 1, noise);
                if (r < min) {
                    min = r;
                    argmin = lambda;
                }
            }
            assertEquals(star, argmin, 0.01 * star, "argmin at gamma = " + gamma);
            assertTrue(min >= best - 1e-12 && min - best < 1e-6, "no lambda does better than lambda*");
            // the Bayes risk of the Gaussian prior
            assertEquals(LinearRidgeRisk.bayesRisk(gamma, 1, noise), best, 1e-12 * best);
        }
        // at γ = 1 the ridgeless risk diverges, the optimally regularised one is below the null risk r² = 1
        double atOne = LinearRidgeRisk.ridge(1, LinearRidgeRisk.optimalRidge(1, 1, noise), 1, noise);
        assertTrue(atOne < 1 && atOne > 0.2, "R(1, lambda*) = " + atOne);
        assertTrue(LinearRidgeRisk.ridge(1, 1e-6, 1, noise) > 100);
    }
}
