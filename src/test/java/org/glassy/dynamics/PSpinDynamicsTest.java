package org.glassy.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.LogTimes;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Energy;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;

/**
 * Dynamics of the spherical p-spin against analytic results, in the physics normalisation
 * (coupling variance p!/(2N^{p−1})). Each tolerance is set from the finite-N and finite-time
 * effects measured for it and is far tighter than the change caused by a coupling variance off by
 * √2 (energies × 2^{1/4} ≈ 1.19) or a noise amplitude off by √2 (temperature × 2 or ÷ 2).
 */
class PSpinDynamicsTest {

    /**
     * p = 2: min over |s|² = N of H = −½ sᵀJs is −(N/2) λ_max(J); GD on the sphere converges to
     * the top eigenvector (power-iteration-like, rate set by the spectral gap).
     */
    @Test
    void p2GradientDescentReachesTheGroundStateMinusHalfNLambdaMax() {
        for (int n : new int[] {60, 200}) {
            PSpinSpherical model = new PSpinSpherical(2, n, 21L + n);
            double[][] j = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    j[a][b] = model.coupling(a, b);
                    j[b][a] = j[a][b];
                }
            }
            double lambdaMax = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(j, false)).getEigenvalues()[0];
            double groundState = -0.5 * n * lambdaMax;
            double[] s = Dynamics.of(model, new GradientDescent(0.2)).space(Space.sphere()).seed(0L).steps(40_000)
                    .run(Sphere.randomPoint(n, 5L)).finalState();
            assertEquals(groundState, model.energy(s), 1e-8 * Math.abs(groundState), "ground state at N=" + n);
            // semicircle of radius 2: λ_max → 2, so the energy per spin → −1 (Tracy–Widom corrections ~ N^{−2/3})
            assertEquals(-1.0, groundState / n, 2.5 * Math.pow(n, -2.0 / 3), "ground-state energy per spin at N=" + n);
        }
    }

    /**
     * p = 3 at T = 1 > T_d = √(3/8): equilibrium (paramagnet) energy per spin −1/(2T) as N → ∞. At
     * finite N the high-temperature expansion gives e = −(β/2)(N−1)(N−2)/((N+2)(N+4)) + O(β³)
     * (moments of the uniform measure on the sphere), −0.478 at N = 200 instead of −0.5.
     */
    @Test
    void p3LangevinAboveTdEquilibratesToMinusOneOverTwoT() {
        int n = 200;
        double temperature = 1.0;
        double dt = 0.01;
        double finiteN = -(0.5 / temperature) * (n - 1.0) * (n - 2.0) / ((n + 2.0) * (n + 4.0));
        double sum = 0;
        int count = 0;
        int samples = 3;
        for (long seed = 1; seed <= samples; seed++) {
            Energy energy = new Energy();
            long[] record = new long[100];
            for (int i = 0; i < record.length; i++) {
                record[i] = 1000 + 30L * i; // t from 10 to 40, 0.3 apart
            }
            var run = Dynamics.of(new PSpinSpherical(3, n, seed), new Langevin(temperature, dt)).space(Space.sphere())
                    .seed(seed).record(record, energy).run(Sphere.randomPoint(n, 100 + seed));
            for (double e : run.recording(energy).values()) {
                sum += e;
                count++;
            }
        }
        double mean = sum / count;
        // measured: thermal s.d. 0.05 per record, ~30 independent records per sample, sample-to-sample
        // s.d. ~0.006 ⇒ standard error ~0.005; O(dt) and O(β³/N) bias ≲ 0.005. A √2 error moves it by ≥ 0.2.
        assertEquals(finiteN, mean, 0.02, "equilibrium energy per spin at T = 1, N = 200");
        assertEquals(-0.5 / temperature, mean, 0.04, "paramagnetic energy −1/(2T)");
    }

    /**
     * p = 3, T = 0: gradient descent from a random start descends toward the threshold
     * E_th = −2/√3 = −1.1547 and never below the ground state −1.1717 (Cugliandolo–Kurchan 1993).
     * At finite N it stops at a local minimum above the threshold by ≈ 10/N (measured: −1.055 at
     * N = 100, −1.103 at N = 200, averaged over samples); extrapolating linearly in 1/N recovers
     * the threshold.
     */
    @Test
    void p3GradientDescentApproachesTheThresholdNotTheGroundState() {
        double threshold = -2 / Math.sqrt(3);
        double groundState = -1.171675;
        int samples = 4;
        double[] meanAt = new double[2];
        int[] sizes = {100, 200};
        for (int which = 0; which < 2; which++) {
            int n = sizes[which];
            for (long seed = 1; seed <= samples; seed++) {
                Energy energy = new Energy();
                double dt = 0.1;
                var run2 = Dynamics.of(new PSpinSpherical(3, n, seed), new GradientDescent(dt)).space(Space.sphere())
                        .seed(seed).record(LogTimes.upTo(3000, 5), energy).run(Sphere.randomPoint(n, 100 + seed));
                double[] e = run2.recording(energy).values();
                for (int i = 1; i < e.length; i++) {
                    assertTrue(e[i] <= e[i - 1] + 1e-12, "GD must not raise the energy");
                }
                double last = e[e.length - 1];
                assertTrue(last > groundState, "below the ground state: " + last);
                assertTrue(last < -1.0, "did not descend: " + last);
                meanAt[which] += last / samples;
            }
        }
        assertTrue(meanAt[1] < meanAt[0], "larger N gets closer to the threshold");
        double extrapolated = 2 * meanAt[1] - meanAt[0]; // e(N) = e∞ + a/N through N = 100, 200
        // sample-to-sample s.d. 0.013 (N=100), 0.008 (N=200) over 4 samples ⇒ s.e. of the extrapolation 0.01
        assertEquals(threshold, extrapolated, 0.03, "1/N-extrapolated GD energy vs threshold −2/√3");
    }
}
