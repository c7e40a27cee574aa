/**
 * Mean-field theory of the spherical p-spin (physics normalisation, covariance N q^p/2, energies per spin):
 * closed-form reference values ({@link org.glassy.theory.SphericalPSpinTheory}: T_d, the threshold, the aging
 * asymptote and plateau), the Cugliandolo–Kurchan dynamics after a quench from a random start
 * ({@link org.glassy.theory.CugliandoloKurchan}) and the power-law extrapolation of a relaxing curve
 * ({@link org.glassy.theory.PowerLawApproach}).
 *
 * <p>The Cugliandolo–Kurchan equations have one entry point for both solvers:
 * <pre>
 * CugliandoloKurchan.Solution s = CugliandoloKurchan.solve(
 *         CugliandoloKurchan.Parameters.builder(3, 0.5, 1000)    // p, T, t_max
 *                 .step(0.1)                                     // h; t_max and every t_w multiples of h
 *                 .solver(CugliandoloKurchan.Solver.DECIMATING)  // or FIXED_GRID, the first-order reference
 *                 .waitingTimes(10, 100)                         // times, not grid indices
 *                 .build());
 * s.energy();   // time, energy, mu
 * s.aging();    // tw, t, correlation, response
 * </pre>
 * Both solvers return the same tables for the same parameters and agree as h → 0; a step too large for
 * either explicit scheme stops the run with an {@link java.lang.IllegalArgumentException} naming {@code step}.
 * L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71, 173 (1993); B. Kim and A. Latz, Europhys. Lett. 53,
 * 660 (2001).
 */
package org.glassy.theory;
