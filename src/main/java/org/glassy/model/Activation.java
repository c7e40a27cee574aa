package org.glassy.model;

/** Element-wise activation functions of a network's hidden units. */
public enum Activation {
    /** max(0, z). */
    RELU,
    /** tanh z. */
    TANH,
    /** 1/(1 + e^{−z}). */
    SIGMOID;

    /**
     * The activation of one pre-activation.
     *
     * @param z the pre-activation, any real
     * @return f(z)
     */
    public double value(double z) {
        return switch (this) {
            case RELU -> Math.max(0, z);
            case TANH -> Math.tanh(z);
            case SIGMOID -> 1 / (1 + Math.exp(-z));
        };
    }

    /**
     * Applies the activation in place.
     *
     * @param z pre-activations, overwritten with activations
     * @param from first index
     * @param to one past the last index
     */
    void apply(double[] z, int from, int to) {
        switch (this) {
            case RELU -> {
                for (int i = from; i < to; i++) {
                    z[i] = Math.max(0, z[i]);
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    z[i] = Math.tanh(z[i]);
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    z[i] = 1 / (1 + Math.exp(-z[i]));
                }
            }
            default -> throw new AssertionError(this);
        }
    }

    /**
     * Multiplies the gradient with respect to the activations by the derivative, written in terms
     * of the activations a = f(z): the gradient with respect to the pre-activations.
     *
     * @param a activations
     * @param grad gradient with respect to a, overwritten with the gradient with respect to z
     * @param from first index
     * @param to one past the last index
     */
    void backward(double[] a, double[] grad, int from, int to) {
        switch (this) {
            case RELU -> {
                for (int i = from; i < to; i++) {
                    if (a[i] <= 0) {
                        grad[i] = 0;
                    }
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    grad[i] *= 1 - a[i] * a[i];
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    grad[i] *= a[i] * (1 - a[i]);
                }
            }
            default -> throw new AssertionError(this);
        }
    }
}
