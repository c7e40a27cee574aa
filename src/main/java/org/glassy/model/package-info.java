/**
 * Energies and losses with their gradients over a flat {@code double[]}, shared by every study:
 * {@link org.glassy.model.Model} and {@link org.glassy.model.BatchModel} (a loss over training
 * examples, for mini-batch rules), the spherical p-spin {@link org.glassy.model.PSpinSpherical},
 * the networks {@link org.glassy.model.Mlp} (the lean pure-Java engine) and
 * {@link org.glassy.model.DeepLearning4jNetwork} behind the same interface, test potentials
 * ({@link org.glassy.model.Quadratic}, {@link org.glassy.model.DoubleWell},
 * {@link org.glassy.model.MullerBrown}) and the hinge costs {@link org.glassy.model.HingeLoss}. A
 * model that only one study uses lives in that study's package. Models are immutable after
 * construction, so parallel runs can share one instance.
 */
package org.glassy.model;
