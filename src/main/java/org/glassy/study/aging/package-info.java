/**
 * Notebook 02, {@code bin/glassy aging-dnn} and {@code pspin-aging}: aging in the training of
 * networks by SGD (the mean square displacement Δ(t_w, t_w + t) of all weights) next to the
 * two-time observables of the p-spin below T_d. M. Baity-Jesi et al., "Comparing dynamics: deep
 * neural networks versus glassy systems", ICML 2018 (arXiv:1803.06969).
 */
package org.glassy.study.aging;
