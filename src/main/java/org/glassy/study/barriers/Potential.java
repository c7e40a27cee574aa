package org.glassy.study.barriers;

import java.util.Locale;

import org.glassy.core.Space;
import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.DoubleWell;
import org.glassy.model.Model;
import org.glassy.model.MullerBrown;
import org.glassy.observable.Rows;
import org.glassy.path.Chain;
import org.glassy.path.NudgedElasticBand;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The two-dimensional test potentials of the path optimisers, with their two minima and their
 * exactly known saddles, and the nudged elastic band between those minima: the demonstration
 * behind {@code bin/glassy neb}.
 */
public enum Potential {
    /** (x² − 1)² + y² from (−1, 0) to (1, 0): barrier exactly 1 at (0, 0). */
    DOUBLE_WELL(new DoubleWell(), DoubleWell.leftMinimum(), DoubleWell.rightMinimum(), 0.01),
    /** Müller–Brown from its deepest minimum A to B: highest saddle −40.66. */
    MULLER_BROWN(new MullerBrown(), MullerBrown.minimumA(), MullerBrown.minimumB(), 2e-4);

    private final Model model;
    private final double[] start;
    private final double[] end;
    private final double learningRate;

    Potential(Model model, double[] start, double[] end, double learningRate) {
        this.model = model;
        this.start = start;
        this.end = end;
        this.learningRate = learningRate;
    }

    /**
     * Parses {@code double-well} or {@code muller-brown}.
     *
     * @param name the name, case-insensitive
     * @return the potential
     */
    public static Potential parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "double-well" -> DOUBLE_WELL;
            case "muller-brown" -> MULLER_BROWN;
            default -> throw Require.invalid("potential", "must be double-well or muller-brown, got '"
                    + name + "'");
        };
    }

    /** @return the potential as a model */
    public Model model() {
        return model;
    }

    /** @return a copy of the first minimum */
    public double[] start() {
        return start.clone();
    }

    /** @return a copy of the second minimum */
    public double[] end() {
        return end.clone();
    }

    /** @return a stable learning rate η of the band's gradient descent on this potential */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Relaxes a nudged elastic band on this potential, from the straight path between its minima.
     *
     * @param images M, endpoints included, at least 3
     * @param steps gradient-descent steps on the band, at least 0
     * @param learningRate the band's learning rate η &gt; 0 (e.g. {@link #learningRate()})
     * @param springConstant k &gt; 0, or infinite for string re-spacing
     * @param climbing whether the highest image climbs during the second half
     * @return columns {@code image, x, y, energy}, one row per image of the final path, endpoints included
     */
    public Table band(int images, long steps, double learningRate, double springConstant, boolean climbing) {
        return band(images, steps, learningRate, springConstant, climbing, null);
    }

    /**
     * The estimated heap of a band of M images: its coordinates, velocities and forces, the straight start, the
     * energies and weights and the output table, about 200 bytes per image of the plane.
     *
     * @param images M
     * @return the bytes
     */
    public static double bytes(int images) {
        return 200.0 * images;
    }

    /**
     * The estimated work of a relaxation: per step and image an energy and a gradient of the potential (a few
     * exponentials) and the band's projections, about 100 operations.
     *
     * @param images M
     * @param steps the steps
     * @return the operations
     */
    public static double operations(int images, long steps) {
        return 100.0 * images * steps;
    }

    /**
     * Checks, before anything is allocated, that a band fits this JVM's heap (naming {@code images}) and the
     * bound on work (naming {@code steps}); {@link #band(int, long, double, double, boolean, ProgressListener)}
     * calls it first.
     *
     * @param images M
     * @param steps the steps
     * @throws IllegalArgumentException naming the parameter otherwise
     */
    public static void requireResources(int images, long steps) {
        Resources.requireMemory("images", bytes(images), Resources.count(images) + " images of the plane");
        Resources.requireWork("steps", operations(images, steps), Resources.count(steps) + " steps of a band of "
                + Resources.count(images) + " images");
    }

    /**
     * Relaxes a nudged elastic band on this potential, reporting progress.
     *
     * @param images M, endpoints included, at least 3
     * @param steps gradient-descent steps on the band, at least 0
     * @param learningRate the band's learning rate η &gt; 0 (e.g. {@link #learningRate()})
     * @param springConstant k &gt; 0, or infinite for string re-spacing
     * @param climbing whether the highest image climbs during the second half
     * @param progress told about every percent (energy = the highest image's), or null
     * @return columns {@code image, x, y, energy}, one row per image of the final path, endpoints included
     */
    public Table band(int images, long steps, double learningRate, double springConstant, boolean climbing,
                      ProgressListener progress) {
        Require.atLeast("images", images, 3);
        Require.atLeast("steps", steps, 0);
        requireResources(images, steps);
        NudgedElasticBand<Model> neb = bandRule(images, steps, learningRate, springConstant, climbing);
        Chain chain = neb.relax(model, Space.euclidean(), Chain.linear(start(), end(), images), 1L, progress);
        Rows rows = Rows.of("band", IntColumn.create("image"), DoubleColumn.create("x"), DoubleColumn.create("y"),
                DoubleColumn.create("energy"));
        for (int i = 0; i < chain.images(); i++) {
            double[] p = chain.image(i);
            rows.add(i, p[0], p[1], model.energy(p));
        }
        return rows.table();
    }

    /**
     * The band {@link #band} relaxes, validated without running it.
     *
     * @param images M, endpoints included, at least 3
     * @param steps gradient-descent steps on the band, at least 0
     * @param learningRate the step η &gt; 0
     * @param springConstant k &gt; 0 within the springs' stability limit, or infinite for string re-spacing
     * @param climbing whether the highest image climbs during the second half
     * @return the nudged elastic band
     */
    public NudgedElasticBand<Model> bandRule(int images, long steps, double learningRate, double springConstant,
                                             boolean climbing) {
        Require.atLeast("images", images, 3);
        NudgedElasticBand<Model> neb = NudgedElasticBand.string(learningRate, steps).withSpring(springConstant);
        return climbing ? neb.withClimbingImage() : neb;
    }
}
