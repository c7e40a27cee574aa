/**
 * The shared vocabulary of Glassy, which every other package may use and which uses none of them:
 * {@link org.glassy.core.Space} (where a state lives and how it moves: Euclidean, the sphere
 * |x|² = N, products of copies for chains of images), {@link org.glassy.core.LogTimes} (log-spaced
 * recording steps), {@link org.glassy.core.StepHandler} (what a run hands its state to at the
 * recording steps), {@link org.glassy.core.ProgressListener},
 * {@link org.glassy.core.NumericalInstabilityException} (a run that blew up, naming the knob to
 * turn) and {@link org.glassy.core.SplitMix64} (the run's serialisable random generator).
 */
package org.glassy.core;
