package org.glassy.sweep;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sweep directory holds and how it was made: the grid, the task, and provenance. Stored as
 * {@code sweep.json}; a sweep run again on the same directory must have the same grid and task (or
 * be asked to extend the grid).
 *
 * @param format the format, {@value #FORMAT}
 * @param task what runs at each point: {@code kind} ({@code command} or {@code library}), {@code name}
 *     (the command, or the library task's name) and {@code fixed} (the command's fixed options)
 * @param axes the grid's axes, in order
 * @param shape how many consecutive axes each dimension of the grid zips
 * @param provenance Glassy's version and commit, the machine, the creation time
 */
public record Manifest(String format, TaskSpec task, List<Axis> axes, List<Integer> shape,
                       Map<String, String> provenance) {

    /** The format written in every manifest. */
    public static final String FORMAT = "glassy-sweep/1";

    /**
     * What runs at each point.
     *
     * @param kind {@code command} (a {@code bin/glassy} command, one child process per point) or
     *     {@code library} (a Java {@link Task}, in this JVM)
     * @param name the command, or the library task's name
     * @param fixed the command's fixed options (empty for library tasks)
     */
    public record TaskSpec(String kind, String name, List<String> fixed) {
        /**
         * Validates the spec.
         *
         * @param kind command or library
         * @param name the name
         * @param fixed the fixed options
         */
        public TaskSpec {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            fixed = fixed == null ? List.of() : List.copyOf(fixed);
        }
    }

    /**
     * Validates the manifest.
     *
     * @param format the format
     * @param task the task
     * @param axes the axes
     * @param shape the shape
     * @param provenance the provenance
     */
    public Manifest {
        Objects.requireNonNull(task, "task");
        axes = List.copyOf(axes);
        shape = List.copyOf(shape);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    /** @return the grid */
    public Grid grid() {
        return Grid.of(axes, shape);
    }
}
