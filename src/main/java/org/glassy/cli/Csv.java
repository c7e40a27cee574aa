package org.glassy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** CSV output of the commands: standard output or a file, a header row, plain numbers. */
final class Csv {

    private Csv() {
    }

    static PrintWriter open(Path out) throws IOException {
        return out == null ? new PrintWriter(System.out, false, StandardCharsets.UTF_8)
                : new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8));
    }

    static void close(PrintWriter writer, Path out) {
        if (out == null) {
            writer.flush();
        } else {
            writer.close();
        }
    }

    /** Columns holding k·dt times, printed without binary noise. */
    private static final java.util.Set<String> TIME_COLUMNS = java.util.Set.of("tw", "t", "time");

    /** Writes a table with its column names as the header; times rounded to 12 digits, other doubles exact. */
    static void write(Table table, Path out) throws IOException {
        PrintWriter w = open(out);
        try {
            w.println(String.join(",", table.columnNames()));
            for (int r = 0; r < table.rowCount(); r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < table.columnCount(); c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    Column<?> column = table.column(c);
                    Object v = column.get(r);
                    if (v instanceof Double d) {
                        line.append(TIME_COLUMNS.contains(column.name()) ? PSpinCommand.formatTime(d) : Double.toString(d));
                    } else {
                        line.append(v);
                    }
                }
                w.println(line);
            }
        } finally {
            close(w, out);
        }
    }
}
