package org.glassy.data;

import static org.glassy.data.IdxFiles.images;
import static org.glassy.data.IdxFiles.labels;
import static org.glassy.data.IdxFiles.pixels;
import static org.glassy.data.IdxFiles.write;
import static org.glassy.data.IdxFiles.writeSplit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader and the location order, on tiny generated files. */
class FashionMnistTest {

    private static final byte[] LABELS = {9, 0, 3};
    /** A base URL nothing listens on: a test that would download fails loudly. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9/");

    @TempDir
    Path dir;

    @Test
    void pixelsAndLabelsRoundTripScaledToUnitInterval() {
        writeSplit(dir, "train", LABELS);
        Dataset d = FashionMnist.train(dir);
        assertEquals(3, d.size());
        assertEquals(784, d.inputDimension());
        assertEquals(10, d.classes());
        assertArrayEquals(new int[] {9, 0, 3}, d.labels());
        byte[] raw = pixels(3);
        for (int k = 0; k < raw.length; k++) {
            assertEquals((raw[k] & 0xFF) / 255.0, d.inputs()[k], 0.0, "pixel " + k);
        }
        // pixel (r, c) of image i is at i·784 + 28 r + c: image 1, row 2, column 5 holds (37 + 11·61) mod 256
        assertEquals(((37 + 11 * (28 * 2 + 5)) % 256) / 255.0, d.inputs()[784 + 28 * 2 + 5], 0.0);
        assertEquals(0.0, Arrays.stream(d.inputs()).min().getAsDouble(), 0.0);
        assertEquals(1.0, Arrays.stream(d.inputs()).max().getAsDouble(), 0.0);
        assertEquals("fashion-mnist train", d.name());
    }

    @Test
    void testSplitReadsTheT10kFiles() {
        writeSplit(dir, "t10k", new byte[] {4, 4});
        Dataset d = FashionMnist.test(dir);
        assertArrayEquals(new int[] {4, 4}, d.labels());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FashionMnist.train(dir));
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz") + ": file not found", e.getMessage());
    }

    @Test
    void limitDecodesOnlyThePrefix() {
        writeSplit(dir, "train", LABELS);
        Dataset two = FashionMnist.train(dir, 2);
        assertEquals(2, two.size());
        assertArrayEquals(Arrays.copyOf(FashionMnist.train(dir).inputs(), 2 * 784), two.inputs());
        assertEquals("fashion-mnist train, first 2", two.name());

        // a file whose header promises 3 images but holds 2 is rejected even when only the first 2 are asked for
        // (it used to load them silently): its gzip trailer records the shorter content
        Path imagesFile = write(dir.resolve("train-images-idx3-ubyte.gz"), images(2051, 3, 28, 28, pixels(2)));
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.train(dir, 2));
        assertEquals(imagesFile + ": file is truncated or damaged: its header announces 3 images (2368 bytes of"
                + " content), its gzip trailer 1584 bytes", e.getMessage());
        assertThrows(DataFileException.class, () -> FashionMnist.train(dir));
    }

    @Test
    void limitBeyondTheFileIsRejected() {
        writeSplit(dir, "train", LABELS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.train(dir, 4));
        assertEquals("limit must lie in [1, 3] (the examples in " + dir.resolve("train-images-idx3-ubyte.gz")
                + "), got 4", e.getMessage());
        assertEquals("limit must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> FashionMnist.train(dir, 0)).getMessage());
        assertEquals("limit must lie in [1, 10000], got 10001",
                assertThrows(IllegalArgumentException.class, () -> FashionMnist.test(10_001)).getMessage());
    }

    @Test
    void badMagicNumbersAreNamedWithTheFile() {
        writeSplit(dir, "train", LABELS);
        Path imagesFile = dir.resolve("train-images-idx3-ubyte.gz");
        write(imagesFile, images(2049, 3, 28, 28, pixels(3)));
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.train(dir));
        assertEquals(imagesFile + ": magic number must be 2051 for IDX images, got 2049", e.getMessage());

        writeSplit(dir, "train", LABELS);
        Path labelsFile = dir.resolve("train-labels-idx1-ubyte.gz");
        write(labelsFile, labels(2051, 3, LABELS));
        e = assertThrows(DataFileException.class, () -> FashionMnist.train(dir));
        assertEquals(labelsFile + ": magic number must be 2049 for IDX labels, got 2051", e.getMessage());
    }

    @Test
    void wrongImageSizeIsRejected() {
        writeSplit(dir, "train", LABELS);
        Path imagesFile = dir.resolve("train-images-idx3-ubyte.gz");
        write(imagesFile, images(2051, 1, 27, 28, new byte[27 * 28]));
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.train(dir));
        assertEquals(imagesFile + ": images must be 28×28 pixels, got 27×28", e.getMessage());
    }

    @Test
    void truncatedFilesAreNamed() throws IOException {
        writeSplit(dir, "train", LABELS);
        Path imagesFile = dir.resolve("train-images-idx3-ubyte.gz");
        // the IDX content ends inside image 2
        write(imagesFile, images(2051, 3, 28, 28, Arrays.copyOf(pixels(3), 2 * 784 + 100)));
        UncheckedIOException e = assertThrows(DataFileException.class, () -> FashionMnist.train(dir));
        assertEquals(imagesFile + ": file is truncated or damaged: its header announces 3 images (2368 bytes of"
                + " content), its gzip trailer 1684 bytes", e.getMessage());

        // the gzip stream itself is cut short
        byte[] gz = IdxFiles.gzip(images(2051, 3, 28, 28, pixels(3)));
        Files.write(imagesFile, Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(UncheckedIOException.class, () -> FashionMnist.train(dir));
        assertTrue(e.getMessage().startsWith(imagesFile + ": "), e.getMessage());

        // the header is cut short
        write(imagesFile, Arrays.copyOf(images(2051, 3, 28, 28, new byte[0]), 10));
        e = assertThrows(UncheckedIOException.class, () -> FashionMnist.train(dir));
        assertEquals(imagesFile + ": file ends inside the IDX images header (truncated?)", e.getMessage());

        // not gzip at all
        Files.write(imagesFile, images(2051, 3, 28, 28, pixels(3)));
        e = assertThrows(UncheckedIOException.class, () -> FashionMnist.train(dir));
        assertTrue(e.getMessage().startsWith(imagesFile + ": cannot open as gzip"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustMatch() {
        writeSplit(dir, "train", LABELS);
        Path labelsFile = dir.resolve("train-labels-idx1-ubyte.gz");
        write(labelsFile, labels(2049, 2, new byte[] {1, 2}));
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.train(dir));
        assertEquals("image and label counts must match: " + dir.resolve("train-images-idx3-ubyte.gz")
                + " has 3 images, " + labelsFile + " has 2 labels", e.getMessage());
    }

    @Test
    void labelsOutsideTheTenClassesAreRejected() {
        writeSplit(dir, "train", new byte[] {1, 10, 2});
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.train(dir));
        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz") + ": labels must lie in [0, 10), got label 10 at index 1",
                e.getMessage());
    }

    @Test
    void missingFileMessageNamesThePath() {
        Path missing = dir.resolve("nowhere");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FashionMnist.test(missing, 5));
        assertEquals(missing.resolve("t10k-images-idx3-ubyte.gz") + ": file not found", e.getMessage());
    }

    @Test
    void environmentVariableComesFirstAndIsFinal() throws IOException {
        Path env = Files.createDirectory(dir.resolve("env"));
        Path debian = Files.createDirectory(dir.resolve("debian"));
        Path cache = dir.resolve("cache");
        writeSplit(env, "t10k", new byte[] {1});
        writeSplit(debian, "t10k", new byte[] {2, 2});
        var sources = new FashionMnist.Sources(env.toString(), debian, cache, NOWHERE, Map.of());
        assertArrayEquals(new int[] {1}, FashionMnist.load(FashionMnist.Split.TEST, sources, 1).labels());

        // set but lacking the files: an error naming the variable, no fall-back to Debian's directory
        Files.delete(env.resolve("t10k-labels-idx1-ubyte.gz"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> FashionMnist.load(FashionMnist.Split.TEST, sources, 1));
        assertEquals(env.resolve("t10k-labels-idx1-ubyte.gz") + ": file not found (in the directory named by "
                + "GLASSY_FASHION_MNIST)", e.getMessage());
    }

    @Test
    void debianDirectoryComesBeforeTheCache() throws IOException {
        Path debian = Files.createDirectory(dir.resolve("debian"));
        Path cache = Files.createDirectory(dir.resolve("cache"));
        writeSplit(debian, "t10k", new byte[] {2, 2});
        writeSplit(cache, "t10k", new byte[] {3, 3, 3});
        writeSplit(cache, "train", new byte[] {4});
        var sources = new FashionMnist.Sources(null, debian, cache, NOWHERE, Map.of());
        assertArrayEquals(new int[] {2, 2}, FashionMnist.load(FashionMnist.Split.TEST, sources, 2).labels());
        // Debian's directory lacks the training files, so the cache serves them, without a download
        assertArrayEquals(new int[] {4}, FashionMnist.load(FashionMnist.Split.TRAIN, sources, 1).labels());
        // a set but empty variable is an error naming it (it used to fall back to Debian's directory silently)
        for (String empty : new String[] {"", " "}) {
            var blank = new FashionMnist.Sources(empty, debian, cache, NOWHERE, Map.of());
            DataFileException e = assertThrows(DataFileException.class,
                    () -> FashionMnist.load(FashionMnist.Split.TEST, blank, 2));
            assertEquals("GLASSY_FASHION_MNIST is set but empty: set it to a directory holding the four Fashion-MNIST"
                    + " *-ubyte.gz files, or unset it", e.getMessage());
        }
    }

    @Test
    void downloadFailureToAnUnreachableHostNamesTheUrl() {
        var sources = new FashionMnist.Sources(null, dir.resolve("no-debian"), dir.resolve("cache"), NOWHERE,
                FashionMnist.CONTENT_SHA256);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> FashionMnist.load(FashionMnist.Split.TEST, sources, 1));
        assertTrue(e.getMessage().startsWith(NOWHERE + "t10k-images-idx3-ubyte.gz: download to "), e.getMessage());
        assertTrue(e.getMessage().contains("install Debian's package dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void aFileTruncatedToHalfItsSizeIsDetectedEvenForAPrefix() throws IOException {
        // the reported fault: half of a .gz file decoded its first examples silently
        writeSplit(dir, "t10k", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Path imagesFile = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] gz = Files.readAllBytes(imagesFile);
        Files.write(imagesFile, Arrays.copyOf(gz, gz.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(dir, 1));
        assertTrue(e.getMessage().startsWith(imagesFile + ": file is truncated or damaged: its header announces 8 images"
                + " (6288 bytes of content), its gzip trailer "), e.getMessage());
    }

    @Test
    void locatedFilesAreChecksummedAndAMismatchNamesTheFileAndTheRemedy() throws IOException {
        Path debian = Files.createDirectory(dir.resolve("debian"));
        writeSplit(debian, "t10k", new byte[] {2, 2});
        Path images = debian.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = debian.resolve("t10k-labels-idx1-ubyte.gz");
        Map<String, String> digests = new java.util.HashMap<>(Map.of(
                "t10k-images-idx3-ubyte.gz", Download.contentSha256(images),
                "t10k-labels-idx1-ubyte.gz", Download.contentSha256(labels)));
        var sources = new FashionMnist.Sources(null, debian, dir.resolve("cache"), NOWHERE, digests);
        assertArrayEquals(new int[] {2, 2}, FashionMnist.load(FashionMnist.Split.TEST, sources, 2).labels());

        // same header and length, one pixel changed: only the checksum can tell
        byte[] pixels = pixels(2);
        pixels[100]++;
        write(images, images(2051, 2, 28, 28, pixels));
        Files.setLastModifiedTime(images, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        DataFileException e = assertThrows(DataFileException.class,
                () -> FashionMnist.load(FashionMnist.Split.TEST, sources, 1));
        assertTrue(e.getMessage().startsWith(images + ": SHA-256 of the decompressed content must be "
                + digests.get("t10k-images-idx3-ubyte.gz") + " (the published data), got "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; reinstall it: apt-get install --reinstall dataset-fashion-mnist"),
                e.getMessage());

        // a directory the caller names is the caller's: not checksummed (still checked for truncation)
        assertEquals(2, FashionMnist.test(debian).size());
    }

    @Test
    void theDownloadIsHttpsOnly() {
        assertTrue(FashionMnist.CANONICAL_BASE_URL.startsWith("https://"), FashionMnist.CANONICAL_BASE_URL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Download.fetch(
                URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), "t10k-labels-idx1-ubyte.gz",
                "0".repeat(64), dir.resolve("cache")));
        assertEquals("download URL must be https (plain http only to a loopback address), got "
                + "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("cache")), "refused before anything is written");
    }

    @Test
    void emptyFileIsNamed() throws IOException {
        writeSplit(dir, "train", LABELS);
        Path imagesFile = dir.resolve("train-images-idx3-ubyte.gz");
        Files.write(imagesFile, new byte[0]);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FashionMnist.train(dir));
        assertEquals(imagesFile + ": file is empty or ends inside the gzip header", e.getMessage());
    }
}
