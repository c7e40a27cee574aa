/**
 * Notebook 03: the Cugliandolo–Kurchan mean-field solution ({@code org.glassy.theory}) next to
 * finite-N simulations of the p-spin (energies and two-time correlations), its long-time approach
 * to the threshold, and the trap models of {@code org.glassy.study.trap}. L. F. Cugliandolo and
 * J. Kurchan, Phys. Rev. Lett. 71, 173 (1993); Kim and Latz, EPL 53, 660 (2001).
 */
package org.glassy.study.agingtheory;
