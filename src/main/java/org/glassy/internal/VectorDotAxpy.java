package org.glassy.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DotAxpy} on the platform's preferred vectors with fused multiply–add. Every Vector-API
 * kernel of the library uses the same species ({@link VectorDense#SPECIES}): mixing vector shapes
 * in one JVM pollutes the JIT's type profiles and makes the Vector API box its vectors, several
 * times slower (measured: a p-spin run after an MLP run in one kernel).
 */
final class VectorDotAxpy implements DotAxpy {

    private static final VectorSpecies<Double> SPECIES = VectorDense.SPECIES;

    @Override
    public double apply(double[] c, int offset, double[] s, double[] g, int from, int to, double a) {
        int k = from;
        int upper = from + SPECIES.loopBound(to - from);
        DoubleVector acc = DoubleVector.zero(SPECIES);
        DoubleVector factor = DoubleVector.broadcast(SPECIES, a);
        for (; k < upper; k += SPECIES.length()) {
            DoubleVector coupling = DoubleVector.fromArray(SPECIES, c, offset + k);
            acc = coupling.fma(DoubleVector.fromArray(SPECIES, s, k), acc);
            coupling.fma(factor, DoubleVector.fromArray(SPECIES, g, k)).intoArray(g, k);
        }
        double dot = acc.reduceLanes(VectorOperators.ADD);
        for (; k < to; k++) {
            double coupling = c[offset + k];
            dot += coupling * s[k];
            g[k] += coupling * a;
        }
        return dot;
    }
}
