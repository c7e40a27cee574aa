package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class AggregatesTest {

    @Test
    void standardErrorIsTheSampleDeviationOverRootK() {
        Table t = Table.create("x", StringColumn.create("g", "a", "a", "a", "a", "b"),
                DoubleColumn.create("v", 2, 4, 4, 6, 7));
        Table s = t.summarize("v", Aggregates.standardError()).by("g");
        // a: mean 4, Σ(x − x̄)² = 8, s² = 8/3, s.e. = √(8/3 / 4) = √(2/3); the population formula gives √(1/2)
        assertEquals(Math.sqrt(2.0 / 3), s.doubleColumn("Std. Error [v]").get(0), 1e-15);
        assertTrue(Double.isNaN(s.doubleColumn("Std. Error [v]").getDouble(1)), "one value: undefined");
    }
}
