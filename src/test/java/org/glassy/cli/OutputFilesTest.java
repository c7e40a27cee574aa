package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output paths are checked before any work: where no file can be created, the option is named (exit 2). */
class OutputFilesTest {

    @Test
    void aDirectoryWhereNoFileCanBeCreatedIsRefusedUpFrontNamingTheOption() {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "Linux /proc");
        // /proc exists and root may write to it by its permission bits, yet no file can be created in it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputFiles.check("--out", Path.of("/proc/glassy-x.csv")));
        assertTrue(e.getMessage().startsWith("--out must be in a directory where files can be created, got "
                + "/proc/glassy-x.csv (directory /proc: "), e.getMessage());
    }

    @Test
    void theCommandStopsWithStatusTwoBeforeRunningAndLeavesNoProbeBehind(@TempDir Path dir) throws Exception {
        var err = new java.io.StringWriter();
        int status = CliRunner.run(err, "pspin", "--p", "3", "--n", "64", "--temperature", "0.5", "--dt", "0.1",
                "--time", "1e6", "--seed", "1", "--quiet", "--out", "/proc/glassy-x.csv");
        assertEquals(2, status, err.toString());   // bad usage, before the run: a failed write would be 1
        assertEquals(1, err.toString().lines().count(), err.toString());
        OutputFiles.check("--out", dir.resolve("a.csv"), "--loss-out", dir.resolve("b.csv"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "the probe files are removed");
        }
    }
}
