package org.glassy.study.aging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

import org.glassy.core.LogTimes;
import org.glassy.observable.MeanQuarticDisplacement;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The aging analyses on synthetic curves with known answers: subaging Δ = f(t/t_w^μ), diffusion
 * Δ = D(t_w) c t^α, a loss with known regime boundaries, displacements with known fourth moments.
 */
class AgingScalingTest {

    private static final long[] WAITING = {10, 40, 160, 640, 2560};
    private static final long[] LAGS = LogTimes.geometric(1, 20000, 40);

    /** One run's table tw, t, delta = delta(tw, t)·exp(σ ε), ε standard normal. */
    private static Table run(DoubleBinaryOperator delta, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Long> tw = new ArrayList<>();
        List<Long> t = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (long w : WAITING) {
            for (long lag : LAGS) {
                tw.add(w);
                t.add(lag);
                v.add(delta.applyAsDouble(w, lag) * Math.exp(sigma * r.nextGaussian()));
            }
        }
        return Table.create("msd", LongColumn.create("tw", tw.stream().mapToLong(Long::longValue).toArray()),
                LongColumn.create("t", t.stream().mapToLong(Long::longValue).toArray()),
                DoubleColumn.create("delta", v.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private static double master(double u) {
        return 1e-3 * u / (1 + Math.sqrt(u));
    }

    private static List<Table> seeds(double mu, double sigma, int count) {
        List<Table> runs = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            runs.add(run((w, t) -> master(t / Math.pow(w, mu)), sigma, 100 + s));
        }
        return runs;
    }

    @Test
    void noiselessCurvesCollapseExactlyAtTheirExponent() {
        for (double mu : new double[] {0.3, 0.7, 1.0, 1.3}) {
            Table exact = run((w, t) -> master(t / Math.pow(w, mu)), 0, 1);
            assertEquals(mu, Subaging.bestExponent(exact, "delta", 1, 1), 2e-3, "mu = " + mu);
            assertEquals(0, Subaging.cost(exact, "delta", mu, 1, 1), 1e-4);
            assertTrue(Subaging.cost(exact, "delta", mu + 0.2, 1, 1) > 100 * Subaging.cost(exact, "delta", mu, 1, 1) + 1e-3);
        }
    }

    @Test
    void subagingExponentLiesInsideItsBootstrapIntervalAndAWrongOneOutside() {
        Subaging fit = Subaging.fit(seeds(0.7, 0.15, 10), "delta", 1, 1, 300, 5);
        assertEquals(10, fit.seeds());
        assertTrue(fit.low() <= 0.7 && 0.7 <= fit.high(), fit.toString());
        assertTrue(fit.high() < 1.0, "full aging must be excluded: " + fit);
        assertTrue(fit.high() - fit.low() < 0.15, "interval too wide to tell anything: " + fit);
        assertTrue(fit.low() <= fit.mu() && fit.mu() <= fit.high(), fit.toString());
        Subaging full = Subaging.fit(seeds(1.0, 0.15, 10), "delta", 1, 1, 300, 5);
        assertTrue(full.low() <= 1.0 && 1.0 <= full.high(), full.toString());
        assertTrue(full.low() > 0.7, full.toString());
    }

    @Test
    void theBootstrapIntervalNarrowsWithLessNoise() {
        Subaging noisy = Subaging.fit(seeds(0.5, 0.3, 8), "delta", 1, 1, 200, 1);
        Subaging clean = Subaging.fit(seeds(0.5, 0.03, 8), "delta", 1, 1, 200, 1);
        assertTrue(clean.high() - clean.low() < 0.5 * (noisy.high() - noisy.low()), noisy + " vs " + clean);
        assertTrue(clean.low() <= 0.5 && 0.5 <= clean.high(), clean.toString());
    }

    @Test
    void quantilesAreThoseOfTheOrderStatistics() {
        double[] sorted = {0, 1, 2, 3, 4};
        assertEquals(0.1, Subaging.quantile(sorted, 0.025), 1e-12);
        assertEquals(3.9, Subaging.quantile(sorted, 0.975), 1e-12);
        assertEquals(2, Subaging.quantile(sorted, 0.5), 1e-12);
    }

    /** D(t_w) = t_w^{−1/2}: Δ = D(t_w) · 0.02 t^{0.9} divided by D collapses with slope 0.9. */
    @Test
    void deltaOverNoiseCollapsesWithItsSlopeAndRawDeltaDoesNot() {
        Table msd = run((w, t) -> Math.pow(w, -0.5) * 0.02 * Math.pow(t, 0.9), 0, 1);
        long[] steps = LogTimes.geometric(1, 40000, 60);
        double[] noise = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            noise[k] = Math.pow(steps[k], -0.5);
        }
        Table d = Table.create("noise", LongColumn.create("step", steps), DoubleColumn.create("noise", noise));
        Table normalised = DiffusionCollapse.normalised(msd, d);
        DiffusionCollapse c = DiffusionCollapse.of(normalised, "delta_over_noise", 40, 1);
        assertEquals(4, c.waitingTimes());
        assertEquals(0, c.spread(), 1e-9);   // D(t_w) interpolated exactly: a power law is linear in log–log axes
        assertEquals(0.9, c.slope(), 1e-9);
        assertEquals(0, c.slopeError(), 1e-9);
        // the raw Δ at t_w = 40 … 2560 differs by t_w^{−1/2}: spread = sd of 0.5 ln t_w (= 0.5 ln 4 · sd{0,1,2,3})
        DiffusionCollapse raw = DiffusionCollapse.of(msd, "delta", 40, 1);
        assertEquals(0.5 * Math.log(4) * Math.sqrt(5.0 / 3), raw.spread(), 1e-9);
        assertEquals(0.9, raw.slope(), 1e-9);
        assertTrue(raw.slopeError() > 0.01, raw.toString());
    }

    @Test
    void diffusionSlopeIsRecoveredWithinItsErrorFromNoisyCurves() {
        int inside = 0;
        for (int s = 0; s < 20; s++) {
            Table msd = run((w, t) -> 0.02 * Math.pow(t, 1.1), 0.1, 300 + s);
            DiffusionCollapse c = DiffusionCollapse.of(msd, "delta", 10, 1);
            assertEquals(0.1, c.spread(), 0.02);   // E sd of 5 N(0, 0.1²) ≈ 0.094
            if (Math.abs(c.slope() - 1.1) < 1.96 * c.slopeError()) {
                inside++;
            }
        }
        assertTrue(inside >= 15, inside + " of 20 inside the 95 % interval");
    }

    @Test
    void noiseIsInterpolatedLinearlyInLogLogAxes() {
        double[] x = {0, 10, 100};
        double[] y = {5, 1, 3};
        assertEquals(Math.sqrt(3), DiffusionCollapse.interpolateLog(x, y, Math.sqrt(1000)), 1e-12);
        assertEquals(0.5, DiffusionCollapse.interpolateLog(new double[] {10, 100}, new double[] {-1, 2},
                Math.sqrt(1000)), 1e-12);
        assertEquals(1, DiffusionCollapse.interpolateLog(x, y, 2), 0);
        assertEquals(3, DiffusionCollapse.interpolateLog(x, y, 1e6), 0);
    }

    @Test
    void collapseNeedsTwoWaitingTimes() {
        Table msd = run((w, t) -> t, 0, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> DiffusionCollapse.of(msd, "delta", 1000, 1));
        assertTrue(e.getMessage().contains("minTw"), e.getMessage());
    }

    /** Flat at 1 until 100, −0.1 per e-fold until 10⁴, then −0.005 per e-fold. */
    private static double loss(double t, double t1, double t2) {
        if (t <= t1) {
            return 1;
        }
        if (t <= t2) {
            return 1 - 0.1 * Math.log(t / t1);
        }
        return 1 - 0.1 * Math.log(t2 / t1) - 0.005 * Math.log(t / t2);
    }

    @Test
    void regimeBoundariesAreTheEdgesOfTheLogarithmicDecrease() {
        for (double[] edges : new double[][] {{100, 1e4}, {30, 3e5}, {1000, 2e4}}) {
            long[] steps = LogTimes.geometric(1, 1_000_000, 121);
            double[] t = new double[steps.length];
            double[] l = new double[steps.length];
            for (int k = 0; k < steps.length; k++) {
                t[k] = steps[k];
                l[k] = loss(t[k], edges[0], edges[1]);
            }
            LossRegimes r = LossRegimes.of(t, l);
            assertEquals(edges[0], r.t1(), 0.1 * edges[0], r.toString());
            assertEquals(edges[1], r.t2(), 0.1 * edges[1], r.toString());
            assertEquals(0.1, r.rate(), 1e-9);
        }
        double[] flat = {1, 1, 1, 1};
        assertTrue(Double.isNaN(LossRegimes.of(new double[] {1, 10, 100, 1000}, flat).t1()));
    }

    @Test
    void nonGaussianParameterHasItsExactValues() {
        // |u| all equal: <u⁴> = <u²>² → −2/3; {0, 0, 0, 2}: <u²> = 1, <u⁴> = 4 → 1/3
        double[] x0 = {0, 0, 0, 0};
        MeanQuarticDisplacement q = new MeanQuarticDisplacement(new long[] {0}, new long[] {1});
        double[] pm = {1, -1, 1, -1};
        double[] spike = {0, 0, 0, 2};
        assertEquals(1, MeanQuarticDisplacementProbe.measure(q, x0, pm), 0);
        assertEquals(-2.0 / 3, MeanQuarticDisplacement.nonGaussianParameter(1, 1), 1e-15);
        assertEquals(4, MeanQuarticDisplacementProbe.measure(q, x0, spike), 0);
        assertEquals(1.0 / 3, MeanQuarticDisplacement.nonGaussianParameter(1, 4), 1e-15);
        // Gaussian displacements: α₂ → 0 within its sampling error √(96/M)/3 … (≈ 0.01 at M = 10⁶)
        SplittableRandom r = new SplittableRandom(3);
        int m = 1_000_000;
        double[] u = new double[m];
        double s2 = 0;
        for (int i = 0; i < m; i++) {
            u[i] = 0.3 * r.nextGaussian();
            s2 += u[i] * u[i] / m;
        }
        double s4 = MeanQuarticDisplacementProbe.measure(q, new double[m], u);
        assertEquals(0, MeanQuarticDisplacement.nonGaussianParameter(s2, s4), 0.02);
    }
}
