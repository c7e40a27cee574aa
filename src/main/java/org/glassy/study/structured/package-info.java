/**
 * Notebook 11, {@code bin/glassy nmf} and {@code bin/glassy structured-training}: training algorithms that use
 * the structure of the loss. Nonnegative matrix factorisation under the β-divergence by
 * majorisation–minimisation, heuristic and projected-gradient updates
 * ({@link org.glassy.study.structured.BetaNmf}, {@link org.glassy.study.structured.NmfData}: C. Févotte and
 * J. Idier, Neural Computation 23, 2421 (2011), arXiv:1010.1763); monotone trainers of a one-hidden-layer network
 * as step rules of the core run loop, block MM ({@link org.glassy.study.structured.BlockMajorization}) and
 * matrix-free Levenberg–Marquardt ({@link org.glassy.study.structured.GaussNewton}); and the runs that compare
 * them with SGD and Adam and measure the influence of ReLU′(0) on backpropagation in float32 and float64
 * ({@link org.glassy.study.structured.StructuredTraining}: D. Bertoin, J. Bolte, S. Gerchinovitz, E. Pauwels,
 * NeurIPS 2021, arXiv:2106.12915).
 */
package org.glassy.study.structured;
