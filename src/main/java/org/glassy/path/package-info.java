/**
 * Paths between minima, shared by every study of barriers: a {@link org.glassy.path.Chain} of
 * images between fixed endpoints, its dense {@link org.glassy.path.Profile} and
 * {@link org.glassy.path.Barrier}, and the path optimisers, each a step rule advanced by the one
 * run loop: the {@link org.glassy.path.NudgedElasticBand} (springs or string re-spacing, climbing
 * image), {@link org.glassy.path.AutoNeb} (Draxler et al.'s cycles with pivot insertion) and the
 * training of a {@link org.glassy.path.BezierCurve} ({@link org.glassy.path.BezierFit}, Garipov et
 * al.). On a constrained space (the p-spin sphere) every image and interpolated point stays on it.
 */
package org.glassy.path;
