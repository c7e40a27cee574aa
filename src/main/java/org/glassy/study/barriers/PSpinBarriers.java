package org.glassy.study.barriers;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.internal.Require;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Aggregates;
import org.glassy.observable.Rows;
import org.glassy.path.AutoNeb;
import org.glassy.path.Barrier;
import org.glassy.path.Chain;
import org.glassy.path.Measure;
import org.glassy.path.Profile;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Barriers between two minima of the spherical p-spin glass ({@link PSpinSpherical}), the glass
 * half of notebook 04: the minima come from gradient descent at T = 0 from two random starts on
 * the same instance; they are joined on the sphere |s|² = N by the projected straight segment (an
 * arc of great circle) and by {@link AutoNeb} with exact gradients; the measure is the energy per
 * spin. Compare the networks of {@link NetworkBarriers}: there the optimised path lowers the
 * straight barrier by orders of magnitude, here by a factor of order ten.
 */
public final class PSpinBarriers {

    private PSpinBarriers() {
    }

    /**
     * AutoNEB's learning rates on the p-spin relative to Draxler et al.'s (0.1 → 0.01): with
     * momentum 0.9 the effective step 10η then equals the stable gradient-descent step 0.1.
     */
    static final double LEARNING_RATE_SCALE = 0.1;

    /**
     * Two minima of one p-spin instance. Build one with {@link #builder()}.
     *
     * @param p the interaction order, at least 2
     * @param n the number of spins N, at least p
     * @param instance the seed of the couplings
     * @param seedA the seed of the first random start
     * @param seedB the seed of the second random start, different from seedA
     * @param dt the time step of the gradient flow to each minimum, &gt; 0 (0.1 is stable for p = 3)
     * @param time the gradient-flow time to each minimum, &gt; 0
     * @param effort AutoNEB's budget relative to Draxler et al.'s 16 000 steps, &gt; 0
     */
    public record Parameters(int p, int n, long instance, long seedA, long seedB, double dt, double time,
                             double effort) {

        /**
         * Validates every parameter, naming it.
         *
         * @param p the order, at least 2
         * @param n N, at least p
         * @param instance the couplings' seed
         * @param seedA the first start's seed
         * @param seedB the second start's seed, different from seedA
         * @param dt the time step, &gt; 0
         * @param time the time, &gt; 0
         * @param effort the budget, &gt; 0
         */
        public Parameters {
            Require.atLeast("p", p, 2);
            Require.atLeast("n", n, p);
            if (seedA == seedB) {
                throw Require.invalid("seedB", "must differ from the first network's seed (two independent minima), got "
                        + seedB);
            }
            Require.positive("dt", dt);
            Require.positive("time", time);
            Require.positive("effort", effort);
        }

        /**
         * A builder with AutoNEB at the authors' budget (effort 1); every other parameter must be set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters, to change some of them */
        public Builder toBuilder() {
            return builder().p(p).n(n).instance(instance).seedA(seedA).seedB(seedB).dt(dt).time(time).effort(effort);
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private Integer p;
            private Integer n;
            private Long instance;
            private Long seedA;
            private Long seedB;
            private Double dt;
            private Double time;
            private double effort = 1;

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
             * @param value the seed of the couplings
             * @return this builder
             */
            public Builder instance(long value) {
                instance = value;
                return this;
            }

            /**
             * @param value the seed of the first random start
             * @return this builder
             */
            public Builder seedA(long value) {
                seedA = value;
                return this;
            }

            /**
             * @param value the seed of the second random start
             * @return this builder
             */
            public Builder seedB(long value) {
                seedB = value;
                return this;
            }

            /**
             * @param value the time step of the gradient flow
             * @return this builder
             */
            public Builder dt(double value) {
                dt = value;
                return this;
            }

            /**
             * @param value the gradient-flow time to each minimum
             * @return this builder
             */
            public Builder time(double value) {
                time = value;
                return this;
            }

            /**
             * @param value AutoNEB's budget relative to the authors'
             * @return this builder
             */
            public Builder effort(double value) {
                effort = value;
                return this;
            }

            /**
             * @return the parameters
             * @throws IllegalStateException if a parameter without default was not set
             * @throws IllegalArgumentException if a parameter is out of range
             */
            public Parameters build() {
                return new Parameters(Require.given("p", p), Require.given("n", n), Require.given("instance", instance),
                        Require.given("seedA", seedA), Require.given("seedB", seedB), Require.given("dt", dt),
                        Require.given("time", time), effort);
            }
        }
    }

    /**
     * A path between two minima of one instance and the energy per spin along it.
     *
     * @param n the number of spins N
     * @param instance the seed of the couplings
     * @param method how the minima were joined
     * @param profile {@code energy} per spin along the path
     * @param chain the path's images (for the straight path: the sampled points), on the sphere
     */
    public record Result(int n, long instance, Method method, Profile profile, Chain chain) {

        /** @return the barrier of the energy per spin */
        public Barrier barrier() {
            return profile.barrier("energy");
        }
    }

    /**
     * Finds two minima of one p-spin instance by gradient descent at T = 0 and joins them on the
     * sphere, by the projected straight segment (an arc of great circle) and by AutoNEB with exact
     * gradients.
     *
     * @param p the parameters
     * @param progress told about the runs, or null
     * @return {linear, autoneb}
     */
    public static List<Result> join(Parameters p, ProgressListener progress) {
        PSpinSpherical model = new PSpinSpherical(p.p(), p.n(), p.instance());
        long steps = Math.max(1, Math.round(p.time() / p.dt()));
        double[][] minima = new double[2][];
        long[] seeds = {p.seedA(), p.seedB()};
        for (int k = 0; k < 2; k++) {
            minima[k] = Dynamics.of(model, new GradientDescent(p.dt())).space(Space.sphere()).seed(seeds[k])
                    .steps(steps).progress(progress).run(Sphere.randomPoint(p.n(), seeds[k])).finalState();
        }
        Measure energy = Measure.of("energy", model, p.n());
        Chain line = Chain.linear(minima[0], minima[1], Method.CURVE_POINTS).redistributed(Space.sphere());
        Result linear = new Result(p.n(), p.instance(), Method.LINEAR, Profile.along(line, 1, Space.sphere(), energy),
                line);
        AutoNeb<Model> autoNeb = AutoNeb.draxler(LEARNING_RATE_SCALE).withSteps(p.effort());
        Chain chain = autoNeb.run(model, Space.sphere(), minima[0], minima[1], p.instance(), progress).chain();
        Result optimised = new Result(p.n(), p.instance(), Method.AUTONEB,
                Profile.along(chain, autoNeb.subdivisions(), Space.sphere(), energy), chain);
        return List.of(linear, optimised);
    }

    /**
     * Joins two gradient-descent minima on several instances of each size.
     *
     * @param base the parameters; N is replaced by each size and the instance seed by base + i
     * @param sizes the numbers of spins N
     * @param instances instances per size, at least 1
     * @param progress a listener per size, from its label, or null
     * @return {linear, autoneb} for every instance, size by size; {@link #summary} and
     *     {@link #profiles} turn them into tables keyed by {@code n}, {@code instance} and
     *     {@code method}
     */
    public static List<Result> sizeSweep(Parameters base, int[] sizes, int instances,
                                         Function<String, ProgressListener> progress) {
        Require.atLeast("instances", instances, 1);
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            ProgressListener listener = progress == null ? null : progress.apply("p-spin N = " + n);
            for (int i = 0; i < instances; i++) {
                results.addAll(join(base.toBuilder().n(n).instance(base.instance() + i).build(), listener));
            }
        }
        return results;
    }

    /**
     * One row per path: the barrier of the energy per spin and the path's relative length.
     *
     * @param results the paths
     * @return columns {@code n, instance, method, images, start, end, saddle, barrier,
     *     barrier_above_linear, relative_length}
     */
    public static Table summary(List<Result> results) {
        Rows rows = Rows.of("barriers", IntColumn.create("n"), LongColumn.create("instance"),
                StringColumn.create("method"));
        for (Result r : results) {
            rows.addAll(PathSummary.barrierRow(r.chain(), r.profile(), "energy"), r.n(), r.instance(), r.method().label());
        }
        return rows.table();
    }

    /**
     * The energy profiles of several paths stacked in one long table.
     *
     * @param results the paths
     * @return columns {@code n, instance, method, t, energy}
     */
    public static Table profiles(List<Result> results) {
        Rows rows = Rows.of("profiles", IntColumn.create("n"), LongColumn.create("instance"),
                StringColumn.create("method"));
        for (Result r : results) {
            rows.addAll(r.profile().table(), r.n(), r.instance(), r.method().label());
        }
        return rows.table();
    }

    /**
     * Averages a {@link #summary} over the instances of each size and method.
     *
     * @param summary a summary table (columns {@code n, method, barrier, relative_length} at least)
     * @return columns {@code n, method, paths, barrier, barrier_error, relative_length}: the number
     *     of paths, the mean barrier, its standard error (NaN for one path) and the mean relative
     *     length, in order of first appearance
     */
    public static Table averaged(Table summary) {
        Table t = summary.summarize("barrier", "relative_length", mean, Aggregates.standardError(), count)
                .by("n", "method");
        t.column("Count [barrier]").setName("counted");
        t.addColumns(t.doubleColumn("counted").asIntColumn().setName("paths"));
        t.column("Mean [barrier]").setName("barrier");
        t.column("Std. Error [barrier]").setName("barrier_error");
        t.column("Mean [relative_length]").setName("relative_length");
        return t.selectColumns("n", "method", "paths", "barrier", "barrier_error", "relative_length")
                .setName("mean barriers");
    }

    /**
     * One path as a long table, the rows of a {@link #sweep} point: the profile behind the path's own numbers.
     *
     * @param r a path
     * @return columns {@code method, images, start, end, saddle, barrier, barrier_above_linear, relative_length,
     *     t, energy}
     */
    public static Table pathTable(Result r) {
        Table row = Table.create("path", StringColumn.create("method", new String[] {r.method().label()}));
        row.addColumns(PathSummary.barrierRow(r.chain(), r.profile(), "energy").columnArray());
        return PathSummary.pathRows(row, r.profile());
    }

    /**
     * Joins two gradient-descent minima on several instances of each size, as a {@link Sweep} over
     * {@code n × instance} on all cores: the instances' coupling seeds are {@code base.instance() + i}, as in
     * {@link #sizeSweep}, result for result.
     *
     * @param base the parameters; N is replaced by each size and the instance seed by base + i
     * @param sizes the numbers of spins N, distinct
     * @param instances instances per size, at least 1
     * @param progress told of the points done, or null
     * @return columns {@code n, instance} (a long: the coupling seed), then {@link #pathTable}'s, linear then
     *     autoneb for each point; {@link #summary(Table)} and {@link #profiles(Table)} read it
     */
    public static Table sweep(Parameters base, int[] sizes, int instances, ProgressListener progress) {
        Require.atLeast("instances", instances, 1);
        Grid grid = Grid.of(Axis.of("n", java.util.Arrays.stream(sizes).boxed().toArray()),
                Axis.range("instance", base.instance(), base.instance() + instances - 1));
        Table t = Sweep.over(grid).progress(progress).run(point -> {
            Rows rows = Rows.of("paths");
            for (Result r : join(base.toBuilder().n(point.intValue("n")).instance(point.longValue("instance")).build(),
                    null)) {
                rows.addAll(pathTable(r));
            }
            return rows.table();
        });
        if (t.column("instance") instanceof IntColumn seeds) {   // small seeds come back as int: keep one type
            t.replaceColumn("instance", seeds.asLongColumn().setName("instance"));
        }
        return t.setName("paths between pairs of p-spin minima");
    }

    /**
     * One row per path of a {@link #sweep}; {@link #averaged} averages it.
     *
     * @param sweep a table from {@link #sweep}
     * @return columns {@code n, instance, method, images, start, end, saddle, barrier, barrier_above_linear,
     *     relative_length}
     */
    public static Table summary(Table sweep) {
        return PathSummary.summaryRows(sweep, "t", "energy").setName("barriers");
    }

    /**
     * The energy profiles of a {@link #sweep}, stacked.
     *
     * @param sweep a table from {@link #sweep}
     * @return columns {@code n, instance, method, t, energy}
     */
    public static Table profiles(Table sweep) {
        return PathSummary.profileRows(sweep, "n", "instance", "method", "t", "energy").setName("profiles");
    }
}
