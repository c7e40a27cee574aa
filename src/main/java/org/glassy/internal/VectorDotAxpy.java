package org.glassy.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link DotAxpy} on 256-bit (or the platform's preferred) vectors with fused multiply–add. */
final class VectorDotAxpy implements DotAxpy {

    private static final VectorSpecies<Double> SPECIES =
            DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? DoubleVector.SPECIES_256
                    : DoubleVector.SPECIES_PREFERRED;

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
