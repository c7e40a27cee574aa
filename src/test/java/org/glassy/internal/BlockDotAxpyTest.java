package org.glassy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BlockDotAxpyTest {

    private static final BlockDotAxpy KERNEL = BlockDotAxpy.INSTANCE;

    @Test
    void testsRunOnTheVectorKernel() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as bin/glassy and the kernel do
        assertEquals("vector", BlockDotAxpy.implementation());
        assertEquals(KERNEL.lanes(), KERNEL.padding(), "the vector kernel overruns rows by less than one vector");
    }

    /**
     * Every block shape around the register blocking (rows 0–9 against blocks of four) and the vector
     * length (lengths 1–19 against 8 or 4 lanes), at an offset inside a larger coupling array, with the
     * padding the class comment asks for: the vector kernel against the plain sums, written out here.
     */
    @Test
    void singleStateBlocksEqualThePlainSums() {
        SplittableRandom random = new SplittableRandom(5);
        int pad = KERNEL.padding();
        for (int rows = 0; rows < 10; rows++) {
            for (int length = 1; length < 20; length++) {
                int from = 3;
                int offset = 7;
                double[] m = random.doubles(offset + rows * length + pad, -1, 1).toArray();
                double[] s = new double[from + length + pad];
                for (int k = 0; k < from + length; k++) {
                    s[k] = random.nextDouble(-1, 1);
                }
                double[] factors = random.doubles(rows, -1, 1).toArray();
                double[] g = random.doubles(from + length + pad, -1, 1).toArray();
                double[] expectedG = g.clone();
                double[] expectedDots = new double[rows];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < length; c++) {
                        double coupling = m[offset + r * length + c];
                        expectedDots[r] += coupling * s[from + c];
                        expectedG[from + c] += factors[r] * coupling;
                    }
                }
                double[] dots = new double[rows];
                double[] onlyDots = new double[rows];
                KERNEL.apply(m, offset, rows, length, s, g, from, factors, dots);
                KERNEL.dots(m, offset, rows, length, s, from, onlyDots);
                String shape = rows + " × " + length;
                for (int r = 0; r < rows; r++) {
                    assertEquals(expectedDots[r], dots[r], 1e-14, "dot of row " + r + " in " + shape);
                    assertEquals(expectedDots[r], onlyDots[r], 1e-14, "dots() of row " + r + " in " + shape);
                }
                for (int k = 0; k < from + length; k++) {
                    assertEquals(expectedG[k], g[k], 1e-14, "g[" + k + "] in " + shape);
                }
            }
        }
    }

    @Test
    void interleavedBlocksEqualThePlainSumsInEveryLane() {
        SplittableRandom random = new SplittableRandom(6);
        for (BlockDotAxpy kernel : new BlockDotAxpy[] {KERNEL, new BlockDotAxpy.Scalar()}) {
            int w = kernel.lanes();
            for (int rows = 0; rows < 10; rows++) {
                for (int length = 1; length < 12; length++) {
                    int from = 2;
                    int offset = 5;
                    int n = from + length;
                    double[] m = random.doubles(offset + rows * length, -1, 1).toArray();
                    double[] x = random.doubles(n * w, -1, 1).toArray();
                    double[] factors = random.doubles(rows * w, -1, 1).toArray();
                    double[] g = random.doubles(n * w, -1, 1).toArray();
                    double[] expectedG = g.clone();
                    double[] expectedDots = new double[rows * w];
                    for (int l = 0; l < w; l++) {
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < length; c++) {
                                double coupling = m[offset + r * length + c];
                                expectedDots[r * w + l] += coupling * x[(from + c) * w + l];
                                expectedG[(from + c) * w + l] += factors[r * w + l] * coupling;
                            }
                        }
                    }
                    double[] dots = random.doubles(rows * w).toArray();   // overwritten, not accumulated
                    kernel.applyInterleaved(m, offset, rows, length, x, g, from, factors, dots);
                    String shape = kernel.getClass().getSimpleName() + " " + rows + " × " + length;
                    for (int t = 0; t < rows * w; t++) {
                        assertEquals(expectedDots[t], dots[t], 1e-14, "dot " + t + " in " + shape);
                    }
                    for (int t = 0; t < n * w; t++) {
                        assertEquals(expectedG[t], g[t], 1e-14, "g " + t + " in " + shape);
                    }
                }
            }
        }
    }

    @Test
    void scalarKernelAgreesWithTheVectorKernel() {
        SplittableRandom random = new SplittableRandom(7);
        int pad = KERNEL.padding();
        int rows = 13;
        int length = 37;
        double[] m = random.doubles(rows * length + pad, -1, 1).toArray();
        double[] s = new double[length + pad];
        for (int k = 0; k < length; k++) {
            s[k] = random.nextDouble(-1, 1);
        }
        double[] factors = random.doubles(rows, -1, 1).toArray();
        double[] g1 = new double[length + pad];
        double[] g2 = new double[length + pad];
        double[] d1 = new double[rows];
        double[] d2 = new double[rows];
        new BlockDotAxpy.Scalar().apply(m, 0, rows, length, s, g1, 0, factors, d1);
        KERNEL.apply(m, 0, rows, length, s, g2, 0, factors, d2);
        for (int r = 0; r < rows; r++) {
            assertEquals(d1[r], d2[r], 1e-13);
        }
        for (int k = 0; k < length; k++) {
            assertEquals(g1[k], g2[k], 1e-13);
        }
    }
    /**
     * Runs whose row r belongs to spin r: the fused factors s_r·scale, g_r += scale·dot_r and the
     * returned Σ_r s_r dot_r, against the plain sums, for one state and for interleaved states.
     */
    @Test
    void spinRowsEqualThePlainSums() {
        SplittableRandom random = new SplittableRandom(8);
        for (BlockDotAxpy kernel : new BlockDotAxpy[] {KERNEL, new BlockDotAxpy.Scalar()}) {
            int pad = kernel.padding();
            int w = kernel.lanes();
            for (int rows = 0; rows < 12; rows++) {
                for (int length = 1; length < 19; length++) {
                    int from = rows + 2;
                    int offset = 3;
                    int n = from + length;
                    double scale = random.nextDouble(-2, 2);
                    double[] m = random.doubles(offset + rows * length + pad, -1, 1).toArray();
                    double[] s = new double[n + pad];
                    for (int k = 0; k < n; k++) {
                        s[k] = random.nextDouble(-1, 1);
                    }
                    double[] g = random.doubles(n + pad, -1, 1).toArray();
                    double[] expectedG = g.clone();
                    double expectedQ = 0;
                    for (int r = 0; r < rows; r++) {
                        double dot = 0;
                        for (int c = 0; c < length; c++) {
                            double coupling = m[offset + r * length + c];
                            dot += coupling * s[from + c];
                            expectedG[from + c] += s[r] * scale * coupling;
                        }
                        expectedG[r] += scale * dot;
                        expectedQ += s[r] * dot;
                    }
                    String shape = kernel.getClass().getSimpleName() + " " + rows + " × " + length;
                    assertEquals(expectedQ, kernel.spinRows(m, offset, rows, length, s, g, from, scale), 1e-13, shape);
                    assertEquals(expectedQ, kernel.spinRowsEnergy(m, offset, rows, length, s, from), 1e-13, shape);
                    for (int k = 0; k < n; k++) {
                        assertEquals(expectedG[k], g[k], 1e-14, "g[" + k + "] in " + shape);
                    }
                    // interleaved: w states, each lane checked against its own plain sums
                    double[] x = random.doubles(n * w, -1, 1).toArray();
                    double[] scales = random.doubles(w, -2, 2).toArray();
                    double[] gx = random.doubles(n * w, -1, 1).toArray();
                    double[] expectedGx = gx.clone();
                    double[] expectedQx = new double[w];
                    for (int l = 0; l < w; l++) {
                        for (int r = 0; r < rows; r++) {
                            double dot = 0;
                            for (int c = 0; c < length; c++) {
                                double coupling = m[offset + r * length + c];
                                dot += coupling * x[(from + c) * w + l];
                                expectedGx[(from + c) * w + l] += x[r * w + l] * scales[l] * coupling;
                            }
                            expectedGx[r * w + l] += scales[l] * dot;
                            expectedQx[l] += x[r * w + l] * dot;
                        }
                    }
                    double[] q = random.doubles(w).toArray();
                    kernel.spinRowsInterleaved(m, offset, rows, length, x, gx, from, scales, q);
                    for (int l = 0; l < w; l++) {
                        assertEquals(expectedQx[l], q[l], 1e-13, "q of lane " + l + " in " + shape);
                    }
                    for (int t = 0; t < n * w; t++) {
                        assertEquals(expectedGx[t], gx[t], 1e-14, "interleaved g " + t + " in " + shape);
                    }
                }
            }
        }
    }
}
