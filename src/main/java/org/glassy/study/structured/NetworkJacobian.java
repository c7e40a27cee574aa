package org.glassy.study.structured;

import java.util.Arrays;

import org.glassy.data.Dataset;
import org.glassy.internal.Dense;
import org.glassy.internal.Require;
import org.glassy.model.Activation;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;

/**
 * The structure of a one-hidden-layer network's loss, linearised at a point θ = (W₁, b₁, W₂, b₂) in
 * {@link Mlp}'s flat layout: s = W₁x + b₁, a = f(s), z = W₂a + b₂, E(θ) = (1/P) Σ_μ ℓ(z_μ, y_μ).
 * <ul>
 * <li>the hidden features with a bias column, Φ_μ = (a_μ, 1), P × (H + 1);</li>
 * <li>the Jacobian–vector product J v (forward mode): ṡ = V₁x + c₁, ȧ = f′(s) ∘ ṡ, ż = V₂a + c₂ + W₂ȧ;</li>
 * <li>its transpose Jᵀu (backpropagation of output gradients u);</li>
 * <li>the Gauss–Newton matrix–vector product G v = (1/P) Σ_μ J_μᵀ ∇²ℓ(z_μ) J_μ v, with ∇²ℓ = (2/C) I for the
 *     squared loss and diag(p) − ppᵀ (p = softmax z) for cross-entropy, without ever forming J (for a
 *     784-100-10 network on 10⁴ examples J has 10⁵ rows and 79 510 columns).</li>
 * </ul>
 * f′ is the activation's derivative, with ReLU′(0) the network's {@link Mlp#reluDerivativeAtZero()}.
 * N. N. Schraudolph, "Fast curvature matrix-vector products for second-order gradient descent", Neural
 * Computation 14, 1723 (2002); J. Martens, "Deep learning via Hessian-free optimization", ICML 2010.
 *
 * <p>Not thread-safe: holds the linearisation of one point.
 */
final class NetworkJacobian {

    private final Mlp network;
    private final int inputs;
    private final int hidden;
    private final int classes;
    private final int examples;
    private final double[] x;
    private final int[] labels;
    private final int[] inputRows;
    private final int[] hiddenRows;
    private final int w1;
    private final int b1;
    private final int w2;
    private final int b2;
    private final double[] s;
    private final double[] a;
    private final double[] slope;
    private final double[] z;
    private final double[] sDot;
    private final double[] zDot;
    private final double[] aDot;
    private final double[] zeros;
    private final double[] scratch;
    private double[] theta;

    /**
     * Prepares the products for a network.
     *
     * @param network a one-hidden-layer network (three widths)
     */
    NetworkJacobian(Mlp network) {
        int[] widths = network.architecture().widths();
        if (widths.length != 3) {
            throw Require.invalid("network", "must have exactly one hidden layer, got widths "
                    + Arrays.toString(widths));
        }
        this.network = network;
        inputs = widths[0];
        hidden = widths[1];
        classes = widths[2];
        Dataset data = network.data();
        examples = data.size();
        x = data.inputs();
        labels = data.labels();
        w1 = 0;
        b1 = inputs * hidden;
        w2 = b1 + hidden;
        b2 = w2 + hidden * classes;
        inputRows = new int[examples];
        hiddenRows = new int[examples];
        for (int m = 0; m < examples; m++) {
            inputRows[m] = m * inputs;
            hiddenRows[m] = m * hidden;
        }
        s = new double[examples * hidden];
        a = new double[examples * hidden];
        slope = new double[examples * hidden];
        z = new double[examples * classes];
        sDot = new double[examples * hidden];
        aDot = new double[examples * hidden];
        zDot = new double[examples * classes];
        zeros = new double[Math.max(hidden, classes)];
        scratch = new double[examples * classes];
    }

    /** @return the network */
    Mlp network() {
        return network;
    }

    /** @return the offset of the output weights W₂ in the flat vector (the hidden block is [0, w2)) */
    int outputOffset() {
        return w2;
    }

    /** @return H */
    int hidden() {
        return hidden;
    }

    /** @return C */
    int classes() {
        return classes;
    }

    /** @return P */
    int examples() {
        return examples;
    }

    /**
     * Linearises at θ: computes s, a = f(s), f′(s) and z.
     *
     * @param parameters θ, kept by reference until the next call
     */
    void linearise(double[] parameters) {
        theta = parameters;
        Activation f = network.architecture().activation();
        Dense.INSTANCE.forward(x, inputRows, examples, inputs, theta, w1, hidden, theta, b1, s);
        double zeroSlope = network.reluDerivativeAtZero();
        for (int i = 0; i < s.length; i++) {
            double v = f.value(s[i]);
            a[i] = v;
            slope[i] = switch (f) {
                case RELU -> s[i] > 0 ? 1 : s[i] == 0 ? zeroSlope : 0;
                case TANH -> 1 - v * v;
                case SIGMOID -> v * (1 - v);
            };
        }
        Dense.INSTANCE.forward(a, hiddenRows, examples, hidden, theta, w2, classes, theta, b2, z);
    }

    /** @return the logits z at the linearisation point, P × C (a copy) */
    double[] logits() {
        return z.clone();
    }

    /**
     * The hidden features with a bias column at the linearisation point.
     *
     * @return Φ, P × (H + 1) row-major, last column 1
     */
    double[] features() {
        double[] phi = new double[examples * (hidden + 1)];
        for (int m = 0; m < examples; m++) {
            System.arraycopy(a, m * hidden, phi, m * (hidden + 1), hidden);
            phi[m * (hidden + 1) + hidden] = 1;
        }
        return phi;
    }

    /**
     * The output-layer parameters of θ as an (H + 1) × C matrix A (row j &lt; H: the weights from hidden unit j,
     * row H: the biases), so that z_μ = Φ_μ A.
     *
     * @param parameters θ
     * @return A row-major
     */
    double[] outputMatrix(double[] parameters) {
        double[] m = new double[(hidden + 1) * classes];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < hidden; j++) {
                m[j * classes + k] = parameters[w2 + k * hidden + j];
            }
            m[hidden * classes + k] = parameters[b2 + k];
        }
        return m;
    }

    /**
     * Writes an (H + 1) × C matrix back as the output-layer parameters (the inverse of {@link #outputMatrix}).
     *
     * @param m A row-major
     * @param parameters θ, its output block overwritten
     */
    void setOutputMatrix(double[] m, double[] parameters) {
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < hidden; j++) {
                parameters[w2 + k * hidden + j] = m[j * classes + k];
            }
            parameters[b2 + k] = m[hidden * classes + k];
        }
    }

    /**
     * J v at the linearisation point: the directional derivatives of all logits.
     *
     * @param v a direction in parameter space
     * @return ż, P × C (an internal buffer, valid until the next product)
     */
    double[] jacobianTimes(double[] v) {
        Dense.INSTANCE.forward(x, inputRows, examples, inputs, v, w1, hidden, v, b1, sDot);
        for (int i = 0; i < sDot.length; i++) {
            aDot[i] = slope[i] * sDot[i];
        }
        Dense.INSTANCE.forward(a, hiddenRows, examples, hidden, v, w2, classes, v, b2, zDot);
        Dense.INSTANCE.forward(aDot, hiddenRows, examples, hidden, theta, w2, classes, zeros, 0, scratch);
        for (int i = 0; i < zDot.length; i++) {
            zDot[i] += scratch[i];
        }
        return zDot;
    }

    /**
     * Jᵀ u at the linearisation point: backpropagation of output gradients.
     *
     * @param u P × C output gradients (not modified)
     * @param out the parameter-space result, overwritten
     */
    void transposeTimes(double[] u, double[] out) {
        Dense.INSTANCE.weightGradient(u, examples, classes, a, hiddenRows, hidden, out, w2, b2);
        Dense.INSTANCE.inputGradient(u, examples, classes, theta, w2, hidden, aDot);
        for (int i = 0; i < aDot.length; i++) {
            aDot[i] *= slope[i];
        }
        Dense.INSTANCE.weightGradient(aDot, examples, hidden, x, inputRows, inputs, out, w1, b1);
    }

    /**
     * The Gauss–Newton product G v = (1/P) Jᵀ ∇²ℓ J v at the linearisation point.
     *
     * @param v a direction
     * @param out G v, overwritten
     */
    void gaussNewtonTimes(double[] v, double[] out) {
        double[] jv = jacobianTimes(v);
        double[] u = new double[jv.length];
        double[] p = new double[classes];
        boolean squared = network.architecture().loss() == Loss.SQUARED;
        for (int m = 0; m < examples; m++) {
            int o = m * classes;
            if (squared) {
                for (int k = 0; k < classes; k++) {
                    u[o + k] = 2.0 / classes * jv[o + k] / examples;
                }
            } else {
                softmax(z, o, p);
                double pv = 0;
                for (int k = 0; k < classes; k++) {
                    pv += p[k] * jv[o + k];
                }
                for (int k = 0; k < classes; k++) {
                    u[o + k] = p[k] * (jv[o + k] - pv) / examples;
                }
            }
        }
        transposeTimes(u, out);
    }

    private void softmax(double[] logits, int offset, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, logits[offset + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            p[k] = Math.exp(logits[offset + k] - max);
            sum += p[k];
        }
        for (int k = 0; k < classes; k++) {
            p[k] /= sum;
        }
    }

    /** @return the one-hot targets, P × C */
    double[] targets() {
        double[] y = new double[examples * classes];
        for (int m = 0; m < examples; m++) {
            y[m * classes + labels[m]] = 1;
        }
        return y;
    }
}
