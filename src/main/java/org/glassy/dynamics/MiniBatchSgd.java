package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.internal.BatchOrder;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;

/**
 * Mini-batch stochastic gradient descent with heavy-ball momentum, in PyTorch's convention
 * ({@code torch.optim.SGD}, dampening 0):
 *
 * <pre>
 *   g = ∇ (1/B) Σ_{μ ∈ batch} ℓ_μ(x),   v ← μ v + g,   x ← x − η v
 * </pre>
 *
 * <p>(with the space's tangent projection on g and retraction after the move). Batches are
 * consecutive slices of a random permutation of the training set, drawn anew from the run's
 * generator at the start of every epoch; an epoch is ⌊P/B⌋ batches, the remaining P mod B
 * examples of that permutation are left out. One step is one unit of time ("time is measured in
 * batches", Baity-Jesi et al., ICML 2018, who used momentum 0.5).
 *
 * <p>Holds the velocity and the epoch position of one run: do not share an instance between runs
 * that execute at the same time.
 */
public final class MiniBatchSgd implements StepRule {

    private final double learningRate;
    private final int batchSize;
    private final double momentum;
    private double[] velocity;
    private BatchOrder order;

    /**
     * Creates the rule.
     *
     * @param learningRate η, finite and &gt; 0
     * @param batchSize B, at least 1 and at most the number of training examples
     * @param momentum μ in [0, 1)
     */
    public MiniBatchSgd(double learningRate, int batchSize, double momentum) {
        this.learningRate = Require.positive("learningRate", learningRate);
        this.batchSize = Require.atLeast("batchSize", batchSize, 1);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    /** @return the learning rate η */
    public double learningRate() {
        return learningRate;
    }

    /** @return the batch size B */
    public int batchSize() {
        return batchSize;
    }

    /** @return the momentum μ */
    public double momentum() {
        return momentum;
    }

    @Override
    public double timeStep() {
        return 1;
    }

    @Override
    public void reset(int dimension) {
        velocity = new double[dimension];
        order = null;
    }

    @Override
    public double step(Model model, Space space, double[] x, double time, RandomGenerator random, double[] work) {
        if (!(model instanceof BatchModel batchModel)) {
            throw new IllegalArgumentException("model must be a BatchModel (a loss over training examples) for "
                    + "mini-batch SGD, got " + model);
        }
        if (velocity == null || velocity.length != x.length) {
            reset(x.length);
        }
        int examples = batchModel.exampleCount();
        if (batchSize > examples) {
            throw new IllegalArgumentException("batchSize must be <= the number of training examples " + examples
                    + ", got " + batchSize);
        }
        if (order == null || order.examples() != examples) {
            order = new BatchOrder(examples, batchSize);
        }
        int from = order.next(random);
        double loss = batchModel.batchEnergyAndGradient(x, order.permutation(), from, from + batchSize, work);
        space.tangent(x, work);
        for (int i = 0; i < x.length; i++) {
            velocity[i] = momentum * velocity[i] + work[i];
            x[i] -= learningRate * velocity[i];
        }
        space.retract(x);
        return loss;
    }

    @Override
    public String toString() {
        return "MiniBatchSgd[lr=" + learningRate + ", batch=" + batchSize + ", momentum=" + momentum + "]";
    }
}
