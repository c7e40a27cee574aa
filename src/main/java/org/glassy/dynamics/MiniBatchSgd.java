package org.glassy.dynamics;

import java.util.Objects;
import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.internal.Parallel;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;

/**
 * Mini-batch stochastic gradient descent with heavy-ball momentum, in PyTorch's convention
 * ({@code torch.optim.SGD}, dampening 0; {@link HeavyBall}):
 *
 * <pre>
 *   g = ∇ (1/B) Σ_{μ ∈ batch} ℓ_μ(x),   v ← μ v + g,   x ← x − η(k) v
 * </pre>
 *
 * <p>(with the space's tangent projection on g and retraction after the move). Batches follow
 * {@link BatchCursor}: consecutive slices of a random permutation of the training set, drawn anew
 * from the run's generator at the start of every epoch; an epoch is ⌊P/B⌋ batches. One step is one
 * unit of time ("time is measured in batches", Baity-Jesi et al., ICML 2018, who used momentum
 * 0.5). The learning rate η(k) may follow a {@link Schedule}.
 *
 * <p>On the Euclidean space, a model with a single-precision backward pass ({@link BatchModel#hasFloatGradient})
 * hands its float32 gradient straight to the update, which widens each entry as it reads it: the same numbers as
 * the float64 gradient, one pass over memory fewer. The update is split over {@link BatchModel#updateParts} threads
 * (elementwise, so bit-identical whatever their number).
 *
 * <p>Immutable: the velocity and the batch order are the run's {@link State}.
 *
 * @param learningRate η(k)
 * @param batchSize B, at least 1 and at most the number of training examples
 * @param momentum μ in [0, 1)
 */
public record MiniBatchSgd(Schedule learningRate, int batchSize, double momentum)
        implements StepRule<BatchModel, MiniBatchSgd.State> {

    /** Alignment of the parts of a split update (64 doubles, 512 bytes: whole cache lines). */
    private static final int ALIGN = 64;

    /**
     * Validates the parameters.
     *
     * @param learningRate η(k)
     * @param batchSize B, at least 1
     * @param momentum μ in [0, 1)
     */
    public MiniBatchSgd {
        Objects.requireNonNull(learningRate, "learningRate");
        Require.atLeast("batchSize", batchSize, 1);
        Require.unitInterval("momentum", momentum);
    }

    /**
     * SGD with a constant learning rate.
     *
     * @param learningRate η, finite and &gt; 0
     * @param batchSize B, at least 1
     * @param momentum μ in [0, 1)
     */
    public MiniBatchSgd(double learningRate, int batchSize, double momentum) {
        this(Schedule.constant(learningRate), batchSize, momentum);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position x
     * @param gradient the last batch gradient (scratch)
     * @param floatGradient the last batch gradient of a single-precision model on the Euclidean space (scratch;
     *                      null otherwise, when {@code gradient} is used)
     * @param velocity v
     * @param batches the position in the batch order
     * @param energy the loss of the last batch (NaN before the first step)
     */
    public record State(double[] position, double[] gradient, float[] floatGradient, double[] velocity,
                        BatchCursor batches, double energy) implements RunState {
    }

    @Override
    public double timeStep() {
        return 1;
    }

    @Override
    public State init(BatchModel model, Space space, double[] x0) {
        Steps.checkStart(model, space, x0);
        // the Euclidean tangent projection is the identity, the only one that needs no float64 gradient
        boolean single = model.hasFloatGradient() && space == Space.euclidean();
        return new State(x0.clone(), single ? new double[0] : new double[x0.length],
                single ? new float[x0.length] : null, new double[x0.length],
                BatchCursor.start(model.exampleCount(), batchSize), Double.NaN);
    }

    @Override
    public State step(BatchModel model, Space space, State state, long step, RandomGenerator random) {
        double[] x = state.position();
        BatchCursor batch = state.batches().next(random);
        double rate = learningRate.at(step);
        double[] v = state.velocity();
        int parts = model.updateParts();
        double loss;
        if (state.floatGradient() != null) {
            float[] g = state.floatGradient();
            loss = model.batchEnergyAndFloatGradient(x, batch.permutation(), batch.from(), batch.to(), g);
            Parallel.run(parts, x.length, ALIGN,
                    (from, to) -> HeavyBall.update(momentum, rate, v, g, x, from, to - from));
        } else {
            double[] g = state.gradient();
            loss = model.batchEnergyAndGradient(x, batch.permutation(), batch.from(), batch.to(), g);
            space.tangent(x, g);
            Parallel.run(parts, x.length, ALIGN,
                    (from, to) -> HeavyBall.update(momentum, rate, v, g, x, from, to - from));
            space.retract(x);
        }
        return new State(x, state.gradient(), state.floatGradient(), state.velocity(), batch, loss);
    }

    @Override
    public String stepSizeName() {
        return "learningRate";
    }

    @Override
    public String toString() {
        String lr = learningRate instanceof Schedule.Constant c ? Double.toString(c.value()) : learningRate.toString();
        return "MiniBatchSgd[lr=" + lr + ", batch=" + batchSize + ", momentum=" + momentum + "]";
    }
}
