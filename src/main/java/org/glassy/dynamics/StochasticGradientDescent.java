package org.glassy.dynamics;

import java.util.Objects;
import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;

/**
 * Gradient descent on the mean loss of a random selection of training examples, the stochastic gradient
 * descent of Mignacco, Krzakala, Urbani, Zdeborová (NeurIPS 2020, arXiv:2006.06098) and Mignacco, Urbani,
 * Zdeborová (Mach. Learn.: Sci. Technol. 2, 035029 (2021), arXiv:2103.04902):
 *
 * <pre>
 *   g = ∇ (1/|S|) Σ_{μ ∈ S} ℓ_μ(w),   S = {μ : s_μ(t) = 1},   w ← w − η P g   (then the space's retraction)
 * </pre>
 *
 * <p>with the selection s_μ(t) of a {@link Selection}: all examples (gradient descent), fresh Bernoulli(b) draws
 * (mini-batch SGD) or the persistent two-state process. The gradient is the mean over the selected examples,
 * normalised by their number, so it is an unbiased estimate of ∇L (given a non-empty selection) and time
 * t = k·η means the same for every selection. A step whose selection is empty (probability (1 − b)^n) leaves w
 * where it is.
 *
 * <p>With {@link Selection#all()}, or b = 1, the trajectory is {@link GradientDescent}'s bit for bit: the batch
 * of all examples in order is the model's full gradient, and nothing is drawn.
 *
 * <p>Immutable: the selection variables are the run's {@link State}.
 *
 * @param learningRate η, the time step: step k is at time k·η
 * @param selection which examples enter each step
 */
public record StochasticGradientDescent(double learningRate, Selection selection)
        implements StepRule<BatchModel, StochasticGradientDescent.State> {

    /**
     * Validates the parameters.
     *
     * @param learningRate η, finite and &gt; 0
     * @param selection the selection process; a persistent one needs τ ≥ η·max(1, (1 − b)/b)
     */
    public StochasticGradientDescent {
        Require.positive("learningRate", learningRate);
        Objects.requireNonNull(selection, "selection");
        selection.checkStep(learningRate);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position w
     * @param gradient the last batch gradient (scratch)
     * @param selected the s_μ
     * @param batch the selected examples, in increasing order, in its first {@code batchSize} entries (scratch)
     * @param started whether the s_μ have been drawn (at the first step)
     * @param energy the mean loss of the last batch (the full loss after an empty one; NaN before the first step)
     */
    public record State(double[] position, double[] gradient, boolean[] selected, int[] batch, boolean started,
                        double energy) implements RunState {
    }

    @Override
    public double timeStep() {
        return learningRate;
    }

    @Override
    public State init(BatchModel model, Space space, double[] x0) {
        Steps.checkStart(model, space, x0);
        int n = model.exampleCount();
        return new State(x0.clone(), new double[x0.length], new boolean[n], new int[n], false, Double.NaN);
    }

    @Override
    public State step(BatchModel model, Space space, State state, long step, RandomGenerator random) {
        boolean[] s = state.selected();
        if (state.started()) {
            selection.advance(s, learningRate, random);
        } else {
            selection.initial(s, random);
        }
        int[] batch = state.batch();
        int size = 0;
        for (int mu = 0; mu < s.length; mu++) {
            if (s[mu]) {
                batch[size++] = mu;
            }
        }
        double[] x = state.position();
        double[] g = state.gradient();
        if (size == 0) {
            return new State(x, g, s, batch, true, model.energy(x));
        }
        double loss = model.batchEnergyAndGradient(x, batch, 0, size, g);
        space.tangent(x, g);
        for (int i = 0; i < x.length; i++) {
            x[i] -= learningRate * g[i];
        }
        space.retract(x);
        return new State(x, g, s, batch, true, loss);
    }

    @Override
    public String stepSizeName() {
        return "learningRate";
    }
}
