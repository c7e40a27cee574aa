package org.glassy.dynamics;

import java.util.Objects;
import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;

/**
 * Adam (D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
 * arXiv:1412.6980) with PyTorch's semantics ({@code torch.optim.Adam}, {@code amsgrad=False}):
 *
 * <pre>
 *   g ← ∇ℓ(x) + λ x                          (coupled L2 weight decay λ, 0 by default)
 *   m ← m + (1 − β₁)(g − m),  v ← β₂ v + (1 − β₂) g²
 *   x ← x − [η(k) / (1 − β₁^t)] · m / (√v / √(1 − β₂^t) + ε),    t = 1, 2, …
 * </pre>
 *
 * <p>in exactly PyTorch's order of operations (the bias corrections applied to the step size and
 * to √v, ε added after the correction). The gradient is that of the whole model
 * ({@link #of}) or of mini-batches ({@link #withBatches}); on a constrained space it is projected
 * on the tangent plane before the moments are updated, and the position is retracted after the
 * move. Defaults: β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸, λ = 0.
 *
 * <p>Immutable: the moments and the step count are the run's {@link State}.
 *
 * @param learningRate η(k)
 * @param beta1 β₁ in [0, 1)
 * @param beta2 β₂ in [0, 1)
 * @param epsilon ε &gt; 0
 * @param weightDecay λ ≥ 0 (PyTorch's coupled L2 {@code weight_decay})
 * @param gradients the whole model or mini-batches
 * @param <M> the models it can train: any {@link Model} with exact gradients, a {@link BatchModel}
 *     with mini-batches
 */
public record Adam<M extends Model>(Schedule learningRate, double beta1, double beta2, double epsilon,
                                    double weightDecay, GradientSource<M> gradients)
        implements StepRule<M, Adam.State> {

    /**
     * Validates the parameters.
     *
     * @param learningRate η(k)
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param epsilon ε &gt; 0
     * @param weightDecay λ ≥ 0
     * @param gradients the gradient source
     */
    public Adam {
        Objects.requireNonNull(learningRate, "learningRate");
        Require.unitInterval("beta1", beta1);
        Require.unitInterval("beta2", beta2);
        Require.positive("epsilon", epsilon);
        Require.nonNegative("weightDecay", weightDecay);
        Objects.requireNonNull(gradients, "gradients");
    }

    /**
     * Adam on exact gradients with PyTorch's defaults (β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸, no weight decay).
     *
     * @param learningRate η &gt; 0
     * @return the rule
     */
    public static Adam<Model> of(double learningRate) {
        return new Adam<>(Schedule.constant(learningRate), 0.9, 0.999, 1e-8, 0, GradientSource.full());
    }

    /**
     * @param size the batch size B, at least 1
     * @return this rule on mini-batches of B examples
     */
    public Adam<BatchModel> withBatches(int size) {
        return new Adam<>(learningRate, beta1, beta2, epsilon, weightDecay, GradientSource.miniBatches(size));
    }

    /**
     * @param schedule η(k)
     * @return this rule with that learning rate
     */
    public Adam<M> withLearningRate(Schedule schedule) {
        return new Adam<>(schedule, beta1, beta2, epsilon, weightDecay, gradients);
    }

    /**
     * @param b1 β₁ in [0, 1)
     * @param b2 β₂ in [0, 1)
     * @return this rule with those decay rates of the moments
     */
    public Adam<M> withBetas(double b1, double b2) {
        return new Adam<>(learningRate, b1, b2, epsilon, weightDecay, gradients);
    }

    /**
     * @param value ε &gt; 0
     * @return this rule with that ε
     */
    public Adam<M> withEpsilon(double value) {
        return new Adam<>(learningRate, beta1, beta2, value, weightDecay, gradients);
    }

    /**
     * @param value λ ≥ 0, PyTorch's coupled L2 weight decay (added to the gradient)
     * @return this rule with that weight decay
     */
    public Adam<M> withWeightDecay(double value) {
        return new Adam<>(learningRate, beta1, beta2, epsilon, value, gradients);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position x
     * @param gradient the last gradient (scratch)
     * @param firstMoment m
     * @param secondMoment v
     * @param updates t, the number of updates done
     * @param batches the batch order (null for exact gradients)
     * @param energy the loss of the last batch, or the energy (NaN before the first step)
     */
    public record State(double[] position, double[] gradient, double[] firstMoment, double[] secondMoment,
                        long updates, BatchCursor batches, double energy) implements RunState {
    }

    @Override
    public double timeStep() {
        return 1;
    }

    @Override
    public State init(M model, Space space, double[] x0) {
        Steps.checkStart(model, space, x0);
        int n = x0.length;
        return new State(x0.clone(), new double[n], new double[n], new double[n], 0, gradients.start(model),
                Double.NaN);
    }

    @Override
    public State step(M model, Space space, State state, long step, RandomGenerator random) {
        double[] x = state.position();
        double[] g = state.gradient();
        double[] m = state.firstMoment();
        double[] v = state.secondMoment();
        BatchCursor batch = gradients.next(state.batches(), random);
        double loss = gradients.energyAndGradient(model, x, batch, g);
        space.tangent(x, g);
        long t = state.updates() + 1;
        double rate = learningRate.at(step);
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = rate / correction1;
        double w1 = 1 - beta1;
        double w2 = 1 - beta2;
        for (int i = 0; i < x.length; i++) {
            double gi = weightDecay != 0 ? g[i] + weightDecay * x[i] : g[i];
            // torch.lerp(m, g, w1): m + w1 (g − m) for w1 < 0.5, else g − (g − m)(1 − w1)
            m[i] = w1 < 0.5 ? m[i] + w1 * (gi - m[i]) : gi - (gi - m[i]) * (1 - w1);
            v[i] = v[i] * beta2 + w2 * gi * gi;
            double denominator = Math.sqrt(v[i]) / correction2Sqrt + epsilon;
            x[i] += -stepSize * (m[i] / denominator);
        }
        space.retract(x);
        return new State(x, g, m, v, t, batch, loss);
    }

    @Override
    public String stepSizeName() {
        return "learningRate";
    }
}
