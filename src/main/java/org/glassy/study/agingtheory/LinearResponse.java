package org.glassy.study.agingtheory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.glassy.core.LogTimes;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.StepHandler;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.Langevin;
import org.glassy.internal.Require;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Aggregates;
import org.glassy.observable.Rows;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Point;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The integrated response of the finite-N spherical p-spin after a quench, measured by the standard linear-response
 * method: a small random field h ξ, switched on at t_w, E_h(s) = H(s) − h ξ·s, and
 * <pre>
 *   χ(t_w + t, t_w) = (1/N) Σ_i ξ_i [⟨s_i(t_w + t)⟩_h − ⟨s_i(t_w + t)⟩_0] / h,
 * </pre>
 * averaged over field directions ξ, instances and thermal noise: the response of the field's own overlap,
 * (1/N) Σ_ij ξ_i ξ_j ∫ R_ij ds, whose average over ξ (E ξ_i ξ_j = δ_ij) is the integrated response
 * ∫_{t_w}^{t_w + t} R(t_w + t, s) ds of the Cugliandolo–Kurchan equations. The same run gives the correlation
 * C(t_w + t, t_w) = s(t_w)·s(t_w + t)/N, so that χ can be drawn against C: the fluctuation–dissipation plot
 * (L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71, 173 (1993)).
 *
 * <p>One instance: couplings, a uniformly random start on the sphere, Langevin dynamics (Euler–Maruyama, step
 * dt) up to each t_w; from s(t_w) the run is continued once without field and once per field strength h, all with
 * the <em>same</em> noise after t_w, so the difference s_h − s_0 is the response to the field alone and its
 * variance is of order h² rather than of order 1 (common random numbers; the subtraction of the unperturbed run,
 * whose overlap with ξ averages to zero, leaves the mean unchanged). ξ is a Gaussian vector rescaled to
 * |ξ|² = N (a uniformly random direction), drawn afresh for each instance. Linear response is checked by two
 * values of h giving the same χ within errors; nonlinear corrections are of relative order h².
 *
 * <p>In equilibrium (T &gt; T_d, t_w past the equilibration time) the fluctuation–dissipation theorem gives
 * χ = (1 − C)/T at any N, up to the O(dt) error of the integrator; below T_d the aging system responds less,
 * with the slope −x/T of {@link org.glassy.theory.SphericalPSpinTheory#integratedResponse} at long times.
 */
public final class LinearResponse {

    private LinearResponse() {
    }

    /**
     * What to measure. Build with {@link #builder()}.
     *
     * @param p the interaction order, in [2, 500]
     * @param n the number of spins N, at least p
     * @param temperature the bath temperature T &gt; 0
     * @param dt the Langevin time step, &gt; 0
     * @param waitingTimes the times t_w at which the field is switched on, each ≥ 0, at least one (rounded to
     *     whole steps)
     * @param maxLag the longest lag t after t_w, at least dt
     * @param fields the field strengths h, each &gt; 0, at least one
     * @param directions the field directions ξ per instance and waiting time, at least 1: each costs one run per
     *     field strength from t_w, sharing the instance's trajectory up to t_w and its unperturbed continuation
     * @param perDecade log-spaced lags per decade of steps, at least 1
     */
    public record Parameters(int p, int n, double temperature, double dt, List<Double> waitingTimes, double maxLag,
                             List<Double> fields, int directions, int perDecade) {

        /**
         * Validates the parameters, naming the offending one.
         *
         * @param p the interaction order, in [2, 500]
         * @param n the number of spins, at least p
         * @param temperature T &gt; 0
         * @param dt the time step, &gt; 0
         * @param waitingTimes t_w ≥ 0, at least one; copied
         * @param maxLag the longest lag, at least dt
         * @param fields h &gt; 0, at least one; copied
         * @param directions field directions per instance, at least 1
         * @param perDecade lags per decade, at least 1
         */
        public Parameters {
            PSpinSpherical.requireOrder(p);
            Require.atLeast("n", n, p);
            Require.positive("temperature", temperature);
            Require.positive("dt", dt);
            waitingTimes = List.copyOf(waitingTimes);
            fields = List.copyOf(fields);
            if (waitingTimes.isEmpty()) {
                throw Require.invalid("waitingTimes", "must hold at least one time, got none");
            }
            waitingTimes.forEach(tw -> Require.nonNegative("waitingTimes", tw));
            if (!(maxLag >= dt) || !Double.isFinite(maxLag)) {
                throw Require.invalid("maxLag", "must be >= dt = " + dt + " and finite, got " + maxLag);
            }
            if (fields.isEmpty()) {
                throw Require.invalid("fields", "must hold at least one field strength, got none");
            }
            fields.forEach(h -> Require.positive("fields", h));
            Require.atLeast("directions", directions, 1);
            Require.atLeast("perDecade", perDecade, 1);
        }

        /**
         * A builder with one field direction per instance and 10 lags per decade; every other value must be
         * set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return the waiting times in steps, in the given order */
        long[] waitingSteps() {
            return waitingTimes.stream().mapToLong(tw -> Math.round(tw / dt)).toArray();
        }

        /** @return the recorded lags in steps: log-spaced from one step to maxLag */
        long[] lagSteps() {
            return Arrays.stream(LogTimes.upTo(Math.max(1, Math.round(maxLag / dt)), perDecade)).filter(k -> k > 0)
                    .toArray();
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private Integer p;
            private Integer n;
            private Double temperature;
            private Double dt;
            private double[] waitingTimes;
            private Double maxLag;
            private double[] fields;
            private int directions = 1;
            private int perDecade = 10;

            private Builder() {
            }

            /**
             * @param value the interaction order p
             * @return this builder
             */
            public Builder p(int value) {
                p = value;
                return this;
            }

            /**
             * @param value the number of spins N
             * @return this builder
             */
            public Builder n(int value) {
                n = value;
                return this;
            }

            /**
             * @param value the temperature T &gt; 0
             * @return this builder
             */
            public Builder temperature(double value) {
                temperature = value;
                return this;
            }

            /**
             * @param value the Langevin time step
             * @return this builder
             */
            public Builder dt(double value) {
                dt = value;
                return this;
            }

            /**
             * @param values the waiting times t_w at which the field is switched on
             * @return this builder
             */
            public Builder waitingTimes(double... values) {
                waitingTimes = values.clone();
                return this;
            }

            /**
             * @param value the longest lag after t_w
             * @return this builder
             */
            public Builder maxLag(double value) {
                maxLag = value;
                return this;
            }

            /**
             * @param values the field strengths h (two or more check linear response)
             * @return this builder
             */
            public Builder fields(double... values) {
                fields = values.clone();
                return this;
            }

            /**
             * @param value the field directions ξ per instance and waiting time
             * @return this builder
             */
            public Builder directions(int value) {
                directions = value;
                return this;
            }

            /**
             * @param value log-spaced lags per decade of steps
             * @return this builder
             */
            public Builder perDecade(int value) {
                perDecade = value;
                return this;
            }

            /**
             * @return the parameters
             * @throws IllegalStateException if a value without default was not set
             * @throws IllegalArgumentException if a value is out of range
             */
            public Parameters build() {
                return new Parameters(Require.given("p", p), Require.given("n", n),
                        Require.given("temperature", temperature), Require.given("dt", dt),
                        boxed(Require.given("waitingTimes", waitingTimes)), Require.given("maxLag", maxLag),
                        boxed(Require.given("fields", fields)), directions, perDecade);
            }

            private static List<Double> boxed(double[] values) {
                return Arrays.stream(values).boxed().toList();
            }
        }
    }

    /**
     * One instance. The couplings, the start, the noise up to t_w and a seed for the rest are drawn in turn from
     * {@code new SplittableRandom(seed)}; from that seed, per waiting time, the noise after t_w (shared by the
     * runs with and without field) and the directions ξ.
     *
     * @param parameters what to measure
     * @param seed the seed of the instance
     * @return columns {@code field, tw, t, correlation, chi}: one row per field strength, waiting time and lag,
     *     χ = (1/N) ξ·(s_h − s_0)/h averaged over the instance's directions and C = s_0(t_w)·s_0(t_w + t)/N
     */
    public static Table run(Parameters parameters, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        int n = parameters.n();
        PSpinSpherical model = new PSpinSpherical(parameters.p(), n, seeds.nextLong());
        double[] start = Sphere.randomPoint(n, seeds.nextLong());
        long noiseToWaitingTimes = seeds.nextLong();
        SplittableRandom afterWaitingTimes = new SplittableRandom(seeds.nextLong());
        Langevin rule = new Langevin(parameters.temperature(), parameters.dt());
        long[] waitingSteps = parameters.waitingSteps();
        long lastWaiting = Arrays.stream(waitingSteps).max().orElseThrow();
        Map<Long, double[]> atWaitingTimes = new HashMap<>();
        StepHandler keep = (step, time, x, energy) -> atWaitingTimes.put(step, x.clone());
        if (lastWaiting == 0) {
            atWaitingTimes.put(0L, start.clone());
        } else {
            Dynamics.of(model, rule).space(Space.sphere()).seed(noiseToWaitingTimes).steps(lastWaiting)
                    .record(waitingSteps, keep).run(start);
        }
        long[] lags = parameters.lagSteps();
        long lagSteps = lags[lags.length - 1];
        Rows rows = Rows.of("linear response", DoubleColumn.create("field"), DoubleColumn.create("tw"),
                DoubleColumn.create("t"), DoubleColumn.create("correlation"), DoubleColumn.create("chi"));
        int directions = parameters.directions();
        for (long waitingStep : waitingSteps) {
            double[] reference = atWaitingTimes.get(waitingStep);
            long noise = afterWaitingTimes.nextLong();
            double[][] xi = new double[directions][];
            for (int d = 0; d < directions; d++) {
                xi[d] = Sphere.randomPoint(n, afterWaitingTimes.nextLong());
            }
            Overlaps unperturbed = continueRun(model, rule, noise, lags, lagSteps, reference, xi);
            for (double h : parameters.fields()) {
                double[] chi = new double[lags.length];
                for (int d = 0; d < directions; d++) {
                    Overlaps perturbed = continueRun(new RandomField(model, xi[d], h), rule, noise, lags, lagSteps,
                            reference, xi[d]);
                    for (int k = 0; k < lags.length; k++) {
                        chi[k] += (perturbed.field[0][k] - unperturbed.field[d][k]) / (h * directions);
                    }
                }
                for (int k = 0; k < lags.length; k++) {
                    rows.add(h, waitingStep * parameters.dt(), lags[k] * parameters.dt(),
                            unperturbed.correlation[k], chi[k]);
                }
            }
        }
        return rows.table();
    }

    /** Per recorded lag, s·s(t_w)/N, and per direction ξ·s/N. */
    private record Overlaps(double[] correlation, double[][] field) {
    }

    private static Overlaps continueRun(Model model, Langevin rule, long noise, long[] lags, long steps,
                                        double[] reference, double[]... directions) {
        int n = reference.length;
        double[] correlation = new double[lags.length];
        double[][] field = new double[directions.length][lags.length];
        int[] next = {0};
        StepHandler overlaps = (step, time, x, energy) -> {
            if (step > 0) {
                correlation[next[0]] = RandomField.dot(x, reference) / n;
                for (int d = 0; d < directions.length; d++) {
                    field[d][next[0]] = RandomField.dot(x, directions[d]) / n;
                }
                next[0]++;
            }
        };
        Dynamics.of(model, rule).space(Space.sphere()).seed(noise).steps(steps).record(lags, overlaps).run(reference);
        return new Overlaps(correlation, field);
    }

    /**
     * The fluctuation–dissipation theorem checked on a mean: T χ against 1 − C at every row, the residual in units
     * of the combined standard error (an upper bound on the error of the paired difference, since χ and C of one run
     * are anticorrelated). In equilibrium the residual is noise; below T_d, at long lags, the aging system responds
     * less than 1 − C.
     *
     * @param mean a table of {@link #mean}
     * @param temperature the temperature of the runs
     * @return columns {@code field, tw, t, correlation, T_chi, one_minus_C, residual (T χ − (1 − C)),
     *     residual_in_se}
     */
    public static Table fluctuationDissipationCheck(Table mean, double temperature) {
        Rows rows = Rows.of("T χ against 1 − C", DoubleColumn.create("field"), DoubleColumn.create("tw"),
                DoubleColumn.create("t"), DoubleColumn.create("correlation"), DoubleColumn.create("T_chi"),
                DoubleColumn.create("one_minus_C"), DoubleColumn.create("residual"),
                DoubleColumn.create("residual_in_se"));
        for (int r = 0; r < mean.rowCount(); r++) {
            double c = mean.doubleColumn("correlation").get(r);
            double tChi = temperature * mean.doubleColumn("chi").get(r);
            double se = Math.hypot(temperature * mean.doubleColumn("chi_se").getDouble(r),
                    mean.doubleColumn("correlation_se").getDouble(r));
            rows.add(mean.doubleColumn("field").get(r), mean.doubleColumn("tw").get(r), mean.doubleColumn("t").get(r),
                    c, tChi, 1 - c, tChi - (1 - c), (tChi - (1 - c)) / se);
        }
        return rows.table();
    }

    /**
     * The mean over {@code instances} instances (each with its own field direction), run as a {@link Sweep} on all
     * cores; instance i is seeded by its point ({@link Point#seed}).
     *
     * @param parameters what to measure
     * @param instances the number of instances, at least 2 (for a standard error)
     * @param seed the seed of the sweep
     * @return columns {@code field, tw, t, samples, correlation, correlation_se, chi, chi_se}: means and standard
     *     errors over the instances
     */
    public static Table mean(Parameters parameters, int instances, long seed) {
        Require.atLeast("instances", instances, 2);
        Table runs = Sweep.over(Grid.of(Axis.range("instance", 0, instances - 1)))
                .run(point -> run(parameters, point.seed(seed)));
        return Aggregates.meanAndError(runs, List.of("correlation", "chi"), "field", "tw", "t")
                .setName("linear response, mean of " + instances + " instances");
    }
}
