package org.glassy.observable;

import java.util.List;
import java.util.Objects;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Builds a long-format Tablesaw table row by row: one row per measurement, its parameters (hidden
 * width, method, system size, instance …) in value columns, so that a reader selects by value
 * ({@code where(t.intColumn("hidden").isEqualTo(256))}) and groups with
 * {@code summarize(...).by(...)}. It lives in {@code observable}, where the long tables of the
 * recordings come from, so every package that builds tables from runs ({@code path}, {@code study},
 * {@code display}) can use it without a package cycle.
 *
 * <p>Two ways to fill it, which can be mixed:
 * <pre>{@code
 * Rows rows = Rows.of("barriers", IntColumn.create("hidden"), StringColumn.create("method"),
 *         DoubleColumn.create("barrier"));
 * rows.add(16, "autoneb", 1.2e-3);                  // one row, a value per column
 * Rows profiles = Rows.of("profiles", IntColumn.create("hidden"), StringColumn.create("method"));
 * profiles.addAll(profile.table(), 16, "autoneb");   // every row of a table, behind its keys
 * Table t = rows.table();
 * }</pre>
 *
 * <p>A value goes into a column of its type: a {@code String} into a string column, an
 * {@code Integer} into an int column, an {@code Integer} or {@code Long} into a long column, any
 * {@code Number} into a double column (widened by {@link Number#doubleValue()}); anything else is
 * rejected with a message naming the column. Values are copied exactly: a table built here holds
 * the same doubles as its sources. Not thread-safe; one builder per table.
 */
public final class Rows {

    private final Table table;

    private Rows(Table table) {
        this.table = table;
    }

    /**
     * Starts an empty table.
     *
     * @param name the table's name
     * @param columns its first columns, in order (their contents are not used: empty copies are
     *     taken); for {@link #addAll} the key columns, the part's columns then follow
     * @return the builder
     */
    public static Rows of(String name, Column<?>... columns) {
        Table table = Table.create(Objects.requireNonNull(name, "name"));
        for (Column<?> column : columns) {
            table.addColumns(column.emptyCopy());
        }
        return new Rows(table);
    }

    /**
     * Appends one row.
     *
     * @param values one value per column, in column order
     * @return this builder
     * @throws IllegalArgumentException if the number of values is not the number of columns, or a
     *     value does not fit its column's type
     */
    public Rows add(Object... values) {
        if (values.length != table.columnCount()) {
            throw new IllegalArgumentException("a row of " + table.name() + " needs " + table.columnCount()
                    + " values " + table.columnNames() + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            append(table.column(i), values[i]);
        }
        return this;
    }

    /**
     * Appends every row of a table behind the same key values: the long format of several runs
     * stacked. The first call on a builder that has only the key columns adds the part's columns
     * after them; later parts must have the same column names, in the same order.
     *
     * @param part the rows, e.g. one run's recording
     * @param keys the values of the leading key columns, one per key column, the same for every row
     *     of the part
     * @return this builder
     * @throws IllegalArgumentException if the part's columns are not the builder's value columns
     */
    public Rows addAll(Table part, Object... keys) {
        Objects.requireNonNull(part, "part");
        if (keys.length > table.columnCount()) {
            throw new IllegalArgumentException("the rows of " + table.name() + " have " + table.columnCount()
                    + " key columns " + table.columnNames() + ", got " + keys.length + " keys");
        }
        if (table.columnCount() == keys.length) {
            for (Column<?> column : part.columns()) {
                table.addColumns(column.emptyCopy());
            }
        }
        List<String> valueColumns = table.columnNames().subList(keys.length, table.columnCount());
        if (!valueColumns.equals(part.columnNames())) {
            throw new IllegalArgumentException("the rows of " + table.name() + " after " + keys.length
                    + " keys have columns " + valueColumns + ", got " + part.columnNames());
        }
        for (int i = 0; i < keys.length; i++) {
            for (int r = 0; r < part.rowCount(); r++) {
                append(table.column(i), keys[i]);
            }
        }
        for (int j = 0; j < part.columnCount(); j++) {
            appendColumn(table.column(keys.length + j), part.column(j));
        }
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendColumn(Column target, Column source) {
        if (target.type() != source.type()) {
            throw new IllegalArgumentException("column " + target.name() + " holds " + target.type()
                    + ", got " + source.type());
        }
        target.append(source);
    }

    /** @return the number of rows so far */
    public int rowCount() {
        return table.rowCount();
    }

    /** @return a copy of the table built so far */
    public Table table() {
        return table.copy();
    }

    private static void append(Column<?> column, Object value) {
        if (column instanceof DoubleColumn d && value instanceof Number x) {
            d.append(x.doubleValue());
        } else if (column instanceof IntColumn c && value instanceof Integer x) {
            c.append(x);
        } else if (column instanceof LongColumn c && (value instanceof Long || value instanceof Integer)) {
            c.append(((Number) value).longValue());
        } else if (column instanceof StringColumn c && value instanceof String x) {
            c.append(x);
        } else {
            throw new IllegalArgumentException("column " + column.name() + " holds " + column.type() + ", got "
                    + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
        }
    }
}
