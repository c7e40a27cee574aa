package org.glassy.path;

import java.util.Objects;
import java.util.concurrent.CancellationException;

import org.glassy.core.ProgressListener;
import org.glassy.dynamics.Dynamics;
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
 * <p>{@link #fit} minimises E_{t ~ U(0,1)} L(φ_θ(t)) by SGD on θ ({@link BezierFit}), drawing a
 * fresh t with every mini-batch, so ∇_θ = 2t(1 − t) ∇L(φ_θ(t)); the learning rate follows the
 * authors' schedule ({@link org.glassy.dynamics.Schedule#garipov}). The bend starts at the midpoint
 * (a + b)/2, i.e. on the straight segment. Euclidean space only.
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

    /** Shares the arrays: for the fit's own state only. */
    BezierCurve(double[] start, double[] bend, double[] end, boolean copy) {
        this.start = copy ? start.clone() : start;
        this.bend = copy ? bend.clone() : bend;
        this.end = copy ? end.clone() : end;
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

    /** @return a copy of the start a */
    public double[] start() {
        return start.clone();
    }

    /** @return a copy of the end b */
    public double[] end() {
        return end.clone();
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

    void point(double t, double[] out) {
        if (!(t >= 0 && t <= 1)) {
            throw Require.invalid("t", "must lie in [0, 1], got " + t);
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
     * Trains the bend by {@link BezierFit} through the run loop.
     *
     * @param model the loss
     * @param start a, not modified
     * @param end b, not modified
     * @param training the settings (steps, learning rate, momentum, gradient source)
     * @param seed the seed of t and of the batch order
     * @param progress told about every percent (energy = the latest batch loss), or null
     * @param <M> the model type
     * @return the trained curve
     * @throws org.glassy.core.NumericalInstabilityException if the loss stops being finite
     * @throws CancellationException if the thread is interrupted
     */
    public static <M extends Model> BezierCurve fit(M model, double[] start, double[] end, BezierFit<M> training,
                                                    long seed, ProgressListener progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        model.checkDimension("start", start);
        model.checkDimension("end", end);
        BezierFit.State initial = training.init(model, straight(start, end));
        BezierFit.State last = Dynamics.of(model, training).seed(seed).steps(training.steps()).progress(progress)
                .runFrom(initial).state();
        return new BezierCurve(last.start(), last.bend(), last.end());
    }

    @Override
    public String toString() {
        return "BezierCurve[R^" + start.length + "]";
    }
}
