/**
 * What is measured along a run. An {@link org.glassy.observable.Observable} is an immutable
 * description (the energy per degree of freedom, the squared norm, any function of the state, the
 * two-time mean square displacement Δ and correlation C of Baity-Jesi et al. and Cugliandolo and
 * Kurchan); every run records it afresh in a {@link org.glassy.observable.Recording} of its own,
 * which the run's {@code Trajectory} hands back ({@code run.recording(observable)}), so runs of one
 * configuration never share results. Recordings export Tablesaw tables in long format
 * ({@code observable, step, time, value}; {@code tw, t, value} for two-time observables) and can
 * be checkpointed. {@link org.glassy.observable.PowerLaw} fits exponents of such curves.
 */
package org.glassy.observable;
