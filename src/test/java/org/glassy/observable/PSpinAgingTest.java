package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.Langevin;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.model.PSpinSpherical;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * Aging of the spherical 3-spin after a quench from a random start: above
 * T_d = √(3/8) the equilibrated correlation C(t_w + t, t_w) depends on t only (time-translation
 * invariance); below T_d it grows with t_w at fixed t (L. F. Cugliandolo and J. Kurchan, PRL 71,
 * 173 (1993)). Differences are paired per sample (same couplings, start and noise); the standard
 * error is their sample standard deviation / √samples. Above T_d, N = 200 and 24 samples give a
 * standard error of ≈ 0.02, small enough to see the t_w dependence of size 0.09–0.22 measured
 * below T_d (N = 100, 16 samples).
 */
class PSpinAgingTest {

    private static final double DT = 0.05;

    /** Per lag: {mean of C(t_w2 + t, t_w2) − C(t_w1 + t, t_w1), its standard error, mean C at t_w1}. */
    private static double[][] agingDifference(int n, int samples, double temperature, double tw1, double tw2,
                                              double[] lags) {
        long[] tws = {Math.round(tw1 / DT), Math.round(tw2 / DT)};
        long[] lagSteps = new long[lags.length];
        for (int i = 0; i < lags.length; i++) {
            lagSteps[i] = Math.round(lags[i] / DT);
        }
        double[][] sums = new double[lags.length][3];
        for (long s = 1; s <= samples; s++) {
            TwoTimeCorrelation c = new TwoTimeCorrelation(tws, lagSteps);
            var run = Dynamics.of(new PSpinSpherical(3, n, s), new Langevin(temperature, DT)).space(Space.sphere()).seed(s)
                    .steps(tws[1] + lagSteps[lagSteps.length - 1]).record(new long[0], c)
                    .run(Sphere.randomPoint(n, 1000 + s));
            Table t = run.recording(c).table();
            for (int i = 0; i < lags.length; i++) {
                double young = t.doubleColumn("value").get(i);
                double old = t.doubleColumn("value").get(lags.length + i);
                sums[i][0] += old - young;
                sums[i][1] += (old - young) * (old - young);
                sums[i][2] += young;
            }
        }
        double[][] result = new double[lags.length][];
        for (int i = 0; i < lags.length; i++) {
            double mean = sums[i][0] / samples;
            double sd = Math.sqrt(Math.max(0, sums[i][1] / samples - mean * mean) * samples / (samples - 1));
            result[i] = new double[] {mean, sd / Math.sqrt(samples), sums[i][2] / samples};
        }
        return result;
    }

    @Test
    void aboveTdTheCorrelationIsTimeTranslationInvariant() {
        double[] lags = {0.5, 2};
        double[][] d = agingDifference(200, 24, 1.0, 5, 80, lags);
        for (int i = 0; i < lags.length; i++) {
            double diff = d[i][0];
            double se = d[i][1];
            assertTrue(d[i][2] > 0.1 && d[i][2] < 0.95, "C must be measurably between 0 and 1, got " + d[i][2]);
            assertTrue(se < 0.025, "too noisy to detect aging of the size seen below T_d: s.e. " + se);
            assertTrue(Math.abs(diff) < 4 * se + 0.01,
                    "T = 1: C depends on t_w at t = " + lags[i] + ": difference " + diff + " ± " + se);
        }
    }

    @Test
    void belowTdTheCorrelationAges() {
        double[] lags = {5, 20};
        double[][] d = agingDifference(100, 16, 0.4, 5, 80, lags);
        for (int i = 0; i < lags.length; i++) {
            double diff = d[i][0];
            double se = d[i][1];
            assertTrue(diff > 4 * se && diff > 0.05,
                    "T = 0.4: older systems must decorrelate more slowly at t = " + lags[i] + ": difference " + diff
                            + " ± " + se);
        }
    }
}
