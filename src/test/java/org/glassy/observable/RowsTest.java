package org.glassy.observable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RowsTest {

    @Test
    void rowsGoIntoTheirColumnsInOrder() {
        Rows rows = Rows.of("runs", StringColumn.create("method"), IntColumn.create("hidden"), LongColumn.create("seed"),
                DoubleColumn.create("barrier"));
        rows.add("linear", 4, 7L, 0.25).add("autoneb", 16, 8, 3);
        Table t = rows.table();
        assertEquals("runs", t.name());
        assertEquals(List.of("linear", "autoneb"), t.stringColumn("method").asList());
        assertEquals(List.of(4, 16), t.intColumn("hidden").asList());
        assertEquals(List.of(7L, 8L), t.longColumn("seed").asList());
        assertArrayEquals(new double[] {0.25, 3.0}, t.doubleColumn("barrier").asDoubleArray(), 0);
        // the table returned is a copy: the builder goes on independently
        rows.add("bezier", 1, 1L, 1.0);
        assertEquals(2, t.rowCount());
        assertEquals(3, rows.rowCount());
    }

    @Test
    void addAllStacksPartsBehindTheirKeysWithTheExactValues() {
        Table a = Table.create("a", DoubleColumn.create("t", 0, 0.5, 1), DoubleColumn.create("loss", 0.1, 1.0 / 3, 0.2));
        Table b = Table.create("b", DoubleColumn.create("t", 0, 1), DoubleColumn.create("loss", Math.PI, Math.E));
        Table stacked = Rows.of("profiles", IntColumn.create("hidden"), StringColumn.create("method"))
                .addAll(a, 4, "linear").addAll(b, 16, "autoneb").table();
        assertEquals(List.of("hidden", "method", "t", "loss"), stacked.columnNames());
        assertEquals(List.of(4, 4, 4, 16, 16), stacked.intColumn("hidden").asList());
        assertArrayEquals(new double[] {0.1, 1.0 / 3, 0.2, Math.PI, Math.E}, stacked.doubleColumn("loss").asDoubleArray(), 0);
        // selected by value, a part comes back unchanged
        Table sixteen = stacked.where(stacked.intColumn("hidden").isEqualTo(16));
        assertArrayEquals(b.doubleColumn("loss").asDoubleArray(), sixteen.doubleColumn("loss").asDoubleArray(), 0);
        // and Tablesaw groups it: the mean per key
        Table means = stacked.summarize("loss", mean).by("hidden");
        assertEquals((Math.PI + Math.E) / 2, means.doubleColumn("Mean [loss]").get(1), 1e-15);
    }

    @Test
    void mismatchesAreRejectedNamingTheColumn() {
        Rows rows = Rows.of("r", IntColumn.create("hidden"), DoubleColumn.create("barrier"));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> rows.add(4.5, 1.0));
        assertTrue(wrongType.getMessage().startsWith("column hidden holds INTEGER, got Double 4.5"), wrongType.getMessage());
        IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class, () -> rows.add(4));
        assertTrue(wrongCount.getMessage().contains("needs 2 values"), wrongCount.getMessage());
        Rows keyed = Rows.of("k", StringColumn.create("method"))
                .addAll(Table.create("p", DoubleColumn.create("t", 0.0)), "linear");
        IllegalArgumentException wrongColumns = assertThrows(IllegalArgumentException.class,
                () -> keyed.addAll(Table.create("q", DoubleColumn.create("x", 0.0)), "autoneb"));
        assertTrue(wrongColumns.getMessage().contains("[t], got [x]"), wrongColumns.getMessage());
        assertEquals(0, rows.rowCount());
    }
}
