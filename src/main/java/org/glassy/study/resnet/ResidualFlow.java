package org.glassy.study.resnet;

import java.util.SplittableRandom;

import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * A residual network as the explicit Euler scheme of an ordinary differential equation dx/dt = v_θ(x, t) on
 * t ∈ [0, 1]: K blocks of step h = 1/K,
 *
 * <pre>
 *   x_{k+1} = x_k + h v_k(x_k, t_k),   t_k = k h,   k = 0 … K−1,
 *   v_k(x, t) = W₂ tanh(W₁ [x; t] + b₁) + b₂,
 * </pre>
 *
 * <p>with one velocity network shared by every block (a time-dependent field v(x, t), the neural-ODE reading)
 * or one per block. The state has dimension D; a classifier augments a 2-D input with D − 2 zero dimensions
 * (augmented neural ODEs). This is the view of Rousseau, Drumetz and Fablet, "Residual networks as flows of
 * diffeomorphisms", J. Math. Imaging Vis. 62, 365 (2020), arXiv:1805.09585; Chen et al., "Neural ordinary
 * differential equations", arXiv:1806.07366; Dupont, Doucet and Teh, "Augmented neural ODEs",
 * arXiv:1904.01681.
 *
 * <p>The parameters θ are a flat {@code double[]}: for each velocity network (one, or K), W₁ (H × (D+1),
 * row-major, the last column multiplying t), b₁ (H), W₂ (D × H, row-major), b₂ (D). Models built on a flow
 * (a classifier, a transport map) put their own parameters after the flow's {@link #parameterCount()}.
 *
 * <p>Gradients are by backpropagation through the blocks, the adjoint of the Euler scheme
 * ({@link #backpropagate}): λ_k = λ_{k+1} + h (∂v_k/∂x)ᵀ λ_{k+1} + ∂R/∂x_k, with the regularisers R
 *
 * <pre>
 *   kinetic energy     E_kin = h Σ_k |v_k(x_k)|² = Σ_k |x_{k+1} − x_k|² / h,
 *   Jacobian penalty   E_jac = h Σ_k ‖∂v_k/∂x (x_k)‖_F²,
 * </pre>
 *
 * <p>of Finlay et al., "How to train your neural ODE", arXiv:2002.02798 (computed exactly here, not by
 * Hutchinson's estimator). Since tanh is 1-Lipschitz, Lip(v_k) ≤ ‖W₂‖₂ ‖W₁ₓ‖₂ (W₁ₓ the columns acting on
 * x), and each block is a bi-Lipschitz homeomorphism when h·Lip(v_k) &lt; 1, with inverse the fixed point of
 * x = y − h v_k(x) (Behrmann et al., "Invertible residual networks", arXiv:1811.00995).
 *
 * <p>Immutable; every method takes θ and never modifies it (except {@link #boundLipschitz}).
 */
public final class ResidualFlow {

    private final int dimension;
    private final int hidden;
    private final int blocks;
    private final boolean shared;
    private final double h;
    private final int setSize;

    /**
     * Creates the architecture.
     *
     * @param dimension the state dimension D ≥ 1 (2 plus the augmented dimensions)
     * @param hidden the hidden width H ≥ 1 of each velocity network
     * @param blocks the number of blocks K ≥ 1; the step is h = 1/K
     * @param shared true for one velocity network v(x, t) shared by all blocks, false for one per block
     */
    public ResidualFlow(int dimension, int hidden, int blocks, boolean shared) {
        this.dimension = Require.atLeast("dimension", dimension, 1);
        this.hidden = Require.atLeast("hidden", hidden, 1);
        this.blocks = Require.atLeast("blocks", blocks, 1);
        this.shared = shared;
        this.h = 1.0 / blocks;
        this.setSize = hidden * (dimension + 1) + hidden + dimension * hidden + dimension;
    }

    /** @return the state dimension D */
    public int dimension() {
        return dimension;
    }

    /** @return the hidden width H */
    public int hidden() {
        return hidden;
    }

    /** @return the number of blocks K */
    public int blocks() {
        return blocks;
    }

    /** @return true when one velocity network serves all blocks */
    public boolean shared() {
        return shared;
    }

    /** @return the Euler step h = 1/K */
    public double step() {
        return h;
    }

    /** @return the number of flow parameters: (1 or K) × [H(D+1) + H + DH + D] */
    public int parameterCount() {
        return (shared ? 1 : blocks) * setSize;
    }

    private int w1(int block) {
        return (shared ? 0 : block) * setSize;
    }

    private int b1(int block) {
        return w1(block) + hidden * (dimension + 1);
    }

    private int w2(int block) {
        return b1(block) + hidden;
    }

    private int b2(int block) {
        return w2(block) + dimension * hidden;
    }

    /**
     * Draws initial parameters: W₁ entries N(0, 1/(D+1)), W₂ entries N(0, s²/H), biases zero, so the initial
     * flow is close to the identity for small s.
     *
     * @param seed the seed
     * @param outputScale s ≥ 0, the scale of W₂
     * @return θ, of length {@link #parameterCount()}
     */
    public double[] initialParameters(long seed, double outputScale) {
        Require.nonNegative("outputScale", outputScale);
        SplittableRandom random = new SplittableRandom(seed);
        double[] theta = new double[parameterCount()];
        for (int s = 0; s < (shared ? 1 : blocks); s++) {
            int o = s * setSize;
            double a = 1 / Math.sqrt(dimension + 1.0);
            for (int i = 0; i < hidden * (dimension + 1); i++) {
                theta[o + i] = a * gaussian(random);
            }
            int w2 = o + hidden * (dimension + 1) + hidden;
            for (int i = 0; i < dimension * hidden; i++) {
                theta[w2 + i] = outputScale / Math.sqrt(hidden) * gaussian(random);
            }
        }
        return theta;
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Writes the velocity v_k(x, t_k) of block k.
     *
     * @param theta the parameters
     * @param block k in [0, K)
     * @param x the state, length D
     * @param v the output, length D; overwritten
     */
    public void velocity(double[] theta, int block, double[] x, double[] v) {
        double[] z = new double[hidden];
        hiddenActivations(theta, block, x, z);
        int w2 = w2(block);
        int b2 = b2(block);
        for (int i = 0; i < dimension; i++) {
            double s = theta[b2 + i];
            for (int j = 0; j < hidden; j++) {
                s += theta[w2 + i * hidden + j] * z[j];
            }
            v[i] = s;
        }
    }

    /** tanh(a) = expm1(2a) / (expm1(2a) + 2), accurate near 0, saturated beyond |a| = 20; faster than Math.tanh. */
    static double tanh(double a) {
        if (a > 20) {
            return 1;
        }
        if (a < -20) {
            return -1;
        }
        double e = Math.expm1(2 * a);
        return e / (e + 2);
    }

    /** z = tanh(W₁ [x; t_k] + b₁). */
    private void hiddenActivations(double[] theta, int block, double[] x, double[] z) {
        int w1 = w1(block);
        int b1 = b1(block);
        double t = block * h;
        for (int j = 0; j < hidden; j++) {
            int row = w1 + j * (dimension + 1);
            double a = theta[b1 + j] + theta[row + dimension] * t;
            for (int i = 0; i < dimension; i++) {
                a += theta[row + i] * x[i];
            }
            z[j] = tanh(a);
        }
    }

    /**
     * A velocity field v_k(x, t) evaluated by the Euler scheme's block k at time t = k h.
     */
    @FunctionalInterface
    public interface VelocityField {

        /**
         * Writes the velocity.
         *
         * @param block k
         * @param time t = k h
         * @param x the state; not modified
         * @param v the output, of the state's length; overwritten
         */
        void velocity(int block, double time, double[] x, double[] v);
    }

    /**
     * The explicit Euler scheme x_{k+1} = x_k + h v(x_k, t_k), h = 1/K, of any velocity field: the integrator
     * behind every residual flow.
     *
     * @param field the velocity field
     * @param blocks K ≥ 1
     * @param x0 the initial state; not modified
     * @return x_0, …, x_K
     */
    public static double[][] euler(VelocityField field, int blocks, double[] x0) {
        Require.atLeast("blocks", blocks, 1);
        double step = 1.0 / blocks;
        double[][] xs = new double[blocks + 1][];
        xs[0] = x0.clone();
        double[] v = new double[x0.length];
        for (int k = 0; k < blocks; k++) {
            field.velocity(k, k * step, xs[k], v);
            double[] next = xs[k].clone();
            for (int i = 0; i < next.length; i++) {
                next[i] += step * v[i];
            }
            xs[k + 1] = next;
        }
        return xs;
    }

    /**
     * The inverse of the Euler map of a velocity field, block by block from the last, each by the fixed-point
     * iteration x ← y − h v(x, t_k) started at x = y: a contraction of rate h·Lip(v_k) when that is below 1
     * (Behrmann et al., arXiv:1811.00995).
     *
     * @param field the velocity field
     * @param blocks K ≥ 1
     * @param y the output
     * @param iterations the maximum number of iterations per block, at least 1; a block stops earlier when an
     *     iteration moves x by less than 10⁻¹⁵ (1 + |x|)
     * @return x with F(x) ≈ y
     */
    public static double[] eulerInverse(VelocityField field, int blocks, double[] y, int iterations) {
        Require.atLeast("blocks", blocks, 1);
        Require.atLeast("iterations", iterations, 1);
        double step = 1.0 / blocks;
        double[] x = y.clone();
        double[] v = new double[y.length];
        for (int k = blocks - 1; k >= 0; k--) {
            double[] target = x.clone();
            for (int it = 0; it < iterations; it++) {
                field.velocity(k, k * step, x, v);
                double change = 0;
                double norm = 0;
                for (int i = 0; i < x.length; i++) {
                    double next = target[i] - step * v[i];
                    change = Math.max(change, Math.abs(next - x[i]));
                    norm = Math.max(norm, Math.abs(next));
                    x[i] = next;
                }
                if (change <= 1e-15 * (1 + norm)) {
                    break;
                }
            }
        }
        return x;
    }

    /**
     * This flow's velocity field at parameters θ.
     *
     * @param theta the parameters
     * @return the field (k, t, x, v) ↦ v_k(x, t_k)
     */
    public VelocityField field(double[] theta) {
        return (k, t, x, v) -> velocity(theta, k, x, v);
    }

    /**
     * The trajectory of one point through depth: x_0, x_1, …, x_K.
     *
     * @param theta the parameters
     * @param x0 the input, length D; not modified
     * @return K + 1 states of length D
     */
    public double[][] trajectory(double[] theta, double[] x0) {
        return euler(field(theta), blocks, x0);
    }

    /**
     * The whole map F = (id + h v_{K−1}) ∘ … ∘ (id + h v_0).
     *
     * @param theta the parameters
     * @param x0 the input, length D; not modified
     * @return F(x0)
     */
    public double[] map(double[] theta, double[] x0) {
        return trajectory(theta, x0)[blocks];
    }

    /**
     * The Jacobian ∂v_k/∂x (x) = W₂ diag(1 − z²) W₁ₓ of one block's velocity.
     *
     * @param theta the parameters
     * @param block k in [0, K)
     * @param x the state, length D
     * @return the D × D matrix
     */
    public double[][] velocityJacobian(double[] theta, int block, double[] x) {
        double[] z = new double[hidden];
        hiddenActivations(theta, block, x, z);
        int w1 = w1(block);
        int w2 = w2(block);
        double[][] m = new double[dimension][dimension];
        for (int j = 0; j < hidden; j++) {
            double s = 1 - z[j] * z[j];
            for (int i = 0; i < dimension; i++) {
                double a = theta[w2 + i * hidden + j] * s;
                for (int l = 0; l < dimension; l++) {
                    m[i][l] += a * theta[w1 + j * (dimension + 1) + l];
                }
            }
        }
        return m;
    }

    /**
     * The Jacobian of the whole map at x0, by forward propagation J_{k+1} = (I + h ∂v_k/∂x(x_k)) J_k.
     *
     * @param theta the parameters
     * @param x0 the input, length D
     * @return the D × D matrix ∂F/∂x0
     */
    public double[][] jacobian(double[] theta, double[] x0) {
        double[][] xs = trajectory(theta, x0);
        double[][] j = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            j[i][i] = 1;
        }
        for (int k = 0; k < blocks; k++) {
            double[][] m = velocityJacobian(theta, k, xs[k]);
            double[][] next = new double[dimension][dimension];
            for (int a = 0; a < dimension; a++) {
                for (int b = 0; b < dimension; b++) {
                    double s = j[a][b];
                    for (int c = 0; c < dimension; c++) {
                        s += h * m[a][c] * j[c][b];
                    }
                    next[a][b] = s;
                }
            }
            j = next;
        }
        return j;
    }

    /**
     * The determinant of the whole map's Jacobian at x0: positive where the map preserves orientation; a sign
     * change on a grid shows a fold.
     *
     * @param theta the parameters
     * @param x0 the input, length D
     * @return det ∂F/∂x0
     */
    public double jacobianDeterminant(double[] theta, double[] x0) {
        return new LUDecomposition(MatrixUtils.createRealMatrix(jacobian(theta, x0))).getDeterminant();
    }

    /**
     * The inverse of the whole map by {@link #eulerInverse}.
     *
     * @param theta the parameters
     * @param y the output, length D
     * @param iterations the maximum number of fixed-point iterations per block, at least 1
     * @return x with F(x) ≈ y
     */
    public double[] inverse(double[] theta, double[] y, int iterations) {
        return eulerInverse(field(theta), blocks, y, iterations);
    }

    /**
     * The bound Lip(v_k) ≤ ‖W₂‖₂ ‖W₁ₓ‖₂ of one block's velocity field in x (tanh is 1-Lipschitz), the spectral
     * norms by Hipparchus's singular value decomposition.
     *
     * @param theta the parameters
     * @param block k in [0, K)
     * @return the product of the two layers' spectral norms
     */
    public double velocityLipschitzBound(double[] theta, int block) {
        return spectralNorm(inputWeights(theta, block)) * spectralNorm(outputWeights(theta, block));
    }

    /**
     * The upper bound of the whole map's Lipschitz constant, Π_k (1 + h Lip(v_k)), with Lip(v_k) from
     * {@link #velocityLipschitzBound}.
     *
     * @param theta the parameters
     * @return the bound, at least 1
     */
    public double lipschitzUpperBound(double[] theta) {
        double bound = 1;
        for (int k = 0; k < blocks; k++) {
            bound *= 1 + h * velocityLipschitzBound(theta, k);
        }
        return bound;
    }

    /**
     * Rescales, in place, each velocity network whose bound ‖W₂‖₂ ‖W₁ₓ‖₂ exceeds L: W₁ₓ and W₂ are both
     * multiplied by √(L / (‖W₂‖₂ ‖W₁ₓ‖₂)), so that afterwards Lip(v_k) ≤ L (the hard spectral bound applied after
     * each optimiser step). The time column of W₁ and the biases are left alone.
     *
     * @param theta the parameters; the flow's entries are overwritten
     * @param bound L &gt; 0
     */
    public void boundLipschitz(double[] theta, double bound) {
        Require.positive("bound", bound);
        for (int s = 0; s < (shared ? 1 : blocks); s++) {
            double product = velocityLipschitzBound(theta, s);
            if (product > bound) {
                double c = Math.sqrt(bound / product) * (1 - 1e-12);
                int w1 = w1(s);
                for (int j = 0; j < hidden; j++) {
                    for (int i = 0; i < dimension; i++) {
                        theta[w1 + j * (dimension + 1) + i] *= c;
                    }
                }
                int w2 = w2(s);
                for (int i = 0; i < dimension * hidden; i++) {
                    theta[w2 + i] *= c;
                }
            }
        }
    }

    /**
     * The constraint Lip(v_k) ≤ L as a {@link Space} for the core run loop: a step rule's move is followed by
     * {@link #boundLipschitz} (the retraction); entries after the flow's parameters are left alone.
     *
     * @param bound L &gt; 0
     * @return the space
     */
    public Space lipschitzBall(double bound) {
        Require.positive("bound", bound);
        return new Space() {
            @Override
            public void tangent(double[] x, double[] v) {
                // the ball has a non-empty interior: displacements are not projected
            }

            @Override
            public void retract(double[] x) {
                boundLipschitz(x, bound);
            }

            @Override
            public void checkContains(double[] x) {
                for (int k = 0; k < (shared ? 1 : blocks); k++) {
                    double lip = velocityLipschitzBound(x, k);
                    if (lip > bound * (1 + 1e-9)) {
                        throw Require.invalid("x0", "must satisfy Lip(v) <= " + bound + ", block " + k + " has "
                                + lip);
                    }
                }
            }
        };
    }

    /** W₁ₓ, the H × D columns of W₁ acting on x. */
    RealMatrix inputWeights(double[] theta, int block) {
        int w1 = w1(block);
        double[][] m = new double[hidden][dimension];
        for (int j = 0; j < hidden; j++) {
            System.arraycopy(theta, w1 + j * (dimension + 1), m[j], 0, dimension);
        }
        return MatrixUtils.createRealMatrix(m);
    }

    /** W₂, D × H. */
    RealMatrix outputWeights(double[] theta, int block) {
        int w2 = w2(block);
        double[][] m = new double[dimension][hidden];
        for (int i = 0; i < dimension; i++) {
            System.arraycopy(theta, w2 + i * hidden, m[i], 0, hidden);
        }
        return MatrixUtils.createRealMatrix(m);
    }

    static double spectralNorm(RealMatrix m) {
        return new SingularValueDecomposition(m).getNorm();
    }

    /**
     * The same flow with 2K blocks of step h/2 over the same total time: block j uses the velocity network of
     * block ⌊j/2⌋ at time j·h/2 (shared networks are simply evaluated at the finer times).
     *
     * @return the refined architecture; use {@link #refinedParameters} for its θ
     */
    public ResidualFlow refined() {
        return new ResidualFlow(dimension, hidden, 2 * blocks, shared);
    }

    /**
     * The parameters of {@link #refined()} that evaluate the same velocity field: θ itself when shared, each
     * block's network duplicated otherwise. Where the per-block networks do not depend on t, the two maps agree
     * to the Euler scheme's O(h) error only if the networks describe one continuous field.
     *
     * @param theta the parameters of this flow (entries after {@link #parameterCount()} are dropped)
     * @return the refined flow's parameters
     */
    public double[] refinedParameters(double[] theta) {
        if (shared) {
            return java.util.Arrays.copyOf(theta, setSize);
        }
        double[] out = new double[2 * blocks * setSize];
        for (int k = 0; k < blocks; k++) {
            System.arraycopy(theta, k * setSize, out, 2 * k * setSize, setSize);
            System.arraycopy(theta, k * setSize, out, (2 * k + 1) * setSize, setSize);
        }
        return out;
    }

    /**
     * The scratch of one point's forward pass, reused across points so the training loop does not allocate: the
     * states x_0 … x_K and the hidden activations z_k = tanh(W₁ [x_k; t_k] + b₁) that backpropagation needs.
     */
    public static final class Pass {
        private final double[][] states;
        private final double[][] activations;

        private Pass(int blocks, int dimension, int hidden) {
            states = new double[blocks + 1][dimension];
            activations = new double[blocks][hidden];
        }

        /** @return x_0 … x_K of the last {@link ResidualFlow#forward}, (K + 1) × D, owned by the pass */
        public double[][] states() {
            return states;
        }

        /** @return x_K of the last {@link ResidualFlow#forward}, owned by the pass */
        public double[] output() {
            return states[states.length - 1];
        }
    }

    /**
     * A scratch for {@link #forward} and {@link #backpropagate}.
     *
     * @return a new pass of this architecture
     */
    public Pass newPass() {
        return new Pass(blocks, dimension, hidden);
    }

    /**
     * The forward pass of one point, keeping what backpropagation needs (the same states as {@link #trajectory}).
     *
     * @param theta the parameters
     * @param x0 the input, length D; not modified
     * @param pass the scratch, overwritten
     * @return x_K, the pass's own array
     */
    public double[] forward(double[] theta, double[] x0, Pass pass) {
        System.arraycopy(x0, 0, pass.states[0], 0, dimension);
        for (int k = 0; k < blocks; k++) {
            double[] x = pass.states[k];
            double[] z = pass.activations[k];
            hiddenActivations(theta, k, x, z);
            int w2 = w2(k);
            int b2 = b2(k);
            double[] next = pass.states[k + 1];
            for (int i = 0; i < dimension; i++) {
                double s = theta[b2 + i];
                for (int j = 0; j < hidden; j++) {
                    s += theta[w2 + i * hidden + j] * z[j];
                }
                next[i] = x[i] + h * s;
            }
        }
        return pass.states[blocks];
    }

    /**
     * Backpropagation through the blocks (the discrete adjoint of the Euler scheme) for one point, with the
     * kinetic and Jacobian regularisers of this point added with weights α and β: the objective
     * L(x_K) + α h Σ_k |v_k(x_k)|² + β h Σ_k ‖∂v_k/∂x(x_k)‖_F².
     *
     * @param theta the parameters
     * @param pass the point's {@link #forward} pass at these parameters
     * @param adjoint on entry ∂L/∂x_K, length D; on exit the total derivative with respect to x_0
     * @param kineticWeight α ≥ 0
     * @param jacobianWeight β ≥ 0
     * @param gradient the gradient with respect to θ, <em>accumulated</em> into its first
     *     {@link #parameterCount()} entries
     * @return the regularisers' value α E_kin + β E_jac for this point
     */
    public double backpropagate(double[] theta, Pass pass, double[] adjoint, double kineticWeight,
                                double jacobianWeight, double[] gradient) {
        int d = dimension;
        double[] v = new double[d];
        double[] gv = new double[d];
        double[] ga = new double[hidden];
        double[] next = new double[d];
        double[][] m = jacobianWeight != 0 ? new double[d][d] : null;
        double penalty = 0;
        for (int k = blocks - 1; k >= 0; k--) {
            double[] x = pass.states[k];
            double t = k * h;
            double[] z = pass.activations[k];
            int w1 = w1(k);
            int b1 = b1(k);
            int w2 = w2(k);
            int b2 = b2(k);
            double kin = 0;
            for (int i = 0; i < d; i++) {
                double s = theta[b2 + i];
                for (int j = 0; j < hidden; j++) {
                    s += theta[w2 + i * hidden + j] * z[j];
                }
                v[i] = s;
                kin += s * s;
                gv[i] = h * adjoint[i] + 2 * kineticWeight * h * s;
            }
            penalty += kineticWeight * h * kin;
            for (int i = 0; i < d; i++) {
                gradient[b2 + i] += gv[i];
                for (int j = 0; j < hidden; j++) {
                    gradient[w2 + i * hidden + j] += gv[i] * z[j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += theta[w2 + i * hidden + j] * gv[i];
                }
                ga[j] = s * (1 - z[j] * z[j]);
            }
            if (jacobianWeight != 0) {
                // M = W2 S W1x, S = diag(1 - z^2)
                double frob = 0;
                for (int i = 0; i < d; i++) {
                    for (int l = 0; l < d; l++) {
                        double s = 0;
                        for (int j = 0; j < hidden; j++) {
                            s += theta[w2 + i * hidden + j] * (1 - z[j] * z[j]) * theta[w1 + j * (d + 1) + l];
                        }
                        m[i][l] = s;
                        frob += s * s;
                    }
                }
                penalty += jacobianWeight * h * frob;
                double c = 2 * jacobianWeight * h;
                for (int j = 0; j < hidden; j++) {
                    double sj = 1 - z[j] * z[j];
                    double gs = 0;
                    for (int i = 0; i < d; i++) {
                        double mw = 0;   // (M W1xᵀ)_{ij}
                        for (int l = 0; l < d; l++) {
                            mw += m[i][l] * theta[w1 + j * (d + 1) + l];
                        }
                        gradient[w2 + i * hidden + j] += c * sj * mw;
                        gs += theta[w2 + i * hidden + j] * mw;
                    }
                    for (int l = 0; l < d; l++) {
                        double wm = 0;   // (W2ᵀ M)_{jl}
                        for (int i = 0; i < d; i++) {
                            wm += theta[w2 + i * hidden + j] * m[i][l];
                        }
                        gradient[w1 + j * (d + 1) + l] += c * sj * wm;
                    }
                    ga[j] += c * gs * (-2 * z[j] * sj);
                }
            }
            for (int j = 0; j < hidden; j++) {
                int row = w1 + j * (d + 1);
                for (int i = 0; i < d; i++) {
                    gradient[row + i] += ga[j] * x[i];
                }
                gradient[row + d] += ga[j] * t;
                gradient[b1 + j] += ga[j];
            }
            for (int i = 0; i < d; i++) {
                double s = adjoint[i];
                for (int j = 0; j < hidden; j++) {
                    s += theta[w1 + j * (d + 1) + i] * ga[j];
                }
                next[i] = s;
            }
            System.arraycopy(next, 0, adjoint, 0, d);
        }
        return penalty;
    }

    /**
     * The kinetic energy of one trajectory, Σ_k |x_{k+1} − x_k|² / h = h Σ_k |v_k(x_k)|².
     *
     * @param trajectory a {@link #trajectory}
     * @return E_kin ≥ 0
     */
    public double kineticEnergy(double[][] trajectory) {
        double e = 0;
        for (int k = 0; k + 1 < trajectory.length; k++) {
            for (int i = 0; i < trajectory[k].length; i++) {
                double dx = trajectory[k + 1][i] - trajectory[k][i];
                e += dx * dx;
            }
        }
        return e / h;
    }

    @Override
    public String toString() {
        return "ResidualFlow[D=" + dimension + ", H=" + hidden + ", K=" + blocks + (shared ? ", shared" : ", per block")
                + "]";
    }
}
