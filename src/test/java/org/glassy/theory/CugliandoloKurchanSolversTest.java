package org.glassy.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.glassy.theory.CugliandoloKurchan.Parameters;
import org.glassy.theory.CugliandoloKurchan.Solution;
import org.glassy.theory.CugliandoloKurchan.Solver;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The one API of both Cugliandolo–Kurchan solvers: the same parameters (waiting times as times) give the same
 * tables; the two solvers agree as the step shrinks, by the fixed grid's first order; times off the grid and
 * unstable steps are rejected by name (p = 3, physics normalisation f(q) = q^p/2).
 */
class CugliandoloKurchanSolversTest {

    /** The same parameters for both solvers: t_max = 50, waiting times 5 and 12.5 (in units of t), step h. */
    private static Parameters parameters(double temperature, double step, Solver solver) {
        return Parameters.builder(3, temperature, 50).step(step).solver(solver).waitingTimes(5, 12.5).build();
    }

    @Test
    void bothSolversReturnTheSameTablesAndTheirDifferenceVanishesAsTheFixedGridsFirstOrder() {
        for (double temperature : new double[] {0, 0.5}) {
            Map<String, Double> coarse = null;
            for (double step : new double[] {0.05, 0.025}) {
                Parameters decimating = parameters(temperature, step, Solver.DECIMATING);
                Solution longTime = CugliandoloKurchan.solve(decimating);
                Solution reference = CugliandoloKurchan.solve(decimating.toBuilder().solver(Solver.FIXED_GRID).build());
                assertEquals(Solver.FIXED_GRID, reference.parameters().solver());
                // identical shapes: column names and types, recorded times, (t_w, t) pairs (rows selected by value)
                assertSameColumns(longTime.energy(), reference.energy());
                assertSameColumns(longTime.aging(), reference.aging());
                assertArrayEquals(reference.energy().doubleColumn("time").asDoubleArray(),
                        longTime.energy().doubleColumn("time").asDoubleArray());
                assertEquals(keys(reference.aging()).keySet(), keys(longTime.aging()).keySet());
                assertEquals(Set.of(5.0, 12.5), new HashSet<>(reference.aging().doubleColumn("tw").asList()));
                for (Solution s : new Solution[] {longTime, reference}) {
                    Table e = s.energy();
                    for (int r = 0; r < e.rowCount(); r++) {
                        assertEquals(temperature - 3 * e.doubleColumn("energy").get(r), e.doubleColumn("mu").get(r), 1e-12);
                    }
                }
                Map<String, Double> difference = differences(longTime, reference);
                if (coarse == null) {
                    coarse = difference;
                    continue;
                }
                // first order: halving h halves the difference (measured ratios 1.88–2.22 where |Δ| > 1e-3); the
                // Richardson combination 2Δ(h/2) − Δ(h) removes the fixed grid's O(h) error: measured ≤ 2.5e-4
                // for C and 7e-6 for e(t_max), the tolerances of the fixed-vs-long test beside this one
                for (Map.Entry<String, Double> fine : difference.entrySet()) {
                    Double atCoarse = coarse.get(fine.getKey());
                    if (atCoarse == null) {
                        continue;
                    }
                    String where = fine.getKey() + " at T = " + temperature;
                    if (Math.abs(atCoarse) > 1e-3) {
                        double ratio = atCoarse / fine.getValue();
                        assertTrue(ratio > 1.75 && ratio < 2.35, "difference ratio per halving " + ratio + ", " + where);
                    }
                    double extrapolated = 2 * fine.getValue() - atCoarse;
                    assertEquals(0, extrapolated, fine.getKey().equals("e") ? 2e-4 : 5e-4, "Richardson, " + where);
                }
            }
        }
    }

    private static void assertSameColumns(Table expected, Table actual) {
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.columnNames(), actual.columnNames());
        for (int c = 0; c < expected.columnCount(); c++) {
            Column<?> column = expected.column(c);
            assertEquals(column.type(), actual.column(c).type(), column.name());
        }
    }

    /** The aging rows by "t_w/t", the correlation as value. */
    private static Map<String, Double> keys(Table aging) {
        Map<String, Double> rows = new HashMap<>();
        for (int r = 0; r < aging.rowCount(); r++) {
            rows.put(aging.doubleColumn("tw").get(r) + "/" + aging.doubleColumn("t").get(r),
                    aging.doubleColumn("correlation").get(r));
        }
        return rows;
    }

    /** Decimating minus fixed grid: C(t_w + t, t_w) by "t_w/t" and e(t_max) as "e". */
    private static Map<String, Double> differences(Solution decimating, Solution fixed) {
        Map<String, Double> reference = keys(fixed.aging());
        Map<String, Double> difference = new HashMap<>();
        keys(decimating.aging()).forEach((key, c) -> difference.put(key, c - reference.get(key)));
        difference.put("e", decimating.finalEnergy() - fixed.finalEnergy());
        return difference;
    }

    @Test
    void waitingTimesAreTimesOnTheGrid() {
        // the same t_w = 2.5 at h = 0.1 and 0.05: grid index 25 and 50, both report t_w = 2.5
        for (double step : new double[] {0.1, 0.05}) {
            for (Solver solver : Solver.values()) {
                Table aging = CugliandoloKurchan.solve(Parameters.builder(3, 0, 10).step(step).solver(solver)
                        .waitingTimes(2.5).build()).aging();
                assertEquals(List.of(2.5), aging.doubleColumn("tw").unique().asList(), solver + " at h = " + step);
                assertEquals(step, aging.doubleColumn("t").min(), 1e-15, "first lag one step");
                assertEquals(10 - 2.5, aging.doubleColumn("t").max(), 1e-9, "last lag t_max − t_w");
            }
        }
        // log-spaced from t = 1 to half the run, whole steps: geometric(10, 50, 3) steps = 1, 2.2, 5
        Parameters logSpaced = Parameters.builder(3, 0, 10).step(0.1).logSpacedWaitingTimes(3).build();
        assertEquals(3, logSpaced.waitingTimes().size());
        double[] expected = {1, 2.2, 5};
        for (int k = 0; k < 3; k++) {
            assertEquals(expected[k], logSpaced.waitingTimes().get(k), 1e-12);
        }
        // a one-step run has only t_w = 0
        assertEquals(List.of(0.0), Parameters.builder(3, 0, 0.1).logSpacedWaitingTimes(4).build().waitingTimes());
        assertEquals(logSpaced, logSpaced.toBuilder().build(), "toBuilder keeps every value");
    }

    @Test
    void timesOffTheGridAreRejectedByName() {
        assertEquals("time must be a multiple of step = 0.1, got 10.05", assertThrows(IllegalArgumentException.class,
                () -> Parameters.builder(3, 0, 10.05).step(0.1).build()).getMessage());
        assertEquals("waitingTimes must be a multiple of step = 0.1, got 2.55", assertThrows(IllegalArgumentException.class,
                () -> Parameters.builder(3, 0, 10).step(0.1).waitingTimes(2.55).build()).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Parameters.builder(3, 0, 10).step(0.1).waitingTimes(10).build()).getMessage()
                .startsWith("waitingTimes must lie in [0, 9.9"));
        // within round-off: 0.3 / 0.1 = 2.9999999999999996 and 1000 / 0.1 are whole numbers of steps
        assertEquals(3, Parameters.builder(3, 0, 0.3).step(0.1).build().steps());
        assertEquals(10_000, Parameters.builder(3, 0, 1000).step(0.1).build().steps());
        assertEquals(6_000, Parameters.builder(3, 0, 120).step(0.02).build().steps());
    }

    @Test
    void anUnstableStepStopsBothSolversNamingTheStep() {
        // issue 12: p = 3, T = 0, h = 5 wrote e(5) = 43261 and e(10) = 1e91; the first step already leaves the
        // physical range (fixed grid: e(5) = −(h/2) f'(1) = −3.75 < −√(3/2); decimating: C(5, 0) = −17.75)
        for (Solver solver : Solver.values()) {
            String message = assertThrows(IllegalArgumentException.class, () -> CugliandoloKurchan.solve(
                    Parameters.builder(3, 0, 10).step(5).solver(solver).build())).getMessage();
            assertTrue(message.startsWith("step must be smaller than 5.0: the integration is unstable at t = 5 ("),
                    solver + ": " + message);
        }
        // a step that blows up later: explicit Euler at h μ ≈ 1.4 (fixed grid) and Heun at h = 0.5, T = 5, p = 2
        String fixed = assertThrows(IllegalArgumentException.class, () -> CugliandoloKurchan.solve(
                Parameters.builder(3, 0, 100).step(0.4).solver(Solver.FIXED_GRID).build())).getMessage();
        assertTrue(fixed.startsWith("step must be smaller than 0.4") && fixed.contains("outside its physical range"), fixed);
        String decimating = assertThrows(IllegalArgumentException.class, () -> CugliandoloKurchan.solve(
                Parameters.builder(2, 5, 100).step(0.5).build())).getMessage();
        assertTrue(decimating.startsWith("step must be smaller than 0.5") && decimating.contains("outside [-1, 1]"),
                decimating);
        // the same runs at a stable step pass the same checks and respect the laws they check, e in [−√(p/2), 0]
        for (Solver solver : Solver.values()) {
            Solution stable = CugliandoloKurchan.solve(Parameters.builder(3, 0, 100).step(0.1).solver(solver).build());
            assertTrue(stable.energy().doubleColumn("energy").max() <= 0, solver + ": e <= 0");
            assertTrue(stable.energy().doubleColumn("energy").min() > -Math.sqrt(1.5), solver + ": e > -sqrt(p/2)");
        }
    }
}
