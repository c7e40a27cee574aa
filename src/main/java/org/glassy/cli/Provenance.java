package org.glassy.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.glassy.core.BuildInfo;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The provenance sidecar of a CSV written with {@code --out FILE} (or {@code --loss-out}, {@code
 * --correlations-out}): {@code FILE.json}, beside the file, written atomically (a temporary file renamed over
 * it). It records what made the file:
 * <pre>{@code
 * {
 *   "file": "t05.csv", "option": "--out",
 *   "status": "complete",            // "running" while a streamed file grows, "interrupted", "failed"
 *   "complete": true,
 *   "rows": 41,                      // data rows, header excluded
 *   "glassy": {"version": "0.1.0-SNAPSHOT", "commit": "30a3063…", "modified": false},
 *   "command": ["glassy", "pspin", "--p", "3", …],
 *   "seed": 1,                       // null for commands without --seed
 *   "start": "2025-01-01T12:00:00Z", "end": "2025-01-01T12:00:05Z",
 *   "machine": {"host": "…", "cores": 2, "cpu": "…", "memory_bytes": …, "max_heap_bytes": …,
 *               "os": "Linux 6.1.0 amd64", "jvm": "OpenJDK 64-Bit Server VM 17.0.15+6"},
 *   "error": "…"                     // only when the run failed or was interrupted
 * }
 * }</pre>
 * Streamed outputs get it at the start ({@code "complete": false, "status": "running"}) and again at the end;
 * outputs written at the end get it when the file is renamed into place; an interrupted output written at the
 * end leaves {@code FILE.partial.json} beside {@code FILE.partial}. Only regular files get a sidecar (not
 * {@code /dev/null} or a pipe).
 */
final class Provenance {

    /** Indented JSON with {@code "key": value} pairs (the form the run's notes quote). */
    private static final ObjectWriter JSON = new ObjectMapper().writer(new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private final BuildInfo build;
    private final List<String> command;
    private final Long seed;
    private final Instant start;

    /**
     * The provenance of one run.
     *
     * @param command the full command line, starting with {@code glassy}
     * @param seed the run's seed, or null if the command has none
     */
    Provenance(List<String> command, Long seed) {
        this.build = BuildInfo.current();
        this.command = List.copyOf(command);
        this.seed = seed;
        this.start = Instant.now();
    }

    /** @return the command line this provenance records */
    List<String> command() {
        return command;
    }

    /**
     * Writes a sidecar atomically.
     *
     * @param sidecar the sidecar's path ({@code FILE.json})
     * @param option the option that named the file
     * @param file the CSV the sidecar describes
     * @param status {@code running}, {@code complete}, {@code interrupted} or {@code failed}
     * @param rows the data rows written so far
     * @param end when the run ended, or null while it runs
     * @param error why the run stopped, or null
     * @throws IOException if the sidecar cannot be written
     */
    void write(Path sidecar, String option, Path file, String status, long rows, Instant end, String error)
            throws IOException {
        if (Files.exists(sidecar, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            return;   // never rename over something that is not a regular file
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file.getFileName().toString());
        json.put("option", option);
        json.put("status", status);
        json.put("complete", "complete".equals(status));
        json.put("rows", rows);
        Map<String, Object> glassy = new LinkedHashMap<>();
        glassy.put("version", build.version());
        glassy.put("commit", build.commit());
        glassy.put("modified", build.dirty());
        json.put("glassy", glassy);
        json.put("command", new ArrayList<Object>(command));
        json.put("seed", seed);
        json.put("start", start.toString());
        json.put("end", end == null ? null : end.toString());
        json.put("machine", machine());
        if (error != null) {
            json.put("error", error);
        }
        byte[] text = (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
        Path temporary = sidecar.resolveSibling(sidecar.getFileName() + ".tmp" + ProcessHandle.current().pid());
        // a FileOutputStream, not a channel: the write must succeed also while the thread's interrupt is set
        try (OutputStream out = new FileOutputStream(temporary.toFile())) {
            out.write(text);
            out.flush();
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The machine the run ran on. */
    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("host", firstLine(Path.of("/proc/sys/kernel/hostname")));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        Object memory = null;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        machine.put("memory_bytes", memory);
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return machine;
    }

    /** The CPU model from /proc/cpuinfo, or the architecture where there is none. */
    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name") && line.contains(":")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? null : lines.get(0).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
