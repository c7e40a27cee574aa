package org.glassy.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.glassy.theory.CugliandoloKurchan.Parameters;
import org.glassy.theory.CugliandoloKurchan.Solution;
import org.glassy.theory.CugliandoloKurchan.Solver;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * Both solvers hand each row on as soon as it is final, in the order of their tables (by t_w + t), so a writer
 * that prints rows as they come prints the tables; an interrupted thread stops the solver.
 */
class CugliandoloKurchanRowsTest {

    /** Collects rows as text, exactly as they are handed on. */
    private static final class Collect implements CugliandoloKurchan.Rows {
        final List<String> energy = new ArrayList<>();
        final List<String> aging = new ArrayList<>();
        final List<Long> progress = new ArrayList<>();

        @Override
        public void energy(double time, double e, double mu) {
            energy.add(time + "," + e + "," + mu);
        }

        @Override
        public void aging(double tw, double t, double correlation, double response) {
            aging.add(tw + "," + t + "," + correlation + "," + response);
        }
    }

    private static List<String> rows(Table table) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < table.columnCount(); c++) {
                line.append(c == 0 ? "" : ",").append(table.doubleColumn(c).getDouble(r));
            }
            rows.add(line.toString());
        }
        return rows;
    }

    @Test
    void bothSolversHandOnTheirTablesRowsInOrder() {
        for (Solver solver : Solver.values()) {
            Parameters parameters = Parameters.builder(3, 0.5, 20).step(0.1).solver(solver).waitingTimes(0, 1, 5).build();
            Collect collect = new Collect();
            Solution solution = CugliandoloKurchan.solve(parameters, (step, total, time, e) -> collect.progress.add(step),
                    collect);
            assertEquals(rows(solution.energy()), collect.energy, solver.name());
            assertEquals(rows(solution.aging()), collect.aging, solver.name());
            // the same tables as the plain solve, in the same order (by t_w + t: the order rows complete)
            Solution plain = CugliandoloKurchan.solve(parameters);
            assertEquals(rows(plain.aging()), collect.aging, solver.name());
            double previous = -1;
            for (int r = 0; r < plain.aging().rowCount(); r++) {
                double end = plain.aging().doubleColumn("tw").getDouble(r) + plain.aging().doubleColumn("t").getDouble(r);
                assertTrue(end >= previous - 1e-12, solver + ": row " + r + " completes at " + end);
                previous = end;
            }
            assertEquals(parameters.steps() + 1, collect.progress.size(), "progress at every step");
        }
    }

    @Test
    void anInterruptedThreadStopsEitherSolver() {
        for (Solver solver : Solver.values()) {
            Parameters parameters = Parameters.builder(3, 0.5, 20).step(0.1).solver(solver).build();
            Collect collect = new Collect();
            Thread.currentThread().interrupt();
            try {
                CancellationException e = assertThrows(CancellationException.class,
                        () -> CugliandoloKurchan.solve(parameters, null, collect));
                assertTrue(e.getMessage().startsWith("run interrupted at step 0 of 200"), e.getMessage());
            } finally {
                assertTrue(Thread.interrupted(), "the flag stays set for the caller");
            }
            assertTrue(collect.energy.isEmpty());
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void memoryAndWorkAreCheckedBeforeTheRun() {
        // 16384 fixed-grid steps need 2.1 GB, within the tests' 4 GB heap; the work bound stops far longer runs
        Parameters big = Parameters.builder(3, 0, 1638.4).step(0.1).solver(Solver.FIXED_GRID).build();
        assertEquals(16.0 * 16385 * 16386 / 2, big.bytes(), 0);
        assertEquals(2.0 * 16384 * 16384 * 16384 / 3, big.operations(), 1);
        big.requireResources();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CugliandoloKurchan.solve(Parameters.builder(3, 0, 1e12).build(), null, new Collect()));
        assertTrue(e.getMessage().startsWith("time asks for about 6.6e+18 operations"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.builder(3, 0, 10).gridPoints(100_000).build().requireResources());
        assertTrue(e.getMessage().startsWith("gridPoints needs about 372.6 GB (five square arrays over at most 100000 stored times)"), e.getMessage());
    }
}
