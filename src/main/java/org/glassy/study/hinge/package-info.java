/**
 * Notebook 05, {@code bin/glassy hinge-shallow} and {@code perceptron}: gradient flow of
 * Pellegrini and Biroli's shallow ReLU network under the hinge loss against its exact mean-field
 * solution ({@link org.glassy.study.hinge.ShallowHingeNetwork},
 * {@link org.glassy.study.hinge.ShallowHingeTheory}), and the SAT/UNSAT (jamming) transition of the
 * spherical perceptron at Gardner's capacity ({@link org.glassy.study.hinge.HingePerceptron},
 * {@link org.glassy.study.hinge.GardnerCapacity}, {@link org.glassy.study.hinge.PerceptronJamming}).
 * F. Pellegrini and G. Biroli, NeurIPS 2020 (arXiv:2006.11209); E. Gardner, J. Phys. A 21, 257
 * (1988); S. Franz and G. Parisi, J. Phys. A 49, 145001 (2016).
 */
package org.glassy.study.hinge;
