/**
 * The architectural bias of convolutions (issue 23, notebook 12): a CNN trained by SGD, mapped at a
 * relax time onto its equivalent fully connected network and trained on, against a standard fully
 * connected network of the same layer sizes. d'Ascoli, Sagun, Bruna, Biroli, NeurIPS 2019,
 * arXiv:1906.06766.
 */
package org.glassy.study.bias;
