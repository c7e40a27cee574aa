package org.glassy.sweep;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A library task's table on disk and back, exactly: numbers are written with Java's shortest
 * round-tripping decimal ({@link Double#toString}) and read back with the column types kept in the
 * point's record, so a resumed sweep gives the same doubles and the same column types as a fresh one.
 */
final class PointTables {

    private PointTables() {
    }

    /** Writes a table as CSV (header, then rows; strings quoted when needed). */
    static void write(Table table, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> names = table.columnNames();
            for (int c = 0; c < names.size(); c++) {
                w.write((c > 0 ? "," : "") + quote(names.get(c)));
            }
            w.write('\n');
            for (int r = 0; r < table.rowCount(); r++) {
                for (int c = 0; c < table.columnCount(); c++) {
                    if (c > 0) {
                        w.write(',');
                    }
                    Column<?> column = table.column(c);
                    if (!column.isMissing(r)) {
                        Object v = column.get(r);
                        w.write(v instanceof String s ? quote(s) : String.valueOf(v));
                    }
                }
                w.write('\n');
            }
        }
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** The column names and Tablesaw types of a table, for the point's record. */
    static List<Map<String, String>> columns(Table table) {
        List<Map<String, String>> columns = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type().name());
            columns.add(m);
        }
        return columns;
    }

    /** Reads a table written by {@link #write} with the recorded column types. */
    static Table read(Path file, List<Map<String, String>> columns, String name) throws IOException {
        ColumnType[] types = new ColumnType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = ColumnType.valueOf(columns.get(i).get("type"));
        }
        Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(types).header(true)
                .separator(',').missingValueIndicator("").tableName(name));
        return t;
    }
}
