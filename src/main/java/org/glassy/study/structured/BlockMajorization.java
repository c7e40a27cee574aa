package org.glassy.study.structured;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Block majorisation–minimisation for a one-hidden-layer network, a step rule of the core run loop with a
 * guaranteed monotone decrease of the full-batch loss. Each step updates two blocks in turn.
 * <ol>
 * <li>The output layer A ((H + 1) × C, weights and biases) with the hidden features Φ = (f(W₁x + b₁), 1) fixed:
 *     <ul>
 *     <li>squared loss: its exact minimiser, the least-squares solution A = (ΦᵀΦ)⁺ΦᵀY (Y the one-hot
 *         targets, the pseudo-inverse by SVD);</li>
 *     <li>cross-entropy: the MM step of Böhning's curvature bound ∇²_A E ⪯ B = ½(I − 11ᵀ/C) ⊗ ΦᵀΦ/P
 *         (D. Böhning, "Multinomial logistic regression algorithm", Ann. Inst. Statist. Math. 44, 197 (1992)),
 *         A ← A − B⁺∇_A E = A − 2(ΦᵀΦ/P)⁺ ∇_A E (∇_A E sums to zero over classes, so the projector
 *         (I − 11ᵀ/C) acts as the identity on it); E is below the quadratic majorant, whose minimum is below
 *         E(A).</li>
 *     </ul></li>
 * <li>The hidden layer θ₁ = (W₁, b₁) by the minimiser of the quadratic majorant
 *     E(θ₁) ≤ E(θ₁⁰) + ∇E·(θ₁ − θ₁⁰) + (L/2)|θ₁ − θ₁⁰|², θ₁ = θ₁⁰ − ∇E/L, with L certified by backtracking:
 *     L doubles until the inequality holds at the new point (then E decreases by at least |∇E|²/(2L)); each
 *     step starts from half the last accepted L.</li>
 * </ol>
 * The output step is accepted only if it does not increase E as evaluated (a guard against round-off in the
 * normal equations when A is already optimal). In the spirit of the Toulouse programme of training algorithms
 * that exploit compositional structure (Févotte and Idier, arXiv:1010.1763, for the MM principle).
 * Full batch, dt = 1 per step.
 *
 * @param initialCurvature L₀ &gt; 0, the first trial curvature of the hidden block
 */
public record BlockMajorization(double initialCurvature) implements StepRule<Mlp, BlockMajorization.State> {

    /** Doublings of L before a hidden step gives up (and leaves the block unchanged). */
    public static final int MAX_DOUBLINGS = 60;

    /**
     * Validates the parameter.
     *
     * @param initialCurvature L₀ &gt; 0
     */
    public BlockMajorization {
        Require.positive("initialCurvature", initialCurvature);
    }

    /** @return L₀ = 1 */
    public static BlockMajorization defaults() {
        return new BlockMajorization(1);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position θ
     * @param energy E(θ)
     * @param afterOutput E after the output block of the last step (between the two blocks)
     * @param curvature the last accepted L of the hidden block
     */
    public record State(double[] position, double energy, double afterOutput, double curvature) implements RunState {
    }

    @Override
    public double timeStep() {
        return 1;
    }

    @Override
    public State init(Mlp model, Space space, double[] x0) {
        model.checkDimension("x0", x0);
        double[] x = x0.clone();
        double e = model.energy(x);
        return new State(x, e, e, initialCurvature);
    }

    @Override
    public State step(Mlp model, Space space, State state, long step, RandomGenerator random) {
        double[] theta = state.position();
        double energy = state.energy();
        NetworkJacobian jacobian = new NetworkJacobian(model);
        energy = outputBlock(model, jacobian, theta, energy);
        double afterOutput = energy;
        int n = theta.length;
        int hiddenEnd = jacobian.outputOffset();
        double[] gradient = new double[n];
        energy = model.energyAndGradient(theta, gradient);
        double g2 = 0;
        for (int i = 0; i < hiddenEnd; i++) {
            g2 += gradient[i] * gradient[i];
        }
        double curvature = state.curvature() / 2;
        double[] trial = theta.clone();
        for (int d = 0; d < MAX_DOUBLINGS && g2 > 0; d++, curvature *= 2) {
            for (int i = 0; i < hiddenEnd; i++) {
                trial[i] = theta[i] - gradient[i] / curvature;
            }
            double next = model.energy(trial);
            if (next <= energy - g2 / (2 * curvature)) {
                return new State(trial, next, afterOutput, curvature);
            }
        }
        return new State(theta, energy, afterOutput, curvature);
    }

    /** Updates the output block of θ in place; returns the new energy. */
    static double outputBlock(Mlp model, NetworkJacobian jacobian, double[] theta, double energy) {
        jacobian.linearise(theta);
        int p = jacobian.examples();
        int h1 = jacobian.hidden() + 1;
        int c = jacobian.classes();
        RealMatrix phi = MatrixUtils.createRealMatrix(p, h1);
        double[] features = jacobian.features();
        for (int m = 0; m < p; m++) {
            phi.setRow(m, java.util.Arrays.copyOfRange(features, m * h1, (m + 1) * h1));
        }
        RealMatrix gram = phi.transposeMultiply(phi).scalarMultiply(1.0 / p);
        RealMatrix pseudoInverse = new SingularValueDecomposition(gram).getSolver().getInverse();
        double[] updated;
        if (model.architecture().loss() == Loss.SQUARED) {
            double[] y = jacobian.targets();
            RealMatrix targets = MatrixUtils.createRealMatrix(p, c);
            for (int m = 0; m < p; m++) {
                targets.setRow(m, java.util.Arrays.copyOfRange(y, m * c, (m + 1) * c));
            }
            RealMatrix a = pseudoInverse.multiply(phi.transposeMultiply(targets).scalarMultiply(1.0 / p));
            updated = flatten(a);
        } else {
            double[] gradient = new double[theta.length];
            model.energyAndGradient(theta, gradient);
            double[] gradA = jacobian.outputMatrix(gradient);
            RealMatrix step = pseudoInverse.multiply(MatrixUtils.createRealMatrix(unflatten(gradA, h1, c)))
                    .scalarMultiply(2);
            updated = jacobian.outputMatrix(theta);
            double[] s = flatten(step);
            for (int i = 0; i < updated.length; i++) {
                updated[i] -= s[i];
            }
        }
        double[] trial = theta.clone();
        jacobian.setOutputMatrix(updated, trial);
        double next = model.energy(trial);
        if (next <= energy) {
            System.arraycopy(trial, 0, theta, 0, theta.length);
            return next;
        }
        return energy;
    }

    private static double[] flatten(RealMatrix m) {
        double[] out = new double[m.getRowDimension() * m.getColumnDimension()];
        for (int r = 0; r < m.getRowDimension(); r++) {
            for (int c = 0; c < m.getColumnDimension(); c++) {
                out[r * m.getColumnDimension() + c] = m.getEntry(r, c);
            }
        }
        return out;
    }

    private static double[][] unflatten(double[] v, int rows, int columns) {
        double[][] out = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(v, r * columns, out[r], 0, columns);
        }
        return out;
    }

    @Override
    public String stepSizeName() {
        return "initialCurvature";
    }
}
