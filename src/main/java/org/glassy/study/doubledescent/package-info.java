/**
 * Notebook 07 and {@code bin/glassy double-descent}: double descent in two solvable models, theory and
 * simulation side by side. Min-norm and ridge regression with isotropic Gaussian inputs
 * ({@link org.glassy.study.doubledescent.LinearRidgeRisk}: T. Hastie, A. Montanari, S. Rosset, R. J. Tibshirani,
 * arXiv:1903.08560), random features regression ({@link org.glassy.study.doubledescent.RandomFeatures},
 * {@link org.glassy.study.doubledescent.RandomFeaturesTheory}: S. Mei and A. Montanari, arXiv:1908.05355), both
 * fitted by {@link org.glassy.study.doubledescent.RidgeRegression} and simulated by
 * {@link org.glassy.study.doubledescent.DoubleDescent}; and the decomposition of the test error into a bias and
 * the variances from data, label noise and initialisation, with ensembles of K models
 * ({@link org.glassy.study.doubledescent.BiasVariance}: S. d'Ascoli, M. Refinetti, G. Biroli, F. Krzakala,
 * ICML 2020, arXiv:2003.01054).
 */
package org.glassy.study.doubledescent;
