package org.glassy.model;

/**
 * A model that evaluates several states in one call: the images of a nudged elastic band, replicas
 * or several temperatures of one instance. For a model whose cost is a pass over stored couplings
 * ({@link PSpinSpherical}) the pass is shared, so K states cost much less than K calls once the
 * couplings no longer fit in cache. Results equal K calls of {@link #energyAndGradient} up to the
 * order of floating-point additions. (Not to be confused with {@link BatchModel}: a mini-batch of
 * training examples at one state.)
 *
 * <p>States are rows of a flat array, as the images of a band are: state i occupies
 * {@code [i·n, (i+1)·n)} with n = {@link #dimension()}.
 * {@link #energiesAndGradients(Model, double[], int, int, double[], double[])} evaluates any model
 * this way, by one call per state when it does not implement this interface.
 */
public interface MultiStateModel extends Model {

    /**
     * Evaluates states {@code first, …, first + count − 1}: writes E(x_i) into {@code energies[i]}
     * and ∇E(x_i) into {@code gradients[i·n, (i+1)·n)}; other entries are left alone.
     *
     * @param states the states, state i at [i·n, (i+1)·n); not modified
     * @param first the first state, at least 0
     * @param count the number of states, at least 0
     * @param energies the output energies, indexed like the states
     * @param gradients the output gradients, laid out like {@code states} (a different array)
     */
    void energiesAndGradients(double[] states, int first, int count, double[] energies, double[] gradients);

    /**
     * Evaluates several states of any model: in one call if it is a {@link MultiStateModel}, else one
     * {@link Model#energyAndGradient} per state.
     *
     * @param model the model
     * @param states the states, state i at [i·n, (i+1)·n); not modified
     * @param first the first state, at least 0
     * @param count the number of states, at least 0
     * @param energies the output energies, indexed like the states
     * @param gradients the output gradients, laid out like {@code states} (a different array)
     * @throws IllegalArgumentException if the arrays are too short for the states asked for
     */
    static void energiesAndGradients(Model model, double[] states, int first, int count, double[] energies,
                                     double[] gradients) {
        int n = model.dimension();
        checkStates(n, states, first, count, energies, gradients);
        if (model instanceof MultiStateModel many) {
            many.energiesAndGradients(states, first, count, energies, gradients);
            return;
        }
        double[] x = new double[n];
        double[] g = new double[n];
        for (int i = first; i < first + count; i++) {
            System.arraycopy(states, i * n, x, 0, n);
            energies[i] = model.energyAndGradient(x, g);
            System.arraycopy(g, 0, gradients, i * n, n);
        }
    }

    /**
     * Checks the arguments of {@link #energiesAndGradients(double[], int, int, double[], double[])}.
     *
     * @param n the dimension
     * @param states the states
     * @param first the first state
     * @param count the number of states
     * @param energies the output energies
     * @param gradients the output gradients
     * @throws IllegalArgumentException naming the offending argument
     */
    static void checkStates(int n, double[] states, int first, int count, double[] energies, double[] gradients) {
        if (first < 0 || count < 0) {
            throw new IllegalArgumentException("first and count must be >= 0, got " + first + ", " + count);
        }
        long end = (long) first + count;
        if (states.length < end * n || gradients.length < end * n) {
            throw new IllegalArgumentException("states and gradients must hold " + end + " states of dimension " + n
                    + " (" + end * n + " numbers), got " + states.length + " and " + gradients.length);
        }
        if (energies.length < end) {
            throw new IllegalArgumentException("energies must hold " + end + " values, got " + energies.length);
        }
        if (states == gradients) {
            throw new IllegalArgumentException("gradients must not be the states' array");
        }
    }
}
