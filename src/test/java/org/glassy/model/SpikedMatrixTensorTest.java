package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.core.Sphere;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SpikedMatrixTensorTest {

    @Nested
    class P3 extends ModelContractTest {
        @Override
        protected Model model() {
            return new SpikedMatrixTensor(3, 30, 0.5, 1.0, 7);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return Sphere.randomPoint(30, random.nextLong());
        }
    }

    @Nested
    class P4 extends ModelContractTest {
        @Override
        protected Model model() {
            return new SpikedMatrixTensor(4, 16, 0.3, 2.0, 8);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return Sphere.randomPoint(16, random.nextLong());
        }
    }

    @Nested
    class TensorOnly extends ModelContractTest {
        @Override
        protected Model model() {
            return new SpikedMatrixTensor(3, 25, Double.POSITIVE_INFINITY, 0.7, 9);
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return Sphere.randomPoint(25, random.nextLong());
        }
    }

    /** The signal energy by brute force over all pairs and triples, from the observation-free definition. */
    @Test
    void signalEnergyEqualsTheSumOverIndexTuples() {
        int n = 12;
        double d2 = 0.4;
        double dp = 1.3;
        SpikedMatrixTensor model = new SpikedMatrixTensor(3, n, d2, dp, 3);
        double[] s = Sphere.randomPoint(n, 5);
        double[] x = model.signal();
        double pair = 0;
        double triple = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pair += x[i] * x[j] * s[i] * s[j];
                for (int k = j + 1; k < n; k++) {
                    triple += x[i] * x[j] * x[k] * s[i] * s[j] * s[k];
                }
            }
        }
        // Y signal x_i x_j/√N times 1/(Δ2 √N); T signal √2/N · x x x times √2/(Δp N)
        double expected = -pair / (d2 * n) - 2 * triple / (dp * n * n);
        assertEquals(expected, model.signalEnergy(s), 1e-12 * Math.abs(expected));
        // and the energy is the sum of the two parts
        assertEquals(model.noiseEnergy(s) + model.signalEnergy(s), model.energy(s), 1e-12);
    }

    /** At the signal, H_signal = −N Q(1) up to the diagonal terms, O(1/N) relative. */
    @Test
    void signalEnergyIsMinusNQOfTheOverlap() {
        int n = 400;
        SpikedMatrixTensor model = new SpikedMatrixTensor(3, n, 0.5, 1.0, 4);
        double[] x = model.signal();
        double q1 = SpikedMatrixTensor.q(3, 0.5, 1.0, 1.0); // 1 + 1/3
        assertEquals(4.0 / 3, q1, 1e-15);
        assertEquals(-n * q1, model.signalEnergy(x), 0.02 * n * q1);
        // a state with overlap m: half signal, half an orthogonal direction
        double[] r = Sphere.randomPoint(n, 6);
        double m = model.overlap(r);
        double[] s = new double[n];
        double a = 0.8;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            s[i] = r[i] - m * x[i];
            norm += s[i] * s[i];
        }
        for (int i = 0; i < n; i++) {
            s[i] = a * x[i] + Math.sqrt(1 - a * a) * s[i] * Math.sqrt(n / norm);
        }
        assertEquals(a, model.overlap(s), 1e-12);
        double qa = a * a / (2 * 0.5) + a * a * a / 3;
        assertEquals(-n * qa, model.signalEnergy(s), 0.02 * n * qa);
    }

    /**
     * Over instances, E[H_noise(σ) H_noise(σ′)] = N Q(q) with q = σ·σ′/N, exactly Σ_{i&lt;j} …/(Δ2 N) +
     * 2 e_3(σ∘σ′)/(Δp N²) at finite N; 4000 instances give a relative standard error of about 2.5 %, so a factor 2
     * in either variance fails.
     */
    @Test
    void noiseCovarianceIsNQ() {
        int n = 10;
        double d2 = 0.5;
        double dp = 2.0;
        double[] s = Sphere.randomPoint(n, 1);
        double[] t = Sphere.randomPoint(n, 2);
        for (int i = 0; i < n; i++) {
            t[i] = 0.6 * s[i] + 0.8 * t[i];
        }
        double ss = 0;
        double st = 0;
        double tt = 0;
        int samples = 4000;
        for (int k = 0; k < samples; k++) {
            SpikedMatrixTensor model = new SpikedMatrixTensor(3, n, d2, dp, 100 + k);
            double a = model.noiseEnergy(s);
            double b = model.noiseEnergy(t);
            ss += a * a;
            st += a * b;
            tt += b * b;
        }
        ss /= samples;
        st /= samples;
        tt /= samples;
        assertEquals(exactCovariance(s, s, n, d2, dp), ss, 4 * Math.sqrt(2.0 / samples) * ss);
        assertEquals(exactCovariance(t, t, n, d2, dp), tt, 4 * Math.sqrt(2.0 / samples) * tt);
        double cst = exactCovariance(s, t, n, d2, dp);
        assertEquals(cst, st, 4 * Math.sqrt((ss * tt + cst * cst) / samples));
        // and the finite-N covariance is close to N Q(q)
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += s[i] * t[i] / n;
        }
        double diag = 0;
        for (int i = 0; i < n; i++) {
            diag += s[i] * s[i] / n;
        }
        assertEquals(1, diag, 1e-12);
        assertTrue(Math.abs(exactCovariance(s, s, n, d2, dp) - n * SpikedMatrixTensor.q(3, d2, dp, 1))
                < 0.4 * n * SpikedMatrixTensor.q(3, d2, dp, 1));
    }

    private static double exactCovariance(double[] s, double[] t, int n, double d2, double dp) {
        double pair = 0;
        double triple = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double w = s[i] * t[i] * s[j] * t[j];
                pair += w;
                for (int k = j + 1; k < n; k++) {
                    triple += w * s[k] * t[k];
                }
            }
        }
        return pair / (d2 * n) + 2 * triple / (dp * n * n);
    }

    @Test
    void pureTensorWithDeltaP2OverPIsThePSpinPlusTheSignal() {
        int n = 20;
        SpikedMatrixTensor model = new SpikedMatrixTensor(3, n, Double.POSITIVE_INFINITY, 2.0 / 3, 11);
        SplittableRandom seeds = new SplittableRandom(11);
        seeds.nextLong();
        PSpinSpherical pspin = new PSpinSpherical(3, n, seeds.nextLong());
        double[] s = Sphere.randomPoint(n, 12);
        assertEquals(pspin.energy(s), model.noiseEnergy(s), 1e-12);
    }

    @Test
    void parametersAreValidated() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SpikedMatrixTensor(3, 10, 0, 1, 1))
                .getMessage().contains("delta2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SpikedMatrixTensor(3, 10, 1, -1, 1))
                .getMessage().contains("deltap"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SpikedMatrixTensor(3, 2, 1, 1, 1))
                .getMessage().contains("n"));
    }
}
