package org.glassy.study.relaxation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.glassy.core.ProgressListener;
import org.glassy.core.StepHandler;
import org.glassy.internal.Require;
import org.glassy.observable.Aggregates;
import org.glassy.observable.Rows;
import org.glassy.observable.ScalarRecording;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;
import org.glassy.theory.CugliandoloKurchan;
import org.glassy.theory.SphericalPSpinTheory;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Quenches of the spherical p-spin averaged over instances: the relaxation e(t) of {@link PSpinRelaxation} for
 * several temperatures × seeds (one seed fixes the couplings, the start and the noise, the same for every
 * temperature), run as a {@link Sweep} on all cores, with the tables that tell the two regimes apart.
 *
 * <ul>
 *   <li>Above T_d the energy equilibrates: its late-time mean, the time average of e(t) over the last half of the
 *       run recorded every {@link #LATE_SPACING} time units, is compared with the finite-N equilibrium value
 *       ({@link FiniteSizeEquilibrium}) in units of its standard error over the instances.</li>
 *   <li>Below T_d it ages: the gap e(t) − e∞(T) to the Cugliandolo–Kurchan asymptote keeps shrinking as a power
 *       of t, next to the same gap of the N = ∞ solution (L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71,
 *       173 (1993)).</li>
 *   <li>At T = 0, gradient descent at finite N stops in a local minimum above the threshold: the final energy
 *       against N^{−ν}, extrapolated to N → ∞ ({@link LinearExtrapolation}).</li>
 * </ul>
 */
public final class QuenchEnsemble {

    /** The spacing in time of the records of the late-time mean: 0.1, below the energy's correlation time (≈ 1 at T = 1). */
    public static final double LATE_SPACING = 0.1;

    private QuenchEnsemble() {
    }

    /**
     * Runs {@code seeds} quenches per temperature: the sweep temperature × seed over {@code base} (its p, N, dt,
     * final time and records per decade; seeds base.seed() … base.seed() + seeds − 1), T = 0 by gradient descent.
     *
     * @param base the shared parameters
     * @param temperatures the temperatures, each ≥ 0, at least one
     * @param seeds the number of seeds per temperature, at least 1
     * @param progress told of the sweep's progress, or null
     * @return columns {@code temperature, seed, time, energy, late_mean}: e(t) on the log-spaced records, and in
     *     every row of a run the run's late-time mean (the mean of e over the records every {@link #LATE_SPACING}
     *     from half the final time to the end)
     */
    public static Table run(PSpinRelaxation.Parameters base, double[] temperatures, int seeds,
                            ProgressListener progress) {
        Require.atLeast("seeds", seeds, 1);
        if (temperatures.length == 0) {
            throw Require.invalid("temperatures", "must hold at least one temperature, got none");
        }
        Grid grid = Grid.of(Axis.of("temperature", Arrays.stream(temperatures).boxed().toArray()),
                Axis.range("seed", base.seed(), base.seed() + seeds - 1));
        return doubles(Sweep.over(grid).progress(progress).run(point -> {
            double t = point.doubleValue("temperature");
            return curve(base.toBuilder().temperature(t).seed(point.longValue("seed"))
                    .dynamics(t == 0 ? PSpinRelaxation.Kind.GD : PSpinRelaxation.Kind.LANGEVIN).build());
        }), "temperature");
    }

    /** The sweep's axis columns as doubles, whatever their values read as (1.0 comes back as an integer). */
    private static Table doubles(Table table, String... names) {
        for (String name : names) {
            if (!(table.column(name) instanceof DoubleColumn)) {
                int index = table.columnIndex(name);
                DoubleColumn copy = DoubleColumn.create(name, table.numberColumn(name).asDoubleArray());
                table.removeColumns(name).insertColumn(index, copy);
            }
        }
        return table;
    }

    /**
     * One run: e(t) on its log-spaced records and its late-time mean.
     *
     * @param parameters the run
     * @return columns {@code time, energy, late_mean}
     */
    public static Table curve(PSpinRelaxation.Parameters parameters) {
        LateMean late = new LateMean(parameters.steps(), Math.max(1, Math.round(LATE_SPACING / parameters.dt())));
        ScalarRecording energy = (ScalarRecording) PSpinRelaxation.run(parameters, null, late).observable("energy");
        // the energy is recorded at every step any handler asks for: keep the log-spaced records for the curve
        long[] keep = parameters.recordSteps();
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn e = DoubleColumn.create("energy");
        long[] steps = energy.steps();
        for (int i = 0; i < steps.length; i++) {
            if (Arrays.binarySearch(keep, steps[i]) >= 0) {
                time.append(energy.times()[i]);
                e.append(energy.values()[i]);
            }
        }
        DoubleColumn mean = DoubleColumn.create("late_mean", time.size());
        mean.setMissingTo(late.mean());
        return Table.create(parameters.label(), time, e, mean);
    }

    /** The mean of E/N over the steps from half the run to its end, every {@code every} steps. */
    private static final class LateMean implements StepHandler {
        private final long from;
        private final long to;
        private final long every;
        private double sum;
        private long count;

        LateMean(long steps, long every) {
            this.from = steps / 2;
            this.to = steps;
            this.every = every;
        }

        @Override
        public long[] requiredSteps(long totalSteps) {
            long[] steps = new long[(int) ((to - from) / every + 1)];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = from + i * every;
            }
            return steps;
        }

        @Override
        public void handle(long step, double time, double[] x, double energy) {
            if (step >= from && (step - from) % every == 0) {
                sum += energy / x.length;
                count++;
            }
        }

        double mean() {
            return sum / count;
        }
    }

    /**
     * The mean energy curves with standard errors over the seeds, one series per temperature.
     *
     * @param runs a table of {@link #run}
     * @return columns {@code temperature, time, samples, energy, energy_se}
     */
    public static Table meanCurves(Table runs) {
        return Aggregates.meanAndError(runs, List.of("energy"), "temperature", "time")
                .setName("energy per spin, mean over instances");
    }

    /**
     * The mean energy curves at chosen times: for each temperature the record nearest to each time (in ln t).
     *
     * @param means a table of {@link #meanCurves}
     * @param times the times, positive
     * @return the rows of {@code means} at those times, temperature by temperature (a record nearest to two times
     *     once)
     */
    public static Table meansAt(Table means, double... times) {
        Table result = means.emptyCopy();
        for (double t : new java.util.LinkedHashSet<>(means.doubleColumn("temperature").asList())) {
            Table one = means.where(means.doubleColumn("temperature").isEqualTo(t)
                    .and(means.doubleColumn("time").isGreaterThan(0)));
            java.util.Set<Integer> taken = new java.util.HashSet<>();
            for (double time : times) {
                int best = nearest(one.doubleColumn("time"), Require.positive("times", time));
                if (taken.add(best)) {
                    result.append(one.rows(best));
                }
            }
        }
        return result;
    }

    /** The row whose value is nearest to {@code time} in ln t. */
    private static int nearest(DoubleColumn times, double time) {
        int best = 0;
        for (int r = 1; r < times.size(); r++) {
            if (Math.abs(Math.log(times.get(r) / time)) < Math.abs(Math.log(times.get(best) / time))) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Above T_d: the late-time mean over the instances against the finite-N equilibrium energy e_N(T)
     * ({@link FiniteSizeEquilibrium#annealedEnergy}, 200 000 points of the sphere) and the N = ∞ value −1/(2T).
     *
     * @param runs a table of {@link #run}
     * @param p the interaction order of the runs, at least 3
     * @param n the number of spins of the runs
     * @return one row per temperature above T_d: {@code temperature, samples, late_mean, late_mean_se,
     *     equilibrium_N (e_N(T)), equilibrium_N_se, deviation_in_se ((late_mean − e_N)/√(se² + se_N²)),
     *     mean_field (−1/(2T))}
     */
    public static Table equilibrium(Table runs, int p, int n) {
        double td = SphericalPSpinTheory.dynamicalTemperature(p);
        Table late = lateMeans(runs);
        Rows rows = Rows.of("T > T_d: late-time mean against the finite-N equilibrium energy",
                DoubleColumn.create("temperature"), IntColumn.create("samples"), DoubleColumn.create("late_mean"),
                DoubleColumn.create("late_mean_se"), DoubleColumn.create("equilibrium_N"),
                DoubleColumn.create("equilibrium_N_se"), DoubleColumn.create("deviation_in_se"),
                DoubleColumn.create("mean_field"));
        for (int r = 0; r < late.rowCount(); r++) {
            double t = late.doubleColumn("temperature").get(r);
            if (!(t > td)) {
                continue;
            }
            double mean = late.doubleColumn("late_mean").get(r);
            double se = late.doubleColumn("late_mean_se").get(r);
            FiniteSizeEquilibrium.Estimate eq = FiniteSizeEquilibrium.annealedEnergy(p, n, t, 200_000, 1L);
            rows.add(t, late.intColumn("samples").get(r), mean, se, eq.value(), eq.standardError(),
                    (mean - eq.value()) / Math.hypot(se, eq.standardError()), SphericalPSpinTheory.paramagneticEnergy(t));
        }
        return rows.table();
    }

    /**
     * The discretisation error of the Langevin integrator on the late-time mean: the sweep dt × temperature × seed
     * (the same seeds, hence instances, starts and noise seeds, for every dt) over {@code base}'s p, N, final time
     * and records.
     *
     * @param base the shared parameters (its dt is replaced)
     * @param temperatures the temperatures, each &gt; 0
     * @param timeSteps the time steps, at least two distinct
     * @param seeds the seeds per point, at least 2
     * @param progress told of the sweep's progress, or null
     * @return columns {@code dt, temperature, seed, time, energy, late_mean}
     */
    public static Table timeStepRuns(PSpinRelaxation.Parameters base, double[] temperatures, double[] timeSteps,
                                     int seeds, ProgressListener progress) {
        Require.atLeast("seeds", seeds, 2);
        Require.atLeast("timeSteps.length", timeSteps.length, 2);
        for (double t : temperatures) {
            Require.positive("temperatures", t);
        }
        Grid grid = Grid.of(Axis.of("dt", Arrays.stream(timeSteps).boxed().toArray()),
                Axis.of("temperature", Arrays.stream(temperatures).boxed().toArray()),
                Axis.range("seed", base.seed(), base.seed() + seeds - 1));
        return doubles(Sweep.over(grid).progress(progress).run(point -> curve(base.toBuilder()
                .dt(point.doubleValue("dt")).temperature(point.doubleValue("temperature"))
                .seed(point.longValue("seed")).dynamics(PSpinRelaxation.Kind.LANGEVIN).build())),
                "dt", "temperature");
    }

    /**
     * The late-time mean extrapolated to dt → 0 (linear in dt: Euler–Maruyama's stationary averages are first
     * order, {@link LinearExtrapolation#toZero}) against the finite-N equilibrium energy.
     *
     * @param runs a table of {@link #timeStepRuns}
     * @param p the interaction order of the runs
     * @param n the number of spins of the runs
     * @return one row per temperature: {@code temperature, dt_max, late_mean_at_dt_max, late_mean_se_at_dt_max,
     *     extrapolated (dt → 0), extrapolated_se, bias_at_dt_max (late mean at the largest dt − extrapolated),
     *     equilibrium_N, equilibrium_N_se, deviation_in_se ((extrapolated − e_N)/√(se² + se_N²))}
     */
    public static Table timeStepExtrapolation(Table runs, int p, int n) {
        Table late = lateMeans(runs, "dt");
        Rows rows = Rows.of("late-time mean extrapolated to dt → 0", DoubleColumn.create("temperature"),
                DoubleColumn.create("dt_max"), DoubleColumn.create("late_mean_at_dt_max"),
                DoubleColumn.create("late_mean_se_at_dt_max"), DoubleColumn.create("extrapolated"),
                DoubleColumn.create("extrapolated_se"), DoubleColumn.create("bias_at_dt_max"),
                DoubleColumn.create("equilibrium_N"), DoubleColumn.create("equilibrium_N_se"),
                DoubleColumn.create("deviation_in_se"));
        for (double t : late.doubleColumn("temperature").unique().asDoubleArray()) {
            Table one = late.where(late.doubleColumn("temperature").isEqualTo(t));
            double[] dts = one.doubleColumn("dt").asDoubleArray();
            LinearExtrapolation fit = LinearExtrapolation.toZero(dts, one.doubleColumn("late_mean").asDoubleArray(),
                    one.doubleColumn("late_mean_se").asDoubleArray());
            int largest = 0;
            for (int i = 1; i < dts.length; i++) {
                largest = dts[i] > dts[largest] ? i : largest;
            }
            double atLargest = one.doubleColumn("late_mean").get(largest);
            FiniteSizeEquilibrium.Estimate eq = FiniteSizeEquilibrium.annealedEnergy(p, n, t, 200_000, 1L);
            rows.add(t, dts[largest], atLargest, one.doubleColumn("late_mean_se").get(largest), fit.limit(),
                    fit.limitError(), atLargest - fit.limit(), eq.value(), eq.standardError(),
                    (fit.limit() - eq.value()) / Math.hypot(fit.limitError(), eq.standardError()));
        }
        return rows.table();
    }

    /**
     * The late-time means over the seeds.
     *
     * @param runs a table of {@link #run} (or several stacked, with an extra key column such as {@code dt})
     * @param keys extra key columns to group by besides the temperature
     * @return columns {@code temperature, keys…, samples, late_mean, late_mean_se}
     */
    public static Table lateMeans(Table runs, String... keys) {
        String[] groups = new String[keys.length + 2];
        groups[0] = "temperature";
        System.arraycopy(keys, 0, groups, 1, keys.length);
        groups[groups.length - 1] = "seed";
        // one row per run (late_mean is the same in every row of a run), then the mean over the seeds
        Table perRun = Aggregates.meanAndError(runs, List.of("late_mean"), groups);
        String[] means = Arrays.copyOf(groups, groups.length - 1);
        return Aggregates.meanAndError(perRun, List.of("late_mean"), means).setName("late-time means over the seeds");
    }

    /**
     * Below T_d and at T = 0: the gap to the long-time limit e(t) − e∞(T) (the threshold at T = 0, the
     * Cugliandolo–Kurchan asymptote below T_d), mean over the seeds, next to the same gap of the N = ∞ solution
     * (the long-time Cugliandolo–Kurchan solver, step {@code ckStep}, 256 stored times).
     *
     * @param runs a table of {@link #run}
     * @param p the interaction order of the runs, at least 3
     * @param n the number of spins of the runs
     * @param ckStep the step of the mean-field integration (the final time must be a multiple of it)
     * @return columns {@code curve, temperature, time, gap, gap_se} for t &gt; 0 (NaN standard error for N = ∞),
     *     one curve per temperature ≤ T_d and size
     */
    public static Table agingGaps(Table runs, int p, int n, double ckStep) {
        double td = SphericalPSpinTheory.dynamicalTemperature(p);
        Table means = meanCurves(runs);
        Rows rows = Rows.of("gap to the aging asymptote e(t) − e∞(T)", StringColumn.create("curve"),
                DoubleColumn.create("temperature"), DoubleColumn.create("time"), DoubleColumn.create("gap"),
                DoubleColumn.create("gap_se"));
        double finalTime = runs.doubleColumn("time").max();
        for (double t : means.doubleColumn("temperature").unique().asDoubleArray()) {
            if (t > td) {
                continue;
            }
            double limit = SphericalPSpinTheory.asymptoticEnergy(p, t);
            Table one = means.where(means.doubleColumn("temperature").isEqualTo(t)
                    .and(means.doubleColumn("time").isGreaterThan(0)));
            String size = String.format(Locale.ROOT, "N = %d, T = %s", n, t);
            for (int r = 0; r < one.rowCount(); r++) {
                rows.add(size, t, one.doubleColumn("time").get(r), one.doubleColumn("energy").get(r) - limit,
                        one.doubleColumn("energy_se").get(r));
            }
            Table ck = CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(p, t, finalTime).step(ckStep)
                    .perDecade(10).build()).energy();
            String infinite = String.format(Locale.ROOT, "N = ∞ (CK), T = %s", t);
            for (int r = 0; r < ck.rowCount(); r++) {
                double time = ck.doubleColumn("time").get(r);
                if (time > 0) {
                    rows.add(infinite, t, time, ck.doubleColumn("energy").get(r) - limit, Double.NaN);
                }
            }
        }
        return rows.table();
    }

    /**
     * The gaps of {@link #agingGaps} at chosen times: for each curve the record nearest to each time (in ln t).
     *
     * @param gaps a table of {@link #agingGaps}
     * @param times the times, positive
     * @return the rows of {@code gaps} at those times, curve by curve (a record nearest to two times once)
     */
    public static Table gapsAt(Table gaps, double... times) {
        Rows rows = Rows.of("gap to the aging asymptote at chosen times", StringColumn.create("curve"),
                DoubleColumn.create("temperature"), DoubleColumn.create("time"), DoubleColumn.create("gap"),
                DoubleColumn.create("gap_se"));
        for (String curve : new java.util.LinkedHashSet<>(gaps.stringColumn("curve").asList())) {
            Table one = gaps.where(gaps.stringColumn("curve").isEqualTo(curve));
            java.util.Set<Integer> taken = new java.util.HashSet<>();
            for (double time : times) {
                int best = nearest(one.doubleColumn("time"), Require.positive("times", time));
                if (taken.add(best)) {
                    rows.add(curve, one.doubleColumn("temperature").get(best), one.doubleColumn("time").get(best),
                            one.doubleColumn("gap").get(best), one.doubleColumn("gap_se").getDouble(best));
                }
            }
        }
        return rows.table();
    }

    /**
     * Gradient descent to a local minimum at several sizes: the sweep N × instance from random starts (couplings,
     * start and the run seeded by the point), run to {@code time}.
     *
     * @param p the interaction order, at least 3
     * @param sizes the numbers of spins, at least two distinct
     * @param instances the instances per size, at least 2
     * @param dt the gradient-descent step
     * @param time the final time
     * @param seed the seed of the sweep
     * @param progress told of the sweep's progress, or null
     * @return columns {@code n, instance, final_energy, half_time_energy} (e at the final time and at half of it:
     *     their difference shows how far from converged the runs are)
     */
    public static Table gradientDescentMinima(int p, int[] sizes, int instances, double dt, double time, long seed,
                                              ProgressListener progress) {
        Require.atLeast("instances", instances, 2);
        Grid grid = Grid.of(Axis.of("n", Arrays.stream(sizes).boxed().toArray()),
                Axis.range("instance", 0, instances - 1));
        return Sweep.over(grid).progress(progress).run(point -> {
            PSpinRelaxation.Parameters parameters = PSpinRelaxation.Parameters.builder().p(p)
                    .n(point.intValue("n")).dt(dt).time(time).seed(point.seed(seed)).recordsPerDecade(10).build();
            ScalarRecording e = (ScalarRecording) PSpinRelaxation.run(parameters, null,
                    halfTime(parameters.steps())).observable("energy");
            double half = Double.NaN;
            for (int i = 0; i < e.size(); i++) {
                if (e.steps()[i] == parameters.steps() / 2) {
                    half = e.values()[i];
                }
            }
            return Table.create("minimum", DoubleColumn.create("final_energy", new double[] {e.last()}),
                    DoubleColumn.create("half_time_energy", new double[] {half}));
        });
    }

    private static StepHandler halfTime(long steps) {
        return new StepHandler() {
            @Override
            public void handle(long step, double time, double[] x, double energy) {
            }

            @Override
            public long[] requiredSteps(long totalSteps) {
                return new long[] {steps / 2};
            }
        };
    }

    /**
     * The extrapolations of the gradient-descent minima to N → ∞ for several exponents ν of e(N) = e∞ + a N^{−ν},
     * against the threshold E_th = −√(2(p−1)/p).
     *
     * @param minima a table of {@link #gradientDescentMinima}
     * @param p the interaction order of the runs
     * @param exponents the exponents ν, each &gt; 0
     * @return one row per exponent: {@code exponent, limit, limit_se, slope, chi2_per_dof, threshold,
     *     distance_in_se ((limit − E_th)/limit_se)}
     */
    public static Table minimaExtrapolations(Table minima, int p, double... exponents) {
        double threshold = SphericalPSpinTheory.thresholdEnergy(p);
        Rows rows = Rows.of("gradient-descent minima extrapolated to N → ∞", DoubleColumn.create("exponent"),
                DoubleColumn.create("limit"), DoubleColumn.create("limit_se"), DoubleColumn.create("slope"),
                DoubleColumn.create("chi2_per_dof"), DoubleColumn.create("threshold"),
                DoubleColumn.create("distance_in_se"));
        for (double nu : exponents) {
            LinearExtrapolation fit = extrapolateMinima(minima, nu);
            rows.add(nu, fit.limit(), fit.limitError(), fit.slope(), fit.chiSquarePerDegree(), threshold,
                    (fit.limit() - threshold) / fit.limitError());
        }
        return rows.table();
    }

    /**
     * The gradient-descent minima against 1/N for a plot: the means with their standard errors, and each
     * extrapolation e∞ + a N^{−ν} drawn from 1/N = 0 to the smallest size.
     *
     * @param minima a table of {@link #gradientDescentMinima}
     * @param exponents the exponents ν, each &gt; 0
     * @return columns {@code curve, inverse_n, energy, energy_se}
     */
    public static Table minimaAgainstInverseSize(Table minima, double... exponents) {
        Table means = Aggregates.meanAndError(minima, List.of("final_energy"), "n");
        Rows rows = Rows.of("gradient-descent minima against 1/N", StringColumn.create("curve"),
                DoubleColumn.create("inverse_n"), DoubleColumn.create("energy"), DoubleColumn.create("energy_se"));
        for (int r = 0; r < means.rowCount(); r++) {
            rows.add("mean over instances", 1.0 / means.intColumn("n").get(r),
                    means.doubleColumn("final_energy").get(r), means.doubleColumn("final_energy_se").get(r));
        }
        double largest = 1.0 / means.intColumn("n").min();
        for (double nu : exponents) {
            LinearExtrapolation fit = extrapolateMinima(minima, nu);
            String curve = String.format(Locale.ROOT, "fit e∞ + a N^(−%.3g): e∞ = %.4f ± %.4f", nu, fit.limit(),
                    fit.limitError());
            for (int i = 0; i <= 60; i++) {
                double inverse = largest * i / 60;
                rows.add(curve, inverse, fit.limit() + fit.slope() * Math.pow(inverse, nu), Double.NaN);
            }
        }
        return rows.table();
    }

    /**
     * The mean final energy per size and its extrapolation to N → ∞, e(N) = e∞ + a N^{−ν}
     * ({@link LinearExtrapolation#inSize}).
     *
     * @param minima a table of {@link #gradientDescentMinima}
     * @param exponent ν &gt; 0 (1 for 1/N corrections)
     * @return the fit in x = N^{−ν}, with the means per size in {@link LinearExtrapolation#points()}
     */
    public static LinearExtrapolation extrapolateMinima(Table minima, double exponent) {
        Table means = Aggregates.meanAndError(minima, List.of("final_energy", "half_time_energy"), "n");
        return LinearExtrapolation.inSize(means.intColumn("n").asDoubleArray(), exponent,
                means.doubleColumn("final_energy").asDoubleArray(), means.doubleColumn("final_energy_se").asDoubleArray());
    }
}
