package org.glassy.study.aging;

import static tech.tablesaw.aggregate.AggregateFunctions.first;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.Langevin;
import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Aggregates;
import org.glassy.observable.MeanSquareDisplacement;
import org.glassy.observable.TwoTimeCorrelation;
import org.glassy.observable.TwoTimeObservable;
import org.glassy.observable.TwoTimeRows;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Two-time observables of the spherical p-spin after a quench from a random start: the glass side
 * of Baity-Jesi et al. (ICML 2018). C(t_w + t, t_w) and Δ(t_w, t_w + t) = 2[1 − C] on waiting
 * times log-spaced from t = 1 to half the run and lags from one step to half the run. Below T_d
 * the curves for larger t_w decay later (aging: a plateau at q_EA whose exit time grows with
 * t_w); above T_d they coincide (L. F. Cugliandolo and J. Kurchan, PRL 71, 173 (1993)).
 */
public final class PSpinAging {

    /** Lags per run before deduplication, log-spaced from one step to half the run. */
    private static final int LAGS = 40;

    private PSpinAging() {
    }

    /**
     * One run; T = 0 is gradient descent.
     *
     * @param p the interaction order, in [2, 500] ({@link PSpinSpherical#MAX_P})
     * @param n the number of spins, at least p
     * @param temperature T ≥ 0
     * @param dt the time step &gt; 0
     * @param time the final time, at least 4 and at least 4 dt
     * @param seed the seed of couplings, start and noise
     * @param waitingTimes the number of waiting times, at least 2
     */
    public record Parameters(int p, int n, double temperature, double dt, double time, long seed, int waitingTimes) {

        /**
         * Validates every parameter, naming it.
         *
         * @param p the interaction order
         * @param n the number of spins
         * @param temperature T
         * @param dt the time step
         * @param time the final time
         * @param seed the seed
         * @param waitingTimes the number of waiting times
         */
        public Parameters {
            PSpinSpherical.requireOrder(p);
            Require.atLeast("n", n, p);
            Require.nonNegative("temperature", temperature);
            Require.positive("dt", dt);
            Require.positive("time", time);
            if (time < 4 || time < 4 * dt) {
                throw Require.invalid("time", "must be >= 4 and >= 4 dt, got " + time);
            }
            Require.atLeast("waitingTimes", waitingTimes, 2);
        }

        /** @return the number of steps, time/dt rounded */
        public long steps() {
            return Math.round(time / dt);
        }

        /**
         * The step rule: gradient descent at T = 0, stopped with a
         * {@link org.glassy.core.NumericalInstabilityException} naming {@code dt} if the energy rises by more
         * than round-off ({@link GradientDescent#monotone}); Langevin otherwise.
         *
         * @return the rule
         */
        public StepRule<Model, ?> rule() {
            return temperature == 0 ? GradientDescent.monotone(dt) : new Langevin(temperature, dt);
        }

        /** @return the waiting times and lags in steps, {waitingSteps, lagSteps} */
        long[][] grid() {
            long steps = steps();
            long firstWaiting = Math.max(1, Math.min(Math.round(1 / dt), steps / 4));
            return TwoTimeObservable.logGrid(steps, firstWaiting, waitingTimes, LAGS);
        }

        /**
         * The estimated heap of a run: the couplings ({@link PSpinSpherical#bytes}) and one copy of the state
         * per waiting time, 8 N |t_w| bytes.
         *
         * @return the bytes
         */
        public double bytes() {
            return PSpinSpherical.bytes(p, n) + 8.0 * n * waitingTimes;
        }

        /**
         * The estimated work of a run: one energy–gradient pass per step, steps · p C(N, p)
         * ({@link PSpinSpherical#operationsPerGradient}).
         *
         * @return the operations
         */
        public double operations() {
            return (double) steps() * PSpinSpherical.operationsPerGradient(p, n);
        }

        /**
         * Checks, before anything is allocated, that the run fits this JVM's heap and the array limit (naming
         * {@code n}) and the bound on work (naming {@code time}); {@link #run} and {@link #stream} call it first.
         *
         * @throws IllegalArgumentException naming the parameter otherwise
         */
        public void requireResources() {
            PSpinSpherical.requireStorable(p, n);
            Resources.requireMemory("n", bytes(), "couplings and " + waitingTimes + " copies of the state");
            Resources.requireWork("time", operations(), Resources.count(steps()) + " steps of "
                    + Resources.count(PSpinSpherical.operationsPerGradient(p, n)) + " multiply-adds");
        }

        /**
         * A builder with 8 waiting times; p, n, temperature, dt, time and seed must be set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters, to change some of them */
        public Builder toBuilder() {
            return builder().p(p).n(n).temperature(temperature).dt(dt).time(time).seed(seed).waitingTimes(waitingTimes);
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private Integer p;
            private Integer n;
            private Double temperature;
            private Double dt;
            private Double time;
            private Long seed;
            private int waitingTimes = 8;

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
             * @param value the temperature T (0: gradient descent)
             * @return this builder
             */
            public Builder temperature(double value) {
                temperature = value;
                return this;
            }

            /**
             * @param value the time step
             * @return this builder
             */
            public Builder dt(double value) {
                dt = value;
                return this;
            }

            /**
             * @param value the final time
             * @return this builder
             */
            public Builder time(double value) {
                time = value;
                return this;
            }

            /**
             * @param value the seed of couplings, start and noise
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value the number of waiting times
             * @return this builder
             */
            public Builder waitingTimes(int value) {
                waitingTimes = value;
                return this;
            }

            /**
             * @return the parameters
             * @throws IllegalStateException if a parameter without default was not set
             * @throws IllegalArgumentException if a parameter is out of range
             */
            public Parameters build() {
                return new Parameters(Require.given("p", p), Require.given("n", n),
                        Require.given("temperature", temperature), Require.given("dt", dt),
                        Require.given("time", time), Require.given("seed", seed), waitingTimes);
            }
        }
    }

    /**
     * One row of the two-time table.
     *
     * @param twStep t_w in steps
     * @param tStep t in steps
     * @param tw t_w in units of time ({@link TwoTimeRows#time}: 12 significant digits)
     * @param t t in units of time
     * @param correlation C(t_w + t, t_w)
     * @param msd Δ(t_w, t_w + t)
     */
    public record Row(long twStep, long tStep, double tw, double t, double correlation, double msd) {
    }

    /**
     * Runs the quench and returns one row per (t_w, t): columns {@code tw, t, correlation, msd}
     * in units of time, sorted by t_w, then t.
     *
     * @param parameters the run
     * @param progress progress listener, or null
     * @return the table
     */
    public static Table run(Parameters parameters, ProgressListener progress) {
        return withSteps(parameters, progress).removeColumns("tw_step", "t_step");
    }

    /**
     * Runs the quench and hands each row to {@code rows} as soon as it is final, in the order rows complete
     * (time-major: by t_w + t, then t_w); the rows and values of {@link #run}, in another order. An interrupt
     * (a {@link org.glassy.dynamics.RunInterruptedException}) leaves every row handed on so far complete.
     *
     * @param parameters the run
     * @param progress progress listener, or null
     * @param rows receives every row
     */
    public static void stream(Parameters parameters, ProgressListener progress, Consumer<Row> rows) {
        parameters.requireResources();
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        long disorder = seeds.nextLong();
        long initial = seeds.nextLong();
        long noise = seeds.nextLong();
        long steps = parameters.steps();
        long[][] grid = parameters.grid();
        double dt = parameters.dt();
        TwoTimeRows measured = new TwoTimeRows((tw, t, values) -> rows.accept(new Row(tw, t, TwoTimeRows.time(tw, dt),
                TwoTimeRows.time(t, dt), values[0], values[1])),
                new TwoTimeCorrelation(grid[0], grid[1]), new MeanSquareDisplacement(grid[0], grid[1]));
        Dynamics.of(new PSpinSpherical(parameters.p(), parameters.n(), disorder), parameters.rule())
                .space(Space.sphere())
                .seed(noise)
                .steps(steps)
                .record(new long[] {steps}, measured)
                .progress(progress)
                .run(Sphere.randomPoint(parameters.n(), initial));
    }

    /** {@link #run}'s table and the waiting times and lags in steps, {@code tw_step, t_step}. */
    private static Table withSteps(Parameters parameters, ProgressListener progress) {
        List<Row> rows = new ArrayList<>();
        stream(parameters, progress, rows::add);
        rows.sort(Comparator.comparingLong(Row::twStep).thenComparingLong(Row::tStep));
        return Table.create("p-spin two-time observables",
                DoubleColumn.create("tw", rows.stream().mapToDouble(Row::tw)),
                DoubleColumn.create("t", rows.stream().mapToDouble(Row::t)),
                DoubleColumn.create("correlation", rows.stream().mapToDouble(Row::correlation)),
                DoubleColumn.create("msd", rows.stream().mapToDouble(Row::msd)),
                LongColumn.create("tw_step", rows.stream().mapToLong(Row::twStep).toArray()),
                LongColumn.create("t_step", rows.stream().mapToLong(Row::tStep).toArray()));
    }

    /**
     * The independent instances that {@link #runAveraged} averages, each one {@link #run}, computed as a
     * {@link Sweep} over {@code instance = 0 … samples − 1} on all cores: instance i's couplings, start and
     * noise come from the (i + 1)-th seed drawn from {@code new SplittableRandom(parameters.seed())}, so an
     * instance's rows do not depend on the number of workers, nor on how many instances are run.
     *
     * @param parameters the run; its seed seeds the instances
     * @param samples the number of instances, at least 1
     * @param progress told of the instances done, or null
     * @return columns {@code instance, tw, t, correlation, msd, tw_step, t_step}, instance by instance
     */
    public static Table instances(Parameters parameters, int samples, ProgressListener progress) {
        Require.atLeast("samples", samples, 1);
        return Sweep.over(Grid.of(Axis.range("instance", 0, samples - 1))).progress(progress)
                .run(point -> withSteps(parameters.toBuilder().seed(instanceSeed(parameters.seed(),
                        point.intValue("instance"))).build(), null))
                .setName("p-spin two-time observables, " + samples + " instances");
    }

    /** The (instance + 1)-th seed drawn from {@code new SplittableRandom(seed)}. */
    static long instanceSeed(long seed, int instance) {
        SplittableRandom seeds = new SplittableRandom(seed);
        long s = seeds.nextLong();
        for (int i = 0; i < instance; i++) {
            s = seeds.nextLong();
        }
        return s;
    }

    /**
     * Averages {@link #run} over independent instances ({@link #instances}), which smooths the
     * finite-N fluctuations of single runs: the instances are stacked in one long table and grouped by
     * (t_w, t) with Tablesaw.
     *
     * @param parameters the run; its seed seeds the instances
     * @param samples the number of instances, at least 1
     * @param progress told of the instances done, or null
     * @return the mean {@code tw, t, correlation, msd} table, with the standard errors of the means over the
     *     instances, {@code correlation_se, msd_se} (NaN for one instance)
     */
    public static Table runAveraged(Parameters parameters, int samples, ProgressListener progress) {
        Table mean = Aggregates.meanAndError(instances(parameters, samples, progress),
                List.of("correlation", "msd"), "tw_step", "t_step", "tw", "t");
        return Table.create("p-spin two-time observables, mean of " + samples + " instances",
                mean.doubleColumn("tw"), mean.doubleColumn("t"), mean.doubleColumn("correlation"),
                mean.doubleColumn("msd"), mean.doubleColumn("correlation_se"), mean.doubleColumn("msd_se"));
    }
}
