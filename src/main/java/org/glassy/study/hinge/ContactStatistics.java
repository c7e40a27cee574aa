package org.glassy.study.hinge;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.observable.LogHistogram;
import org.glassy.observable.PowerLaw;
import org.glassy.observable.Rows;
import org.glassy.sweep.Axis;
import org.glassy.sweep.Grid;
import org.glassy.sweep.Sweep;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The gaps and forces of minima of the linear hinge, pooled over instances: the statistics that
 * tell a critical jammed configuration from a non-critical one. At a minimum
 * ({@link ActiveSetDescent}) every constraint is satisfied with a gap h_μ − κ &gt; 0, violated with
 * an overlap κ − h_μ &gt; 0, or a contact (h_μ = κ) carrying a force 0 ≤ f_μ ≤ 1. In the critical
 * (non-convex, κ &lt; 0) phase the contacts are as many as the degrees of freedom (isostatic) and
 * the distributions are singular at zero,
 *
 * <pre>
 *   ρ(gap) ~ gap^{−γ},   ρ(overlap) ~ overlap^{−γ},   P(f) ~ f^θ,   P(1 − f) ~ (1 − f)^θ,
 * </pre>
 *
 * <p>with the exponents of jamming of spheres in infinite dimension, γ = 0.41269 and θ = 0.42311
 * (P. Charbonneau, J. Kurchan, G. Parisi, P. Urbani and F. Zamponi, Nat. Commun. 5, 3725 (2014));
 * the perceptron at κ &lt; 0 is in that class (S. Franz and G. Parisi, J. Phys. A 49, 145001
 * (2016); S. Franz, G. Parisi, M. Sevelev, P. Urbani and F. Zamponi, SciPost Phys. 2, 019 (2017)),
 * and with the linear cost the whole UNSAT phase at κ &lt; 0 is critical (S. Franz, A. Sclocchi and
 * P. Urbani, Phys. Rev. Lett. 123, 115702 (2019)). In the convex phase (κ &gt; 0) there are fewer
 * contacts than degrees of freedom (hypostatic) and the densities stay finite at zero.
 *
 * @param kappa the margin κ
 * @param alpha the load α
 * @param n the dimension N
 * @param runs the minimisations pooled
 * @param gaps every gap h_μ − κ &gt; {@link #CONTACT} of the satisfied constraints
 * @param overlaps every overlap κ − h_μ &gt; {@link #CONTACT} of the violated constraints
 * @param forces every contact force f_μ
 * @param converged how many of the runs converged (only converged ones are pooled)
 */
public record ContactStatistics(double kappa, double alpha, int n, int runs, double[] gaps, double[] overlaps,
                                double[] forces, int converged) {

    /** The gap exponent γ of jamming (Charbonneau et al. 2014). */
    public static final double GAP_EXPONENT = 0.41269;

    /** The force exponent θ of jamming (Charbonneau et al. 2014). */
    public static final double FORCE_EXPONENT = 0.42311;

    /** |h_μ − κ| at most this is a contact: the exact minimum puts contacts there to round-off. */
    public static final double CONTACT = 1e-9;

    /**
     * Minimises {@code instances} instances at one load (the linear hinge, start 0 of each) as a
     * {@link Sweep} on all cores and pools their converged minima.
     *
     * @param kappa the margin κ
     * @param alpha the load α (UNSAT, for contacts to exist)
     * @param n the dimension N
     * @param instances the instances, at least 1
     * @param seed the seed (instance i as in {@link PerceptronJamming#starts})
     * @param progress told of the instances done, or null
     * @return the pooled statistics
     */
    public static ContactStatistics collect(double kappa, double alpha, int n, int instances, long seed,
                                            ProgressListener progress) {
        Require.atLeast("instances", instances, 1);
        Table runs = Sweep.over(Grid.of(Axis.range("instance", 0, instances - 1))).progress(progress).run(point -> {
            PerceptronJamming.Result r = PerceptronJamming.minimise(PerceptronJamming.Parameters.builder().alpha(alpha)
                    .kappa(kappa).n(n).seed(PerceptronJamming.instanceSeed(seed, point.intValue("instance"))).build());
            int p = r.stabilities().length;
            int[] converged = new int[p];
            Arrays.fill(converged, r.converged() && !r.sat() ? 1 : 0);
            return Table.create("minimum", DoubleColumn.create("h", r.stabilities()),
                    DoubleColumn.create("force", r.forces()), IntColumn.create("converged", converged));
        });
        DoubleColumn gaps = DoubleColumn.create("gaps");
        DoubleColumn overlaps = DoubleColumn.create("overlaps");
        DoubleColumn forces = DoubleColumn.create("forces");
        int converged = 0;
        for (int i = 0; i < instances; i++) {
            Table mine = runs.where(runs.intColumn("instance").isEqualTo(i));
            if (mine.intColumn("converged").get(0) == 0) {
                continue;
            }
            converged++;
            for (int r = 0; r < mine.rowCount(); r++) {
                double gap = mine.doubleColumn("h").get(r) - kappa;
                if (gap > CONTACT) {
                    gaps.append(gap);
                } else if (gap < -CONTACT) {
                    overlaps.append(-gap);
                } else {
                    forces.append(mine.doubleColumn("force").get(r));
                }
            }
        }
        return new ContactStatistics(kappa, alpha, n, instances, gaps.asDoubleArray(), overlaps.asDoubleArray(),
                forces.asDoubleArray(), converged);
    }

    /** @return the mean number of contacts per converged minimum (N − 1 when isostatic on the sphere) */
    public double contactsPerMinimum() {
        return (double) forces.length / converged;
    }

    /**
     * The four densities on logarithmic bins ({@link LogHistogram}), each normalised by the number of
     * its own values: the gaps, the overlaps, the forces f and 1 − f.
     *
     * @param lo the smallest bin edge, &gt; 0
     * @param hi the largest, &gt; lo
     * @param binsPerDecade bins per decade, at least 1
     * @return columns {@code curve, x, density, density_se}
     */
    public Table densities(double lo, double hi, int binsPerDecade) {
        Rows rows = Rows.of("gaps and forces", StringColumn.create("curve"), DoubleColumn.create("x"),
                DoubleColumn.create("density"), DoubleColumn.create("density_se"));
        for (int k = 0; k < 4; k++) {
            Table t = histogram(k, lo, hi, binsPerDecade).table("x");
            rows.addAll(t.selectColumns("x", "density", "density_se"), label(k));
        }
        return rows.table();
    }

    /**
     * Power laws fitted to the small-x end of each density ({@link LogHistogram#fit}), beside the
     * jamming exponents: −γ for gaps and overlaps, θ for f and 1 − f.
     *
     * @param gapWindow {from, to} of the gaps' and overlaps' fits
     * @param forceWindow {from, to} of the forces' fits
     * @param binsPerDecade bins per decade of the histograms fitted
     * @return columns {@code quantity, window, exponent, exponent_se, jamming_exponent, values} ({@code values}:
     *     how many values fall in the window)
     */
    public Table exponents(double[] gapWindow, double[] forceWindow, int binsPerDecade) {
        Rows rows = Rows.of("small-x exponents", StringColumn.create("quantity"), StringColumn.create("window"),
                DoubleColumn.create("exponent"), DoubleColumn.create("exponent_se"),
                DoubleColumn.create("jamming_exponent"), IntColumn.create("values"));
        for (int k = 0; k < 4; k++) {
            double[] window = k < 2 ? gapWindow : forceWindow;
            LogHistogram h = histogram(k, window[0], window[1], binsPerDecade);
            int inside = Arrays.stream(h.counts()).sum();
            PowerLaw fit;
            try {
                fit = h.fit(window[0], window[1]);
            } catch (IllegalArgumentException e) {
                fit = new PowerLaw(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
            }
            rows.add(label(k), String.format(Locale.ROOT, "[%g, %g]", window[0], window[1]), fit.exponent(),
                    fit.exponentError(), k < 2 ? -GAP_EXPONENT : FORCE_EXPONENT, inside);
        }
        return rows.table();
    }

    /**
     * The chart of the gaps and overlaps: their densities ({@link #densities}) and a guide of slope −γ
     * through the gaps' fitted power law at the top of the fit window.
     *
     * @param lo the smallest bin edge
     * @param hi the largest
     * @param binsPerDecade bins per decade
     * @param window {from, to} of the fit the guide is anchored to
     * @return columns {@code curve, x, density, density_se}
     */
    public Table gapChart(double lo, double hi, int binsPerDecade, double[] window) {
        return chart(0, lo, hi, binsPerDecade, window, -GAP_EXPONENT,
                String.format(Locale.ROOT, "slope −γ = −%.2f (jamming)", GAP_EXPONENT));
    }

    /**
     * The chart of the contact forces: the densities of f and 1 − f and a guide of slope θ through the
     * forces' fitted power law at the top of the fit window.
     *
     * @param lo the smallest bin edge
     * @param hi the largest
     * @param binsPerDecade bins per decade
     * @param window {from, to} of the fit the guide is anchored to
     * @return columns {@code curve, x, density, density_se}
     */
    public Table forceChart(double lo, double hi, int binsPerDecade, double[] window) {
        return chart(2, lo, hi, binsPerDecade, window, FORCE_EXPONENT,
                String.format(Locale.ROOT, "slope θ = %.2f (jamming)", FORCE_EXPONENT));
    }

    private Table chart(int first, double lo, double hi, int binsPerDecade, double[] window, double exponent,
                        String guideName) {
        Rows rows = Rows.of(first == 0 ? "gaps and overlaps" : "contact forces", StringColumn.create("curve"),
                DoubleColumn.create("x"), DoubleColumn.create("density"), DoubleColumn.create("density_se"));
        for (int k = first; k < first + 2; k++) {
            rows.addAll(histogram(k, lo, hi, binsPerDecade).table("x").selectColumns("x", "density", "density_se"),
                    label(k));
        }
        try {
            PowerLaw fit = histogram(first, window[0], window[1], binsPerDecade).fit(window[0], window[1]);
            double y0 = fit.prefactor() * Math.pow(window[1], fit.exponent());
            rows.addAll(guide(guideName, exponent, window[1], y0, lo, hi).selectColumns("x", "density", "density_se"),
                    guideName);
        } catch (IllegalArgumentException e) {
            // too few values in the window for a fit: no guide
        }
        return rows.table();
    }

    /**
     * A guide line y = y0 (x/x0)^a between lo and hi, for log–log charts.
     *
     * @param name the curve's name
     * @param exponent a
     * @param x0 the anchor's x, &gt; 0
     * @param y0 the anchor's y, &gt; 0
     * @param lo the line's first x, &gt; 0
     * @param hi its last x
     * @return columns {@code curve, x, density, density_se} (two rows, density_se NaN), to append to
     *     {@link #densities}
     */
    public static Table guide(String name, double exponent, double x0, double y0, double lo, double hi) {
        return Rows.of("guide", StringColumn.create("curve"), DoubleColumn.create("x"), DoubleColumn.create("density"),
                        DoubleColumn.create("density_se"))
                .add(name, lo, y0 * Math.pow(lo / x0, exponent), Double.NaN)
                .add(name, hi, y0 * Math.pow(hi / x0, exponent), Double.NaN).table();
    }

    private LogHistogram histogram(int k, double lo, double hi, int binsPerDecade) {
        double[] values = switch (k) {
            case 0 -> gaps;
            case 1 -> overlaps;
            case 2 -> forces;
            default -> Arrays.stream(forces).map(f -> 1 - f).toArray();
        };
        return LogHistogram.of(values, lo, hi, binsPerDecade);
    }

    private static String label(int k) {
        return List.of("gaps h − κ", "overlaps κ − h", "forces f", "1 − f").get(k);
    }
}
