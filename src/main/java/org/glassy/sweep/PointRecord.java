package org.glassy.sweep;

import java.util.List;
import java.util.Map;

/**
 * What a sweep directory knows about one point ({@code points/KEY.json}): whether it is done or failed,
 * how many attempts it took, the error of a failure, timings, and for library tasks the result's
 * column types.
 *
 * @param key the point's key
 * @param values the point's parameters
 * @param status {@code done} or {@code failed}
 * @param attempts the attempts made
 * @param error the failure's message (null when done)
 * @param seconds the wall time of the last attempt
 * @param runner what ran it: {@code thread}, {@code process} or {@code slurm}
 * @param columns the result's columns as name → Tablesaw type, in order (library tasks), or empty
 */
public record PointRecord(String key, Map<String, String> values, String status, int attempts, String error,
                          double seconds, String runner, List<Map<String, String>> columns) {

    /** @return whether the point is done */
    public boolean done() {
        return "done".equals(status);
    }

    /** @return whether the point failed */
    public boolean failed() {
        return "failed".equals(status);
    }
}
