package org.glassy.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockDotAxpy} on the JDK Vector API, in the one species of all the library's kernels
 * ({@link VectorDense#SPECIES}). Hand-written because it is the measured hot loop of every p-spin
 * study (docs/benchmarks.md); no maintained Java library offers a fused M s and Mᵀ f over a
 * packed block.
 *
 * <p>Single state: rows in register blocks of four; per vector of columns four coupling loads,
 * one load each of s and g, one store of g and eight fused multiply–adds; the rows run to a whole
 * number of vectors over the caller's padding, so no row has a scalar tail. Interleaved states:
 * rows in blocks of four; per column one load of x and of g, four broadcast couplings, eight fused
 * multiply–adds, one store of g.
 */
final class VectorBlockDotAxpy implements BlockDotAxpy {

    private static final VectorSpecies<Double> S = VectorDense.SPECIES;
    private static final int L = S.length();

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public int padding() {
        return L;
    }

    @Override
    public void apply(double[] m, int offset, int rows, int length, double[] s, double[] g, int from,
                      double[] factors, double[] dots) {
        int end = from + length;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = offset + r * length - from;
            int o1 = o0 + length;
            int o2 = o1 + length;
            int o3 = o2 + length;
            DoubleVector f0 = DoubleVector.broadcast(S, factors[r]);
            DoubleVector f1 = DoubleVector.broadcast(S, factors[r + 1]);
            DoubleVector f2 = DoubleVector.broadcast(S, factors[r + 2]);
            DoubleVector f3 = DoubleVector.broadcast(S, factors[r + 3]);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int k = from; k < end; k += L) {
                DoubleVector x = DoubleVector.fromArray(S, s, k);
                DoubleVector gv = DoubleVector.fromArray(S, g, k);
                DoubleVector c = DoubleVector.fromArray(S, m, o0 + k);
                a0 = c.fma(x, a0);
                gv = c.fma(f0, gv);
                c = DoubleVector.fromArray(S, m, o1 + k);
                a1 = c.fma(x, a1);
                gv = c.fma(f1, gv);
                c = DoubleVector.fromArray(S, m, o2 + k);
                a2 = c.fma(x, a2);
                gv = c.fma(f2, gv);
                c = DoubleVector.fromArray(S, m, o3 + k);
                a3 = c.fma(x, a3);
                gv = c.fma(f3, gv);
                gv.intoArray(g, k);
            }
            dots[r] = a0.reduceLanes(VectorOperators.ADD);
            dots[r + 1] = a1.reduceLanes(VectorOperators.ADD);
            dots[r + 2] = a2.reduceLanes(VectorOperators.ADD);
            dots[r + 3] = a3.reduceLanes(VectorOperators.ADD);
        }
        for (; r < rows; r++) {
            int o0 = offset + r * length - from;
            DoubleVector f0 = DoubleVector.broadcast(S, factors[r]);
            DoubleVector a0 = DoubleVector.zero(S);
            for (int k = from; k < end; k += L) {
                DoubleVector c = DoubleVector.fromArray(S, m, o0 + k);
                a0 = c.fma(DoubleVector.fromArray(S, s, k), a0);
                c.fma(f0, DoubleVector.fromArray(S, g, k)).intoArray(g, k);
            }
            dots[r] = a0.reduceLanes(VectorOperators.ADD);
        }
    }

    @Override
    public void dots(double[] m, int offset, int rows, int length, double[] s, int from, double[] dots) {
        int end = from + length;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = offset + r * length - from;
            int o1 = o0 + length;
            int o2 = o1 + length;
            int o3 = o2 + length;
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int k = from; k < end; k += L) {
                DoubleVector x = DoubleVector.fromArray(S, s, k);
                a0 = DoubleVector.fromArray(S, m, o0 + k).fma(x, a0);
                a1 = DoubleVector.fromArray(S, m, o1 + k).fma(x, a1);
                a2 = DoubleVector.fromArray(S, m, o2 + k).fma(x, a2);
                a3 = DoubleVector.fromArray(S, m, o3 + k).fma(x, a3);
            }
            dots[r] = a0.reduceLanes(VectorOperators.ADD);
            dots[r + 1] = a1.reduceLanes(VectorOperators.ADD);
            dots[r + 2] = a2.reduceLanes(VectorOperators.ADD);
            dots[r + 3] = a3.reduceLanes(VectorOperators.ADD);
        }
        for (; r < rows; r++) {
            int o0 = offset + r * length - from;
            DoubleVector a0 = DoubleVector.zero(S);
            for (int k = from; k < end; k += L) {
                a0 = DoubleVector.fromArray(S, m, o0 + k).fma(DoubleVector.fromArray(S, s, k), a0);
            }
            dots[r] = a0.reduceLanes(VectorOperators.ADD);
        }
    }

    @Override
    public void applyInterleaved(double[] m, int offset, int rows, int length, double[] x, double[] g, int from,
                                 double[] factors, double[] dots) {
        int end = from + length;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = offset + r * length - from;
            int o1 = o0 + length;
            int o2 = o1 + length;
            int o3 = o2 + length;
            DoubleVector f0 = DoubleVector.fromArray(S, factors, r * L);
            DoubleVector f1 = DoubleVector.fromArray(S, factors, (r + 1) * L);
            DoubleVector f2 = DoubleVector.fromArray(S, factors, (r + 2) * L);
            DoubleVector f3 = DoubleVector.fromArray(S, factors, (r + 3) * L);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int k = from; k < end; k++) {
                DoubleVector xv = DoubleVector.fromArray(S, x, k * L);
                DoubleVector gv = DoubleVector.fromArray(S, g, k * L);
                DoubleVector c = DoubleVector.broadcast(S, m[o0 + k]);
                a0 = c.fma(xv, a0);
                gv = c.fma(f0, gv);
                c = DoubleVector.broadcast(S, m[o1 + k]);
                a1 = c.fma(xv, a1);
                gv = c.fma(f1, gv);
                c = DoubleVector.broadcast(S, m[o2 + k]);
                a2 = c.fma(xv, a2);
                gv = c.fma(f2, gv);
                c = DoubleVector.broadcast(S, m[o3 + k]);
                a3 = c.fma(xv, a3);
                gv = c.fma(f3, gv);
                gv.intoArray(g, k * L);
            }
            a0.intoArray(dots, r * L);
            a1.intoArray(dots, (r + 1) * L);
            a2.intoArray(dots, (r + 2) * L);
            a3.intoArray(dots, (r + 3) * L);
        }
        for (; r < rows; r++) {
            int o0 = offset + r * length - from;
            DoubleVector f0 = DoubleVector.fromArray(S, factors, r * L);
            DoubleVector a0 = DoubleVector.zero(S);
            for (int k = from; k < end; k++) {
                DoubleVector c = DoubleVector.broadcast(S, m[o0 + k]);
                a0 = c.fma(DoubleVector.fromArray(S, x, k * L), a0);
                c.fma(f0, DoubleVector.fromArray(S, g, k * L)).intoArray(g, k * L);
            }
            a0.intoArray(dots, r * L);
        }
    }
}
