package org.glassy.study.agingtheory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * The linear-response measurement of χ by a small random field against the fluctuation–dissipation theorem in
 * equilibrium, χ(t_w + t, t_w) = (1 − C(t_w + t, t_w))/T, at finite N.
 */
class LinearResponseTest {

    private static final LinearResponse.Parameters EQUILIBRIUM = LinearResponse.Parameters.builder().p(3).n(64)
            .temperature(1.0).dt(0.01).waitingTimes(20).maxLag(1).fields(0.1, 0.2).directions(2).perDecade(4)
            .build();

    /**
     * T = 1 &gt; T_d, N = 64, t_w = 20 (equilibrated): per instance the residual T χ − (1 − C), averaged over 16
     * instances, vanishes within 4 standard errors (plus 2·10⁻³ for the O(dt) error, measured 6·10⁻⁴ one step after
     * t_w) at every lag up to t = 1 (C from 1 to 0.55). Measured: |residual| ≤ 0.014, standard errors ≤ 0.022,
     * while T χ grows to 0.44, so χ off by a factor 2 (or T χ against 2(1 − C)) fails by 20 standard errors. The two
     * field strengths, h = 0.1 and 0.2, give the same χ (linear response) within 5 % of χ.
     */
    @Test
    void inEquilibriumTheMeasuredResponseObeysTheFluctuationDissipationTheorem() {
        int instances = 16;
        Table first = LinearResponse.run(EQUILIBRIUM, 1);
        int rows = first.rowCount();
        double[] sum = new double[rows];
        double[] sumSq = new double[rows];
        double[] chi = new double[rows];
        double[] correlation = new double[rows];
        for (long seed = 1; seed <= instances; seed++) {
            Table one = seed == 1 ? first : LinearResponse.run(EQUILIBRIUM, seed);
            for (int r = 0; r < rows; r++) {
                double c = one.doubleColumn("correlation").get(r);
                double x = one.doubleColumn("chi").get(r);
                double residual = EQUILIBRIUM.temperature() * x - (1 - c);
                sum[r] += residual;
                sumSq[r] += residual * residual;
                chi[r] += x / instances;
                correlation[r] += c / instances;
            }
        }
        double smallestC = 1;
        for (int r = 0; r < rows; r++) {
            double mean = sum[r] / instances;
            double se = Math.sqrt((sumSq[r] / instances - mean * mean) / (instances - 1));
            String where = "h = " + first.doubleColumn("field").get(r) + ", t = " + first.doubleColumn("t").get(r);
            assertTrue(se < 0.04, "standard error " + se + " at " + where);
            assertTrue(Math.abs(mean) < 4 * se + 2e-3, "T χ − (1 − C) = " + mean + " ± " + se + " at " + where);
            smallestC = Math.min(smallestC, correlation[r]);
        }
        assertTrue(smallestC < 0.6, "the lags reach the decorrelated regime: C = " + smallestC);
        int half = rows / 2;   // rows: h = 0.1 for every lag, then h = 0.2
        assertEquals(0.1, first.doubleColumn("field").get(0), 0);
        assertEquals(0.2, first.doubleColumn("field").get(half), 0);
        for (int r = 0; r < half; r++) {
            assertEquals(chi[r], chi[r + half], 0.05 * chi[r] + 1e-3, "linear response at t = "
                    + first.doubleColumn("t").get(r));
        }
    }

    @Test
    void meanAveragesTheInstancesWithStandardErrors() {
        LinearResponse.Parameters small = LinearResponse.Parameters.builder().p(3).n(12).temperature(0.8).dt(0.05)
                .waitingTimes(0, 1).maxLag(1).fields(0.1).perDecade(2).build();
        Table mean = LinearResponse.mean(small, 3, 7L);
        assertEquals(List.of("field", "tw", "t", "samples", "correlation", "correlation_se", "chi", "chi_se"),
                mean.columnNames());
        assertEquals(3, mean.intColumn("samples").get(0));
        assertEquals(java.util.Set.of(0.0, 1.0), java.util.Set.copyOf(mean.doubleColumn("tw").asList()));
        // one step after t_w the response is dt (R = 1 at equal times) up to O(dt²)
        assertEquals(0.05, mean.doubleColumn("chi").get(0), 0.01);
        // the same seed gives the same instance
        assertEquals(LinearResponse.run(small, 3L).doubleColumn("chi").asList(),
                LinearResponse.run(small, 3L).doubleColumn("chi").asList());
    }

    @Test
    void badParametersAreNamed() {
        var builder = LinearResponse.Parameters.builder().p(3).n(12).temperature(0.8).dt(0.05).waitingTimes(1)
                .maxLag(1).fields(0.1);
        assertEquals("temperature must be > 0 and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> builder.temperature(0).build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.temperature(0.8).fields(-0.1).build())
                .getMessage().startsWith("fields must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.fields(0.1).maxLag(0.01).build())
                .getMessage().startsWith("maxLag must be >= dt"));
    }
}
