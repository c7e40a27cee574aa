package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.StepHandler;
import org.glassy.model.Quadratic;
import org.junit.jupiter.api.Test;

/**
 * Langevin dynamics against exact results for free diffusion and the Ornstein–Uhlenbeck process.
 * Tolerances are four standard errors of the estimator, with sample sizes chosen so that a noise
 * amplitude off by √2 (a factor 2 in T) misses by far more.
 */
class LangevinTest {

    @Test
    void freeDiffusionMeanSquareDisplacementIsTwoTt() {
        int n = 100_000;
        double temperature = 0.7;
        double dt = 0.01;
        long steps = 100;
        double[] x0 = new double[n];
        double[] x = Dynamics.of(Quadratic.isotropic(n, 0.0), new Langevin(temperature, dt)).seed(3L).steps(steps)
                .run(x0).finalState();
        double msd = 0;
        for (double v : x) {
            msd += v * v;
        }
        msd /= n;
        double expected = 2 * temperature * steps * dt;
        // displacements are Gaussian: the mean of their squares has relative standard error √(2/n)
        assertEquals(expected, msd, 4 * Math.sqrt(2.0 / n) * expected, "MSD per coordinate");
    }

    @Test
    void harmonicWellStationaryVarianceIsTheEulerMaruyamaValue() {
        int n = 20_000;
        double k = 1.0;
        double temperature = 0.5;
        double dt = 0.1;
        // Euler–Maruyama: x' = (1 − k dt) x + √(2T dt) ξ  ⇒  ⟨x²⟩ = 2T dt / (1 − (1 − k dt)²) = (T/k)/(1 − k dt/2)
        double exact = (temperature / k) / (1 - k * dt / 2);
        int snapshots = 20;
        long gap = 50; // 5 relaxation times between snapshots: correlation e^{−2·5} is negligible
        long burnIn = 300;
        long[] record = new long[snapshots];
        for (int s = 0; s < snapshots; s++) {
            record[s] = burnIn + s * gap;
        }
        double[] sum = new double[1];
        StepHandler accumulate = (step, time, x, energy) -> {
            for (double v : x) {
                sum[0] += v * v;
            }
        };
        Dynamics.of(Quadratic.isotropic(n, k), new Langevin(temperature, dt)).seed(5L)
                .record(record, accumulate).run(new double[n]);
        double mean = sum[0] / ((double) n * snapshots);
        double standardError = Math.sqrt(2.0 / (n * snapshots)) * exact;
        assertEquals(exact, mean, 4 * standardError, "stationary <x^2>");
        // and the test can tell the discretised value from the continuum T/k (5 % apart)
        assertTrue(Math.abs(mean - temperature / k) > 8 * standardError, "indistinguishable from T/k");
    }

    @Test
    void harmonicWellTwoTimeCorrelationDecaysAsExpMinusKt() {
        int n = 20_000;
        double k = 1.0;
        double temperature = 0.5;
        double dt = 0.01;
        long tw = 800;  // 8 relaxation times: equilibrated
        long lag = 100; // t = 1
        double[][] atTw = new double[1][];
        double[] correlation = new double[1];
        StepHandler handler = (step, time, x, energy) -> {
            if (step == tw) {
                atTw[0] = x.clone();
            } else if (step == tw + lag) {
                double c = 0;
                for (int i = 0; i < x.length; i++) {
                    c += atTw[0][i] * x[i];
                }
                correlation[0] = c / x.length;
            }
        };
        Dynamics.of(Quadratic.isotropic(n, k), new Langevin(temperature, dt)).seed(9L)
                .record(new long[] {tw, tw + lag}, handler).run(new double[n]);
        // Euler–Maruyama: C = ⟨x²⟩ (1 − k dt)^lag
        double variance = (temperature / k) / (1 - k * dt / 2);
        double expected = variance * Math.pow(1 - k * dt, lag);
        // x(tw)·x(tw+t) = ρ x² + noise: standard error √((1 + ρ²)/n) ⟨x²⟩
        double rho = Math.pow(1 - k * dt, lag);
        double standardError = Math.sqrt((1 + rho * rho) / n) * variance;
        assertEquals(expected, correlation[0], 4 * standardError, "C(tw + t, tw)");
        assertEquals((temperature / k) * Math.exp(-k * lag * dt), correlation[0], 4 * standardError + 0.01 * expected);
    }

    @Test
    void negativeTemperatureIsRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Langevin(-0.1, 0.01))
                .getMessage().startsWith("temperature must be >= 0"));
        Langevin annealing = new Langevin(t -> 1 - t, 0.1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> annealing.temperature(2.0))
                .getMessage().contains("T(2.0) = -1.0"));
    }

    @Test
    void zeroTemperatureIsGradientDescent() {
        double[] x0 = {1, 2, -3};
        Quadratic model = new Quadratic(0.5, 1.0, 2.0);
        double[] a = Dynamics.of(model, new Langevin(0.0, 0.1)).seed(1L).steps(30).run(x0).finalState();
        double[] b = Dynamics.of(model, new GradientDescent(0.1)).seed(2L).steps(30).run(x0).finalState();
        org.junit.jupiter.api.Assertions.assertArrayEquals(b, a, 0.0);
    }
}
