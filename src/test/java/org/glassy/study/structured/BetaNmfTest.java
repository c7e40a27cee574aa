package org.glassy.study.structured;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.data.FashionMnist;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BetaNmfTest {

    /** A rank-6 product plus positive noise: no exact factorisation at rank 3, so the objective stays positive. */
    private static NmfData noisy(long seed) {
        NmfData exact = NmfData.lowRank(20, 30, 6, seed);
        double[] v = exact.v().clone();
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int i = 0; i < v.length; i++) {
            v[i] += 0.1 * random.nextDouble();
        }
        return new NmfData(v, exact.rows(), exact.columns(), "noisy");
    }

    @Test
    void exponentIsFevotteIdiers() {
        assertEquals(0.5, BetaNmf.gamma(0), 0);
        assertEquals(1 / 1.5, BetaNmf.gamma(0.5), 1e-15);
        assertEquals(1 / 3.0, BetaNmf.gamma(-1), 1e-15);
        assertEquals(1, BetaNmf.gamma(1), 0);
        assertEquals(1, BetaNmf.gamma(1.5), 0);
        assertEquals(1, BetaNmf.gamma(2), 0);
        assertEquals(0.5, BetaNmf.gamma(3), 0);
        assertEquals(1 / 3.0, BetaNmf.gamma(4), 1e-15);
    }

    @Test
    void divergenceIsContinuousInBetaAndHasItsSpecialCases() {
        double x = 0.7;
        double y = 1.3;
        assertEquals(0.5 * 0.36, BetaNmf.divergence(x, y, 2), 1e-15);
        assertEquals(x * Math.log(x / y) - x + y, BetaNmf.divergence(x, y, 1), 1e-15);
        assertEquals(x / y - Math.log(x / y) - 1, BetaNmf.divergence(x, y, 0), 1e-15);
        for (double b : new double[] {0, 1, 2}) {
            assertEquals(BetaNmf.divergence(x, y, b), BetaNmf.divergence(x, y, b + 1e-7), 1e-6);
            assertEquals(BetaNmf.divergence(x, y, b), BetaNmf.divergence(x, y, b - 1e-7), 1e-6);
        }
        for (double b : new double[] {-1, 0, 0.5, 1, 1.5, 2, 3, 4}) {
            assertEquals(0, BetaNmf.divergence(y, y, b), 1e-14);
            assertTrue(BetaNmf.divergence(x, y, b) > 0);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, -0.5, 0, 0.3, 0.5, 1, 1.5, 2, 2.5, 3, 4})
    void majorisationMinimisationNeverIncreasesTheObjective(double beta) {
        BetaNmf nmf = new BetaNmf(noisy(3), 3, beta, BetaNmf.Update.MM, 7);
        double previous = nmf.objective();
        double first = previous;
        for (int t = 0; t < 200; t++) {
            double next = nmf.iterate();
            assertTrue(next <= previous * (1 + 1e-12), "beta " + beta + " step " + t + ": " + previous + " -> " + next);
            previous = next;
        }
        assertTrue(previous < 0.5 * first, "beta " + beta + ": " + first + " -> " + previous);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1, 2, 3})
    void projectedGradientNeverIncreasesTheObjective(double beta) {
        BetaNmf nmf = new BetaNmf(noisy(4), 3, beta, BetaNmf.Update.PROJECTED_GRADIENT, 8);
        double previous = nmf.objective();
        for (int t = 0; t < 100; t++) {
            double next = nmf.iterate();
            assertTrue(next <= previous, "beta " + beta + " step " + t + ": " + previous + " -> " + next);
            previous = next;
        }
    }

    @Test
    void majorisationMinimisationIsMonotoneOnFashionMnist() {
        for (double beta : new double[] {0, 1, 2, 3}) {
            NmfData data = NmfData.images(FashionMnist.train(100), beta <= 1 ? NmfData.EPSILON : 0);
            BetaNmf nmf = new BetaNmf(data, 5, beta, BetaNmf.Update.MM, 1);
            double previous = nmf.objective();
            for (int t = 0; t < 20; t++) {
                double next = nmf.iterate();
                assertTrue(next <= previous * (1 + 1e-12), "beta " + beta + " step " + t);
                previous = next;
            }
        }
    }

    @Test
    void mmAndHeuristicCoincideForBetaBetweenOneAndTwo() {
        for (double beta : new double[] {1, 1.25, 2}) {
            BetaNmf mm = new BetaNmf(noisy(5), 3, beta, BetaNmf.Update.MM, 9);
            BetaNmf heuristic = new BetaNmf(noisy(5), 3, beta, BetaNmf.Update.HEURISTIC, 9);
            mm.run(10, o -> { });
            heuristic.run(10, o -> { });
            assertArrayEquals(mm.w(), heuristic.w(), 0);
            assertArrayEquals(mm.h(), heuristic.h(), 0);
        }
        BetaNmf mm = new BetaNmf(noisy(5), 3, 0.5, BetaNmf.Update.MM, 9);
        BetaNmf heuristic = new BetaNmf(noisy(5), 3, 0.5, BetaNmf.Update.HEURISTIC, 9);
        mm.iterate();
        heuristic.iterate();
        assertTrue(mm.objective() != heuristic.objective());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1, 2})
    void exactLowRankProductIsRecoveredFromARandomStart(double beta) {
        NmfData v = NmfData.lowRank(15, 20, 2, 11);
        BetaNmf nmf = new BetaNmf(v, 2, beta, BetaNmf.Update.MM, 12);
        double start = nmf.objective();
        nmf.run(3000, o -> { });
        assertTrue(nmf.objective() < 1e-6 * start, "beta " + beta + ": " + start + " -> " + nmf.objective());
    }

    @Test
    void updatesKeepTheFactorsNonnegative() {
        for (BetaNmf.Update update : BetaNmf.Update.values()) {
            BetaNmf nmf = new BetaNmf(noisy(6), 4, 1.5, update, 13);
            nmf.run(50, o -> { });
            for (double x : nmf.w()) {
                assertTrue(x >= 0, update.label());
            }
            for (double x : nmf.h()) {
                assertTrue(x >= 0, update.label());
            }
        }
    }

    @Test
    void rejectsBadParameters() {
        NmfData v = NmfData.lowRank(5, 4, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> new BetaNmf(v, 5, 1, BetaNmf.Update.MM, 1));
        assertThrows(IllegalArgumentException.class, () -> new BetaNmf(v, 2, 4.5, BetaNmf.Update.MM, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new BetaNmf(new NmfData(new double[] {0, 1, 1, 1}, 2, 2, "zero"), 1, 0, BetaNmf.Update.MM, 1));
    }
}
