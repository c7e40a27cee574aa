package org.glassy.observable;

import java.util.ArrayList;
import java.util.List;

import org.glassy.internal.Require;

import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.CategoricalColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Aggregate functions for Tablesaw's {@code summarize(...).by(...)} that Tablesaw lacks, beside its
 * own {@code AggregateFunctions.mean}, {@code count}, {@code first} …:
 * <pre>{@code
 * Table means = summary.summarize("barrier", mean, Aggregates.standardError()).by("n", "method");
 * }</pre>
 * Tablesaw names each output column after the function and the column, e.g.
 * {@code "Std. Error [barrier]"}. {@link #meanAndError} does that grouping for the common case (a
 * sweep's long table averaged over its seeds or instances) and names the columns after the values.
 */
public final class Aggregates {

    private static final NumericAggregateFunction STANDARD_ERROR = new NumericAggregateFunction("Std. Error") {
        @Override
        public Double summarize(NumericColumn<?> column) {
            NumericColumn<?> present = (NumericColumn<?>) column.removeMissing();
            int k = present.size();
            return k < 2 ? Double.NaN : Math.sqrt(present.variance() / k);
        }
    };

    private Aggregates() {
    }

    /**
     * The standard error of the mean, s/√k, with s² = Σ(x − x̄)²/(k − 1) the sample variance of the
     * k non-missing values; NaN for fewer than two values, where it is undefined.
     *
     * @return the aggregate function, named {@code "Std. Error"}
     */
    public static NumericAggregateFunction standardError() {
        return STANDARD_ERROR;
    }

    /**
     * Averages value columns over the rows of each group, with the standard error of each mean: a
     * sweep's long table averaged over its seeds or instances, ready for a plot with error bars.
     * Groups come in order of first appearance.
     *
     * <pre>{@code
     * Table means = Aggregates.meanAndError(runs, List.of("delta"), "hidden", "tw", "t");
     * // columns hidden, tw, t, samples, delta, delta_se
     * }</pre>
     *
     * @param table a long table
     * @param values numeric columns to average, at least one
     * @param groups the columns whose values form a group, at least one
     * @return the group columns, {@code samples} (the group's number of values of the first
     *     value column), then for each value
     *     column {@code v} its mean {@code v} and standard error {@code v_se}
     *     ({@link #standardError()}: NaN for a group of one row)
     */
    public static Table meanAndError(Table table, List<String> values, String... groups) {
        Require.atLeast("values.size()", values.size(), 1);
        Require.atLeast("groups.length", groups.length, 1);
        // Tablesaw groups by categorical columns (text, integers); a double column is grouped by its exact
        // text (Double.toString reads back as the same double) and its value is taken from the group's first row
        Table work = table.selectColumns(distinct(values, groups));
        List<String> keys = new ArrayList<>();
        List<String> doubles = new ArrayList<>();
        for (String g : groups) {
            if (work.column(g) instanceof CategoricalColumn) {
                keys.add(g);
            } else {
                NumericColumn<?> column = work.numberColumn(g);
                StringColumn key = StringColumn.create(" key " + g, column.size());
                for (int r = 0; r < column.size(); r++) {
                    key.set(r, Double.toString(column.getDouble(r)));
                }
                work.addColumns(key);
                keys.add(key.name());
                doubles.add(g);
            }
        }
        String[] by = keys.toArray(new String[0]);
        Table counted = work.summarize(values.get(0), AggregateFunctions.count).by(by);
        Table summary = work.summarize(values, AggregateFunctions.mean, STANDARD_ERROR).by(by);
        Table firsts = doubles.isEmpty() ? null : work.summarize(doubles, AggregateFunctions.first).by(by);
        Table result = Table.create(table.name() + ", mean and standard error");
        for (String g : groups) {
            result.addColumns(doubles.contains(g) ? firsts.column("First [" + g + "]").copy().setName(g)
                    : summary.column(g).copy());
        }
        result.addColumns(counted.doubleColumn("Count [" + values.get(0) + "]").asIntColumn().setName("samples"));
        for (String v : values) {
            result.addColumns(summary.column("Mean [" + v + "]").copy().setName(v),
                    summary.column("Std. Error [" + v + "]").copy().setName(v + "_se"));
        }
        return result;
    }

    private static String[] distinct(List<String> values, String... groups) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(List.of(groups));
        names.addAll(values);
        return names.toArray(new String[0]);
    }
}
