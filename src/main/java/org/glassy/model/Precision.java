package org.glassy.model;

/** The floating-point precision of a network's forward and backward passes ({@link Mlp}). */
public enum Precision {
    /** IEEE 754 double precision, the default. */
    FLOAT64,
    /** IEEE 754 single precision, as PyTorch's default tensors. */
    FLOAT32
}
