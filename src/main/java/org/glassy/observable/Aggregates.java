package org.glassy.observable;

import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.NumericColumn;

/**
 * Aggregate functions for Tablesaw's {@code summarize(...).by(...)} that Tablesaw lacks, beside its
 * own {@code AggregateFunctions.mean}, {@code count}, {@code first} …:
 * <pre>{@code
 * Table means = summary.summarize("barrier", mean, Aggregates.standardError()).by("n", "method");
 * }</pre>
 * Tablesaw names each output column after the function and the column, e.g.
 * {@code "Std. Error [barrier]"}.
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
}
