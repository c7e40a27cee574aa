package org.glassy.study.barriers;

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
import org.glassy.observable.PowerLaw;
import org.glassy.observable.Rows;
import org.glassy.path.AutoNeb;
import org.glassy.path.Barrier;
import org.glassy.path.Chain;
import org.glassy.path.Measure;
import org.glassy.path.Profile;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;
import org.glassy.theory.SphericalPSpinTheory;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Barriers between two minima of the spherical p-spin glass ({@link PSpinSpherical}), the glass
 * half of notebook 04: the minima come from gradient descent at T = 0 from two random starts on
 * the same instance; they are joined on the sphere |s|² = N by the projected straight segment (an
 * arc of great circle) and by {@link AutoNeb} with exact gradients; the measure is the energy per
 * spin, and the barrier is max_t e(t) − max(e(0), e(1)) ({@link Barrier}).
 *
 * <p>Every AutoNEB barrier is an upper bound on the lowest barrier between the two minima: the band can
 * stop before it has relaxed, or settle in a local minimum-energy path. {@link #sweep(Parameters, int[], int,
 * double[], ProgressListener)} therefore runs AutoNEB at several budgets ({@code effort}) on the same pair,
 * so that a table shows whether the barrier still falls with the budget; {@link #sizeScaling} fits the
 * barrier per spin against N, and {@link #minimaEnergies} places the minima between the ground state and
 * the threshold ({@link SphericalPSpinTheory}). Compare the networks of {@link NetworkBarriers}.
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
     * @param effort AutoNEB's budget relative to Draxler et al.'s 16 000 steps (0 for the straight path)
     * @param overlap q = s_A · s_B / N of the two minima, in [−1, 1]
     * @param profile {@code energy} per spin along the path
     * @param chain the path's images (for the straight path: the sampled points), on the sphere
     */
    public record Result(int n, long instance, Method method, double effort, double overlap, Profile profile,
                         Chain chain) {

        /** @return the barrier of the energy per spin */
        public Barrier barrier() {
            return profile.barrier("energy");
        }
    }

    /**
     * Finds two minima of one p-spin instance by gradient descent at T = 0 and joins them on the
     * sphere, by the projected straight segment (an arc of great circle) and by AutoNEB with exact
     * gradients at the parameters' effort.
     *
     * @param p the parameters
     * @param progress told about the runs, or null
     * @return {linear, autoneb}
     */
    public static List<Result> join(Parameters p, ProgressListener progress) {
        return join(p, new double[] {p.effort()}, progress);
    }

    /**
     * Finds two minima of one p-spin instance by gradient descent at T = 0 and joins them on the sphere by the
     * projected straight segment and by AutoNEB at each of several budgets, each run from the straight path:
     * the barrier against the budget shows whether AutoNEB has converged.
     *
     * @param p the parameters (their effort is not used)
     * @param efforts AutoNEB's budgets relative to Draxler et al.'s, each &gt; 0, at least one
     * @param progress told about the runs, or null
     * @return {linear, autoneb at efforts[0], autoneb at efforts[1], …}
     */
    public static List<Result> join(Parameters p, double[] efforts, ProgressListener progress) {
        Require.atLeast("efforts.length", efforts.length, 1);
        for (int i = 0; i < efforts.length; i++) {
            Require.positive("efforts[" + i + "]", efforts[i]);
        }
        PSpinSpherical model = new PSpinSpherical(p.p(), p.n(), p.instance());
        long steps = Math.max(1, Math.round(p.time() / p.dt()));
        double[][] minima = new double[2][];
        long[] seeds = {p.seedA(), p.seedB()};
        for (int k = 0; k < 2; k++) {
            minima[k] = Dynamics.of(model, new GradientDescent(p.dt())).space(Space.sphere()).seed(seeds[k])
                    .steps(steps).progress(progress).run(Sphere.randomPoint(p.n(), seeds[k])).finalState();
        }
        double overlap = 0;
        for (int i = 0; i < p.n(); i++) {
            overlap += minima[0][i] * minima[1][i];
        }
        overlap /= p.n();
        Measure energy = Measure.of("energy", model, p.n());
        Chain line = Chain.linear(minima[0], minima[1], Method.CURVE_POINTS).redistributed(Space.sphere());
        List<Result> results = new ArrayList<>();
        results.add(new Result(p.n(), p.instance(), Method.LINEAR, 0, overlap,
                Profile.along(line, 1, Space.sphere(), energy), line));
        for (double effort : efforts) {
            AutoNeb<Model> autoNeb = AutoNeb.draxler(LEARNING_RATE_SCALE).withSteps(effort);
            Chain chain = autoNeb.run(model, Space.sphere(), minima[0], minima[1], p.instance(), progress).chain();
            results.add(new Result(p.n(), p.instance(), Method.AUTONEB, effort, overlap,
                    Profile.along(chain, autoNeb.subdivisions(), Space.sphere(), energy), chain));
        }
        return results;
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

    /** The columns that identify a path in every table: its size, instance, method and budget. */
    private static Rows keyedRows(String name) {
        return Rows.of(name, IntColumn.create("n"), LongColumn.create("instance"), StringColumn.create("method"),
                DoubleColumn.create("effort"));
    }

    /**
     * One row per path: the barrier of the energy per spin, the minima's overlap and the path's relative length.
     *
     * @param results the paths
     * @return columns {@code n, instance, method, effort, overlap, images, start, end, saddle, barrier,
     *     barrier_above_linear, relative_length}
     */
    public static Table summary(List<Result> results) {
        Rows rows = keyedRows("barriers");
        for (Result r : results) {
            rows.addAll(pathRow(r), r.n(), r.instance(), r.method().label(), r.effort());
        }
        return rows.table();
    }

    /**
     * The energy profiles of several paths stacked in one long table.
     *
     * @param results the paths
     * @return columns {@code n, instance, method, effort, t, energy}
     */
    public static Table profiles(List<Result> results) {
        Rows rows = keyedRows("profiles");
        for (Result r : results) {
            rows.addAll(r.profile().table(), r.n(), r.instance(), r.method().label(), r.effort());
        }
        return rows.table();
    }

    /** A path's own numbers, one row: {@code overlap}, then {@link PathSummary#barrierRow}'s columns. */
    private static Table pathRow(Result r) {
        Table row = Table.create("path", DoubleColumn.create("overlap", new double[] {r.overlap()}));
        return row.addColumns(PathSummary.barrierRow(r.chain(), r.profile(), "energy").columnArray());
    }

    /**
     * Averages a {@link #summary} over the instances of each size, method and budget, with standard errors: the
     * barrier per spin b and the whole barrier N·b.
     *
     * @param summary a summary table (columns {@code n, method, effort, barrier, relative_length} at least)
     * @return columns {@code n, method, effort, samples} (the instances), {@code barrier, barrier_se,
     *     total_barrier, total_barrier_se, relative_length, relative_length_se}, in order of first appearance
     */
    public static Table averaged(Table summary) {
        Table work = summary.copy();
        work.addColumns(summary.doubleColumn("barrier").multiply(summary.intColumn("n")).setName("total_barrier"));
        return Aggregates.meanAndError(work, List.of("barrier", "total_barrier", "relative_length"), "n", "method",
                "effort").setName("mean barriers over instances");
    }

    /**
     * The energies per spin of the gradient-descent minima (both ends of every instance's straight path), by
     * size, against the two energy scales of the 3-spin as N → ∞: the threshold E_th, where gradient descent
     * from a random start ends after N → ∞, and the ground state E_gs ({@link SphericalPSpinTheory}).
     *
     * @param summary a summary table (columns {@code n, method, start, end, overlap} at least, straight paths
     *     included)
     * @param p the interaction order of the instances
     * @return columns {@code n, samples} (minima), {@code energy, energy_se} (their mean and its standard error),
     *     {@code above_threshold} (energy − E_th), {@code above_ground_state} (energy − E_gs), {@code overlap,
     *     overlap_se} (the overlap of the two minima of an instance, over instances)
     */
    public static Table minimaEnergies(Table summary, int p) {
        Table line = summary.where(summary.stringColumn("method").isEqualTo(Method.LINEAR.label()));
        Rows ends = Rows.of("minima", IntColumn.create("n"), DoubleColumn.create("energy"));
        for (int r = 0; r < line.rowCount(); r++) {
            ends.add(line.intColumn("n").get(r), line.doubleColumn("start").get(r));
            ends.add(line.intColumn("n").get(r), line.doubleColumn("end").get(r));
        }
        Table energies = Aggregates.meanAndError(ends.table(), List.of("energy"), "n");
        Table overlaps = Aggregates.meanAndError(line, List.of("overlap"), "n");
        double threshold = SphericalPSpinTheory.thresholdEnergy(p);
        double ground = SphericalPSpinTheory.groundStateEnergy(p);
        energies.addColumns(energies.doubleColumn("energy").subtract(threshold).setName("above_threshold"),
                energies.doubleColumn("energy").subtract(ground).setName("above_ground_state"),
                overlaps.doubleColumn("overlap").copy(), overlaps.doubleColumn("overlap_se").copy());
        return energies.setName("gradient-descent minima");
    }

    /**
     * How much AutoNEB's barrier still moves between two budgets, instance by instance: r = b(higher)/b(lower) − 1
     * for each pair of minima (the same pair at both budgets, so that the scatter between instances cancels),
     * averaged over the instances of each size. |r| well below the barrier's own scatter between instances means
     * that the budget has converged.
     *
     * @param summary a summary table with AutoNEB rows at both efforts (columns {@code n, instance, method,
     *     effort, barrier})
     * @param lower the smaller effort
     * @param higher the larger effort
     * @return columns {@code n, samples, relative_change, relative_change_se}
     */
    public static Table effortChange(Table summary, double lower, double higher) {
        Table neb = summary.where(summary.stringColumn("method").isEqualTo(Method.AUTONEB.label()));
        Rows rows = Rows.of("relative change", IntColumn.create("n"), DoubleColumn.create("relative_change"));
        for (int r = 0; r < neb.rowCount(); r++) {
            if (neb.doubleColumn("effort").get(r) != higher) {
                continue;
            }
            int n = neb.intColumn("n").get(r);
            long instance = neb.longColumn("instance").get(r);
            Table match = neb.where(neb.intColumn("n").isEqualTo(n).and(neb.longColumn("instance").isEqualTo(instance))
                    .and(neb.doubleColumn("effort").isEqualTo(lower)));
            if (match.rowCount() != 1) {
                throw Require.invalid("lower", "must be an effort of every path run at " + higher + ": N = " + n
                        + ", instance " + instance + " has " + match.rowCount() + " rows at " + lower);
            }
            rows.add(n, neb.doubleColumn("barrier").get(r) / match.doubleColumn("barrier").get(0) - 1);
        }
        return Aggregates.meanAndError(rows.table(), List.of("relative_change"), "n")
                .setName("AutoNEB barrier, effort " + higher + " against " + lower);
    }

    /**
     * Fits the barrier per spin of one method and budget against the size, b = A N^α, by least squares in
     * log–log coordinates over the single paths (one point per instance and size, so that the exponent's
     * standard error comes from the scatter between instances): α = 0 is a barrier per spin that stays
     * finite (a barrier extensive in N), α = −1 a whole barrier N·b that stays finite.
     *
     * @param summary a summary table (columns {@code n, method, effort, barrier})
     * @param method the method
     * @param effort the budget (0 for the straight path)
     * @return the power law; its exponent is α
     */
    public static PowerLaw sizeScaling(Table summary, Method method, double effort) {
        Table rows = summary.where(summary.stringColumn("method").isEqualTo(method.label())
                .and(summary.doubleColumn("effort").isEqualTo(effort)));
        return PowerLaw.fit(rows.intColumn("n").asDoubleArray(), rows.doubleColumn("barrier").asDoubleArray(),
                0, Double.POSITIVE_INFINITY);
    }

    /**
     * One path as a long table, the rows of a {@link #sweep} point: the profile behind the path's own numbers.
     *
     * @param r a path
     * @return columns {@code method, effort, overlap, images, start, end, saddle, barrier, barrier_above_linear,
     *     relative_length, t, energy}
     */
    public static Table pathTable(Result r) {
        Table row = Table.create("path", StringColumn.create("method", new String[] {r.method().label()}),
                DoubleColumn.create("effort", new double[] {r.effort()}));
        row.addColumns(pathRow(r).columnArray());
        return PathSummary.pathRows(row, r.profile());
    }

    /**
     * Joins two gradient-descent minima on several instances of each size at the parameters' effort, as a
     * {@link Sweep} over {@code n × instance} on all cores.
     *
     * @param base the parameters; N is replaced by each size and the instance seed by base + i
     * @param sizes the numbers of spins N, distinct
     * @param instances instances per size, at least 1
     * @param progress told of the points done, or null
     * @return as {@link #sweep(Parameters, int[], int, double[], ProgressListener)} with the one effort
     */
    public static Table sweep(Parameters base, int[] sizes, int instances, ProgressListener progress) {
        return sweep(base, sizes, instances, new double[] {base.effort()}, progress);
    }

    /**
     * Joins two gradient-descent minima on several instances of each size, by the straight path and by AutoNEB
     * at each budget, as a {@link Sweep} over {@code n × instance} on all cores: the instances' coupling seeds are
     * {@code base.instance() + i}, as in {@link #sizeSweep}, result for result.
     *
     * @param base the parameters; N is replaced by each size and the instance seed by base + i
     * @param sizes the numbers of spins N, distinct
     * @param instances instances per size, at least 1
     * @param efforts AutoNEB's budgets, each &gt; 0, at least one ({@link #join(Parameters, double[],
     *     ProgressListener)})
     * @param progress told of the points done, or null
     * @return columns {@code n, instance} (a long: the coupling seed), then {@link #pathTable}'s, the straight path
     *     then AutoNEB at each effort for each point; {@link #summary(Table)} and {@link #profiles(Table)} read it
     */
    public static Table sweep(Parameters base, int[] sizes, int instances, double[] efforts,
                              ProgressListener progress) {
        Require.atLeast("instances", instances, 1);
        double[] budgets = efforts.clone();
        Grid grid = Grid.of(Axis.of("n", java.util.Arrays.stream(sizes).boxed().toArray()),
                Axis.range("instance", base.instance(), base.instance() + instances - 1));
        Table t = Sweep.over(grid).progress(progress).run(point -> {
            Rows rows = Rows.of("paths");
            for (Result r : join(base.toBuilder().n(point.intValue("n")).instance(point.longValue("instance")).build(),
                    budgets, null)) {
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
     * @return columns {@code n, instance, method, effort, overlap, images, start, end, saddle, barrier,
     *     barrier_above_linear, relative_length}
     */
    public static Table summary(Table sweep) {
        return PathSummary.summaryRows(sweep, "t", "energy").setName("barriers");
    }

    /**
     * The energy profiles of a {@link #sweep}, stacked.
     *
     * @param sweep a table from {@link #sweep}
     * @return columns {@code n, instance, method, effort, t, energy}
     */
    public static Table profiles(Table sweep) {
        return PathSummary.profileRows(sweep, "n", "instance", "method", "effort", "t", "energy").setName("profiles");
    }
}
