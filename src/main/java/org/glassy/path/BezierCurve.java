package org.glassy.path;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * A quadratic Bézier curve between two fixed endpoints with one trainable bend θ (T. Garipov,
 * P. Izmailov, D. Podoprikhin, D. Vetrov and A. G. Wilson, "Loss Surfaces, Mode Connectivity, and
 * Fast Ensembling of DNNs", NeurIPS 2018):
 *
 * <pre>
 *   φ_θ(t) = (1 − t)² a + 2t(1 − t) θ + t² b,    t ∈ [0, 1].
 * </pre>
 *
 * <p>{@link #fit} minimises E_{t ~ U(0,1)} L(φ_θ(t)) by SGD on θ, drawing a fresh t with every
 * mini-batch, so ∇_θ = 2t(1 − t) ∇L(φ_θ(t)); the learning rate follows the authors' schedule
 * (factor 1 for the first half of the steps, then linear down to 0.01 at 90 %, then 0.01). The
 * bend starts at the midpoint (a + b)/2, i.e. on the straight segment. Euclidean space only.
 *
 * <p>Immutable.
 */
public final class BezierCurve {

    private final double[] start;
    private final double[] bend;
    private final double[] end;

    /**
     * Creates the curve.
     *
     * @param start a, not modified
     * @param bend θ, not modified
     * @param end b, not modified
     */
    public BezierCurve(double[] start, double[] bend, double[] end) {
        Require.atLeast("start.length", start.length, 1);
        if (bend.length != start.length || end.length != start.length) {
            throw new IllegalArgumentException("bend and end must have the length of start, " + start.length
                    + ", got " + bend.length + " and " + end.length);
        }
        this.start = start.clone();
        this.bend = bend.clone();
        this.end = end.clone();
    }

    /**
     * The straight segment as a Bézier curve: the bend at the midpoint.
     *
     * @param start a
     * @param end b
     * @return the curve with θ = (a + b)/2
     */
    public static BezierCurve straight(double[] start, double[] end) {
        double[] mid = new double[start.length];
        for (int j = 0; j < Math.min(start.length, end.length); j++) {
            mid[j] = 0.5 * (start[j] + end[j]);
        }
        return new BezierCurve(start, mid, end);
    }

    /** @return a copy of the bend θ */
    public double[] bend() {
        return bend.clone();
    }

    /**
     * Returns φ(t).
     *
     * @param t the curve parameter in [0, 1]
     * @return a new point
     */
    public double[] point(double t) {
        double[] out = new double[start.length];
        point(t, out);
        return out;
    }

    private void point(double t, double[] out) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must lie in [0, 1], got " + t);
        }
        double u = 1 - t;
        for (int j = 0; j < out.length; j++) {
            out[j] = u * u * start[j] + 2 * t * u * bend[j] + t * t * end[j];
        }
    }

    /**
     * The curve sampled at equally spaced t as a chain, for dense evaluation (the authors evaluate
     * 61 points).
     *
     * @param images the number of points, endpoints included, at least 2
     * @return the chain through φ(i/(images − 1))
     */
    public Chain toChain(int images) {
        Require.atLeast("images", images, 2);
        double[][] points = new double[images][];
        for (int i = 0; i < images; i++) {
            points[i] = point((double) i / (images - 1));
        }
        points[0] = start.clone();
        points[images - 1] = end.clone();
        return Chain.of(points);
    }

    /**
     * Training settings of {@link #fit}.
     *
     * @param steps SGD steps, at least 1
     * @param learningRate the initial learning rate η &gt; 0
     * @param momentum μ in [0, 1)
     * @param batchSize mini-batch size, 0 for exact gradients
     */
    public record Training(long steps, double learningRate, double momentum, int batchSize) {

        /**
         * Validates the settings.
         *
         * @param steps steps
         * @param learningRate η
         * @param momentum μ
         * @param batchSize the batch size
         */
        public Training {
            Require.atLeast("steps", steps, 1);
            Require.positive("learningRate", learningRate);
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
            }
            Require.atLeast("batchSize", batchSize, 0);
        }

        /**
         * The authors' learning-rate factor at a fraction s of the run: 1 up to s = 0.5, then
         * linear down to 0.01 at s = 0.9, then 0.01.
         *
         * @param s step / steps, in [0, 1]
         * @return the factor
         */
        public static double scheduleFactor(double s) {
            if (s <= 0.5) {
                return 1;
            }
            if (s <= 0.9) {
                return 1 - 0.99 * (s - 0.5) / 0.4;
            }
            return 0.01;
        }
    }

    /**
     * Trains the bend.
     *
     * @param model the loss (a {@link org.glassy.model.BatchModel} if the batch size is &gt; 0)
     * @param start a, not modified
     * @param end b, not modified
     * @param training the settings
     * @param seed the seed of t and of the batch order
     * @param progress told about every percent (energy = the latest batch loss), or null
     * @return the trained curve
     * @throws ArithmeticException if the loss stops being finite
     * @throws CancellationException if the thread is interrupted
     */
    public static BezierCurve fit(Model model, double[] start, double[] end, Training training, long seed,
                                  ProgressListener progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        model.checkDimension("start", start);
        model.checkDimension("end", end);
        BezierCurve curve = straight(start, end);
        double[] theta = curve.bend;   // trained in place: this curve is private until returned
        int n = start.length;
        Batches batches = Batches.of(model, training.batchSize());
        SplittableRandom random = new SplittableRandom(seed);
        double[] point = new double[n];
        double[] gradient = new double[n];
        double[] velocity = new double[n];
        long steps = training.steps();
        long reportEvery = Math.max(1, steps / 100);
        double loss = Double.NaN;
        for (long step = 0; step < steps; step++) {
            double t = random.nextDouble();
            curve.point(t, point);
            if (batches == null) {
                loss = model.energyAndGradient(point, gradient);
            } else {
                batches.next(random);
                loss = batches.energyAndGradient(point, gradient);
            }
            if (!Double.isFinite(loss)) {
                throw new ArithmeticException("loss became " + loss + " at step " + step
                        + " of the Bézier fit: reduce the learning rate " + training.learningRate());
            }
            double rate = training.learningRate() * Training.scheduleFactor((double) step / steps);
            double weight = 2 * t * (1 - t);
            for (int j = 0; j < n; j++) {
                velocity[j] = training.momentum() * velocity[j] + weight * gradient[j];
                theta[j] -= rate * velocity[j];
            }
            if (progress != null && step % reportEvery == 0) {
                progress.progress(step, steps, step, loss);
            }
            if (step % 16 == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Bézier fit interrupted at step " + step + " of " + steps);
            }
        }
        if (progress != null) {
            progress.progress(steps, steps, steps, loss);
        }
        return curve;
    }

    @Override
    public String toString() {
        return "BezierCurve[R^" + start.length + "]";
    }
}
