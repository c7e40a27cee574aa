package org.glassy.study.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.model.LinearClassifier;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian mixture: the closed-form generalisation error against fresh test examples, the ridge solution as
 * the minimum of the square loss (zero gradient, and where gradient descent ends), and its generalisation error.
 */
class GaussianMixtureTest {

    @Test
    void closedFormErrorMatchesFreshExamples() {
        GaussianMixture mixture = GaussianMixture.sample(50, 100, 0.5, 3L);
        double[] w = mixture.ridgeSolution(0.1);
        double exact = mixture.generalisationError(w);
        int examples = 400_000;
        double measured = mixture.testError(w, examples, 4L);
        double se = Math.sqrt(exact * (1 - exact) / examples);
        assertTrue(exact > 0.02 && exact < 0.4, "a non-trivial error: " + exact);
        assertEquals(exact, measured, 4 * se);
        // the centre itself: m = |v*|²/√d, q = |v*|², ε = ½ erfc(|v*|/√(2Δ d))
        double v2 = 0;
        for (double v : mixture.centre()) {
            v2 += v * v;
        }
        assertEquals(0.5 * org.hipparchus.special.Erf.erfc(Math.sqrt(v2 / (2 * 0.5 * 50))),
                mixture.generalisationError(mixture.centre()), 1e-15);
    }

    @Test
    void ridgeSolutionIsTheMinimumGradientDescentReaches() {
        GaussianMixture mixture = GaussianMixture.sample(20, 60, 0.5, 5L);
        double lambda = 0.3;
        LinearClassifier model = mixture.model(lambda, LinearClassifier.ExampleLoss.SQUARE);
        double[] ridge = mixture.ridgeSolution(lambda);
        double[] g = new double[20];
        model.energyAndGradient(ridge, g);
        for (double v : g) {
            assertEquals(0, v, 1e-14);
        }
        // gradient descent from zero: the Hessian is (XᵀX/d + λ)/n, eigenvalues below ~ (1 + √(d/n))² Δ' ≲ 1
        double[] end = Dynamics.of(model, new GradientDescent(1.0)).seed(1L).steps(20_000).run(new double[20])
                .finalState();
        for (int i = 0; i < 20; i++) {
            assertEquals(ridge[i], end[i], 1e-8 * (1 + Math.abs(ridge[i])));
        }
        assertEquals(mixture.generalisationError(ridge), mixture.generalisationError(end), 1e-10);
    }
}
