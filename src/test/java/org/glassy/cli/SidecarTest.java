package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.glassy.core.BuildInfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every CSV written with an output option gets a provenance sidecar FILE.json that says what made it. */
class SidecarTest {

    /** The JSON value of a top-level or nested key, as written (strings with their quotes). */
    /** The value of the first field named {@code key} (at any depth), as compact JSON. */
    private static String value(String json, String key) throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).findValue(key);
        assertTrue(node != null, key + " in " + json);
        return node.toString();
    }

    @Test
    void theSidecarRecordsVersionCommandSeedTimesAndMachine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("e.csv");
        String[] args = {"pspin", "--p", "3", "--n", "20", "--temperature", "0", "--dt", "0.1", "--time", "5", "--seed",
            "4", "--dynamics", "gd", "--quiet", "--out", csv.toString()};
        Instant before = Instant.now();
        StringWriter err = new StringWriter();
        assertEquals(0, CliRunner.run(err, args), err.toString());
        Instant after = Instant.now();
        String json = Files.readString(dir.resolve("e.csv.json"));
        List<String> lines = Files.readAllLines(csv);

        assertEquals("\"e.csv\"", value(json, "file"));
        assertEquals("\"--out\"", value(json, "option"));
        assertEquals("\"complete\"", value(json, "status"));
        assertEquals("true", value(json, "complete"));
        assertEquals(Integer.toString(lines.size() - 1), value(json, "rows"));
        BuildInfo build = BuildInfo.current();
        assertEquals("\"" + build.version() + "\"", value(json, "version"));
        assertEquals(build.commit() == null ? "null" : "\"" + build.commit() + "\"", value(json, "commit"));
        StringBuilder command = new StringBuilder("[\"glassy\"");
        for (String a : args) {
            command.append(",\"").append(a).append('"');
        }
        assertEquals(command.append(']').toString(), value(json, "command"));
        assertEquals("4", value(json, "seed"));
        Instant start = Instant.parse(value(json, "start").replace("\"", ""));
        Instant end = Instant.parse(value(json, "end").replace("\"", ""));
        assertFalse(start.isBefore(before) || end.isAfter(after) || end.isBefore(start), start + " " + end);
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), value(json, "cores"));
        assertEquals(Long.toString(Runtime.getRuntime().maxMemory()), value(json, "max_heap_bytes"));
        assertTrue(value(json, "jvm").contains(System.getProperty("java.runtime.version")), json);
        assertTrue(value(json, "cpu").length() > 2, json);
        assertFalse(json.contains("\"error\""), json);
    }

    @Test
    void everyOutputOptionGetsItsOwnSidecarAndCommandsWithoutSeedSayNull(@TempDir Path dir) throws Exception {
        Path energy = dir.resolve("e.csv");
        Path correlations = dir.resolve("c.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, CliRunner.run(err, "ck", "--p", "3", "--temperature", "0", "--time", "2", "--quiet", "--out",
                energy.toString(), "--correlations-out", correlations.toString()), err.toString());
        String e = Files.readString(dir.resolve("e.csv.json"));
        String c = Files.readString(dir.resolve("c.csv.json"));
        assertEquals("\"--out\"", value(e, "option"));
        assertEquals("\"--correlations-out\"", value(c, "option"));
        assertEquals("null", value(e, "seed"));
        assertEquals(Integer.toString(Files.readAllLines(correlations).size() - 1), value(c, "rows"));
        // standard output has no sidecar, and nothing is written beside the working directory's files
        CliRunner.Result r = CliRunner.capture("trap", "--model", "bouchaud", "--x", "0.5", "--tw", "10", "--samples",
                "10", "--seed", "1", "--quiet");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("tw,t,pi,pi_se\n"));
    }

    @Test
    void commandLinesWithQuotesAndControlCharactersRoundTrip(@TempDir Path dir) throws Exception {
        List<String> command = List.of("glassy", "a\"b", "c\\d", "e\nf", "\u0001");
        Path sidecar = dir.resolve("x.csv.json");
        new Provenance(command, 7L).write(sidecar, "--out", dir.resolve("x.csv"), "complete", 3, Instant.now(), null);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sidecar.toFile());
        List<String> back = new java.util.ArrayList<>();
        json.get("command").forEach(n -> back.add(n.asText()));
        assertEquals(command, back);
        assertEquals(7L, json.get("seed").asLong());
        assertEquals(3L, json.get("rows").asLong());
    }
}
