/**
 * The studies, one package each, named after the study; each notebook draws on its study's
 * package (and the shared ones):
 * <ul>
 * <li>{@code study.relaxation}: notebook 01, energy relaxation of the spherical p-spin after a quench;</li>
 * <li>{@code study.aging}: notebook 02, aging of networks trained by SGD next to the p-spin;</li>
 * <li>{@code study.agingtheory} and {@code study.trap}: notebook 03, the Cugliandolo–Kurchan solution
 *     against finite N, and the trap models (their models, exact theory and samplers);</li>
 * <li>{@code study.barriers}: notebook 04, barriers between minima of networks and of the p-spin;</li>
 * <li>{@code study.hinge}: notebook 05, hinge-loss dynamics (Pellegrini and Biroli's shallow network,
 *     its mean-field theory) and the perceptron's SAT/UNSAT transition (Gardner's capacity);</li>
 * <li>{@code study.doubledescent}: notebook 07, double descent in min-norm linear and random features
 *     regression, theory and simulation, bias and variances, ensembles.</li>
 * </ul>
 *
 * <p>Where things live: a study's own models, theory and runs are in its package (e.g. the hinge
 * study's network, perceptron and theory in {@code study.hinge}); what more than one study uses exists
 * once, in a shared package: the run loop and step rules ({@code dynamics}), spaces and the
 * vocabulary ({@code core}), observables, paths between minima ({@code path}), shared models
 * ({@code model}: the p-spin couplings, the {@code Mlp}), shared theory ({@code theory}: the
 * Cugliandolo–Kurchan solver, p-spin thresholds), data and display. A study may use another study's
 * public runs (notebook 03 draws the relaxation of 01); packages never form cycles (checked by the
 * architecture test). A new study is one package here, one notebook and one CLI command.
 */
package org.glassy.study;
