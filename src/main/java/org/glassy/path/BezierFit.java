package org.glassy.path;

import java.util.Objects;
import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.dynamics.BatchCursor;
import org.glassy.dynamics.GradientSource;
import org.glassy.dynamics.HeavyBall;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.Schedule;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;

/**
 * The training of a {@link BezierCurve}'s bend θ (T. Garipov et al., NeurIPS 2018) as a step rule:
 * each step draws t ~ U(0, 1) and a mini-batch, and moves θ by heavy-ball SGD ({@link HeavyBall})
 * along
 *
 * <pre>
 *   ∇_θ L(φ_θ(t)) = 2t(1 − t) ∇L(φ_θ(t)),
 * </pre>
 *
 * <p>with the authors' learning-rate schedule over {@code steps} ({@link Schedule#garipov}). The
 * state's position is θ; the endpoints stay fixed. Euclidean space only. Time is counted in steps.
 *
 * @param steps the number of SGD steps of a fit, at least 1
 * @param learningRate the initial learning rate η₀ &gt; 0
 * @param momentum μ in [0, 1)
 * @param gradients exact gradients, or mini-batches
 * @param <M> the models it can train on
 */
public record BezierFit<M extends Model>(long steps, double learningRate, double momentum, GradientSource<M> gradients)
        implements StepRule<M, BezierFit.State> {

    /**
     * Validates the settings.
     *
     * @param steps steps, at least 1
     * @param learningRate η₀ &gt; 0
     * @param momentum μ in [0, 1)
     * @param gradients the gradient source
     */
    public BezierFit {
        Require.atLeast("steps", steps, 1);
        Require.positive("learningRate", learningRate);
        Require.unitInterval("momentum", momentum);
        Objects.requireNonNull(gradients, "gradients");
    }

    /**
     * A fit on exact gradients.
     *
     * @param steps steps, at least 1
     * @param learningRate η₀ &gt; 0
     * @param momentum μ in [0, 1)
     * @return the rule
     */
    public static BezierFit<Model> of(long steps, double learningRate, double momentum) {
        return new BezierFit<>(steps, learningRate, momentum, GradientSource.full());
    }

    /**
     * @param size the batch size B, at least 1
     * @return this fit on mini-batches of B examples
     */
    public BezierFit<BatchModel> withBatches(int size) {
        return new BezierFit<>(steps, learningRate, momentum, GradientSource.miniBatches(size));
    }

    /** @return the learning rate over the fit: {@link Schedule#garipov} */
    public Schedule schedule() {
        return Schedule.garipov(learningRate, steps);
    }

    /**
     * The state of a fit.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param start a
     * @param bend θ, trained
     * @param end b
     * @param velocity the momentum buffer of θ
     * @param point φ_θ(t) of the last step (scratch)
     * @param gradient the last weighted gradient (scratch)
     * @param batches the batch order (null for exact gradients)
     * @param energy the loss at φ_θ(t) of the last step (NaN before the first)
     */
    public record State(double[] start, double[] bend, double[] end, double[] velocity, double[] point,
                        double[] gradient, BatchCursor batches, double energy) implements RunState {
        @Override
        public double[] position() {
            return bend;
        }

        /** @return the curve with the current bend */
        public BezierCurve curve() {
            return new BezierCurve(start, bend, end);
        }
    }

    @Override
    public double timeStep() {
        return 1;
    }

    /**
     * Starts a fit from a curve.
     *
     * @param model the loss
     * @param curve the initial curve (usually {@link BezierCurve#straight})
     * @return the state
     */
    public State init(M model, BezierCurve curve) {
        double[] bend = curve.bend();
        model.checkDimension("bend", bend);
        int n = bend.length;
        return new State(curve.start(), bend, curve.end(), new double[n], new double[n], new double[n],
                gradients.start(model), Double.NaN);
    }

    /**
     * Starts a fit from a flat array holding a, θ and b one after the other.
     *
     * @param model the loss
     * @param space the space (Euclidean only)
     * @param x0 3n numbers: a, θ, b
     * @return the state
     */
    @Override
    public State init(M model, Space space, double[] x0) {
        int n = model.dimension();
        if (x0.length != 3 * n) {
            throw Require.invalid("x0", "must hold start, bend and end, 3·" + n + " numbers, got "
                    + x0.length);
        }
        return init(model, new BezierCurve(java.util.Arrays.copyOfRange(x0, 0, n),
                java.util.Arrays.copyOfRange(x0, n, 2 * n), java.util.Arrays.copyOfRange(x0, 2 * n, 3 * n)));
    }

    @Override
    public State step(M model, Space space, State state, long step, RandomGenerator random) {
        double[] point = state.point();
        double[] g = state.gradient();
        double t = random.nextDouble();
        BezierCurve curve = new BezierCurve(state.start(), state.bend(), state.end(), false);
        curve.point(t, point);
        BatchCursor batch = gradients.next(state.batches(), random);
        double loss = gradients.energyAndGradient(model, point, batch, g);
        double weight = 2 * t * (1 - t);
        for (int j = 0; j < g.length; j++) {
            g[j] = weight * g[j];
        }
        HeavyBall.update(momentum, learningRate * Schedule.LinearRamp.factor((double) step / steps),
                state.velocity(), g, state.bend(), 0, g.length);
        return new State(state.start(), state.bend(), state.end(), state.velocity(), point, g, batch, loss);
    }

    /**
     * The energy recorded at a recording step: the loss at the middle of the curve, φ_θ(½).
     *
     * @param model the loss
     * @param state the fit
     * @return L(φ_θ(½))
     */
    @Override
    public double energy(M model, State state) {
        return model.energy(state.curve().point(0.5));
    }

    @Override
    public String stepSizeName() {
        return "learningRate";
    }
}
