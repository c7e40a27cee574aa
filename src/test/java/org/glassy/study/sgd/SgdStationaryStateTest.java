package org.glassy.study.sgd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.theory.SgdLeastSquares;
import org.junit.jupiter.api.Test;

/**
 * Simulated SGD on least squares with label noise against the exact stationary loss of
 * {@link SgdLeastSquares}: within 4 standard errors of the exact fixed point, and more than 10 standard errors
 * away from the constant-noise Lyapunov answer that drops the iterate-dependent batch noise 𝓜(Σ).
 */
class SgdStationaryStateTest {

    private static void check(int d, int n, double eta, double b) {
        LeastSquaresSgd data = LeastSquaresSgd.sample(d, n, 0.5, 7);
        SgdLeastSquares.Stationary exact = data.exact(eta, b, SgdLeastSquares.Noise.EXACT);
        SgdLeastSquares.Stationary lyapunov = data.exact(eta, b, SgdLeastSquares.Noise.AT_MINIMUM);
        double[] sim = data.simulate(eta, b, 32, 2000, 20_000);
        String what = String.format("d = %d, n = %d, eta = %.2f, b = %.2f: simulated %.6g ± %.2g, exact %.6g, "
                + "constant noise %.6g", d, n, eta, b, sim[0], sim[1], exact.excessLoss(), lyapunov.excessLoss());
        assertTrue(Math.abs(sim[0] - exact.excessLoss()) < 4 * sim[1], what);
        assertTrue(Math.abs(sim[0] - lyapunov.excessLoss()) > 10 * sim[1], what);
    }

    @Test
    void smallBatchesMatchTheExactFixedPoint() {
        check(4, 16, 0.3, 0.25);     // 𝓜 adds 41 % to the excess loss
    }

    @Test
    void halfBatchesMatchTheExactFixedPoint() {
        check(3, 30, 0.5, 0.5);      // 𝓜 adds 7.5 %, still 40 standard errors
    }
}
