package org.glassy.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Set;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The commands' one CSV format: a header row of column names, then one row per record, plain numbers; times
 * (columns {@code tw}, {@code t}, {@code time}) without binary noise, other doubles exact. Rows go to an
 * {@link Output}, which checks every write. A missing value (Tablesaw's for a NaN double) is an empty field, e.g.
 * the {@code theory} of a point without a closed form.
 */
final class Csv {

    /** Columns holding k·dt times, printed without binary noise. */
    private static final Set<String> TIME_COLUMNS = Set.of("tw", "t", "time");

    private Csv() {
    }

    /**
     * Writes a table with its column names as the header.
     *
     * @param table the table
     * @param out the output
     */
    static void write(Table table, Output out) {
        out.header(String.join(",", table.columnNames()));
        for (int r = 0; r < table.rowCount(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < table.columnCount(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                Column<?> column = table.column(c);
                Object v = column.get(r);
                if (v == null) {
                    continue;   // missing: an empty field
                } else if (v instanceof Double d) {
                    line.append(TIME_COLUMNS.contains(column.name()) ? time(d) : Double.toString(d));
                } else {
                    line.append(v);
                }
            }
            out.row(line.toString());
        }
    }

    /**
     * A time k·dt without binary noise: 4.6, not 4.6000000000000005 (12 significant digits).
     *
     * @param t the time
     * @return the text
     */
    static String time(double t) {
        return new BigDecimal(t).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }
}
