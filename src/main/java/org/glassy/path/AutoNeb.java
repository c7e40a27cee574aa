package org.glassy.path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.dynamics.GradientSource;
import org.glassy.dynamics.Schedule;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * AutoNEB (F. Draxler, K. Veschgini, M. Salmhofer and F. A. Hamprecht, "Essentially No Barriers in
 * Neural Network Energy Landscape", ICML 2018): cycles of the {@link NudgedElasticBand} in string
 * mode (no spring, images re-spaced before every step), each preceded by the insertion of new
 * images where the path is poorly resolved.
 *
 * <p>The first cycle starts from the straight path with {@code insert} equally spaced interior
 * images. Every later cycle first evaluates the energy densely (every image and
 * {@code subdivisions − 1} points inside each segment); in each segment it scores the sub-points
 * by how far their energy rises above the straight line between the segment's two image energies,
 * divided by the spread (max − min) of the image energies along the chain, and inserts an image at
 * the best sub-point of the up-to-{@code insert} best segments whose score exceeds
 * {@code threshold} (the authors' code uses 0.1; the paper's text says 20 %). Each cycle then runs
 * momentum SGD on the band with its own number of steps and learning rate.
 *
 * <p>{@link #draxler} is the authors' schedule for CIFAR-10 (configs/cifar10-resnet20.yaml): 14
 * cycles, 16 000 steps, up to 31 images. Unlike the authors' code this one adds no weight decay
 * inside the band (the model's loss is used as it is). Every barrier it finds is an upper bound:
 * the band can settle in a local minimum-energy path, and a short schedule stops before it
 * converges.
 *
 * @param cycles the cycles, at least one; the first inserts equally spaced images
 * @param momentum μ in [0, 1) of the band's SGD (the authors: 0.9)
 * @param gradients exact gradients, or mini-batches ({@link #withBatches})
 * @param threshold the insertion threshold, &gt; 0
 * @param subdivisions intervals per segment in the dense evaluation, at least 2 (the authors: 10)
 * @param <M> the models it can run on: any {@link Model} with exact gradients, a {@link BatchModel}
 *     with mini-batches
 */
public record AutoNeb<M extends Model>(List<Cycle> cycles, double momentum, GradientSource<M> gradients,
                                       double threshold, int subdivisions) {

    /**
     * One cycle.
     *
     * @param insert images to insert before the cycle: exactly that many, equally spaced, in the
     *     first cycle; at most that many in later ones
     * @param steps SGD steps on the band, at least 0
     * @param learningRate η &gt; 0
     */
    public record Cycle(int insert, long steps, double learningRate) {

        /**
         * Validates the cycle.
         *
         * @param insert images to insert, at least 0
         * @param steps steps, at least 0
         * @param learningRate η &gt; 0
         */
        public Cycle {
            Require.atLeast("insert", insert, 0);
            Require.atLeast("steps", steps, 0);
            Require.positive("learningRate", learningRate);
        }
    }

    /**
     * Validates the parameters.
     *
     * @param cycles the cycles
     * @param momentum μ
     * @param gradients the gradient source
     * @param threshold the insertion threshold
     * @param subdivisions intervals per segment
     */
    public AutoNeb {
        cycles = List.copyOf(cycles);
        Require.atLeast("cycles.size()", cycles.size(), 1);
        Require.unitInterval("momentum", momentum);
        java.util.Objects.requireNonNull(gradients, "gradients");
        Require.positive("threshold", threshold);
        Require.atLeast("subdivisions", subdivisions, 2);
    }

    /**
     * The authors' CIFAR-10 schedule: insert 3 equally spaced images, 1000 steps at η = 0.1; then
     * insert up to 2 images before each cycle: 3 × 1000 steps and 2 × 2000 steps at η = 0.1,
     * 4 × 1000 at 0.01, 4 × 1000 at 0.001; momentum 0.9, threshold 0.1, 9 sub-points.
     *
     * Exact gradients; {@link #withBatches} for mini-batches.
     *
     * @param learningRateScale factor on every learning rate (1 for the authors' values), &gt; 0
     * @return the schedule
     */
    public static AutoNeb<Model> draxler(double learningRateScale) {
        Require.positive("learningRateScale", learningRateScale);
        List<Cycle> c = new ArrayList<>();
        c.add(new Cycle(3, 1000, 0.1 * learningRateScale));
        for (int i = 0; i < 3; i++) {
            c.add(new Cycle(2, 1000, 0.1 * learningRateScale));
        }
        for (int i = 0; i < 2; i++) {
            c.add(new Cycle(2, 2000, 0.1 * learningRateScale));
        }
        for (int i = 0; i < 4; i++) {
            c.add(new Cycle(2, 1000, 0.01 * learningRateScale));
        }
        for (int i = 0; i < 4; i++) {
            c.add(new Cycle(2, 1000, 0.001 * learningRateScale));
        }
        return new AutoNeb<>(c, 0.9, GradientSource.full(), 0.1, 10);
    }

    /**
     * @param size the batch size B, at least 1
     * @return this schedule with every band step on a mini-batch of B examples
     */
    public AutoNeb<BatchModel> withBatches(int size) {
        return new AutoNeb<>(cycles, momentum, GradientSource.miniBatches(size), threshold, subdivisions);
    }

    /**
     * The learning rate over all the band steps of a run: piecewise constant, one piece per cycle.
     *
     * @return the schedule, η(k) for the k-th band step counted over all cycles
     */
    public Schedule learningRate() {
        long[] ends = new long[cycles.size()];
        double[] values = new double[cycles.size()];
        long end = 0;
        int pieces = 0;
        for (Cycle cycle : cycles) {
            if (cycle.steps() == 0) {
                continue;
            }
            end += cycle.steps();
            ends[pieces] = end;
            values[pieces++] = cycle.learningRate();
        }
        if (pieces == 0) {
            return Schedule.constant(cycles.get(0).learningRate());
        }
        return Schedule.piecewise(java.util.Arrays.copyOf(ends, pieces), java.util.Arrays.copyOf(values, pieces));
    }

    /**
     * The same schedule with every cycle's steps multiplied by a factor (at least one step each):
     * a shorter run for quick checks.
     *
     * @param factor the factor, &gt; 0
     * @return the scaled schedule
     */
    public AutoNeb<M> withSteps(double factor) {
        Require.positive("factor", factor);
        List<Cycle> c = new ArrayList<>();
        for (Cycle cycle : cycles) {
            c.add(new Cycle(cycle.insert(), Math.max(1, Math.round(cycle.steps() * factor)), cycle.learningRate()));
        }
        return new AutoNeb<>(c, momentum, gradients, threshold, subdivisions);
    }

    /**
     * @param value the insertion threshold &gt; 0 (0.1 in the authors' code, 0.2 in the paper)
     * @return this schedule with that threshold
     */
    public AutoNeb<M> withThreshold(double value) {
        return new AutoNeb<>(cycles, momentum, gradients, value, subdivisions);
    }

    /** @return the total number of band steps over all cycles */
    public long totalSteps() {
        return cycles.stream().mapToLong(Cycle::steps).sum();
    }

    /**
     * The outcome of AutoNEB.
     *
     * @param chain the final path
     * @param profile the model's energy along it (measure {@code "energy"}), from the last dense evaluation
     * @param history one row per cycle: {@code cycle, images, steps, learning_rate, saddle, barrier}
     *     (saddle = the highest dense energy, barrier = saddle minus the higher endpoint)
     */
    public record Result(Chain chain, Profile profile, Table history) {
    }

    /**
     * Runs the cycles between two minima.
     *
     * @param model the energy
     * @param space the space of the path (e.g. {@code Space.sphere()} for the p-spin)
     * @param start the first minimum, not modified
     * @param end the second minimum, not modified
     * @param seed the seed of the mini-batch order
     * @param progress told about every percent of the total steps (energy = the highest image's), or null
     * @return the final path, its profile and the history of the cycles
     */
    public Result run(M model, Space space, double[] start, double[] end, long seed, ProgressListener progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(space, "space");
        model.checkDimension("start", start);
        model.checkDimension("end", end);
        Measure energy = Measure.of("energy", model);
        Chain chain = Chain.linear(start, end, 2 + cycles.get(0).insert()).redistributed(space);
        Profile profile = null;
        Table history = Table.create("AutoNEB cycles", IntColumn.create("cycle"), IntColumn.create("images"),
                LongColumn.create("steps"), DoubleColumn.create("learning_rate"), DoubleColumn.create("saddle"),
                DoubleColumn.create("barrier"));
        long total = totalSteps();
        long done = 0;
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed);
        for (int c = 0; c < cycles.size(); c++) {
            Cycle cycle = cycles.get(c);
            if (c > 0 && cycle.insert() > 0) {
                chain = insertHighest(chain, profile.firstValues(), subdivisions, cycle.insert(), threshold, space);
            }
            NudgedElasticBand<M> band = new NudgedElasticBand<>(Schedule.constant(cycle.learningRate()), cycle.steps(),
                    Double.POSITIVE_INFINITY, false, momentum, gradients);
            long offset = done;
            ProgressListener inner = progress == null ? null
                    : (step, steps, time, e) -> progress.progress(offset + step, total, offset + step, e);
            chain = band.relax(model, space, chain, seeds.nextLong(), inner);
            done += cycle.steps();
            profile = Profile.along(chain, subdivisions, space, energy);
            Barrier barrier = profile.barrier("energy");
            history.intColumn("cycle").append(c + 1);
            history.intColumn("images").append(chain.images());
            history.longColumn("steps").append(cycle.steps());
            history.doubleColumn("learning_rate").append(cycle.learningRate());
            history.doubleColumn("saddle").append(barrier.saddle());
            history.doubleColumn("barrier").append(barrier.height());
        }
        return new Result(chain, profile, history);
    }

    /**
     * The "highest" insertion rule of the authors' code ({@code fill.highest}): see the class
     * comment. {@code dense} holds the energies of {@link Chain#dense} with the given subdivisions.
     */
    static Chain insertHighest(Chain chain, double[] dense, int subdivisions, int count, double threshold,
                               Space space) {
        int segments = chain.images() - 1;
        if (dense.length != segments * subdivisions + 1) {
            throw Require.invalid("dense", "must hold " + (segments * subdivisions + 1) + " values, got "
                    + dense.length);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= segments; i++) {
            min = Math.min(min, dense[i * subdivisions]);
            max = Math.max(max, dense[i * subdivisions]);
        }
        double range = max - min + 1e-12;
        double[] best = new double[segments];
        double[] bestAlpha = new double[segments];
        for (int s = 0; s < segments; s++) {
            double a = dense[s * subdivisions];
            double b = dense[(s + 1) * subdivisions];
            best[s] = Double.NEGATIVE_INFINITY;
            for (int k = 1; k < subdivisions; k++) {
                double alpha = (double) k / subdivisions;
                double score = (dense[s * subdivisions + k] - ((1 - alpha) * a + alpha * b)) / range;
                if (score > best[s]) {
                    best[s] = score;
                    bestAlpha[s] = alpha;
                }
            }
        }
        Integer[] order = new Integer[segments];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (i, j) -> Double.compare(best[j], best[i]));
        List<Integer> chosen = new ArrayList<>();
        for (int r = 0; r < Math.min(count, segments); r++) {
            if (best[order[r]] > threshold) {
                chosen.add(order[r]);
            }
        }
        chosen.sort((i, j) -> Integer.compare(j, i));   // from the end, so earlier indices stay valid
        for (int s : chosen) {
            chain = chain.withInserted(s, bestAlpha[s], space);
        }
        return chain;
    }
}
