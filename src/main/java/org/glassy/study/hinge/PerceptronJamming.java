package org.glassy.study.hinge;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.first;
import static tech.tablesaw.aggregate.AggregateFunctions.max;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.min;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.SplitMix64;
import org.glassy.data.Dataset;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.HalvingDescent;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.HingeLoss;
import org.glassy.observable.Aggregates;
import org.glassy.observable.Rows;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Point;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The SAT/UNSAT (jamming) transition of the spherical perceptron: P = αN Gaussian patterns with
 * random ±1 labels, the hinge loss of {@link HingePerceptron} minimised on the sphere |w|² = N from
 * a random start. Below the jamming point the final loss is zero (SAT); above it the loss stays
 * positive (UNSAT). For κ ≥ 0 the problem of satisfying every constraint is convex and the
 * jamming point is the Gardner capacity α_c(κ) ({@link GardnerCapacity}); jamming there is
 * hypostatic (fewer contacts than N) and not critical. For κ &lt; 0 it is not convex, the
 * replica-symmetric α_c(κ) is not the transition, and jamming is isostatic (N contacts) and
 * critical, with the gap and force exponents of sphere jamming: S. Franz and G. Parisi, J. Phys. A
 * 49, 145001 (2016); S. Franz, G. Parisi, M. Sevelev, P. Urbani and F. Zamponi, SciPost Phys. 2, 019
 * (2017); for the linear hinge in the UNSAT phase S. Franz, A. Sclocchi and P. Urbani, Phys. Rev.
 * Lett. 123, 115702 (2019), arXiv:1902.08243. The same transition in deep networks is M. Geiger et
 * al., Phys. Rev. E 100, 012115 (2019).
 *
 * <p>An instance is one sequence of random patterns per seed; the problem at load α is its first
 * P = round(αN) patterns, so the loads of an instance are nested ({@link JammingThresholds}).
 *
 * <p>The minimiser has two stages, both through the run loop. (1) {@link HalvingDescent} on the
 * sphere: projected gradient descent w ← retract(w − dt P∇E) with a fixed step, for the linear
 * hinge a first move of {@link #STEP_FRACTION} of |w| = √N, for the quadratic hinge
 * dt = 1/(1 + √α)², below the stability limit 2/λ_max of its Hessian; every window of steps the best
 * loss so far is compared with its value a window earlier, a stall (relative decrease below the
 * tolerance) halves the step, and the last allowed stall stops it. It stops at once when the loss
 * reaches zero (SAT; the linear hinge gets there in finite time). (2) For the linear hinge, if the
 * loss is still positive, {@link ActiveSetDescent} from the descent's best point: an exact descent
 * over the faces of the piecewise-linear loss that ends where the force balance
 * Σ_V ξ_μ + Σ_C f_μ ξ_μ = λ w holds with every contact force 0 ≤ f_μ ≤ 1, a local minimum,
 * with the contacts at h_μ = κ to round-off. A fixed-step descent alone chatters across the kinks
 * of the linear hinge and stops above the minimum, with its contacts smeared over |h_μ − κ| ~ 10⁻³.
 *
 * <p>The stopping rule, reported as {@link Result#converged()}: the loss reached zero; or (linear
 * hinge) the force balance holds with forces in [−10⁻⁹, 1 + 10⁻⁹]; or (quadratic hinge) the
 * descent stalled after its last halving. A run cut by {@link Parameters#steps()} has not
 * converged.
 */
public final class PerceptronJamming {

    /** The loss per pattern below which an instance counts as SAT (the quadratic hinge only tends to 0). */
    public static final double SAT_LOSS = 1e-20;

    /** The first step moves w by this fraction of its norm √N. */
    public static final double STEP_FRACTION = 0.02;

    /** The default cap on the number of steps (both stages together). */
    public static final long DEFAULT_STEPS = 1_000_000;

    /** Linear hinge: steps per stall check of the descent before the exact stage. */
    static final int LINEAR_WINDOW = 500;
    /** Linear hinge: relative decrease per window below which the descent stalls. */
    static final double LINEAR_TOLERANCE = 1e-3;
    /** Linear hinge: halvings before the descent hands over to the exact stage. */
    static final int LINEAR_HALVINGS = 1;
    /** Quadratic hinge (descent only): steps per stall check. */
    static final int QUADRATIC_WINDOW = 1000;
    /** Quadratic hinge: relative decrease per window below which the descent stalls. */
    static final double QUADRATIC_TOLERANCE = 1e-10;
    /** Quadratic hinge: halvings before the descent stops. */
    static final int QUADRATIC_HALVINGS = 3;

    /**
     * One minimisation; past six fields, build it with {@link #builder()}.
     *
     * @param alpha the load α = P/N, &gt; 0 (P = round(αN) ≥ 1)
     * @param kappa the margin κ, finite (κ &lt; 0: the non-convex perceptron)
     * @param n the dimension N, at least 2
     * @param seed the seed of the patterns and labels (the instance) and of the starts
     * @param start which random initial point of the instance, ≥ 0 (several starts of one instance
     *     probe the landscape's local minima)
     * @param loss the hinge cost
     * @param steps the largest number of steps, at least 1
     */
    public record Parameters(double alpha, double kappa, int n, long seed, int start, HingeLoss loss, long steps) {

        /**
         * Validates the parameters.
         *
         * @param alpha the load α = P/N, &gt; 0
         * @param kappa the margin κ, finite
         * @param n the dimension N, at least 2
         * @param seed the seed
         * @param start the start, ≥ 0
         * @param loss the hinge cost
         * @param steps the largest number of steps, at least 1
         */
        public Parameters {
            Require.positive("alpha", alpha);
            Require.finite("kappa", kappa);
            Require.atLeast("n", n, 2);
            Require.atLeast("start", start, 0);
            Objects.requireNonNull(loss, "loss");
            Require.atLeast("steps", steps, 1);
            if (Math.round(alpha * n) < 1 || alpha * n > (Integer.MAX_VALUE - 8.0) / n) {
                throw Require.invalid("alpha", "must give 1 <= P = alpha·n <= (2^31 - 9)/n patterns, got alpha = "
                        + alpha + " for n = " + n);
            }
        }

        /**
         * The parameters with the linear hinge, the first start and the default step cap.
         *
         * @param alpha the load α, &gt; 0
         * @param kappa the margin κ
         * @param n the dimension N, at least 2
         * @param seed the seed
         */
        public Parameters(double alpha, double kappa, int n, long seed) {
            this(alpha, kappa, n, seed, 0, HingeLoss.LINEAR, DEFAULT_STEPS);
        }

        /** @return the number of patterns P = round(αN) */
        public int patterns() {
            return (int) Math.round(alpha * n);
        }

        /**
         * The estimated heap of a run: the P patterns of n inputs, 8 P n bytes, the exact stage's
         * factorisation of the contacts, 16 n² bytes, and a few vectors of P and n.
         *
         * @return the bytes
         */
        public double bytes() {
            return 8.0 * patterns() * n + 16.0 * n * n + 64.0 * patterns() + 80.0 * n;
        }

        /**
         * The estimated work of a run: at most {@code steps} steps, each at most a few passes over the
         * patterns, 2 P n multiply–adds each, and O(n²) for the exact stage's factorisation.
         *
         * @return the operations
         */
        public double operations() {
            return 2.0 * steps * (patterns() * (double) n + 3.0 * n * n);
        }

        /**
         * Checks, before anything is allocated, that the run fits this JVM's heap (naming {@code n}) and the
         * bound on work (naming {@code steps}); {@link PerceptronJamming#minimise(Parameters, ProgressListener)}
         * calls it first.
         *
         * @throws IllegalArgumentException naming the parameter otherwise
         */
        public void requireResources() {
            Resources.requireMemory("n", bytes(), patterns() + " patterns of " + n + " inputs");
            Resources.requireWork("steps", operations(), "up to " + Resources.count(steps) + " steps over "
                    + patterns() + " patterns of " + n + " inputs");
        }

        /**
         * A builder with the first start, the linear hinge and the default step cap; alpha, kappa, n and seed
         * must be set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters, to change some of them */
        public Builder toBuilder() {
            return builder().alpha(alpha).kappa(kappa).n(n).seed(seed).start(start).loss(loss).steps(steps);
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private Double alpha;
            private Double kappa;
            private Integer n;
            private Long seed;
            private int start;
            private HingeLoss loss = HingeLoss.LINEAR;
            private long steps = DEFAULT_STEPS;

            private Builder() {
            }

            /**
             * @param value the load α = P/N
             * @return this builder
             */
            public Builder alpha(double value) {
                alpha = value;
                return this;
            }

            /**
             * @param value the margin κ
             * @return this builder
             */
            public Builder kappa(double value) {
                kappa = value;
                return this;
            }

            /**
             * @param value the dimension N
             * @return this builder
             */
            public Builder n(int value) {
                n = value;
                return this;
            }

            /**
             * @param value the seed of the instance and its starts
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value which random initial point, ≥ 0
             * @return this builder
             */
            public Builder start(int value) {
                start = value;
                return this;
            }

            /**
             * @param value the hinge cost
             * @return this builder
             */
            public Builder loss(HingeLoss value) {
                loss = value;
                return this;
            }

            /**
             * @param value the largest number of steps
             * @return this builder
             */
            public Builder steps(long value) {
                steps = value;
                return this;
            }

            /**
             * @return the parameters
             * @throws IllegalStateException if alpha, kappa, n or seed was not set
             * @throws IllegalArgumentException if a parameter is out of range
             */
            public Parameters build() {
                return new Parameters(Require.given("alpha", alpha), Require.given("kappa", kappa),
                        Require.given("n", n), Require.given("seed", seed), start, loss, steps);
            }
        }
    }

    /**
     * The end of a minimisation.
     *
     * @param kappa the margin κ
     * @param weights the final w, on the sphere |w|² = N
     * @param finalLoss the loss per pattern E/P at the end
     * @param stabilities the final h_μ = y_μ w·x_μ/√N of all patterns
     * @param forces the final force on each constraint, ℓ′ at its gap for the quadratic hinge, and for the
     *     linear hinge 1 on a violated constraint, 0 on a satisfied one and the force-balance value f_μ on a
     *     contact (all NaN when the linear hinge reached zero loss or stopped before its force balance)
     * @param descentLoss the loss per pattern at the end of the gradient descent, before the exact stage
     * @param descentStabilities the h_μ at the end of the gradient descent
     * @param steps the number of steps taken, both stages
     * @param converged whether the run stopped by the stopping rule (see the class comment), not by the step cap
     */
    public record Result(double kappa, double[] weights, double finalLoss, double[] stabilities, double[] forces, double descentLoss,
                         double[] descentStabilities, long steps, boolean converged) {

        /**
         * The final constraints sorted with a tolerance ε.
         *
         * @param tolerance ε ≥ 0, e.g. {@link ConstraintCounts#DEFAULT_TOLERANCE}
         * @return the counts
         */
        public ConstraintCounts counts(double tolerance) {
            return ConstraintCounts.of(stabilities, kappa, tolerance);
        }

        /** @return whether the loss reached zero (below {@link #SAT_LOSS} per pattern) */
        public boolean sat() {
            return finalLoss < SAT_LOSS;
        }
    }

    private PerceptronJamming() {
    }

    /**
     * Minimises the loss (see the class comment).
     *
     * @param parameters the problem and the step cap
     * @return the final loss, stabilities, forces, steps and whether it converged
     */
    public static Result minimise(Parameters parameters) {
        return minimise(parameters, null);
    }

    /**
     * Minimises the loss, reporting progress (the energy is the total loss, P times the loss per pattern).
     *
     * @param parameters the problem and the step cap
     * @param progress told about every percent of {@code steps}, or null
     * @return the final loss, stabilities, forces, steps and whether it converged
     * @throws IllegalArgumentException if the run needs more memory or work than
     *     {@link Parameters#requireResources()} allows
     */
    public static Result minimise(Parameters parameters, ProgressListener progress) {
        parameters.requireResources();
        Dataset patterns = instance(parameters.seed(), parameters.patterns(), parameters.n());
        HingePerceptron model = new HingePerceptron(patterns, parameters.kappa(), parameters.loss());
        return minimise(model, start(parameters.seed(), parameters.start(), parameters.n()), parameters.alpha(),
                parameters.steps(), parameters.seed(), progress);
    }

    /**
     * The first P patterns of the instance with this seed: one sequence (x_μ, y_μ), μ = 1, 2, …, of
     * N i.i.d. N(0, 1) inputs and a label ±1 with probability ½ each, drawn pattern after pattern, so
     * that the loads of one instance are nested (its first P patterns are the same whatever P).
     */
    static Dataset instance(long seed, int patterns, int n) {
        SplittableRandom random = new SplittableRandom(new SplittableRandom(seed).nextLong());
        double[] x = new double[patterns * n];
        int[] y = new int[patterns];
        for (int mu = 0; mu < patterns; mu++) {
            for (int i = 0; i < n; i++) {
                x[mu * n + i] = random.nextGaussian();
            }
            y[mu] = random.nextBoolean() ? 1 : 0;
        }
        return new Dataset("random patterns N=" + n + ", seed " + seed, patterns, n, 2, x, y);
    }

    /** Start s of the instance with this seed, uniform on the sphere; start 0 is the one drawn before starts existed. */
    static double[] start(long seed, int start, int n) {
        SplittableRandom seeds = new SplittableRandom(seed);
        seeds.nextLong();
        long first = seeds.nextLong();
        return Sphere.randomPoint(n, start == 0 ? first : new SplitMix64(first + start).nextLong());
    }

    /** The two stages of the class comment on one model, from w0. */
    static Result minimise(HingePerceptron model, double[] w0, double alpha, long steps, long seed,
                           ProgressListener progress) {
        int n = model.dimension();
        int p = model.patternCount();
        // linear hinge: a first move of STEP_FRACTION·√N; quadratic hinge: below 2/λ_max of its
        // Hessian Σ_{violated} x xᵀ/N, whose spectrum ends at (1 + √α)² (Marchenko–Pastur)
        boolean linear = model.loss() == HingeLoss.LINEAR;
        HalvingDescent rule = linear
                ? new HalvingDescent(STEP_FRACTION * Math.sqrt(n), true, LINEAR_WINDOW, LINEAR_TOLERANCE,
                        LINEAR_HALVINGS, SAT_LOSS * p)
                : new HalvingDescent(1 / Math.pow(1 + Math.sqrt(alpha), 2), false, QUADRATIC_WINDOW,
                        QUADRATIC_TOLERANCE, QUADRATIC_HALVINGS, SAT_LOSS * p);
        var descent = Dynamics.of(model, rule).space(Space.sphere()).seed(seed).steps(steps).progress(progress)
                .run(w0);
        double[] w = descent.state().best();
        double descentLoss = descent.state().bestEnergy() / p;
        double[] nan = new double[p];
        Arrays.fill(nan, Double.NaN);
        double[] h = model.stabilities(w);
        if (descentLoss < SAT_LOSS) {
            return new Result(model.kappa(), w, descentLoss, h, nan, descentLoss, h, descent.steps(), true);
        }
        if (!linear) {
            double[] forces = new double[p];
            for (int mu = 0; mu < p; mu++) {
                forces[mu] = model.loss().slope(model.kappa() - h[mu]);
            }
            return new Result(model.kappa(), w, descentLoss, h, forces, descentLoss, h, descent.steps(),
                    descent.state().converged());
        }
        long left = steps - descent.steps();
        if (left < 1) {
            return new Result(model.kappa(), w, descentLoss, h, nan, descentLoss, h, descent.steps(), false);
        }
        long done = descent.steps();
        ProgressListener shifted = progress == null ? null
                : (step, total, time, energy) -> progress.progress(done + step, steps, done + time, energy);
        var exact = Dynamics.of(model, new ActiveSetDescent()).space(Space.sphere()).seed(seed).steps(left)
                .progress(shifted).run(w);
        ActiveSetDescent.State end = exact.state();
        boolean converged = end.converged();
        return new Result(model.kappa(), end.position(), end.energy() / p, model.stabilities(end.position()),
                converged && end.energy() > 0 ? end.forces().clone() : nan, descentLoss, h, done + exact.steps(),
                converged);
    }

    /**
     * Every minimisation of a sweep over margins and loads: the long table that {@link #sweep}
     * averages. The minimisations are a {@link Sweep} over {@code kappa × load × instance} on all cores
     * (load the fraction of α_c(κ), the replica-symmetric value for κ &lt; 0); each draws its patterns,
     * labels and start from its point's seed ({@link Point#seed}), so its result does not depend on the
     * other loads swept nor on the workers. Constraints are counted with the tolerance
     * {@link ConstraintCounts#DEFAULT_TOLERANCE}.
     *
     * @param kappas the margins κ, distinct
     * @param alphaOverCapacity the loads as fractions of α_c(κ), distinct
     * @param n the dimension N
     * @param loss the hinge cost
     * @param samples instances per point, at least 1
     * @param seed the seed
     * @return columns {@code curve, kappa, alpha_c, load, alpha, alpha_over_alpha_c, instance,
     *     final_loss, unsat_fraction, contact_fraction, contacts_per_n, sat, converged}: {@code load} is the
     *     index of the load in {@code alphaOverCapacity}, {@code instance} counts from 0 at each load,
     *     {@code unsat_fraction} is the fraction of constraints with h &lt; κ − ε, {@code contact_fraction}
     *     of those with |h − κ| ≤ ε, {@code contacts_per_n} their number over N, {@code sat} is 1 if the
     *     instance reached zero loss (below 10⁻²⁰ per pattern), else 0, {@code converged} 1 if the run
     *     stopped by the stopping rule
     */
    public static Table instances(double[] kappas, double[] alphaOverCapacity, int n, HingeLoss loss, int samples,
                                  long seed) {
        Require.atLeast("samples", samples, 1);
        Grid grid = Grid.of(Axis.of("kappa", Arrays.stream(kappas).boxed().toArray()),
                Axis.of("alpha_over_alpha_c", Arrays.stream(alphaOverCapacity).boxed().toArray()),
                Axis.range("instance", 0, samples - 1));
        Table runs = Sweep.over(grid).run(point -> {
            double kappa = kappas[index(kappas, point.doubleValue("kappa"))];
            int load = index(alphaOverCapacity, point.doubleValue("alpha_over_alpha_c"));
            double alpha = alphaOverCapacity[load] * GardnerCapacity.alphaC(kappa);
            Result r = minimise(Parameters.builder().alpha(alpha).kappa(kappa).n(n).seed(point.seed(seed)).loss(loss)
                    .build());
            ConstraintCounts counts = r.counts(ConstraintCounts.DEFAULT_TOLERANCE);
            return Table.create("minimisation", IntColumn.create("load", new int[] {load}),
                    DoubleColumn.create("alpha", new double[] {alpha}),
                    DoubleColumn.create("final_loss", new double[] {r.finalLoss()}),
                    DoubleColumn.create("unsat_fraction", new double[] {counts.violatedFraction()}),
                    DoubleColumn.create("contact_fraction", new double[] {counts.contactFraction()}),
                    DoubleColumn.create("contacts_per_n", new double[] {(double) counts.contacts() / n}),
                    DoubleColumn.create("sat", new double[] {r.sat() ? 1 : 0}),
                    DoubleColumn.create("converged", new double[] {r.converged() ? 1 : 0}));
        });
        Rows rows = Rows.of("perceptron minimisations", StringColumn.create("curve"), DoubleColumn.create("kappa"),
                DoubleColumn.create("alpha_c"), IntColumn.create("load"), DoubleColumn.create("alpha"),
                DoubleColumn.create("alpha_over_alpha_c"), IntColumn.create("instance"),
                DoubleColumn.create("final_loss"), DoubleColumn.create("unsat_fraction"),
                DoubleColumn.create("contact_fraction"), DoubleColumn.create("contacts_per_n"),
                DoubleColumn.create("sat"), DoubleColumn.create("converged"));
        for (int r = 0; r < runs.rowCount(); r++) {
            int load = runs.intColumn("load").get(r);
            double kappa = kappas[index(kappas, runs.numberColumn("kappa").getDouble(r))];
            rows.add("κ = " + kappa, kappa, GardnerCapacity.alphaC(kappa), load, runs.doubleColumn("alpha").get(r),
                    alphaOverCapacity[load], runs.intColumn("instance").get(r), runs.doubleColumn("final_loss").get(r),
                    runs.doubleColumn("unsat_fraction").get(r), runs.doubleColumn("contact_fraction").get(r),
                    runs.doubleColumn("contacts_per_n").get(r), runs.doubleColumn("sat").get(r),
                    runs.doubleColumn("converged").get(r));
        }
        return rows.table();
    }

    /** The position of a value (as the sweep wrote and read it back) in the caller's array. */
    private static int index(double[] values, double value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("no value " + value + " in " + Arrays.toString(values));
    }

    /**
     * Final loss, unsatisfied fraction and contacts against α for several margins: the jamming
     * transition, with α_c(κ) for reference. Each point is the mean over {@code samples} instances of
     * {@link #instances}, grouped by Tablesaw, with the standard errors of the means.
     *
     * @param kappas the margins κ
     * @param alphaOverCapacity the loads as fractions of α_c(κ)
     * @param n the dimension N
     * @param loss the hinge cost
     * @param samples instances per point, at least 1
     * @param seed the seed
     * @return columns {@code curve, kappa, alpha_c, alpha, alpha_over_alpha_c, final_loss, unsat_fraction,
     *     contact_fraction, contacts_per_n, sat_fraction, converged_fraction, samples, final_loss_se,
     *     unsat_fraction_se, contacts_per_n_se}: means over the instances (counts with the tolerance
     *     {@link ConstraintCounts#DEFAULT_TOLERANCE}), the fraction of instances that reached zero loss
     *     and that converged, and the standard errors of three means (NaN for one instance)
     */
    public static Table sweep(double[] kappas, double[] alphaOverCapacity, int n, HingeLoss loss, int samples,
                              long seed) {
        Table all = instances(kappas, alphaOverCapacity, n, loss, samples, seed);
        List<String> averaged = List.of("final_loss", "unsat_fraction", "contact_fraction", "contacts_per_n", "sat",
                "converged");
        List<String> withErrors = List.of("final_loss", "unsat_fraction", "contacts_per_n");
        List<String> keys = List.of("kappa", "alpha_c", "alpha", "alpha_over_alpha_c");
        Table points = all.summarize(keys, first).by("curve", "load");
        Table means = all.summarize(averaged, mean, count).by("curve", "load");
        Table errors = all.summarize(withErrors, Aggregates.standardError()).by("curve", "load");
        for (String column : keys) {
            points.column("First [" + column + "]").setName(column);
        }
        for (String column : averaged) {
            String name = column.equals("sat") ? "sat_fraction" : column.equals("converged") ? "converged_fraction"
                    : column;
            points.addColumns(means.doubleColumn("Mean [" + column + "]").copy().setName(name));
        }
        points.addColumns(means.doubleColumn("Count [sat]").asIntColumn().setName("samples"));
        for (String column : withErrors) {
            points.addColumns(errors.doubleColumn("Std. Error [" + column + "]").copy().setName(column + "_se"));
        }
        return points.selectColumns("curve", "kappa", "alpha_c", "alpha", "alpha_over_alpha_c", "final_loss",
                "unsat_fraction", "contact_fraction", "contacts_per_n", "sat_fraction", "converged_fraction", "samples",
                "final_loss_se", "unsat_fraction_se", "contacts_per_n_se")
                .setName("perceptron SAT/UNSAT transition");
    }

    /**
     * One column of a {@link #sweep} against α, one curve per κ, with a vertical line at each
     * Gardner capacity α_c(κ) from 0 to the column's largest value: the chart of the jamming
     * transition.
     *
     * @param sweep a table from {@link #sweep}
     * @param column the column to draw, e.g. {@code final_loss}
     * @return columns {@code curve, alpha, value}, and {@code value_se} (NaN on the vertical lines) when the sweep
     *     has the column's standard error {@code <column>_se}
     */
    public static Table againstAlpha(Table sweep, String column) {
        boolean errors = sweep.columnNames().contains(column + "_se");
        Table points = errors ? sweep.selectColumns("curve", "alpha", column, column + "_se")
                : sweep.selectColumns("curve", "alpha", column);
        points.column(column).setName("value");
        if (errors) {
            points.column(column + "_se").setName("value_se");
        }
        Rows table = Rows.of(column + " against α").addAll(points);
        double top = sweep.doubleColumn(column).max();
        Table capacities = sweep.summarize("alpha_c", first).by("curve");
        for (int r = 0; r < capacities.rowCount(); r++) {
            double alphaC = capacities.doubleColumn("First [alpha_c]").getDouble(r);
            String curve = String.format(Locale.ROOT, "Gardner α_c, %s: %.4f", capacities.stringColumn("curve").get(r),
                    alphaC);
            if (errors) {
                table.add(curve, alphaC, 0, Double.NaN).add(curve, alphaC, top, Double.NaN);
            } else {
                table.add(curve, alphaC, 0).add(curve, alphaC, top);
            }
        }
        return table.table();
    }

    /**
     * Where the final loss departs from zero, for each κ of a {@link #sweep}: the largest load at
     * which every instance was SAT and the smallest at which none was, in units of α_c(κ).
     *
     * @param sweep a table from {@link #sweep}
     * @return columns {@code kappa, alpha_c, last_all_sat, first_all_unsat} (NaN when no such load
     *     was swept), one row per curve
     */
    public static Table departure(Table sweep) {
        Table curves = sweep.summarize("kappa", "alpha_c", first).by("curve");
        Table allSat = sweep.where(sweep.doubleColumn("sat_fraction").isEqualTo(1))
                .summarize("alpha_over_alpha_c", max).by("curve");
        Table noneSat = sweep.where(sweep.doubleColumn("sat_fraction").isEqualTo(0))
                .summarize("alpha_over_alpha_c", min).by("curve");
        Table t = curves.joinOn("curve").leftOuter(allSat, noneSat);
        t.column("First [kappa]").setName("kappa");
        t.column("First [alpha_c]").setName("alpha_c");
        t.column("Max [alpha_over_alpha_c]").setName("last_all_sat");
        t.column("Min [alpha_over_alpha_c]").setName("first_all_unsat");
        return t.selectColumns("kappa", "alpha_c", "last_all_sat", "first_all_unsat")
                .setName("where the loss departs from zero");
    }

    /**
     * How the counts of violated constraints and contacts depend on the tolerance ε, at the end of the
     * gradient descent and at the converged minimum: they mean something only where they do not.
     *
     * @param result a minimisation
     * @param tolerances the tolerances ε ≥ 0 (0: the strict count h &lt; κ)
     * @return columns {@code stage} ("gradient descent", "converged"), {@code tolerance} (ε as text, "0 (strict)"
     *     for 0), {@code loss} (per pattern), {@code violated}, {@code contacts}, {@code unsat_fraction}
     *     (violated/P), {@code contact_fraction} (contacts/P)
     */
    public static Table counts(Result result, double... tolerances) {
        Rows rows = Rows.of("constraint counts", StringColumn.create("stage"), StringColumn.create("tolerance"),
                DoubleColumn.create("loss"), IntColumn.create("violated"), IntColumn.create("contacts"),
                DoubleColumn.create("unsat_fraction"), DoubleColumn.create("contact_fraction"));
        for (int stage = 0; stage < 2; stage++) {
            double[] h = stage == 0 ? result.descentStabilities() : result.stabilities();
            for (double tolerance : tolerances) {
                ConstraintCounts c = ConstraintCounts.of(h, result.kappa(), tolerance);
                rows.add(stage == 0 ? "gradient descent" : "converged",
                        tolerance == 0 ? "0 (strict)" : String.format(Locale.ROOT, "%.0e", tolerance),
                        stage == 0 ? result.descentLoss() : result.finalLoss(), c.violated(), c.contacts(),
                        c.violatedFraction(), c.contactFraction());
            }
        }
        return rows.table();
    }

    /**
     * Several starts on each of several instances at one load: how far the minimiser's end depends on
     * where it starts (a convex problem has one minimum; a glassy one many) compared with how much it
     * differs between instances. The runs are a {@link Sweep} over {@code instance × start} on all
     * cores; instance i draws its patterns from a seed made from {@code seed} and i, shared by its starts.
     *
     * @param kappa the margin κ
     * @param alpha the load α
     * @param n the dimension N
     * @param instances the instances, at least 1
     * @param starts the starts per instance, at least 1
     * @param seed the seed
     * @return columns {@code instance, start, final_loss, descent_loss, unsat_fraction, contacts_per_n,
     *     converged, steps} (counts with {@link ConstraintCounts#DEFAULT_TOLERANCE}; converged 1 or 0)
     */
    public static Table starts(double kappa, double alpha, int n, int instances, int starts, long seed) {
        Require.atLeast("instances", instances, 1);
        Require.atLeast("starts", starts, 1);
        Grid grid = Grid.of(Axis.range("instance", 0, instances - 1), Axis.range("start", 0, starts - 1));
        Table runs = Sweep.over(grid).run(point -> {
            Result r = minimise(Parameters.builder().alpha(alpha).kappa(kappa).n(n)
                    .seed(instanceSeed(seed, point.intValue("instance"))).start(point.intValue("start")).build());
            ConstraintCounts c = r.counts(ConstraintCounts.DEFAULT_TOLERANCE);
            return Table.create("start", DoubleColumn.create("final_loss", new double[] {r.finalLoss()}),
                    DoubleColumn.create("descent_loss", new double[] {r.descentLoss()}),
                    DoubleColumn.create("unsat_fraction", new double[] {c.violatedFraction()}),
                    DoubleColumn.create("contacts_per_n", new double[] {(double) c.contacts() / n}),
                    DoubleColumn.create("converged", new double[] {r.converged() ? 1 : 0}),
                    DoubleColumn.create("steps", new double[] {r.steps()}));
        });
        Table t = Table.create("starts, κ = " + kappa + ", α = " + alpha + ", N = " + n,
                runs.intColumn("instance").copy(), runs.intColumn("start").copy());
        for (String column : List.of("final_loss", "descent_loss", "unsat_fraction", "contacts_per_n", "converged",
                "steps")) {
            t.addColumns(runs.doubleColumn(column).copy());
        }
        return t.sortOn("instance", "start");
    }

    /**
     * The spread of a {@link #starts} table: per instance the mean final loss and its relative spread
     * over the starts, (max − min)/mean, and the range of contacts per N; then one row "between instances"
     * with the standard deviation of the instances' mean losses relative to their mean.
     *
     * @param starts a table from {@link #starts}
     * @return columns {@code instance} (a number, or "between instances"), {@code final_loss},
     *     {@code relative_spread}, {@code min_contacts_per_n}, {@code max_contacts_per_n}, {@code converged}
     *     (the fraction of converged runs)
     */
    public static Table startSpread(Table starts) {
        Table by = starts.summarize("final_loss", mean, min, max).by("instance");
        Table contacts = starts.summarize("contacts_per_n", min, max).by("instance");
        Table converged = starts.summarize("converged", mean).by("instance");
        Rows rows = Rows.of("spread over starts and instances", StringColumn.create("instance"),
                DoubleColumn.create("final_loss"), DoubleColumn.create("relative_spread"),
                DoubleColumn.create("min_contacts_per_n"), DoubleColumn.create("max_contacts_per_n"),
                DoubleColumn.create("converged"));
        double[] means = by.doubleColumn("Mean [final_loss]").asDoubleArray();
        for (int r = 0; r < by.rowCount(); r++) {
            double m = means[r];
            rows.add(String.valueOf(by.intColumn("instance").get(r)), m,
                    m > 0 ? (by.doubleColumn("Max [final_loss]").get(r) - by.doubleColumn("Min [final_loss]").get(r)) / m
                            : 0.0,
                    contacts.doubleColumn("Min [contacts_per_n]").get(r), contacts.doubleColumn("Max [contacts_per_n]").get(r),
                    converged.doubleColumn("Mean [converged]").get(r));
        }
        double grand = Arrays.stream(means).average().orElse(Double.NaN);
        double var = 0;
        for (double m : means) {
            var += (m - grand) * (m - grand);
        }
        double sd = means.length > 1 ? Math.sqrt(var / (means.length - 1)) : Double.NaN;
        rows.add("between instances", grand, grand > 0 ? sd / grand : Double.NaN,
                starts.doubleColumn("contacts_per_n").min(), starts.doubleColumn("contacts_per_n").max(),
                starts.doubleColumn("converged").mean());
        return rows.table();
    }

    /** The seed of instance i of a study with this seed. */
    static long instanceSeed(long seed, int instance) {
        return new SplitMix64(seed ^ (0x9E3779B97F4A7C15L * (instance + 1L))).nextLong();
    }
}
