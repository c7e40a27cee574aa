package org.glassy.study.agingtheory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.glassy.core.LogTimes;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.StepRule;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.Langevin;
import org.glassy.internal.Require;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Aggregates;
import org.glassy.observable.Rows;
import org.glassy.observable.TwoTimeCorrelation;
import org.glassy.study.relaxation.PSpinRelaxation;
import org.glassy.study.trap.TrapAging;
import org.glassy.study.trap.TrapModelTheory;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Point;
import org.glassy.sweep.Sweep;
import org.glassy.theory.CugliandoloKurchan;
import org.glassy.theory.PowerLawApproach;
import org.glassy.theory.SphericalPSpinTheory;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Mean-field theory against simulation: the Cugliandolo–Kurchan energy of the spherical p-spin
 * (N → ∞) next to finite-N runs, and the trap models' aging functions next to their exact forms.
 * Each method returns one long table with a {@code curve} column naming theory or simulation (the series of a
 * plot); the long-time mean-field tables are also keyed by their values, {@code p} and {@code temperature}, so
 * a notebook selects a curve with {@code where(t.intColumn("p").isEqualTo(4))}. Means over instances are
 * Tablesaw's {@code summarize(...).by(...)}.
 */
public final class MeanFieldComparison {

    /**
     * A quench of the spherical p-spin from a random start to temperature T: the key of one mean-field curve.
     *
     * @param p the interaction order, at least 2
     * @param temperature the bath temperature T ≥ 0
     */
    public record Quench(int p, double temperature) {

        /**
         * Validates the quench.
         *
         * @param p the interaction order, at least 2
         * @param temperature the bath temperature T ≥ 0
         */
        public Quench {
            Require.atLeast("p", p, 2);
            Require.nonNegative("temperature", temperature);
        }

        /**
         * The curve's name in plots.
         *
         * @return e.g. {@code "p = 3, T = 0.5"}
         */
        public String label() {
            return String.format(Locale.ROOT, "p = %d, T = %s", p, temperature);
        }
    }

    /** The budget of stored times of the mean-field integrations (p = 3, T = 0: e(10⁴) within 1e-5 of converged). */
    private static final int MEAN_FIELD_GRID_POINTS = 256;

    private MeanFieldComparison() {
    }

    /**
     * The aging function C(t_w + t, t_w) after a quench from a random start: the Cugliandolo–Kurchan solution
     * (long-time solver, step {@code dt}) and, for each N, the mean over {@code instances} finite-N runs (gradient
     * descent at T = 0, Langevin otherwise, time step {@code dt}) on the same waiting times and log-spaced lags,
     * with its standard error over the instances. The runs are a {@link Sweep} over {@code n × instance} on all
     * cores; a run's couplings, noise and start are drawn in turn from {@code new SplittableRandom(s)}, s the
     * point's seed ({@link Point#seed}).
     *
     * @param p the interaction order, at least 2
     * @param temperature T ≥ 0
     * @param time the final time, at least 4 dt
     * @param dt the time step of the simulations and of the mean-field integration
     * @param waitingTimes the waiting times t_w, each in [0, time − dt]
     * @param sizes the numbers of spins N, distinct
     * @param instances the instances averaged per N, at least 1
     * @param seed the seed of the instances
     * @return columns {@code curve, tw, t, correlation, correlation_se} (the standard error NaN for the theory and
     *     for one instance)
     */
    public static Table correlations(int p, double temperature, double time, double dt, double[] waitingTimes,
                                     int[] sizes, int instances, long seed) {
        Require.atLeast("instances", instances, 1);
        if (waitingTimes.length == 0) {
            throw Require.invalid("waitingTimes", "must hold at least one time");
        }
        Rows all = Rows.of("C(t_w + t, t_w): mean-field theory and finite N", StringColumn.create("curve"),
                DoubleColumn.create("tw"), DoubleColumn.create("t"), DoubleColumn.create("correlation"),
                DoubleColumn.create("correlation_se"));
        CugliandoloKurchan.Parameters meanField = CugliandoloKurchan.Parameters.builder(p, temperature, time).step(dt)
                .gridPoints(MEAN_FIELD_GRID_POINTS).perDecade(20).waitingTimes(waitingTimes).build();
        Table ck = CugliandoloKurchan.solve(meanField).aging();
        all.addAll(Table.create("theory", ck.doubleColumn("tw"), ck.doubleColumn("t"), ck.doubleColumn("correlation"),
                DoubleColumn.create("correlation_se", ck.rowCount()).setMissingTo(Double.NaN)),
                "N = ∞ (Cugliandolo–Kurchan)");
        long steps = meanField.steps();
        long[] waitingSteps = new long[waitingTimes.length];
        for (int w = 0; w < waitingTimes.length; w++) {
            waitingSteps[w] = Math.round(waitingTimes[w] / dt);
        }
        long first = Arrays.stream(waitingSteps).min().orElseThrow();
        // the lags the mean-field solver records (20 per decade of steps), so that every simulated point has its theory
        long[] lagSteps = Arrays.stream(LogTimes.upTo(steps - first, 20)).filter(k -> k > 0)
                .toArray();
        Table runs = Sweep.over(sizesAndInstances(sizes, instances)).run(point -> {
            SplittableRandom seeds = new SplittableRandom(point.seed(seed));
            int n = point.intValue("n");
            TwoTimeCorrelation correlation = new TwoTimeCorrelation(waitingSteps, lagSteps);
            StepRule<Model, ?> rule = temperature == 0 ? new GradientDescent(dt) : new Langevin(temperature, dt);
            var run = Dynamics.of(new PSpinSpherical(p, n, seeds.nextLong()), rule)
                    .space(Space.sphere())
                    .seed(seeds.nextLong())
                    .steps(steps)
                    .record(new long[] {steps}, correlation)
                    .run(Sphere.randomPoint(n, seeds.nextLong()));
            return run.recording(correlation).table().removeColumns("observable");
        });
        Table mean = Aggregates.meanAndError(runs, List.of("value"), "n", "tw_step", "t_step", "tw", "t");
        for (int n : sizes) {
            Table one = mean.where(mean.intColumn("n").isEqualTo(n));
            all.addAll(Table.create("N", one.doubleColumn("tw"), one.doubleColumn("t"),
                    one.doubleColumn("value").setName("correlation"), one.doubleColumn("value_se")
                    .setName("correlation_se")), String.format(Locale.ROOT, "N = %d (mean of %d)", n, instances));
        }
        return all.table();
    }

    /** The grid n × instance of the finite-N runs. */
    private static Grid sizesAndInstances(int[] sizes, int instances) {
        return Grid.of(Axis.of("n", Arrays.stream(sizes).boxed().toArray()), Axis.range("instance", 0, instances - 1));
    }

    /**
     * Long-time mean-field energies e(t) of the spherical p-spin after a quench from a random start, one curve per
     * quench, from the long-time Cugliandolo–Kurchan solver (256 stored times, 10 rows per decade).
     *
     * @param time the final time, a multiple of {@code step}
     * @param step the time step of the integration
     * @param quenches the (p, T) of the curves, each p at least 3, at least one
     * @return columns {@code curve, p, temperature, time, energy}, keyed by {@code p, temperature}
     */
    public static Table longTimeEnergies(double time, double step, Quench... quenches) {
        if (quenches.length == 0) {
            throw Require.invalid("quenches", "must hold at least one (p, T), got none");
        }
        Table all = Table.create("mean-field energy at long times", StringColumn.create("curve"),
                IntColumn.create("p"), DoubleColumn.create("temperature"), DoubleColumn.create("time"),
                DoubleColumn.create("energy"));
        for (Quench quench : quenches) {
            Require.atLeast("p", quench.p(), 3);
            Table e = CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(quench.p(), quench.temperature(),
                    time).step(step).gridPoints(MEAN_FIELD_GRID_POINTS).perDecade(10).build()).energy();
            String[] curve = new String[e.rowCount()];
            int[] p = new int[e.rowCount()];
            double[] temperature = new double[e.rowCount()];
            Arrays.fill(curve, quench.label());
            Arrays.fill(p, quench.p());
            Arrays.fill(temperature, quench.temperature());
            all.append(Table.create(all.name(), StringColumn.create("curve", curve), IntColumn.create("p", p),
                    DoubleColumn.create("temperature", temperature), e.doubleColumn("time"), e.doubleColumn("energy")));
        }
        return all;
    }

    /**
     * Mean-field aging: C(t_w + t, t_w) and R(t_w + t, t_w) of the long-time Cugliandolo–Kurchan solver (256 stored
     * times, 20 rows per decade) after a quench, up to t_max = 2 max t_w, so that the longest lag equals the
     * largest waiting time.
     *
     * @param quench p and T
     * @param step the time step of the integration
     * @param waitingTimes the waiting times, multiples of {@code step}, at least one, the largest positive
     * @return columns {@code p, temperature, tw, t, correlation, response}, keyed by {@code p, temperature, tw}
     */
    public static Table meanFieldAging(Quench quench, double step, double... waitingTimes) {
        if (waitingTimes.length == 0) {
            throw Require.invalid("waitingTimes", "must hold at least one time, got none");
        }
        double time = 2 * Arrays.stream(waitingTimes).max().getAsDouble();
        Table aging = CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(quench.p(), quench.temperature(),
                time).step(step).gridPoints(MEAN_FIELD_GRID_POINTS).perDecade(20).waitingTimes(waitingTimes).build())
                .aging();
        int[] p = new int[aging.rowCount()];
        double[] temperature = new double[aging.rowCount()];
        Arrays.fill(p, quench.p());
        Arrays.fill(temperature, quench.temperature());
        return aging.insertColumn(0, IntColumn.create("p", p)).insertColumn(1, DoubleColumn.create("temperature",
                temperature)).setName("mean-field aging, " + quench.label());
    }

    /**
     * The distance of each long-time energy curve from its predicted limit, e(t) − e∞(p, T), for log–log plots of
     * the power-law approach.
     *
     * @param longTime a table from {@link #longTimeEnergies}
     * @return columns {@code curve, p, temperature, time, excess} for t &gt; 0
     */
    public static Table excessEnergies(Table longTime) {
        Table late = longTime.where(longTime.doubleColumn("time").isGreaterThan(0));
        DoubleColumn limit = DoubleColumn.create("limit", late.rowCount());
        for (int r = 0; r < late.rowCount(); r++) {
            limit.set(r, SphericalPSpinTheory.asymptoticEnergy(late.intColumn("p").get(r),
                    late.doubleColumn("temperature").get(r)));
        }
        return late.selectColumns("curve", "p", "temperature", "time")
                .addColumns(late.doubleColumn("energy").subtract(limit).setName("excess")).setName("e(t) − e∞");
    }

    /**
     * Extrapolates each curve of {@link #longTimeEnergies} to t = ∞ by the fit e(t) = e∞ + A t^{−a} on t ≥ from, and
     * compares with the predicted limit: the threshold −√(2(p−1)/p) at T = 0, the Cugliandolo–Kurchan aging
     * asymptote below T_d, −1/(2T) above.
     *
     * <p>Above T_d the energy equilibrates exponentially fast, with no power law to fit: there the "fitted" e∞ is
     * the mean of e(t) over t ≥ from (its standard error that of the mean) and the exponent is NaN.
     *
     * @param longTime a table from {@link #longTimeEnergies}
     * @param from the first time of the fit
     * @return columns {@code p, temperature, t_max, e(t_max), fitted e∞, exponent a, predicted e∞, fitted − predicted,
     *     fitted e∞ s.e., exponent a s.e.} (the standard errors of the Levenberg–Marquardt fit)
     * @throws IllegalArgumentException if a fit below T_d fails (see {@link PowerLawApproach})
     */
    public static Table asymptotes(Table longTime, double from) {
        Rows all = Rows.of("extrapolated mean-field energies", IntColumn.create("p"),
                DoubleColumn.create("temperature"), DoubleColumn.create("t_max"), DoubleColumn.create("e(t_max)"),
                DoubleColumn.create("fitted e∞"), DoubleColumn.create("exponent a"), DoubleColumn.create("predicted e∞"),
                DoubleColumn.create("fitted − predicted"), DoubleColumn.create("fitted e∞ s.e."),
                DoubleColumn.create("exponent a s.e."));
        for (String curve : longTime.stringColumn("curve").unique()) {
            Table one = longTime.where(longTime.stringColumn("curve").isEqualTo(curve));
            int p = one.intColumn("p").get(0);
            double temperature = one.doubleColumn("temperature").get(0);
            double[] fit = temperature > SphericalPSpinTheory.dynamicalTemperature(p)
                    ? equilibrium(one, from)
                    : powerLaw(PowerLawApproach.fit(one, "time", "energy", from));
            double predicted = SphericalPSpinTheory.asymptoticEnergy(p, temperature);
            int last = one.rowCount() - 1;
            all.add(p, temperature, one.doubleColumn("time").get(last), one.doubleColumn("energy").get(last), fit[0],
                    fit[1], predicted, fit[0] - predicted, fit[2], fit[3]);
        }
        return all.table();
    }

    /** e∞, a and their standard errors. */
    private static double[] powerLaw(PowerLawApproach fit) {
        return new double[] {fit.limit(), fit.exponent(), fit.limitError(), fit.exponentError()};
    }

    /** Above T_d: the mean of e(t) over t ≥ from and its standard error; no exponent. */
    private static double[] equilibrium(Table one, double from) {
        double[] e = one.where(one.doubleColumn("time").isGreaterThanOrEqualTo(from)).doubleColumn("energy")
                .asDoubleArray();
        if (e.length < 2) {
            throw new IllegalArgumentException("need at least 2 points with t >= from, got " + e.length + " (from = "
                    + from + ")");
        }
        double mean = java.util.Arrays.stream(e).average().orElseThrow();
        double variance = java.util.Arrays.stream(e).map(v -> (v - mean) * (v - mean)).sum() / (e.length - 1);
        return new double[] {mean, Double.NaN, Math.sqrt(variance / e.length), Double.NaN};
    }

    private static String[] labels(String curve, int rows) {
        String[] labels = new String[rows];
        Arrays.fill(labels, curve);
        return labels;
    }

    /**
     * e(t) after a quench from a random start: the Cugliandolo–Kurchan solution (the long-time solver,
     * second order, step {@code ckStep}, 256 stored times) and, for each N, the mean over {@code instances}
     * finite-N runs (gradient descent at T = 0, Langevin otherwise, time step {@code dt}) with its standard
     * error. The runs are a {@link Sweep} over {@code n × instance} on all cores, each seeded by its point
     * ({@link Point#seed}).
     *
     * @param p the interaction order, at least 3
     * @param temperature T ≥ 0
     * @param time the final time
     * @param ckStep the step of the mean-field integration
     * @param dt the time step of the simulations
     * @param sizes the numbers of spins N, distinct
     * @param instances the instances averaged per N, at least 1
     * @param seed the seed of the instances
     * @return columns {@code curve, time, energy, energy_se} (the standard error NaN for the theory and for one
     *     instance)
     */
    public static Table energies(int p, double temperature, double time, double ckStep, double dt, int[] sizes,
                                 int instances, long seed) {
        Require.atLeast("instances", instances, 1);
        Rows all = Rows.of("energy per spin: mean-field theory and finite N", StringColumn.create("curve"),
                DoubleColumn.create("time"), DoubleColumn.create("energy"), DoubleColumn.create("energy_se"));
        Table ck = CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(p, temperature, time).step(ckStep)
                .gridPoints(MEAN_FIELD_GRID_POINTS).perDecade(20).build()).energy();
        all.addAll(Table.create("theory", ck.doubleColumn("time"), ck.doubleColumn("energy"),
                DoubleColumn.create("energy_se", ck.rowCount()).setMissingTo(Double.NaN)), "N = ∞ (Cugliandolo–Kurchan)");
        Table runs = Sweep.over(sizesAndInstances(sizes, instances)).run(point -> {
            Table curve = PSpinRelaxation.energyCurve(PSpinRelaxation.Parameters.builder().p(p).n(point.intValue("n"))
                    .temperature(temperature).dt(dt).time(time).seed(point.seed(seed))
                    .dynamics(temperature == 0 ? PSpinRelaxation.Kind.GD : PSpinRelaxation.Kind.LANGEVIN)
                    .recordsPerDecade(10).build());
            return curve.addColumns(IntColumn.indexColumn("record", curve.rowCount(), 0));
        });
        Table mean = Aggregates.meanAndError(runs, List.of("energy"), "n", "record", "time");
        for (int n : sizes) {
            Table one = mean.where(mean.intColumn("n").isEqualTo(n));
            all.addAll(one.selectColumns("time", "energy", "energy_se"),
                    String.format(Locale.ROOT, "N = %d (mean of %d)", n, instances));
        }
        return all.table();
    }

    /**
     * Π(t_w + t, t_w) of Bouchaud's trap model at x = T/T_g and of the Barrat–Mézard model at
     * T = 0 (M → ∞), each simulated and exact, against t/t_w.
     *
     * @param x Bouchaud's x in (0, 1)
     * @param tw the waiting time
     * @param samples walkers per model
     * @param seed the seed
     * @return columns {@code curve, t_over_tw, pi}
     */
    public static Table trapPersistence(double x, double tw, int samples, long seed) {
        Table all = Table.create("trap models: probability of not having jumped", StringColumn.create("curve"),
                DoubleColumn.create("t_over_tw"), DoubleColumn.create("pi"));
        for (TrapAging.Model model : List.of(TrapAging.Model.BOUCHAUD, TrapAging.Model.BARRAT_MEZARD)) {
            boolean bouchaud = model == TrapAging.Model.BOUCHAUD;
            Table mc = TrapAging.run(new TrapAging.Parameters(model, bouchaud ? x : 0, tw, samples, seed, 0));
            double[] lags = mc.doubleColumn("t").asDoubleArray();
            double[] ratio = new double[lags.length];
            double[] exact = new double[lags.length];
            for (int i = 0; i < lags.length; i++) {
                ratio[i] = lags[i] / tw;
                exact[i] = bouchaud ? TrapModelTheory.bouchaudPersistence(x, ratio[i])
                        : TrapModelTheory.barratMezardZeroTemperaturePersistence(tw, lags[i]);
            }
            String name = bouchaud ? String.format(Locale.ROOT, "Bouchaud x = %.2g", x) : "Barrat–Mézard T = 0";
            append(all, name + ", simulated", ratio, mc.doubleColumn("pi").asDoubleArray());
            append(all, name + ", exact", ratio, exact);
        }
        return all;
    }

    private static void append(Table table, String curve, double[] x, double[] y) {
        table.append(Table.create(table.name(), StringColumn.create(table.column(0).name(), labels(curve, x.length)),
                DoubleColumn.create(table.column(1).name(), x), DoubleColumn.create(table.column(2).name(), y)));
    }
}
