package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
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

    @Test
    void meanAndErrorAverageEachGroupInOrderOfFirstAppearance() {
        Table t = Table.create("runs", IntColumn.create("hidden", 8, 8, 8, 2, 2, 2, 2),
                DoubleColumn.create("t", 1, 1, 1, 1, 1, 10, 10),
                DoubleColumn.create("delta", 1, 2, 6, 3, 5, 7, 7),
                DoubleColumn.create("loss", 0, 0, 3, 1, 1, 2, 4));
        Table m = Aggregates.meanAndError(t, List.of("delta", "loss"), "hidden", "t");
        assertEquals(List.of("hidden", "t", "samples", "delta", "delta_se", "loss", "loss_se"), m.columnNames());
        assertEquals(List.of(8, 2, 2), m.intColumn("hidden").asList());
        assertEquals(List.of(3, 2, 2), m.intColumn("samples").asList());
        // hidden 8, t 1: delta 1, 2, 6: mean 3, Σ(x − x̄)² = 4 + 1 + 9 = 14, s.e. = √(14/2/3) = √(7/3)
        assertEquals(3.0, m.doubleColumn("delta").get(0), 1e-15);
        assertEquals(Math.sqrt(7.0 / 3), m.doubleColumn("delta_se").get(0), 1e-15);
        // loss 0, 0, 3: mean 1, Σ = 1 + 1 + 4 = 6, s.e. = √(6/2/3) = 1
        assertEquals(1.0, m.doubleColumn("loss").get(0), 1e-15);
        assertEquals(1.0, m.doubleColumn("loss_se").get(0), 1e-15);
        // hidden 2, t 1: delta 3, 5: mean 4, s.e. = √(2/1/2) = 1; t 10: equal values, s.e. 0
        assertEquals(4.0, m.doubleColumn("delta").get(1), 1e-15);
        assertEquals(1.0, m.doubleColumn("delta_se").get(1), 1e-15);
        assertEquals(0.0, m.doubleColumn("delta_se").get(2), 0);
        assertEquals(3.0, m.doubleColumn("loss").get(2), 1e-15);
        assertEquals(1.0, m.doubleColumn("loss_se").get(2), 1e-15);
        Table one = Aggregates.meanAndError(t.first(1), List.of("delta"), "hidden");
        assertTrue(Double.isNaN(one.doubleColumn("delta_se").getDouble(0)), "one sample: no standard error");
    }
}
