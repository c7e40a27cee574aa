/**
 * Notebook 01 and {@code bin/glassy pspin}: the energy of the spherical p-spin after a quench from
 * infinite temperature, by gradient descent and Langevin dynamics, against the mean-field values
 * (equilibrium −1/(2T) above T_d, aging toward the threshold below). L. F. Cugliandolo and
 * J. Kurchan, Phys. Rev. Lett. 71, 173 (1993); A. Crisanti and H.-J. Sommers, Z. Phys. B 87, 341
 * (1992).
 */
package org.glassy.study.relaxation;
