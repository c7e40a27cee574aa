package org.glassy.study.relaxation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.Langevin;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Energy;
import org.glassy.theory.CugliandoloKurchan;
import org.glassy.theory.SphericalPSpinTheory;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

class QuenchEnsembleTest {

    /**
     * The late-time mean is the mean of e over every 0.1 from half the run to its end, recomputed here from the
     * same trajectory (the same seed splits into the same couplings, start and noise) recorded independently; the
     * curve keeps only the log-spaced records.
     */
    @Test
    void curveKeepsTheLogSpacedRecordsAndTheLateMeanOfTheSameTrajectory() {
        var parameters = PSpinRelaxation.Parameters.builder().p(3).n(20).temperature(0.8).dt(0.05).time(10).seed(3)
                .recordsPerDecade(4).build();
        Table curve = QuenchEnsemble.curve(parameters);
        assertEquals(List.of("time", "energy", "late_mean"), curve.columnNames());
        long[] logSpaced = parameters.recordSteps();
        assertEquals(logSpaced.length, curve.rowCount());
        for (int i = 0; i < logSpaced.length; i++) {
            assertEquals(logSpaced[i] * 0.05, curve.doubleColumn("time").get(i), 1e-12);
        }
        var seeds = new java.util.SplittableRandom(3);
        PSpinSpherical model = new PSpinSpherical(3, 20, seeds.nextLong());
        double[] start = Sphere.randomPoint(20, seeds.nextLong());
        long[] late = new long[51];   // steps 100, 102, …, 200: every 0.1 from t = 5 to 10
        for (int i = 0; i < late.length; i++) {
            late[i] = 100 + 2L * i;
        }
        Energy energy = new Energy();
        var run = Dynamics.of(model, new Langevin(0.8, 0.05)).space(Space.sphere()).seed(seeds.nextLong()).steps(200)
                .record(late, energy).run(start);
        double expected = Arrays.stream(run.recording(energy).values()).average().orElseThrow();
        assertEquals(expected, curve.doubleColumn("late_mean").get(0), 1e-14);
        assertEquals(expected, curve.doubleColumn("late_mean").get(curve.rowCount() - 1), 1e-14);
    }

    /** One seed is one instance and one start for every temperature: equal energies at t = 0. */
    @Test
    void aSeedFixesTheInstanceAndStartAtEveryTemperature() {
        var base = PSpinRelaxation.Parameters.builder().p(3).n(20).dt(0.05).time(2).seed(7).recordsPerDecade(3)
                .build();
        Table runs = QuenchEnsemble.run(base, new double[] {0, 0.5, 1}, 2, null);
        assertEquals(List.of("temperature", "seed", "time", "energy", "late_mean"), runs.columnNames());
        Table start = runs.where(runs.doubleColumn("time").isEqualTo(0));
        assertEquals(6, start.rowCount());
        for (long seed : new long[] {7, 8}) {
            Table one = start.where(start.numberColumn("seed").isEqualTo(seed));
            assertEquals(1, one.doubleColumn("energy").unique().size(), "seed " + seed + ": " + one.print());
        }
        assertTrue(start.doubleColumn("energy").unique().size() == 2, "two seeds, two instances");
    }

    /** The means over seeds and the late-time means are those of the rows, grouped by temperature. */
    @Test
    void meansAndLateMeansGroupBySeedAndTemperature() {
        Table runs = Table.create("runs", DoubleColumn.create("temperature", 1, 1, 1, 1, 2, 2),
                LongColumn.create("seed", 1, 1, 2, 2, 1, 2), DoubleColumn.create("time", 0, 5, 0, 5, 5, 5),
                DoubleColumn.create("energy", 0, -0.4, 0, -0.5, -0.2, -0.3),
                DoubleColumn.create("late_mean", -0.41, -0.41, -0.47, -0.47, -0.25, -0.27));
        Table late = QuenchEnsemble.lateMeans(runs);
        assertEquals(List.of("temperature", "samples", "late_mean", "late_mean_se"), late.columnNames());
        assertEquals(-0.44, late.doubleColumn("late_mean").get(0), 1e-12);
        assertEquals(0.03, late.doubleColumn("late_mean_se").get(0), 1e-12);   // s = 0.0424, s/√2 = 0.03
        assertEquals(2, late.intColumn("samples").get(0));
        Table curves = QuenchEnsemble.meanCurves(runs);
        Table at = QuenchEnsemble.meansAt(curves, 4, 6);
        assertEquals(2, at.rowCount(), "t = 5 is the one record of each temperature, taken once");
        assertEquals(-0.25, at.doubleColumn("energy").get(1), 1e-12);
        Table one = curves.where(curves.doubleColumn("temperature").isEqualTo(1).and(curves.doubleColumn("time")
                .isEqualTo(5)));
        assertEquals(-0.45, one.doubleColumn("energy").get(0), 1e-12);
    }

    /**
     * The gap tables: N = ∞ is the Cugliandolo–Kurchan energy minus the asymptote, finite N the mean minus it; only
     * temperatures up to T_d.
     */
    @Test
    void agingGapsSubtractTheAsymptoteFromBothTheSimulationAndTheMeanFieldSolution() {
        var base = PSpinRelaxation.Parameters.builder().p(3).n(16).dt(0.05).time(5).seed(1).recordsPerDecade(5)
                .build();
        Table runs = QuenchEnsemble.run(base, new double[] {0, 1}, 2, null);
        Table gaps = QuenchEnsemble.agingGaps(runs, 3, 16, 0.05);
        assertEquals(List.of(0.0), gaps.doubleColumn("temperature").unique().asList(), "T = 1 > T_d is left out");
        Table ck = gaps.where(gaps.stringColumn("curve").startsWith("N = ∞"));
        double e5 = CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(3, 0, 5).step(0.05).build())
                .finalEnergy();
        assertEquals(e5 - SphericalPSpinTheory.thresholdEnergy(3), ck.doubleColumn("gap").get(ck.rowCount() - 1),
                1e-12);
        Table finite = gaps.where(gaps.stringColumn("curve").startsWith("N = 16"));
        Table means = QuenchEnsemble.meanCurves(runs);
        Table last = means.where(means.doubleColumn("temperature").isEqualTo(0).and(means.doubleColumn("time")
                .isEqualTo(5)));
        assertEquals(last.doubleColumn("energy").get(0) + 2 / Math.sqrt(3),
                finite.doubleColumn("gap").get(finite.rowCount() - 1), 1e-12);
        assertTrue(finite.doubleColumn("gap").min() > 0, "gradient descent stays above the threshold at N = 16");
    }

    /**
     * p = 3 gradient descent at N = 32, 64, 128 (8 instances, run to t = 150, converged: the energy changes by
     * less than 10⁻⁴ over the second half): the minima lie above the threshold, the more the smaller N. Measured
     * means −0.937 ± 0.027, −1.024 ± 0.014, −1.068 ± 0.005. The gap to −2/√3 follows the N = ∞ power law of the
     * energy in time, e(t) − E_th ∝ t^{−2/3}, cut off at a time ∝ N: extrapolating linearly in N^{−2/3} recovers
     * the threshold within its error; a straight line in 1/N through the same points stops at −1.111 ± 0.011.
     */
    @Test
    void gradientDescentMinimaExtrapolateToTheThreshold() {
        Table minima = QuenchEnsemble.gradientDescentMinima(3, new int[] {32, 64, 128}, 8, 0.1, 150, 5L, null);
        assertEquals(24, minima.rowCount());
        for (int r = 0; r < minima.rowCount(); r++) {
            double change = minima.doubleColumn("half_time_energy").get(r) - minima.doubleColumn("final_energy").get(r);
            assertTrue(change > -1e-12 && change < 1e-4, "converged: change " + change);
            assertTrue(minima.doubleColumn("final_energy").get(r) > -1.171675, "above the ground state");
        }
        double threshold = SphericalPSpinTheory.thresholdEnergy(3);
        LinearExtrapolation twoThirds = QuenchEnsemble.extrapolateMinima(minima, 2.0 / 3);
        assertTrue(twoThirds.slope() > 0, "smaller systems stop higher: slope " + twoThirds.slope());
        assertTrue(twoThirds.limitError() < 0.04, "error " + twoThirds.limitError());
        assertEquals(threshold, twoThirds.limit(), 4 * twoThirds.limitError(), "extrapolated in N^(-2/3): "
                + twoThirds.limit() + " ± " + twoThirds.limitError());
        LinearExtrapolation inverse = QuenchEnsemble.extrapolateMinima(minima, 1);
        assertTrue(inverse.limit() > twoThirds.limit(), "the 1/N line extrapolates less deep");
    }

    /** Late means that lie exactly on a line in dt extrapolate to its intercept, compared with e_N. */
    @Test
    void timeStepExtrapolationIsLinearInDt() {
        // two seeds per dt, ±0.001 around −0.44 + 0.5 dt
        Table runs = Table.create("runs", DoubleColumn.create("dt", 0.02, 0.02, 0.01, 0.01),
                DoubleColumn.create("temperature", 1, 1, 1, 1), LongColumn.create("seed", 1, 2, 1, 2),
                DoubleColumn.create("time", 10, 10, 10, 10), DoubleColumn.create("energy", 0, 0, 0, 0),
                DoubleColumn.create("late_mean", -0.429, -0.431, -0.434, -0.436));
        Table extrapolated = QuenchEnsemble.timeStepExtrapolation(runs, 3, 64);
        assertEquals(-0.44, extrapolated.doubleColumn("extrapolated").get(0), 1e-12);
        assertEquals(0.01, extrapolated.doubleColumn("bias_at_dt_max").get(0), 1e-12);
        assertEquals(0.02, extrapolated.doubleColumn("dt_max").get(0), 0);
        assertEquals(FiniteSizeEquilibrium.annealedEnergy(3, 64, 1, 200_000, 1L).value(),
                extrapolated.doubleColumn("equilibrium_N").get(0), 0);
    }
}
