package org.glassy.study.jamming;

import java.util.Arrays;
import java.util.TreeSet;

import org.glassy.internal.Require;

/**
 * The position of a SAT/UNSAT step from runs at several loads r (e.g. r = P/N): the estimate is the threshold
 * r* that best separates SAT runs (expected below r*) from UNSAT ones (above), i.e. that minimises the number of
 * runs on the wrong side,
 *
 * <pre>
 *   E(r*) = #{SAT runs with r &gt; r*} + #{UNSAT runs with r &lt; r*}.
 * </pre>
 *
 * <p>E is constant between consecutive distinct loads; the minimisers form intervals between loads, and the
 * estimate is the centre of the span [r₋, r₊] from the lowest to the highest minimiser, its uncertainty the half
 * width (r₊ − r₋)/2: the step lies between the last load where the minimising classification is SAT and the
 * first where it is UNSAT. With runs at every load on a grid of spacing δ and a sharp step, the error is δ/2.
 * A run at the step edge counts for the side it ended on; runs that are neither (undecided) are left out by the
 * caller.
 *
 * @param threshold r*, the centre of the minimising span
 * @param error the half width of the span
 * @param misclassified the minimum E, the number of runs on the wrong side of r*
 */
public record Transition(double threshold, double error, int misclassified) {

    /**
     * Locates the step.
     *
     * @param loads the load r of each run
     * @param sat whether each run ended SAT, as many
     * @return the estimate; with only SAT (UNSAT) runs, the span is open, the threshold the largest (smallest)
     *     load and the error infinite
     */
    public static Transition locate(double[] loads, boolean[] sat) {
        if (loads.length != sat.length) {
            throw Require.invalid("sat", "must have one entry per load, " + loads.length + ", got " + sat.length);
        }
        Require.atLeast("loads.length", loads.length, 1);
        TreeSet<Double> distinct = new TreeSet<>();
        for (double r : loads) {
            distinct.add(Require.finite("loads[i]", r));
        }
        double[] r = distinct.stream().mapToDouble(Double::doubleValue).toArray();
        // candidate thresholds: below all loads (index 0), between r[i-1] and r[i] (index i), above all (index n)
        int n = r.length;
        int[] errors = new int[n + 1];
        for (int c = 0; c <= n; c++) {
            double lo = c == 0 ? Double.NEGATIVE_INFINITY : r[c - 1];
            for (int k = 0; k < loads.length; k++) {
                boolean above = loads[k] > lo;
                if (sat[k] && above || !sat[k] && !above) {
                    errors[c]++;
                }
            }
        }
        int best = Arrays.stream(errors).min().orElseThrow();
        int first = -1;
        int last = -1;
        for (int c = 0; c <= n; c++) {
            if (errors[c] == best) {
                if (first < 0) {
                    first = c;
                }
                last = c;
            }
        }
        if (first == 0) {
            return new Transition(r[0], Double.POSITIVE_INFINITY, best);
        }
        if (last == n) {
            return new Transition(r[n - 1], Double.POSITIVE_INFINITY, best);
        }
        double lo = r[first - 1];
        double hi = r[last];
        return new Transition((lo + hi) / 2, (hi - lo) / 2, best);
    }
}
