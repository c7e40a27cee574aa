/**
 * The role of SGD's stochasticity (issue 20; notebook 09): gradient descent, mini-batch SGD, persistent SGD and
 * Langevin dynamics on real phase retrieval ({@link org.glassy.study.sgd.PhaseRetrievalStudy}, the
 * {@code bin/glassy phase-retrieval} command) and on Gaussian-mixture classification
 * ({@link org.glassy.study.sgd.GaussianMixture}), after Mignacco, Krzakala, Urbani, Zdeborová, NeurIPS 2020
 * (arXiv:2006.06098) and Mignacco, Urbani, Zdeborová, Mach. Learn.: Sci. Technol. 2, 035029 (2021)
 * (arXiv:2103.04902). The exact stationary state of SGD on least squares is
 * {@link org.glassy.theory.SgdLeastSquares}.
 */
package org.glassy.study.sgd;
