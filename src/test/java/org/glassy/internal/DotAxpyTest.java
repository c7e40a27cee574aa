package org.glassy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DotAxpyTest {

    @Test
    void testsRunOnTheVectorKernel() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as bin/glassy and the kernel do
        assertEquals("vector", DotAxpy.implementation());
    }

    @Test
    void vectorAndScalarKernelsAgreeForEveryBlockLength() {
        SplittableRandom random = new SplittableRandom(3);
        double[] c = random.doubles(64, -1, 1).toArray();
        double[] s = random.doubles(40, -1, 1).toArray();
        for (int from = 0; from < 20; from++) {
            for (int to = from; to <= 40; to++) {
                double[] g1 = random.doubles(40).toArray();
                double[] g2 = g1.clone();
                double d1 = new DotAxpy.Scalar().apply(c, 5, s, g1, from, to, 0.7);
                double d2 = DotAxpy.INSTANCE.apply(c, 5, s, g2, from, to, 0.7);
                assertEquals(d1, d2, 1e-13);
                for (int k = 0; k < 40; k++) {
                    assertEquals(g1[k], g2[k], 1e-15, "g[" + k + "] for block [" + from + ", " + to + ")");
                }
            }
        }
    }
}
