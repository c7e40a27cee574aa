/**
 * Barriers between minima (notebook 04, {@code bin/glassy barrier} and {@code bin/glassy neb}):
 * how high a path between two minima must climb, networks against the glass.
 *
 * <ul>
 *   <li>{@link org.glassy.study.barriers.NetworkBarriers}: two one-hidden-layer networks trained by
 *       SGD from two seeds on the same data (standardised inputs, a warm-up, then a decay to 1 % of the
 *       learning rate), joined by the straight segment, AutoNEB or a Bézier curve; the training loss,
 *       test loss and test error along the path; the sweep over widths and pairs of minima; the Bézier
 *       curve's barrier against its training budget (F. Draxler et al., ICML 2018; C. D. Freeman and
 *       J. Bruna, ICLR 2017; T. Garipov et al., NeurIPS 2018).</li>
 *   <li>{@link org.glassy.study.barriers.PSpinBarriers}: two gradient-descent minima of the
 *       spherical p-spin, joined on the sphere; the energy per spin along the path; the sweep over
 *       sizes, instances and AutoNEB budgets; mean barriers per spin and whole with standard errors,
 *       the change between budgets, the minima against the threshold and the ground state, and a
 *       power-law fit of the barrier against N.</li>
 *   <li>{@link org.glassy.study.barriers.Potential}: the nudged elastic band on the
 *       two-dimensional double well and Müller–Brown potentials, whose saddles are known
 *       exactly.</li>
 *   <li>{@link org.glassy.study.barriers.Method}: the ways of joining two minima, shared by both
 *       studies.</li>
 * </ul>
 *
 * <p>The path optimisers themselves (chains of images, the nudged elastic band, AutoNEB, Bézier
 * curves, profiles and barriers) are shared pieces in {@link org.glassy.path}; this package holds
 * only the study's own runs. Sweeps return lists of results that {@code summary} and
 * {@code profiles} turn into long tables keyed by value columns ({@code hidden, pair, method} for the
 * networks; {@code n, instance, method, effort} for the p-spin), so a notebook selects by value,
 * {@code where(t.intColumn("hidden").isEqualTo(256))}, never by position.
 */
package org.glassy.study.barriers;
