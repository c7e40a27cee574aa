package org.glassy.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests: raw (uncompressed) bytes, and gzip-compressed. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** Raw IDX image bytes: magic, count, rows, columns, then the pixels. */
    static byte[] images(int magic, int count, int rows, int columns, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length); // big-endian, as IDX requires
        b.putInt(magic).putInt(count).putInt(rows).putInt(columns).put(pixels);
        return b.array();
    }

    /** Raw IDX label bytes: magic, count, then the labels. */
    static byte[] labels(int magic, int count, byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(count).put(labels);
        return b.array();
    }

    /** Well-formed 28×28 images whose pixel p of image i is (37 i + 11 p) mod 256: covers 0 and 255. */
    static byte[] pixels(int count) {
        byte[] pixels = new byte[count * 784];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 784; p++) {
                pixels[i * 784 + p] = (byte) ((37 * i + 11 * p) % 256);
            }
        }
        return pixels;
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] raw) {
        try {
            return Files.write(file, gzip(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a consistent split (images and labels) of {@code labels.length} examples into a directory. */
    static void writeSplit(Path directory, String prefix, byte[] labels) {
        write(directory.resolve(prefix + "-images-idx3-ubyte.gz"),
                images(2051, labels.length, 28, 28, pixels(labels.length)));
        write(directory.resolve(prefix + "-labels-idx1-ubyte.gz"), labels(2049, labels.length, labels));
    }
}
