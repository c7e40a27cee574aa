package org.glassy.cli;

import static org.glassy.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output faults of issue 12, each class of defect driven for real: a full disk (a file and standard output on
 * {@code /dev/full}), a standard output pipe closed by its reader, two runs writing one file, devices as
 * {@code --out}, and a failed run next to an existing file.
 */
class OutputFaultsTest {

    /** A p-spin run of about a minute if nothing stops it (it is always stopped early here). */
    private static final String[] LONG_PSPIN = {"pspin", "--p", "3", "--n", "100", "--temperature", "0.5", "--dt",
        "0.01", "--time", "3000", "--seed", "1", "--records-per-decade", "40", "--quiet"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aFullDiskStopsTheRunWithStatusOneAndALineNamingTheOutput() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full exists on Linux");
        // was: exit 0 with nothing written (PrintWriter swallowed ENOSPC)
        String[][] cases = {
            {"--out", "pspin", "--p", "3", "--n", "10", "--temperature", "0", "--dt", "0.1", "--time", "1", "--seed",
                "1", "--out", "/dev/full"},
            {"--out", "trap", "--model", "bouchaud", "--x", "0.5", "--tw", "10", "--samples", "10", "--seed", "1",
                "--out", "/dev/full"},
            {"--loss-out", "aging-dnn", "--data", "teacher", "--samples", "50", "--hidden", "3", "--lr", "0.1",
                "--batch", "10", "--momentum", "0", "--steps", "20", "--seed", "1", "--loss-out", "/dev/full", "--out",
                "/dev/null"},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            int status = run(err, java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(1, status, err.toString());
            assertEquals("glassy " + c[1] + ": cannot write " + c[0] + " /dev/full: No space left on device",
                    err.toString().strip());
        }
        // standard output on a full disk: only a real process writes to file descriptor 1
        Process p = GlassyProcess.builder("pspin", "--p", "3", "--n", "10", "--temperature", "0", "--dt", "0.1",
                "--time", "1", "--seed", "1").redirectOutput(new File("/dev/full")).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), err);
        assertEquals("glassy pspin: cannot write standard output: No space left on device\n", GlassyProcess.relevant(err));
    }

    @Test
    void aClosedStandardOutputPipeEndsTheRunQuietlyWithStatus141() throws Exception {
        // was: `pspin --time 1000 | head -2` ran on for 13 s after head had exited
        Process p = GlassyProcess.builder(LONG_PSPIN).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("time,energy", out.readLine());
            assertTrue(out.readLine().startsWith("0,"));
        }   // the reader goes, as head does after two lines
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        // had the run not stopped at its next row, it would finish its minute of work and exit 0
        assertEquals(141, p.waitFor(), err);
        assertEquals("", GlassyProcess.relevant(err), "quietly, as Unix tools do");
    }

    @Test
    void aSecondRunWritingTheSameFileStopsWithStatusTwoAndTheFirstIsNotGarbled(@TempDir Path dir) throws Exception {
        // was: two pspin runs on one --out interleaved into rows like 0,-0.00907234950835793300.05,-0.0376…
        Path csv = dir.resolve("shared.csv");
        Process first = GlassyProcess.builder(with(LONG_PSPIN, "--out", csv.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (!Files.exists(csv) || Files.readAllLines(csv).size() < 3) {
                assertTrue(first.isAlive(), "the first run is writing");
                Thread.sleep(20);
            }
            // while it runs, its sidecar says the file is still growing
            String sidecar = Files.readString(dir.resolve("shared.csv.json"));
            assertTrue(sidecar.contains("\"status\": \"running\"") && sidecar.contains("\"complete\": false"), sidecar);

            StringWriter err = new StringWriter();
            int status = run(err, with(LONG_PSPIN, "--out", csv.toString()));
            assertEquals(2, status, err.toString());
            assertEquals("glassy pspin: --out " + csv + " is being written by another run (" + csv.toRealPath()
                    + " is locked): wait for it to finish or choose another file", err.toString().strip());

            // a command whose rows exist only at the end locks its FILE.partial the same way
            Path trap = dir.resolve("trap.csv");
            String[] trapArgs = {"trap", "--model", "bouchaud", "--x", "0.9", "--tw", "1e7", "--samples", "1000000",
                "--seed", "1", "--quiet", "--out", trap.toString()};
            Process trapRun = GlassyProcess.builder(trapArgs).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                while (!Files.exists(dir.resolve("trap.csv.partial"))) {
                    assertTrue(trapRun.isAlive());
                    Thread.sleep(20);
                }
                err = new StringWriter();
                assertEquals(2, run(err, trapArgs), err.toString());
                assertTrue(err.toString().startsWith("glassy trap: --out " + trap + " is being written by another run"),
                        err.toString());
            } finally {
                trapRun.destroy();
                trapRun.waitFor();
            }
        } finally {
            first.destroy();   // SIGTERM
            assertEquals(143, first.waitFor());
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals("time,energy", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertEquals(2, cells.length, line);
            Double.parseDouble(cells[0]);
            Double.parseDouble(cells[1]);
        }
    }

    @Test
    void devicesAreWrittenInPlaceNeverRenamedOntoAndGetNoSidecar() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
        for (String[] args : new String[][] {
            {"trap", "--model", "bouchaud", "--x", "0.5", "--tw", "10", "--samples", "10", "--seed", "1", "--out",
                "/dev/null"},
            {"pspin", "--p", "3", "--n", "10", "--temperature", "0", "--dt", "0.1", "--time", "1", "--seed", "1",
                "--out", "/dev/null"}}) {
            StringWriter err = new StringWriter();
            assertEquals(0, run(err, args), err.toString());
        }
        assertTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "/dev/null is still the device");
        assertFalse(Files.exists(Path.of("/dev/null.partial")));
        assertFalse(Files.exists(Path.of("/dev/null.json")));
    }

    @Test
    void rowsThatExistOnlyAtTheEndReplaceTheFileOnlyOnSuccess(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("band.csv");
        Files.writeString(csv, "an earlier result\n");
        // a run that fails half-way (the band diverges) leaves the existing file and nothing else
        StringWriter err = new StringWriter();
        int status = run(err, "neb", "--potential", "muller-brown", "--images", "5", "--steps", "1000", "--step-size",
                "1", "--out", csv.toString());
        assertEquals(1, status, err.toString());
        assertTrue(err.toString().startsWith("glassy neb: ") && err.toString().contains("reduce --step-size"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertEquals("an earlier result\n", Files.readString(csv));
        assertFalse(Files.exists(dir.resolve("band.csv.partial")));
        assertFalse(Files.exists(dir.resolve("band.csv.json")));
        // a run that succeeds replaces it, leaves no FILE.partial, and describes it in FILE.json
        err = new StringWriter();
        assertEquals(0, run(err, "neb", "--potential", "double-well", "--images", "5", "--steps", "100", "--out",
                csv.toString()), err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("image,x,y,energy", lines.get(0));
        assertEquals(6, lines.size());
        assertFalse(Files.exists(dir.resolve("band.csv.partial")));
        assertTrue(Files.readString(dir.resolve("band.csv.json")).contains("\"rows\": 5"));
    }
}
