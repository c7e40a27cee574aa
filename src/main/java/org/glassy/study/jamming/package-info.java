/**
 * Notebook 06 and {@code bin/glassy jamming}: fitting a data set with a deep network as a jamming transition.
 * A ReLU network with the quadratic hinge loss ({@link org.glassy.study.jamming.HingeNetwork}) on random or
 * Fashion-MNIST data ({@link org.glassy.study.jamming.JammingData}) is trained until every constraint is
 * satisfied or the loss stops decreasing ({@link org.glassy.study.jamming.JammingTraining}); below N*(P)
 * parameters it cannot fit (UNSAT), above it can (SAT) (M. Geiger, S. Spigler, S. d'Ascoli, L. Sagun,
 * M. Baity-Jesi, G. Biroli, M. Wyart, Phys. Rev. E 100, 012115 (2019), arXiv:1809.09349), and the test error has a
 * cusp at N* (S. Spigler et al., J. Phys. A 52, 474001 (2019), arXiv:1810.09665) that ensembling removes
 * (M. Geiger et al., J. Stat. Mech. (2020) 023401, arXiv:1901.01608). Scans, gaps, Hessian spectra and ensembles:
 * {@link org.glassy.study.jamming.JammingStudy}; the transition estimator: {@link org.glassy.study.jamming.Transition}.
 */
package org.glassy.study.jamming;
