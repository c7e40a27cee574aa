package org.glassy.model;

/** Per-example losses of a classifier with C outputs z and label y. */
public enum Loss {
    /**
     * Squared error to the one-hot target, averaged over the C outputs:
     * ℓ = (1/C) Σ_k (z_k − δ_{k,y})² (PyTorch's {@code MSELoss}, DL4J's {@code LossMSE}; the loss of
     * Baity-Jesi et al.'s toy model).
     */
    SQUARED,
    /**
     * Squared error of sigmoid outputs to the one-hot target, averaged over the C outputs:
     * ℓ = (1/C) Σ_k (σ(z_k) − δ_{k,y})², σ(z) = 1/(1 + e^{−z}), so dℓ/dz_k = (2/C)(σ_k − δ_{k,y}) σ_k (1 − σ_k).
     * The exact loss of the toy model ({@code bruna10}, after Freeman and Bruna, arXiv:1611.01540) in the code
     * of Baity-Jesi et al., ICML 2018: Linear → ReLU → Linear → Sigmoid, Σ_k out_k² + 1 − 2 out_y averaged over
     * batch × classes. DL4J: a sigmoid {@code OutputLayer} with {@code LossMSE}.
     */
    SIGMOID_SQUARED,
    /** Softmax cross-entropy, ℓ = −log softmax(z)_y (PyTorch's {@code CrossEntropyLoss}). */
    CROSS_ENTROPY;

    /**
     * Returns ℓ for one example and writes dℓ/dz · scale into {@code grad}.
     *
     * @param z the C outputs of the example, from offset
     * @param offset where they start
     * @param classes C
     * @param label y in [0, C)
     * @param scale the factor applied to the gradient (1/B for a batch mean)
     * @param grad the output, same layout as z
     * @return ℓ
     */
    double lossAndGradient(double[] z, int offset, int classes, int label, double scale, double[] grad) {
        if (this == SQUARED) {
            double loss = 0;
            for (int k = 0; k < classes; k++) {
                double d = z[offset + k] - (k == label ? 1 : 0);
                loss += d * d;
                grad[offset + k] = scale * 2 * d / classes;
            }
            return loss / classes;
        }
        if (this == SIGMOID_SQUARED) {
            double loss = 0;
            for (int k = 0; k < classes; k++) {
                double out = 1 / (1 + Math.exp(-z[offset + k]));
                double d = out - (k == label ? 1 : 0);
                loss += d * d;
                grad[offset + k] = scale * 2 * d * out * (1 - out) / classes;
            }
            return loss / classes;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, z[offset + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double e = Math.exp(z[offset + k] - max);
            grad[offset + k] = e;
            sum += e;
        }
        for (int k = 0; k < classes; k++) {
            grad[offset + k] = scale * (grad[offset + k] / sum - (k == label ? 1 : 0));
        }
        return Math.log(sum) + max - z[offset + label];
    }
}
