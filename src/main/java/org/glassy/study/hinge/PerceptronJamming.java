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

import org.glassy.data.LinearTeacher;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.HalvingDescent;
import org.glassy.core.ProgressListener;
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
 * a random start. Below the Gardner capacity α_c(κ) ({@link GardnerCapacity}) the final loss is
 * zero (SAT); above it the loss and the fraction of unsatisfied constraints stay positive (UNSAT).
 * S. Franz and G. Parisi, J. Phys. A 49, 145001 (2016); for the linear hinge S. Franz et al.,
 * arXiv:1902.08243; the same transition in deep networks is M. Geiger et al., Phys. Rev. E 100,
 * 012115 (2019).
 *
 * <p>The minimiser is {@link HalvingDescent} on the sphere through the run loop: projected
 * gradient descent w ← retract(w − dt P∇E) with a fixed step dt: for the linear hinge the first
 * move is {@link #STEP_FRACTION} of |w| = √N, for the quadratic hinge dt = 1/(1 + √α)², below the
 * stability limit 2/λ_max of its Hessian. Every {@link #WINDOW} steps the best loss so far is
 * compared with its value a window earlier; if it has decreased by a relative amount below
 * {@link #RELATIVE_TOLERANCE} the run restarts from the best point with half the step (a fixed step
 * chatters across the kinks of the linear hinge), and after {@link #MAX_HALVINGS} halvings it
 * stops: the loss has stopped decreasing. It also stops when the loss per pattern is at most
 * {@link #SAT_LOSS} (exactly zero for the linear hinge, which gets there in finite time; the
 * quadratic hinge only decays towards it) or after {@link Parameters#steps()} steps, and returns
 * the best point.
 */
public final class PerceptronJamming {

    /** The relative decrease below which the loss counts as having stopped decreasing. */
    public static final double RELATIVE_TOLERANCE = 1e-10;

    /** The loss per pattern below which an instance counts as SAT (the quadratic hinge only tends to 0). */
    public static final double SAT_LOSS = 1e-20;

    /** The first step moves w by this fraction of its norm √N. */
    public static final double STEP_FRACTION = 0.02;

    /** The number of steps over which the relative decrease of the loss is measured. */
    public static final int WINDOW = 1000;

    /** How many times a stalled run halves its step before it stops. */
    public static final int MAX_HALVINGS = 3;

    /** The default cap on the number of steps. */
    public static final long DEFAULT_STEPS = 1_000_000;

    /**
     * One minimisation.
     *
     * @param alpha the load α = P/N, &gt; 0 (P = round(αN) ≥ 1)
     * @param kappa the margin κ, finite
     * @param n the dimension N, at least 2
     * @param seed the seed of patterns, labels and start
     * @param loss the hinge cost
     * @param steps the largest number of steps, at least 1
     */
    public record Parameters(double alpha, double kappa, int n, long seed, HingeLoss loss, long steps) {

        /**
         * Validates the parameters.
         *
         * @param alpha the load α = P/N, &gt; 0
         * @param kappa the margin κ, finite
         * @param n the dimension N, at least 2
         * @param seed the seed
         * @param loss the hinge cost
         * @param steps the largest number of steps, at least 1
         */
        public Parameters {
            Require.positive("alpha", alpha);
            Require.finite("kappa", kappa);
            Require.atLeast("n", n, 2);
            Objects.requireNonNull(loss, "loss");
            Require.atLeast("steps", steps, 1);
            if (Math.round(alpha * n) < 1 || alpha * n > (Integer.MAX_VALUE - 8.0) / n) {
                throw Require.invalid("alpha", "must give 1 <= P = alpha·n <= (2^31 - 9)/n patterns, got alpha = "
                        + alpha + " for n = " + n);
            }
        }

        /**
         * The parameters with the linear hinge and the default step cap.
         *
         * @param alpha the load α, &gt; 0
         * @param kappa the margin κ
         * @param n the dimension N, at least 2
         * @param seed the seed
         */
        public Parameters(double alpha, double kappa, int n, long seed) {
            this(alpha, kappa, n, seed, HingeLoss.LINEAR, DEFAULT_STEPS);
        }

        /** @return the number of patterns P = round(αN) */
        public int patterns() {
            return (int) Math.round(alpha * n);
        }

        /**
         * The estimated heap of a run: the P patterns of n inputs, 8 P n bytes, and a few vectors of P and n.
         *
         * @return the bytes
         */
        public double bytes() {
            return 8.0 * patterns() * n + 64.0 * patterns() + 80.0 * n;
        }

        /**
         * The estimated work of a run: at most {@code steps} steps of a pass over the patterns, 2 P n
         * multiply–adds each.
         *
         * @return the operations
         */
        public double operations() {
            return 2.0 * steps * patterns() * n;
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
    }

    /**
     * The end of a minimisation.
     *
     * @param finalLoss the loss per pattern E/P at the end
     * @param unsatisfiedFraction the fraction of patterns with h_μ &lt; κ at the end
     * @param steps the number of steps taken (accepted and rejected)
     * @param stabilities the final h_μ = y_μ w·x_μ/√N of all patterns
     */
    public record Result(double finalLoss, double unsatisfiedFraction, long steps, double[] stabilities) {
    }

    private PerceptronJamming() {
    }

    /**
     * Minimises the loss (see the class comment).
     *
     * @param parameters the problem and the step cap
     * @return the final loss, unsatisfied fraction, steps and stabilities
     */
    public static Result minimise(Parameters parameters) {
        return minimise(parameters, null);
    }

    /**
     * Minimises the loss, reporting progress (the energy is the total loss, P times the loss per pattern).
     *
     * @param parameters the problem and the step cap
     * @param progress told about every percent of {@code steps}, or null
     * @return the final loss, unsatisfied fraction, steps and stabilities
     * @throws IllegalArgumentException if the run needs more memory or work than
     *     {@link Parameters#requireResources()} allows
     */
    public static Result minimise(Parameters parameters, ProgressListener progress) {
        parameters.requireResources();
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        int n = parameters.n();
        HingePerceptron model = new HingePerceptron(
                LinearTeacher.randomLabels(parameters.patterns(), n, seeds.nextLong()), parameters.kappa(),
                parameters.loss());
        double[] w0 = Sphere.randomPoint(n, seeds.nextLong());
        // linear hinge: a first move of STEP_FRACTION·√N; quadratic hinge: below 2/λ_max of its
        // Hessian Σ_{violated} x xᵀ/N, whose spectrum ends at (1 + √α)² (Marchenko–Pastur)
        boolean linear = parameters.loss() == HingeLoss.LINEAR;
        HalvingDescent rule = new HalvingDescent(
                linear ? STEP_FRACTION * Math.sqrt(n) : 1 / Math.pow(1 + Math.sqrt(parameters.alpha()), 2), linear,
                WINDOW, RELATIVE_TOLERANCE, MAX_HALVINGS, SAT_LOSS * model.patternCount());
        var run = Dynamics.of(model, rule).space(Space.sphere()).seed(parameters.seed()).steps(parameters.steps())
                .progress(progress).run(w0);
        double[] w = run.state().best();
        int p = model.patternCount();
        return new Result(run.state().bestEnergy() / p, model.unsatisfiedFraction(w), run.steps(),
                model.stabilities(w));
    }

    /**
     * Every minimisation of a sweep over margins and loads: the long table that {@link #sweep}
     * averages. The minimisations are a {@link Sweep} over {@code kappa × load × instance} on all cores
     * (load the fraction of α_c(κ)); each draws its patterns, labels and start from its point's seed
     * ({@link Point#seed}), so its result does not depend on the other loads swept nor on the workers.
     *
     * @param kappas the margins κ, distinct
     * @param alphaOverCapacity the loads as fractions of α_c(κ), distinct
     * @param n the dimension N
     * @param loss the hinge cost
     * @param samples instances per point, at least 1
     * @param seed the seed
     * @return columns {@code curve, kappa, alpha_c, load, alpha, alpha_over_alpha_c, instance,
     *     final_loss, unsat_fraction, sat}: {@code load} is the index of the load in
     *     {@code alphaOverCapacity}, {@code instance} counts from 0 at each load, {@code sat} is 1
     *     if the instance reached zero loss (below 10⁻²⁰ per pattern), else 0
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
            Result r = minimise(new Parameters(alpha, kappa, n, point.seed(seed), loss, DEFAULT_STEPS));
            return Table.create("minimisation", IntColumn.create("load", new int[] {load}),
                    DoubleColumn.create("alpha", new double[] {alpha}),
                    DoubleColumn.create("final_loss", new double[] {r.finalLoss()}),
                    DoubleColumn.create("unsat_fraction", new double[] {r.unsatisfiedFraction()}),
                    DoubleColumn.create("sat", new double[] {r.finalLoss() < SAT_LOSS ? 1 : 0}));
        });
        Rows rows = Rows.of("perceptron minimisations", StringColumn.create("curve"), DoubleColumn.create("kappa"),
                DoubleColumn.create("alpha_c"), IntColumn.create("load"), DoubleColumn.create("alpha"),
                DoubleColumn.create("alpha_over_alpha_c"), IntColumn.create("instance"),
                DoubleColumn.create("final_loss"), DoubleColumn.create("unsat_fraction"), DoubleColumn.create("sat"));
        for (int r = 0; r < runs.rowCount(); r++) {
            int load = runs.intColumn("load").get(r);
            double kappa = kappas[index(kappas, runs.numberColumn("kappa").getDouble(r))];
            rows.add("κ = " + kappa, kappa, GardnerCapacity.alphaC(kappa), load, runs.doubleColumn("alpha").get(r),
                    alphaOverCapacity[load], runs.intColumn("instance").get(r), runs.doubleColumn("final_loss").get(r),
                    runs.doubleColumn("unsat_fraction").get(r), runs.doubleColumn("sat").get(r));
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
     * Final loss and unsatisfied fraction against α for several margins: the jamming transition,
     * with α_c(κ) for reference. Each point is the mean over {@code samples} instances of
     * {@link #instances}, grouped by Tablesaw, with the standard errors of the means.
     *
     * @param kappas the margins κ
     * @param alphaOverCapacity the loads as fractions of α_c(κ)
     * @param n the dimension N
     * @param loss the hinge cost
     * @param samples instances per point, at least 1
     * @param seed the seed
     * @return columns {@code curve, kappa, alpha_c, alpha, alpha_over_alpha_c, final_loss, unsat_fraction,
     *     sat_fraction, samples, final_loss_se, unsat_fraction_se}: the mean final loss per pattern, the mean
     *     unsatisfied fraction, the fraction of instances that reached zero loss (below 10⁻²⁰ per pattern), and
     *     the standard errors of the two means (NaN for one instance)
     */
    public static Table sweep(double[] kappas, double[] alphaOverCapacity, int n, HingeLoss loss, int samples,
                              long seed) {
        Table all = instances(kappas, alphaOverCapacity, n, loss, samples, seed);
        Table points = all.summarize(List.of("kappa", "alpha_c", "alpha", "alpha_over_alpha_c", "final_loss",
                        "unsat_fraction", "sat"), first, mean, count)
                .by("curve", "load");
        Table errors = all.summarize(List.of("final_loss", "unsat_fraction"), Aggregates.standardError())
                .by("curve", "load");
        for (String column : List.of("kappa", "alpha_c", "alpha", "alpha_over_alpha_c")) {
            points.column("First [" + column + "]").setName(column);
        }
        for (String column : List.of("final_loss", "unsat_fraction")) {
            points.column("Mean [" + column + "]").setName(column);
            points.addColumns(errors.doubleColumn("Std. Error [" + column + "]").copy().setName(column + "_se"));
        }
        points.column("Mean [sat]").setName("sat_fraction");
        points.addColumns(points.doubleColumn("Count [sat]").asIntColumn().setName("samples"));
        return points.selectColumns("curve", "kappa", "alpha_c", "alpha", "alpha_over_alpha_c", "final_loss",
                "unsat_fraction", "sat_fraction", "samples", "final_loss_se", "unsat_fraction_se")
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
     * The distribution of the final gaps h_μ − κ of one minimisation, as a normalised histogram.
     *
     * @param result a minimisation's result
     * @param kappa its margin κ
     * @param bins the number of equal bins between the smallest and largest gap, at least 1
     * @return columns {@code gap} (bin centre) and {@code density}
     */
    public static Table gapHistogram(Result result, double kappa, int bins) {
        Require.atLeast("bins", bins, 1);
        double[] h = result.stabilities();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : h) {
            lo = Math.min(lo, v - kappa);
            hi = Math.max(hi, v - kappa);
        }
        double width = hi > lo ? (hi - lo) / bins : 1;
        double[] density = new double[bins];
        for (double v : h) {
            int b = Math.min(bins - 1, (int) ((v - kappa - lo) / width));
            density[b] += 1 / (h.length * width);
        }
        double[] centre = new double[bins];
        for (int b = 0; b < bins; b++) {
            centre[b] = Math.rint((lo + (b + 0.5) * width) * 1e6) / 1e6;
        }
        return Table.create("gaps h − κ", DoubleColumn.create("gap", centre), DoubleColumn.create("density", density));
    }
}
