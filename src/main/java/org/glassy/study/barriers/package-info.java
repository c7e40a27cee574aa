/**
 * Barriers between minima (notebook 04, {@code bin/glassy barrier} and {@code bin/glassy neb}):
 * how high a path between two minima must climb, networks against the glass.
 *
 * <ul>
 *   <li>{@link org.glassy.study.barriers.NetworkBarriers}: two one-hidden-layer networks trained by
 *       SGD from two seeds on the same data, joined by the straight segment, AutoNEB or a Bézier
 *       curve; the training loss, test loss and test error along the path; the width sweep
 *       (F. Draxler et al., ICML 2018; C. D. Freeman and J. Bruna, ICLR 2017; T. Garipov et al.,
 *       NeurIPS 2018).</li>
 *   <li>{@link org.glassy.study.barriers.PSpinBarriers}: two gradient-descent minima of the
 *       spherical p-spin, joined on the sphere; the energy per spin along the path; the size
 *       sweep over instances and its mean barrier with standard error.</li>
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
 * {@code profiles} turn into long tables keyed by value columns ({@code hidden, method} for the
 * networks; {@code n, instance, method} for the p-spin), so a notebook selects by value,
 * {@code where(t.intColumn("hidden").isEqualTo(256))}, never by position.
 */
package org.glassy.study.barriers;
