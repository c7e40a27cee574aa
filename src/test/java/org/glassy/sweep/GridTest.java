package org.glassy.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GridTest {

    @Test
    void listsRangesAndLogRangesParseAsWritten() {
        assertEquals(List.of("0.3", "0.5", "0.7"), Axis.parse("temperature=0.3,0.5,0.7", false).values());
        assertEquals(List.of("1", "2", "3", "4"), Axis.parse("seed=1..4", true).values());
        // 4 per decade from 10 to 10 000, both ends, rounded: 10, 18, 32, 56, 100, …, 10000
        List<String> log = Axis.parse("steps=10:10000:log4", true).values();
        assertEquals(List.of("10", "18", "32", "56", "100", "178", "316", "562", "1000", "1778", "3162", "5623", "10000"),
                log);
        // rounding can make duplicates, which are dropped: 1, 1.78 → 2, 3.16 → 3, 5.6 → 6, 10
        assertEquals(List.of("1", "2", "3", "6", "10"), Axis.parse("n=1:10:log4", true).values());
        // doubles keep their value, printed without trailing zeros
        assertEquals(List.of("0.01", "0.1", "1"), Axis.parse("lr=0.01:1:log1", false).values());
        assertEquals(List.of("1", "0.5", "0.0001"), Axis.of("x", 1.0, 0.5, 1e-4).values());
        assertEquals(List.of("3", "200"), Axis.of("n", 3, 200L).values());
        // a log range whose end is not on the grid still ends there
        assertEquals(List.of("1", "10", "30"), Axis.logRange("t", 1, 30, 1, false).values());
    }

    @Test
    void badSpecificationsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("temperature", false)).getMessage()
                .startsWith("grid must be NAME=VALUES"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("seed=4..1", true)).getMessage()
                .startsWith("to must be >= 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("x=1,1", false)).getMessage()
                .startsWith("values must not repeat"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("x=1,,2", false)).getMessage()
                .startsWith("values must be non-empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Axis.parse("x=0:10:log2", false)).getMessage()
                .startsWith("from must be > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Grid.of(Axis.of("x", 1), Axis.of("x", 2))).getMessage().contains("x twice"));
    }

    @Test
    void theFirstAxisVariesSlowestAndZippedAxesMoveTogether() {
        Grid g = Grid.of(Axis.of("temperature", 0.4, 0.7, 1.0), Axis.range("seed", 1, 4));
        assertEquals(12, g.size());
        assertEquals("0.4", g.point(0).get("temperature"));
        assertEquals("4", g.point(3).get("seed"));
        assertEquals("0.7", g.point(4).get("temperature"));
        assertEquals("1", g.point(4).get("seed"));
        assertEquals(List.of("temperature", "seed"), g.point(11).names());

        Grid z = Grid.zip(Axis.of("n", 32, 64), Axis.of("time", 100, 400)).times(Axis.range("seed", 1, 3));
        assertEquals(6, z.size());
        assertEquals("64", z.point(3).get("n"));
        assertEquals("400", z.point(3).get("time"));
        assertEquals("1", z.point(3).get("seed"));
        assertEquals(List.of(2, 1), z.shape());
        assertEquals(z, Grid.of(z.axes(), z.shape()), "rebuilt from the manifest's axes and shape");
        assertNotEquals(z, Grid.of(z.axes(), List.of(1, 1, 1)));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Grid.zip(Axis.of("n", 1, 2), Axis.of("t", 1))).getMessage().contains("equal lengths"));
    }

    @Test
    void keysAreMadeOfValuesSoExtendingAGridKeepsThem() {
        Grid small = Grid.of(Axis.of("temperature", 0.4, 0.7), Axis.range("seed", 1, 2));
        Grid extended = Grid.of(Axis.of("temperature", 0.4, 0.7), Axis.range("seed", 1, 4));
        assertEquals("temperature=0.4_seed=2", small.point(1).key());
        assertEquals(small.point(2).key(), extended.point(4).key());
        // unsafe characters are encoded, so keys never collide or leave the directory
        assertEquals("data=a%2Fb_x=1", Grid.of(Axis.of("data", "a/b"), Axis.of("x", 1)).point(0).key());
        assertNotEquals(Grid.of(Axis.of("a_b", 1), Axis.of("c", 2)).point(0).key(),
                Grid.of(Axis.of("a", "b"), Axis.of("b_c", 2)).point(0).key());
    }

    @Test
    void aPointsSeedDependsOnItsValuesAndTheBaseOnly() {
        Grid small = Grid.of(Axis.of("n", 32, 64), Axis.range("instance", 0, 2));
        Grid larger = Grid.of(Axis.of("n", 16, 32, 64), Axis.range("instance", 0, 4));
        java.util.Set<Long> seeds = new java.util.HashSet<>();
        for (Point p : small.points()) {
            seeds.add(p.seed(7L));
            Point same = larger.points().stream().filter(q -> q.values().equals(p.values())).findFirst().orElseThrow();
            assertEquals(p.seed(7L), same.seed(7L), "the same values give the same seed at another position");
            assertTrue(p.seed(7L) != p.seed(8L), "the base seed matters");
        }
        assertEquals(6, seeds.size(), "every point its own seed");
        assertTrue(small.point(0).seed(7L) != Grid.of(Axis.of("m", 32), Axis.range("instance", 0, 0)).point(0).seed(7L),
                "names count too");
    }
}
