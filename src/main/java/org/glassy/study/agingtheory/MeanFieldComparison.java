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
     * Mean-field aging: C(t_w + t, t_w), R(t_w + t, t_w) and χ(t_w + t, t_w) = ∫_{t_w}^{t_w + t} R(t_w + t, s) ds
     * of the long-time Cugliandolo–Kurchan solver (256 stored times, 20 rows per decade) after a quench, up to
     * t_max = (1 + maxRatio) max t_w, so that the oldest system is followed to t = maxRatio · t_w (younger ones
     * further).
     *
     * @param quench p and T
     * @param step the time step of the integration
     * @param maxRatio the largest t/t_w reached by the largest waiting time, &gt; 0
     * @param waitingTimes the waiting times, multiples of {@code step}, at least one, the largest positive
     * @return columns {@code p, temperature, tw, t, t_over_tw, correlation, response, integrated_response}, keyed by
     *     {@code p, temperature, tw}
     */
    public static Table meanFieldAging(Quench quench, double step, double maxRatio, double... waitingTimes) {
        if (waitingTimes.length == 0) {
            throw Require.invalid("waitingTimes", "must hold at least one time, got none");
        }
        Require.positive("maxRatio", maxRatio);
        double oldest = Arrays.stream(waitingTimes).max().getAsDouble();
        double time = step * Math.ceil((1 + maxRatio) * oldest / step - 1e-9);
        Table aging = CugliandoloKurchan.solve(CugliandoloKurchan.Parameters.builder(quench.p(), quench.temperature(),
                time).step(step).gridPoints(MEAN_FIELD_GRID_POINTS).perDecade(20).waitingTimes(waitingTimes).build())
                .aging();
        int[] p = new int[aging.rowCount()];
        double[] temperature = new double[aging.rowCount()];
        Arrays.fill(p, quench.p());
        Arrays.fill(temperature, quench.temperature());
        DoubleColumn ratio = aging.doubleColumn("t").divide(aging.doubleColumn("tw")).setName("t_over_tw");
        return aging.insertColumn(0, IntColumn.create("p", p)).insertColumn(1, DoubleColumn.create("temperature",
                temperature)).insertColumn(4, ratio).setName("mean-field aging, " + quench.label());
    }

    /**
     * The fluctuation–dissipation plot of the Cugliandolo–Kurchan solution: χ(t_w + t, t_w) against
     * C(t_w + t, t_w) for each waiting time, and the t_w → ∞ prediction
     * ({@link SphericalPSpinTheory#integratedResponse}: slope −1/T above q_EA, −x/T below).
     *
     * @param aging a table of {@link #meanFieldAging} (one quench)
     * @param points the points of the prediction's curve, at least 2
     * @return columns {@code curve, correlation, chi}: "N = ∞, t_w = …" curves and "t_w → ∞ (slopes −1/T, −x/T)"
     */
    public static Table meanFieldFluctuationDissipation(Table aging, int points) {
        Require.atLeast("points", points, 2);
        int p = aging.intColumn("p").get(0);
        double temperature = aging.doubleColumn("temperature").get(0);
        Rows rows = Rows.of("χ against C", StringColumn.create("curve"), DoubleColumn.create("correlation"),
                DoubleColumn.create("chi"));
        for (double tw : aging.doubleColumn("tw").unique().asDoubleArray()) {
            Table one = aging.where(aging.doubleColumn("tw").isEqualTo(tw));
            String curve = String.format(Locale.ROOT, "N = ∞ (CK), t_w = %s", format(tw));
            rows.add(curve, 1.0, 0.0);
            for (int r = 0; r < one.rowCount(); r++) {
                rows.add(curve, one.doubleColumn("correlation").get(r), one.doubleColumn("integrated_response").get(r));
            }
        }
        addPrediction(rows, p, temperature, points);
        return rows.table();
    }

    /** The t_w → ∞ χ(C) of the quench, C from 1 to 0, as the curve "t_w → ∞ (…)" of a χ–C table. */
    private static void addPrediction(Rows rows, int p, double temperature, int points) {
        double x = SphericalPSpinTheory.fluctuationDissipationRatio(p, temperature);
        String curve = String.format(Locale.ROOT, "t_w → ∞: slopes −1/T, −x/T (x = %.3f)", x);
        for (int i = 0; i < points; i++) {
            double c = 1 - (double) i / (points - 1);
            rows.add(curve, c, SphericalPSpinTheory.integratedResponse(p, temperature, c));
        }
        if (temperature < SphericalPSpinTheory.dynamicalTemperature(p)) {
            double q = SphericalPSpinTheory.agingPlateau(p, temperature);
            rows.add(curve, q, SphericalPSpinTheory.integratedResponse(p, temperature, q));
        }
    }

    /**
     * The fluctuation–dissipation plot of finite-N Langevin runs, χ measured by a small random field
     * ({@link LinearResponse#mean}), next to the Cugliandolo–Kurchan solution at the same waiting times and lags
     * (long-time solver, step {@code ckStep}) and its t_w → ∞ prediction.
     *
     * @param response a table of {@link LinearResponse#mean}
     * @param p the interaction order of the runs
     * @param n the number of spins of the runs
     * @param temperature the temperature of the runs
     * @param ckStep the step of the mean-field integration (waiting times and lags multiples of it)
     * @param points the points of the prediction's curve, at least 2
     * @return columns {@code curve, correlation, chi, chi_se}: one curve per field strength and t_w, the N = ∞
     *     curves and the prediction (NaN standard errors for both)
     */
    public static Table fluctuationDissipation(Table response, int p, int n, double temperature, double ckStep,
                                               int points) {
        double[] waitingTimes = response.doubleColumn("tw").unique().asDoubleArray();
        double oldest = Arrays.stream(waitingTimes).max().orElseThrow();
        double longest = response.doubleColumn("t").max();
        Table ck = meanFieldFluctuationDissipation(meanFieldAging(new Quench(p, temperature), ckStep,
                longest / oldest, waitingTimes), 2);
        ck = ck.where(ck.stringColumn("curve").startsWith("N = ∞"));
        Table finite = finiteSizeFluctuationDissipation(response, p, n, temperature, points);
        Table result = finite.emptyCopy();
        Table prediction = finite.where(finite.stringColumn("curve").startsWith("t_w → ∞"));
        result.append(finite.where(finite.stringColumn("curve").startsWith("t_w → ∞").flip(0, finite.rowCount())));
        result.append(ck.addColumns(DoubleColumn.create("chi_se", ck.rowCount())));
        return result.append(prediction);
    }

    /** The finite-N curves and the prediction of {@link #fluctuationDissipation}. */
    private static Table finiteSizeFluctuationDissipation(Table response, int p, int n, double temperature,
                                                          int points) {
        Rows rows = Rows.of("χ against C", StringColumn.create("curve"), DoubleColumn.create("correlation"),
                DoubleColumn.create("chi"));
        Rows errors = Rows.of("errors", DoubleColumn.create("chi_se"));
        String previous = null;
        for (int r = 0; r < response.rowCount(); r++) {
            String curve = String.format(Locale.ROOT, "N = %d, t_w = %s, h = %s", n,
                    format(response.doubleColumn("tw").get(r)), format(response.doubleColumn("field").get(r)));
            if (!curve.equals(previous)) {
                rows.add(curve, 1.0, 0.0);   // at t = 0: C = 1, χ = 0
                errors.add(0.0);
                previous = curve;
            }
            rows.add(curve, response.doubleColumn("correlation").get(r), response.doubleColumn("chi").get(r));
            errors.add(response.doubleColumn("chi_se").get(r));
        }
        int before = rows.rowCount();
        addPrediction(rows, p, temperature, points);
        for (int r = before; r < rows.rowCount(); r++) {
            errors.add(Double.NaN);
        }
        return rows.table().addColumns(errors.table().doubleColumn("chi_se"));
    }

    /**
     * The slopes of the χ–C curves on either side of the plateau, as fluctuation–dissipation ratios: −T dχ/dC by a
     * straight-line fit of χ against C (weighted by 1/σ_χ² for curves with standard errors in {@code chi_se},
     * unweighted for curves without, such as the mean-field ones)
     * over the points with C ≥ q_EA (the FDT regime, ratio 1) and over those with cMin ≤ C &lt; q_EA (the aging
     * regime, the Cugliandolo–Kurchan x for t_w → ∞). The prediction's own curve is skipped.
     *
     * @param chiAgainstC a table of {@link #meanFieldFluctuationDissipation} or
     *     {@link #finiteSizeFluctuationDissipation}
     * @param p the interaction order
     * @param temperature T below T_d
     * @param cMin the smallest C used in the aging fit
     * @return one row per curve: {@code curve, fdt_ratio (above q_EA), fdt_ratio_se, aging_ratio (below),
     *     aging_ratio_se, points_below, x (the prediction)}; standard errors NaN for unweighted fits
     */
    public static Table fluctuationDissipationRatios(Table chiAgainstC, int p, double temperature, double cMin) {
        double q = SphericalPSpinTheory.agingPlateau(p, temperature);
        double x = SphericalPSpinTheory.fluctuationDissipationRatio(p, temperature);
        boolean errors = chiAgainstC.columnNames().contains("chi_se");
        Rows rows = Rows.of("fluctuation–dissipation ratios −T dχ/dC", StringColumn.create("curve"),
                DoubleColumn.create("fdt_ratio"), DoubleColumn.create("fdt_ratio_se"),
                DoubleColumn.create("aging_ratio"), DoubleColumn.create("aging_ratio_se"),
                IntColumn.create("points_below"), DoubleColumn.create("x"));
        for (String curve : new java.util.LinkedHashSet<>(chiAgainstC.stringColumn("curve").asList())) {
            if (curve.startsWith("t_w → ∞")) {
                continue;
            }
            Table one = chiAgainstC.where(chiAgainstC.stringColumn("curve").isEqualTo(curve));
            boolean weighted = errors && Arrays.stream(one.doubleColumn("chi_se").asDoubleArray())
                    .anyMatch(e -> e > 0 && Double.isFinite(e));
            double[] above = slope(one, weighted, c -> c >= q);
            double[] below = slope(one, weighted, c -> c >= cMin && c < q);
            rows.add(curve, -temperature * above[0], temperature * above[1], -temperature * below[0],
                    temperature * below[1], (int) below[2], x);
        }
        return rows.table();
    }

    /** The slope dχ/dC of the points whose C passes, its standard error (NaN unweighted) and the point count. */
    private static double[] slope(Table one, boolean weighted, java.util.function.DoublePredicate keep) {
        List<double[]> points = new java.util.ArrayList<>();
        for (int r = 0; r < one.rowCount(); r++) {
            double c = one.doubleColumn("correlation").getDouble(r);
            double se = weighted ? one.doubleColumn("chi_se").getDouble(r) : 1;
            if (keep.test(c) && se > 0 && Double.isFinite(se)) {
                points.add(new double[] {c, one.doubleColumn("chi").getDouble(r), se});
            }
        }
        if (points.size() < 2 || points.stream().mapToDouble(v -> v[0]).distinct().count() < 2) {
            return new double[] {Double.NaN, Double.NaN, points.size()};
        }
        org.glassy.study.relaxation.LinearExtrapolation fit = org.glassy.study.relaxation.LinearExtrapolation.toZero(
                points.stream().mapToDouble(v -> v[0]).toArray(), points.stream().mapToDouble(v -> v[1]).toArray(),
                points.stream().mapToDouble(v -> v[2]).toArray());
        return new double[] {fit.slope(), weighted ? fit.slopeError() : Double.NaN, points.size()};
    }

    /**
     * The rows of a two-time table at chosen lags: for each curve and waiting time the record nearest to each lag
     * (in ln t).
     *
     * @param table a table with columns {@code curve, tw, t}
     * @param lags the lags, positive
     * @return those rows, curve by curve
     */
    public static Table atLags(Table table, double... lags) {
        Table result = table.emptyCopy();
        for (String curve : new java.util.LinkedHashSet<>(table.stringColumn("curve").asList())) {
            Table one = table.where(table.stringColumn("curve").isEqualTo(curve));
            for (double tw : new java.util.LinkedHashSet<>(one.doubleColumn("tw").asList())) {
                Table atTw = one.where(one.doubleColumn("tw").isEqualTo(tw));
                for (double lag : lags) {
                    Require.positive("lags", lag);
                    int best = 0;
                    for (int r = 1; r < atTw.rowCount(); r++) {
                        if (Math.abs(Math.log(atTw.doubleColumn("t").get(r) / lag))
                                < Math.abs(Math.log(atTw.doubleColumn("t").get(best) / lag))) {
                            best = r;
                        }
                    }
                    result.append(atTw.rows(best));
                }
            }
        }
        return result;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
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
     * Π(t_w + t, t_w) of Bouchaud's trap model at x = T/T_g and of the Barrat–Mézard model at T = 0 (M → ∞),
     * simulated at several waiting times, against t/t_w: full aging means one curve whatever t_w. Each model's
     * exact t_w → ∞ curve is added (Bouchaud's depends on t/t_w only; Barrat–Mézard's exact form at the largest
     * t_w, within 10⁻⁴ of t_w/(t_w + t) there).
     *
     * @param x Bouchaud's x in (0, 1)
     * @param waitingTimes the waiting times, each &gt; 0, at least one
     * @param samples walkers per model and waiting time
     * @param seed the seed
     * @return columns {@code curve, series, tw, t, t_over_tw, pi, pi_se}: curves "Bouchaud x = …" and
     *     "Barrat–Mézard T = 0" (one tw each per waiting time; the series of a plot "…, t_w = …") and their
     *     "…, exact" curves (tw = the largest waiting time, pi_se NaN)
     */
    public static Table trapCollapse(double x, double[] waitingTimes, int samples, long seed) {
        if (waitingTimes.length == 0) {
            throw Require.invalid("waitingTimes", "must hold at least one time, got none");
        }
        Rows rows = Rows.of("trap models: Π(t_w + t, t_w) against t/t_w", StringColumn.create("curve"),
                StringColumn.create("series"), DoubleColumn.create("tw"), DoubleColumn.create("t"), DoubleColumn.create("t_over_tw"),
                DoubleColumn.create("pi"), DoubleColumn.create("pi_se"));
        double oldest = Arrays.stream(waitingTimes).max().getAsDouble();
        for (TrapAging.Model model : List.of(TrapAging.Model.BOUCHAUD, TrapAging.Model.BARRAT_MEZARD)) {
            boolean bouchaud = model == TrapAging.Model.BOUCHAUD;
            String name = bouchaud ? String.format(Locale.ROOT, "Bouchaud x = %.2g", x) : "Barrat–Mézard T = 0";
            double[] lags = null;
            for (double tw : waitingTimes) {
                Table mc = TrapAging.run(new TrapAging.Parameters(model, bouchaud ? x : 0, tw, samples, seed, 0));
                for (int r = 0; r < mc.rowCount(); r++) {
                    double t = mc.doubleColumn("t").get(r);
                    rows.add(name, name + ", t_w = " + format(tw), tw, t, t / tw, mc.doubleColumn("pi").get(r),
                            mc.doubleColumn("pi_se").get(r));
                }
                if (tw == oldest) {
                    lags = mc.doubleColumn("t").asDoubleArray();
                }
            }
            for (double t : lags) {
                rows.add(name + ", exact", name + ", exact", oldest, t, t / oldest, bouchaud
                        ? TrapModelTheory.bouchaudPersistence(x, t / oldest)
                        : TrapModelTheory.barratMezardZeroTemperaturePersistence(oldest, t), Double.NaN);
            }
        }
        return rows.table();
    }
}
