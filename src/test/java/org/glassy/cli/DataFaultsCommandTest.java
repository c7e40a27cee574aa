package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the Fashion-MNIST files seen from the command line, in a child JVM whose environment sets
 * GLASSY_FASHION_MNIST: every fault, missing or truncated or wrong, exits 1 with one line naming the file (or the
 * variable) and no exception class name.
 */
class DataFaultsCommandTest {

    private record Result(int status, String err) {
    }

    private static Result glassy(String environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                "org.glassy.cli.Glassy"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("GLASSY_FASHION_MNIST", environment);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        String relevant = err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules"))
                .reduce("", (a, b) -> a + b + "\n");
        return new Result(status, relevant);
    }

    private static Result agingDnn(String environment) throws IOException, InterruptedException {
        return glassy(environment, "aging-dnn", "--data", "fashion-mnist", "--samples", "100", "--hidden", "5", "--lr",
                "0.1", "--batch", "10", "--momentum", "0", "--steps", "20", "--seed", "1");
    }

    private static void assertOneCleanLine(Result r, String start) {
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("glassy aging-dnn: " + start), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("java."), "no class names: " + r.err());
    }

    private static void gzip(Path file, byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(raw);
        }
        Files.write(file, bytes.toByteArray());
    }

    @Test
    void everyDataFaultExitsOneWithAMessageNamingTheFile(@TempDir Path dir) throws Exception {
        // an empty variable: it used to fall back to other locations silently
        assertOneCleanLine(agingDnn(""), "GLASSY_FASHION_MNIST is set but empty");

        // a missing file (was exit 1 with "java.io.UncheckedIOException: " in front)
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        assertOneCleanLine(agingDnn(dir.toString()), images + ": file not found (in the directory named by"
                + " GLASSY_FASHION_MNIST)");

        // a wrong file (labels where the images belong; was exit 2): the located files' checksum catches it first
        byte[] labels = ByteBuffer.allocate(8 + 3).putInt(2049).putInt(3).put(new byte[] {1, 2, 3}).array();
        gzip(images, labels);
        gzip(dir.resolve("train-labels-idx1-ubyte.gz"), labels);
        assertOneCleanLine(agingDnn(dir.toString()), images + ": SHA-256 of the decompressed content must be"
                + " c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888 (the published data), got ");

        // a truncated file: half of a well-formed one
        byte[] raw = ByteBuffer.allocate(16 + 3 * 784).putInt(2051).putInt(3).putInt(28).putInt(28).array();
        gzip(images, raw);
        byte[] gz = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(gz, gz.length / 2));
        assertOneCleanLine(agingDnn(dir.toString()), images + ": file is truncated or damaged");
    }
}
