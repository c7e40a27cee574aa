package org.glassy.study.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.glassy.dynamics.Langevin;
import org.glassy.dynamics.Selection;
import org.glassy.dynamics.StochasticGradientDescent;
import org.glassy.model.LeastSquares;
import org.glassy.theory.SgdLeastSquares;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The fluctuation–dissipation temperature on one-dimensional least squares (stiffness H = mean x²), where it is
 * known exactly at every lag: T/(1 − Hη/2) for Euler–Maruyama Langevin, H Σ for SGD with Σ the exact stationary
 * variance of {@link SgdLeastSquares}.
 */
class FluctuationDissipationTest {

    private static final double[] X = {1.2, -0.7, 0.4, 1.5, -1.1, 0.9, -0.3, 1.8};
    private static final double[] Y = {0.9, -0.2, 0.6, 1.1, -1.5, 0.2, 0.4, 1.2};

    private static double stiffness() {
        double h = 0;
        for (double x : X) {
            h += x * x / X.length;
        }
        return h;
    }

    @Test
    void langevinGivesItsTemperatureWithTheEulerMaruyamaCorrection() {
        double t = 0.05;
        double eta = 0.2;
        LeastSquares model = new LeastSquares(1, X, Y);
        Table fdr = FluctuationDissipation.measure(model, new Langevin(t, eta), new double[] {0.5}, new double[] {1},
                0.01, 200, 4000, 10, 3L);
        double exact = t / (1 - stiffness() * eta / 2);   // 0.0548: a factor 2 in the noise would give 0.11
        // the response is deterministic here (linear model, common noise): exactly (1 − a^k)/H
        double a = 1 - eta * stiffness();
        for (int k = 1; k <= 10; k++) {
            assertEquals((1 - Math.pow(a, k)) / stiffness(), fdr.doubleColumn("response").get(k - 1), 1e-9);
        }
        assertEquals(exact, FluctuationDissipation.temperature(fdr), 0.04 * exact);
    }

    @Test
    void sgdGivesTheExactStationaryVarianceTimesTheStiffness() {
        double eta = 0.3;
        double b = 0.25;
        LeastSquares model = new LeastSquares(1, X, Y);
        SgdLeastSquares.Stationary s = SgdLeastSquares.stationary(1, X, Y, eta, b, SgdLeastSquares.Noise.EXACT);
        double exact = stiffness() * s.covariance()[0][0];
        Table fdr = FluctuationDissipation.measure(model, new StochasticGradientDescent(eta, Selection.bernoulli(b)),
                s.minimiser(), new double[] {1}, 0.01, 200, 8000, 10, 4L);
        assertEquals(exact, FluctuationDissipation.temperature(fdr), 0.04 * exact);
    }
}
