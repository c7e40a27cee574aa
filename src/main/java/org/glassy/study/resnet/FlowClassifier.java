package org.glassy.study.resnet;

import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * A residual flow followed by a linear read-out, trained as a binary classifier with the logistic loss and the
 * flow's regularisers:
 *
 * <pre>
 *   E(θ, w, c) = (1/P) Σ_μ log(1 + exp(−y_μ (w·F_θ(x_μ) + c)))
 *              + α (1/P) Σ_μ E_kin(x_μ) + β (1/P) Σ_μ E_jac(x_μ),
 * </pre>
 *
 * <p>F_θ the {@link ResidualFlow} acting on the input padded with D − 2 zeros (Dupont, Doucet and Teh,
 * "Augmented neural ODEs", arXiv:1904.01681), E_kin and E_jac the kinetic energy and the Jacobian Frobenius
 * penalty along the point's trajectory (Finlay et al., arXiv:2002.02798). The state is θ followed by w (D) and
 * c; the gradient is exact, by backpropagation through the blocks.
 */
public final class FlowClassifier implements Model {

    private final ResidualFlow flow;
    private final double[][] inputs;
    private final int[] labels;
    private final double kineticWeight;
    private final double jacobianWeight;

    /**
     * Creates the loss.
     *
     * @param flow the flow; its dimension D ≥ 2 sets the augmentation D − 2
     * @param data the training data
     * @param kineticWeight α ≥ 0
     * @param jacobianWeight β ≥ 0
     */
    public FlowClassifier(ResidualFlow flow, FlowData data, double kineticWeight, double jacobianWeight) {
        this.flow = flow;
        this.inputs = data.augmented(flow.dimension());
        this.labels = data.labels().clone();
        this.kineticWeight = Require.nonNegative("kineticWeight", kineticWeight);
        this.jacobianWeight = Require.nonNegative("jacobianWeight", jacobianWeight);
    }

    /** @return the flow */
    public ResidualFlow flow() {
        return flow;
    }

    @Override
    public int dimension() {
        return flow.parameterCount() + flow.dimension() + 1;
    }

    /**
     * Initial parameters: the flow's ({@link ResidualFlow#initialParameters}, output scale 0.1) and a read-out
     * w ~ N(0, I/D), c = 0.
     *
     * @param seed the seed
     * @return the state
     */
    public double[] initialState(long seed) {
        double[] flowTheta = flow.initialParameters(seed, 0.1);
        double[] x = java.util.Arrays.copyOf(flowTheta, dimension());
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < flow.dimension(); i++) {
            x[flow.parameterCount() + i] = ResidualFlow.gaussian(random) / Math.sqrt(flow.dimension());
        }
        return x;
    }

    @Override
    public double energy(double[] x) {
        return energyAndGradient(x, new double[dimension()]);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        java.util.Arrays.fill(gradient, 0);
        int p = inputs.length;
        int w = flow.parameterCount();
        int d = flow.dimension();
        double loss = 0;
        double[] adjoint = new double[d];
        ResidualFlow.Pass pass = flow.newPass();
        for (int mu = 0; mu < p; mu++) {
            double[] out = flow.forward(x, inputs[mu], pass);
            double f = x[w + d];
            for (int i = 0; i < d; i++) {
                f += x[w + i] * out[i];
            }
            double margin = labels[mu] * f;
            loss += softplus(-margin);
            double dl = -labels[mu] * sigmoid(-margin) / p;
            for (int i = 0; i < d; i++) {
                gradient[w + i] += dl * out[i];
                adjoint[i] = dl * x[w + i];
            }
            gradient[w + d] += dl;
            loss += p * flow.backpropagate(x, pass, adjoint, kineticWeight / p, jacobianWeight / p, gradient);
        }
        return loss / p;
    }

    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /**
     * The read-out's value w·F_θ(x) + c at a 2-D input.
     *
     * @param x the state (θ, w, c)
     * @param input the 2-D point
     * @return the score; its sign is the predicted label
     */
    public double score(double[] x, double[] input) {
        double[] out = flow.map(x, java.util.Arrays.copyOf(input, flow.dimension()));
        int w = flow.parameterCount();
        double f = x[w + flow.dimension()];
        for (int i = 0; i < flow.dimension(); i++) {
            f += x[w + i] * out[i];
        }
        return f;
    }

    /**
     * The fraction of points whose label is the sign of the score (a score of 0 counts as +1).
     *
     * @param x the state
     * @param data the points
     * @return the accuracy in [0, 1]
     */
    public double accuracy(double[] x, FlowData data) {
        int right = 0;
        for (int mu = 0; mu < data.size(); mu++) {
            int predicted = score(x, data.points()[mu]) >= 0 ? 1 : -1;
            if (predicted == data.labels()[mu]) {
                right++;
            }
        }
        return (double) right / data.size();
    }

    @Override
    public String toString() {
        return "FlowClassifier[" + flow + ", P=" + inputs.length + ", kinetic=" + kineticWeight + ", jacobian="
                + jacobianWeight + "]";
    }
}
