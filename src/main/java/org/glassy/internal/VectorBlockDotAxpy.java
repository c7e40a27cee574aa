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
 * number of vectors over the caller's padding, so no row has a scalar tail. (Blocks of eight rows
 * and a tree instead of a chain for the g update measured no faster; horizontal sums cost nothing
 * measurable.) {@link #spinRows} is the same loop with the run's factors and bookkeeping fused in.
 * Interleaved states: rows in blocks of eight; per column one load of x and of g,
 * eight broadcast couplings, sixteen fused multiply–adds, one store of g (eight rows measured 15–30 %
 * faster than four).
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
    public double spinRows(double[] m, int offset, int rows, int length, double[] s, double[] g, int from,
                           double scale) {
        int end = from + length;
        double q = 0;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int o0 = offset + r * length - from;
            int o1 = o0 + length;
            int o2 = o1 + length;
            int o3 = o2 + length;
            double s0 = s[r];
            double s1 = s[r + 1];
            double s2 = s[r + 2];
            double s3 = s[r + 3];
            DoubleVector f0 = DoubleVector.broadcast(S, s0 * scale);
            DoubleVector f1 = DoubleVector.broadcast(S, s1 * scale);
            DoubleVector f2 = DoubleVector.broadcast(S, s2 * scale);
            DoubleVector f3 = DoubleVector.broadcast(S, s3 * scale);
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
            double d0 = a0.reduceLanes(VectorOperators.ADD);
            double d1 = a1.reduceLanes(VectorOperators.ADD);
            double d2 = a2.reduceLanes(VectorOperators.ADD);
            double d3 = a3.reduceLanes(VectorOperators.ADD);
            g[r] += scale * d0;
            g[r + 1] += scale * d1;
            g[r + 2] += scale * d2;
            g[r + 3] += scale * d3;
            q += s0 * d0 + s1 * d1 + s2 * d2 + s3 * d3;
        }
        for (; r < rows; r++) {
            int o0 = offset + r * length - from;
            DoubleVector f0 = DoubleVector.broadcast(S, s[r] * scale);
            DoubleVector a0 = DoubleVector.zero(S);
            for (int k = from; k < end; k += L) {
                DoubleVector c = DoubleVector.fromArray(S, m, o0 + k);
                a0 = c.fma(DoubleVector.fromArray(S, s, k), a0);
                c.fma(f0, DoubleVector.fromArray(S, g, k)).intoArray(g, k);
            }
            double d0 = a0.reduceLanes(VectorOperators.ADD);
            g[r] += scale * d0;
            q += s[r] * d0;
        }
        return q;
    }

    @Override
    public double spinRowsEnergy(double[] m, int offset, int rows, int length, double[] s, int from) {
        int end = from + length;
        double q = 0;
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
            // one horizontal sum for the four rows: Σ_r s_r a_r, then its lanes
            DoubleVector t = a0.mul(s[r]).add(a1.mul(s[r + 1])).add(a2.mul(s[r + 2])).add(a3.mul(s[r + 3]));
            q += t.reduceLanes(VectorOperators.ADD);
        }
        for (; r < rows; r++) {
            int o0 = offset + r * length - from;
            DoubleVector a0 = DoubleVector.zero(S);
            for (int k = from; k < end; k += L) {
                a0 = DoubleVector.fromArray(S, m, o0 + k).fma(DoubleVector.fromArray(S, s, k), a0);
            }
            q += s[r] * a0.reduceLanes(VectorOperators.ADD);
        }
        return q;
    }

    @Override
    public void spinRowsInterleaved(double[] m, int offset, int rows, int length, double[] x, double[] g, int from,
                                    double[] scale, double[] q) {
        int end = from + length;
        DoubleVector sc = DoubleVector.fromArray(S, scale, 0);
        DoubleVector qv = DoubleVector.zero(S);
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            int o0 = offset + r * length - from;
            int o1 = o0 + length;
            int o2 = o1 + length;
            int o3 = o2 + length;
            int o4 = o3 + length;
            int o5 = o4 + length;
            int o6 = o5 + length;
            int o7 = o6 + length;
            DoubleVector x0 = DoubleVector.fromArray(S, x, r * L);
            DoubleVector x1 = DoubleVector.fromArray(S, x, (r + 1) * L);
            DoubleVector x2 = DoubleVector.fromArray(S, x, (r + 2) * L);
            DoubleVector x3 = DoubleVector.fromArray(S, x, (r + 3) * L);
            DoubleVector x4 = DoubleVector.fromArray(S, x, (r + 4) * L);
            DoubleVector x5 = DoubleVector.fromArray(S, x, (r + 5) * L);
            DoubleVector x6 = DoubleVector.fromArray(S, x, (r + 6) * L);
            DoubleVector x7 = DoubleVector.fromArray(S, x, (r + 7) * L);
            DoubleVector f0 = x0.mul(sc);
            DoubleVector f1 = x1.mul(sc);
            DoubleVector f2 = x2.mul(sc);
            DoubleVector f3 = x3.mul(sc);
            DoubleVector f4 = x4.mul(sc);
            DoubleVector f5 = x5.mul(sc);
            DoubleVector f6 = x6.mul(sc);
            DoubleVector f7 = x7.mul(sc);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            DoubleVector a4 = a0;
            DoubleVector a5 = a0;
            DoubleVector a6 = a0;
            DoubleVector a7 = a0;
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
                c = DoubleVector.broadcast(S, m[o4 + k]);
                a4 = c.fma(xv, a4);
                gv = c.fma(f4, gv);
                c = DoubleVector.broadcast(S, m[o5 + k]);
                a5 = c.fma(xv, a5);
                gv = c.fma(f5, gv);
                c = DoubleVector.broadcast(S, m[o6 + k]);
                a6 = c.fma(xv, a6);
                gv = c.fma(f6, gv);
                c = DoubleVector.broadcast(S, m[o7 + k]);
                a7 = c.fma(xv, a7);
                gv = c.fma(f7, gv);
                gv.intoArray(g, k * L);
            }
            a0.fma(sc, DoubleVector.fromArray(S, g, r * L)).intoArray(g, r * L);
            a1.fma(sc, DoubleVector.fromArray(S, g, (r + 1) * L)).intoArray(g, (r + 1) * L);
            a2.fma(sc, DoubleVector.fromArray(S, g, (r + 2) * L)).intoArray(g, (r + 2) * L);
            a3.fma(sc, DoubleVector.fromArray(S, g, (r + 3) * L)).intoArray(g, (r + 3) * L);
            a4.fma(sc, DoubleVector.fromArray(S, g, (r + 4) * L)).intoArray(g, (r + 4) * L);
            a5.fma(sc, DoubleVector.fromArray(S, g, (r + 5) * L)).intoArray(g, (r + 5) * L);
            a6.fma(sc, DoubleVector.fromArray(S, g, (r + 6) * L)).intoArray(g, (r + 6) * L);
            a7.fma(sc, DoubleVector.fromArray(S, g, (r + 7) * L)).intoArray(g, (r + 7) * L);
            qv = a0.fma(x0, qv);
            qv = a1.fma(x1, qv);
            qv = a2.fma(x2, qv);
            qv = a3.fma(x3, qv);
            qv = a4.fma(x4, qv);
            qv = a5.fma(x5, qv);
            qv = a6.fma(x6, qv);
            qv = a7.fma(x7, qv);
        }
        for (; r + 4 <= rows; r += 4) {
            int o0 = offset + r * length - from;
            int o1 = o0 + length;
            int o2 = o1 + length;
            int o3 = o2 + length;
            DoubleVector x0 = DoubleVector.fromArray(S, x, r * L);
            DoubleVector x1 = DoubleVector.fromArray(S, x, (r + 1) * L);
            DoubleVector x2 = DoubleVector.fromArray(S, x, (r + 2) * L);
            DoubleVector x3 = DoubleVector.fromArray(S, x, (r + 3) * L);
            DoubleVector f0 = x0.mul(sc);
            DoubleVector f1 = x1.mul(sc);
            DoubleVector f2 = x2.mul(sc);
            DoubleVector f3 = x3.mul(sc);
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
            a0.fma(sc, DoubleVector.fromArray(S, g, r * L)).intoArray(g, r * L);
            a1.fma(sc, DoubleVector.fromArray(S, g, (r + 1) * L)).intoArray(g, (r + 1) * L);
            a2.fma(sc, DoubleVector.fromArray(S, g, (r + 2) * L)).intoArray(g, (r + 2) * L);
            a3.fma(sc, DoubleVector.fromArray(S, g, (r + 3) * L)).intoArray(g, (r + 3) * L);
            qv = a0.fma(x0, qv);
            qv = a1.fma(x1, qv);
            qv = a2.fma(x2, qv);
            qv = a3.fma(x3, qv);
        }
        for (; r < rows; r++) {
            int o0 = offset + r * length - from;
            DoubleVector x0 = DoubleVector.fromArray(S, x, r * L);
            DoubleVector f0 = x0.mul(sc);
            DoubleVector a0 = DoubleVector.zero(S);
            for (int k = from; k < end; k++) {
                DoubleVector c = DoubleVector.broadcast(S, m[o0 + k]);
                a0 = c.fma(DoubleVector.fromArray(S, x, k * L), a0);
                c.fma(f0, DoubleVector.fromArray(S, g, k * L)).intoArray(g, k * L);
            }
            a0.fma(sc, DoubleVector.fromArray(S, g, r * L)).intoArray(g, r * L);
            qv = a0.fma(x0, qv);
        }
        qv.intoArray(q, 0);
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
        for (; r + 8 <= rows; r += 8) {
            int o0 = offset + r * length - from;
            int o1 = o0 + length;
            int o2 = o1 + length;
            int o3 = o2 + length;
            int o4 = o3 + length;
            int o5 = o4 + length;
            int o6 = o5 + length;
            int o7 = o6 + length;
            DoubleVector f0 = DoubleVector.fromArray(S, factors, r * L);
            DoubleVector f1 = DoubleVector.fromArray(S, factors, (r + 1) * L);
            DoubleVector f2 = DoubleVector.fromArray(S, factors, (r + 2) * L);
            DoubleVector f3 = DoubleVector.fromArray(S, factors, (r + 3) * L);
            DoubleVector f4 = DoubleVector.fromArray(S, factors, (r + 4) * L);
            DoubleVector f5 = DoubleVector.fromArray(S, factors, (r + 5) * L);
            DoubleVector f6 = DoubleVector.fromArray(S, factors, (r + 6) * L);
            DoubleVector f7 = DoubleVector.fromArray(S, factors, (r + 7) * L);
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            DoubleVector a4 = a0;
            DoubleVector a5 = a0;
            DoubleVector a6 = a0;
            DoubleVector a7 = a0;
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
                c = DoubleVector.broadcast(S, m[o4 + k]);
                a4 = c.fma(xv, a4);
                gv = c.fma(f4, gv);
                c = DoubleVector.broadcast(S, m[o5 + k]);
                a5 = c.fma(xv, a5);
                gv = c.fma(f5, gv);
                c = DoubleVector.broadcast(S, m[o6 + k]);
                a6 = c.fma(xv, a6);
                gv = c.fma(f6, gv);
                c = DoubleVector.broadcast(S, m[o7 + k]);
                a7 = c.fma(xv, a7);
                gv = c.fma(f7, gv);
                gv.intoArray(g, k * L);
            }
            a0.intoArray(dots, r * L);
            a1.intoArray(dots, (r + 1) * L);
            a2.intoArray(dots, (r + 2) * L);
            a3.intoArray(dots, (r + 3) * L);
            a4.intoArray(dots, (r + 4) * L);
            a5.intoArray(dots, (r + 5) * L);
            a6.intoArray(dots, (r + 6) * L);
            a7.intoArray(dots, (r + 7) * L);
        }
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
