package org.glassy.study.hinge;

import org.glassy.internal.Require;

/**
 * The constraints of a perceptron configuration sorted by their gap h_μ − κ with a stated
 * tolerance ε: violated (h_μ &lt; κ − ε), in contact (|h_μ − κ| ≤ ε) and satisfied
 * (h_μ &gt; κ + ε). A minimum of the linear hinge puts a finite fraction of the constraints exactly
 * at h_μ = κ (the contacts of the jamming literature: S. Franz and G. Parisi, J. Phys. A 49, 145001
 * (2016)); a strict count h_μ &lt; κ after a descent that has not converged counts as violated the
 * contacts that round-off or a jittering step left just below κ, so counts need a tolerance, and
 * they only mean something if they do not depend on it (see {@link PerceptronJamming#counts}).
 *
 * @param violated the number of constraints with h_μ &lt; κ − ε
 * @param contacts the number with |h_μ − κ| ≤ ε
 * @param satisfied the number with h_μ &gt; κ + ε
 * @param tolerance ε
 */
public record ConstraintCounts(int violated, int contacts, int satisfied, double tolerance) {

    /** The default tolerance ε = 10⁻³ (the CLI's {@code --contact-tolerance}). */
    public static final double DEFAULT_TOLERANCE = 1e-3;

    /**
     * Validates the counts.
     *
     * @param violated ≥ 0
     * @param contacts ≥ 0
     * @param satisfied ≥ 0
     * @param tolerance ε ≥ 0
     */
    public ConstraintCounts {
        Require.atLeast("violated", violated, 0);
        Require.atLeast("contacts", contacts, 0);
        Require.atLeast("satisfied", satisfied, 0);
        Require.nonNegative("contactTolerance", tolerance);
    }

    /**
     * Sorts the stabilities of a configuration.
     *
     * @param stabilities h_μ = y_μ w·x_μ/√N of all P constraints
     * @param kappa the margin κ
     * @param tolerance ε, finite and ≥ 0
     * @return the counts
     * @throws IllegalArgumentException naming {@code contactTolerance} if ε is negative or not finite
     */
    public static ConstraintCounts of(double[] stabilities, double kappa, double tolerance) {
        Require.nonNegative("contactTolerance", tolerance);
        int violated = 0;
        int contacts = 0;
        for (double h : stabilities) {
            double gap = h - kappa;
            if (gap < -tolerance) {
                violated++;
            } else if (gap <= tolerance) {
                contacts++;
            }
        }
        return new ConstraintCounts(violated, contacts, stabilities.length - violated - contacts, tolerance);
    }

    /** @return P, the number of constraints */
    public int total() {
        return violated + contacts + satisfied;
    }

    /** @return the violated fraction, violated/P */
    public double violatedFraction() {
        return (double) violated / total();
    }

    /** @return the contact fraction, contacts/P */
    public double contactFraction() {
        return (double) contacts / total();
    }
}
