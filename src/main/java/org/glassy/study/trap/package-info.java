/**
 * Mean-field trap models of aging, simulated event by event (continuous time, no time step): the
 * Bouchaud trap model (J.-P. Bouchaud, J. Phys. I France 2, 1705 (1992); C. Monthus and
 * J.-P. Bouchaud, J. Phys. A 29, 3847 (1996)) and the Barrat–Mézard model (A. Barrat and
 * M. Mézard, J. Phys. I France 5, 941 (1995)). Energies are in units of T_g = 1 and times in
 * units of τ₀ = 1. Exact reference curves are in {@link org.glassy.study.trap.TrapModelTheory}.
 */
package org.glassy.study.trap;
