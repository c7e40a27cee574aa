package org.glassy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {

    /** 12 examples in 3 classes with counts 5, 3, 4; example i has inputs (i, label, 7). */
    private static Dataset toy() {
        int[] labels = {0, 1, 2, 0, 0, 1, 2, 2, 0, 1, 2, 0};
        double[] x = new double[labels.length * 3];
        for (int i = 0; i < labels.length; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = labels[i];
            x[3 * i + 2] = 7;
        }
        return new Dataset("toy", labels.length, 3, 3, x, labels);
    }

    @Test
    void inputIsACopyOfOneRow() {
        Dataset d = toy();
        double[] row = d.input(5);
        assertArrayEquals(new double[] {5, 1, 7}, row);
        row[0] = -1;
        assertEquals(5, d.inputs()[15]);
        assertEquals("i must lie in [0, 11], got 12",
                assertThrows(IllegalArgumentException.class, () -> d.input(12)).getMessage());
    }

    @Test
    void balancedSubsetHasPerClassExamplesOfEachInOriginalOrder() {
        Dataset d = toy();
        Dataset s = d.balancedSubset(2, 1L);
        assertArrayEquals(new int[] {2, 2, 2}, s.classCounts());
        assertEquals("toy, 2 per class", s.name());
        for (int k = 0; k < s.size(); k++) {
            int original = (int) s.inputs()[3 * k];
            assertArrayEquals(d.input(original), s.input(k), "rows are copied intact");
            assertEquals(d.labels()[original], s.labels()[k]);
            if (k > 0) {
                assertTrue(original > (int) s.inputs()[3 * (k - 1)], "original order, no repeats");
            }
        }
        assertArrayEquals(s.inputs(), d.balancedSubset(2, 1L).inputs(), "same seed, same subset");
        boolean differs = false;
        for (long seed = 2; seed < 12 && !differs; seed++) {
            differs = !java.util.Arrays.equals(s.inputs(), d.balancedSubset(2, seed).inputs());
        }
        assertTrue(differs, "other seeds give other subsets");
    }

    @Test
    void balancedSubsetIsUniformWithinAClass() {
        // class 1 has members 1, 5, 9; choosing 2 of 3 includes each with probability 2/3.
        Dataset d = toy();
        int draws = 3000;
        int[] chosen = new int[12];
        for (long seed = 0; seed < draws; seed++) {
            Dataset s = d.balancedSubset(2, seed);
            for (int k = 0; k < s.size(); k++) {
                chosen[(int) s.inputs()[3 * k]]++;
            }
        }
        double p = 2.0 / 3;
        double fourSigma = 4 * Math.sqrt(draws * p * (1 - p)); // binomial standard error, ≈ 103
        for (int member : new int[] {1, 5, 9}) {
            assertEquals(draws * p, chosen[member], fourSigma, "member " + member);
        }
        // class 0 has 5 members: each with probability 2/5
        for (int member : new int[] {0, 3, 4, 8, 11}) {
            assertEquals(draws * 0.4, chosen[member], 4 * Math.sqrt(draws * 0.4 * 0.6), "member " + member);
        }
    }

    @Test
    void balancedSubsetRejectsMoreThanTheSmallestClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> toy().balancedSubset(4, 0L));
        assertEquals("perClass must lie in [1, 3] (class 1 has 3 examples), got 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> toy().balancedSubset(0, 0L));
    }

    @Test
    void standardizedFeaturesHaveZeroMeanAndUnitVariance() {
        Dataset d = toy();
        Dataset s = d.standardized();
        assertArrayEquals(d.labels(), s.labels());
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double square = 0;
            for (int i = 0; i < s.size(); i++) {
                mean += s.inputs()[3 * i + j];
                square += s.inputs()[3 * i + j] * s.inputs()[3 * i + j];
            }
            mean /= s.size();
            assertEquals(0, mean, 1e-14, "feature " + j);
            assertEquals(1, square / s.size() - mean * mean, 1e-14, "feature " + j);
        }
        for (int i = 0; i < s.size(); i++) {
            assertEquals(0, s.inputs()[3 * i + 2], 0.0, "a constant feature is only centred");
        }
        // feature 0 is 0..11: mean 5.5, population variance (12² − 1)/12
        assertEquals((0 - 5.5) / Math.sqrt(143.0 / 12), s.inputs()[0], 1e-15);
        assertEquals(7, d.inputs()[2], "the original is untouched");
    }

    @Test
    void standardizedLikeUsesTheReferenceStatistics() {
        Dataset reference = new Dataset("ref", 2, 2, 2, new double[] {0, 3, 2, 3}, new int[] {0, 1});
        Dataset other = new Dataset("other", 1, 2, 2, new double[] {5, 4}, new int[] {1});
        // feature 0: mean 1, sd 1; feature 1: constant 3, so only centred
        assertArrayEquals(new double[] {4, 1}, other.standardizedLike(reference).inputs(), 0.0);
        Dataset wide = new Dataset("wide", 1, 3, 2, new double[3], new int[] {0});
        assertEquals("reference must have inputDimension = 3, got 2",
                assertThrows(IllegalArgumentException.class, () -> wide.standardizedLike(reference)).getMessage());
        assertFalse(other.standardizedLike(reference).inputs() == other.inputs());
    }
}
