package org.glassy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Facts of the real Fashion-MNIST files, where Debian's {@code dataset-fashion-mnist} is installed
 * ({@code make data}); skipped elsewhere. The reference sums were computed independently of this
 * code, by summing the decompressed IDX bytes in Python.
 */
class FashionMnistRealDataTest {

    private static final Path DEBIAN = Path.of(FashionMnist.DEBIAN_DIRECTORY);

    @BeforeAll
    static void requireDebianPackage() {
        Assumptions.assumeTrue(Files.isDirectory(DEBIAN), DEBIAN + " is missing: run `make data`");
    }

    @Test
    void testSplitFacts() {
        Dataset test = FashionMnist.test(DEBIAN);
        assertEquals(10_000, test.size());
        assertEquals(784, test.inputDimension());
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1000);
        assertArrayEquals(thousandEach, test.classCounts());
        DoubleSummaryStatistics pixels = Arrays.stream(test.inputs()).summaryStatistics();
        assertEquals(0.0, pixels.getMin(), 0.0);
        assertEquals(1.0, pixels.getMax(), 0.0);
        // the 7 840 000 bytes sum to 573 469 082: mean pixel 0.2868493
        assertEquals(573_469_082 / (7_840_000 * 255.0), pixels.getAverage(), 1e-12);
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(test.labels(), 10));
        // the first image's bytes sum to 33 456
        assertEquals(33_456 / 255.0, Arrays.stream(test.input(0)).sum(), 1e-9);
    }

    @Test
    void limitGivesThePrefixOfTheFullSplit() {
        Dataset first = FashionMnist.test(DEBIAN, 1000);
        Dataset full = FashionMnist.test(DEBIAN);
        assertArrayEquals(full.first(1000).inputs(), first.inputs());
        assertArrayEquals(full.first(1000).labels(), first.labels());
    }

    @Test
    void trainSplitFacts() {
        Dataset train = FashionMnist.train(DEBIAN);
        assertEquals(60_000, train.size());
        int[] sixThousandEach = new int[10];
        Arrays.fill(sixThousandEach, 6000);
        assertArrayEquals(sixThousandEach, train.classCounts());
        // the 47 040 000 bytes sum to 3 431 114 169: mean pixel 0.2860406 (the often-quoted 0.2860)
        assertEquals(3_431_114_169L / (47_040_000 * 255.0), Arrays.stream(train.inputs()).average().getAsDouble(),
                1e-12);
        assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(train.labels(), 10));
    }

    @Test
    void checksumsInTheLoaderMatchTheDebianFiles() throws IOException {
        for (var entry : FashionMnist.CONTENT_SHA256.entrySet()) {
            assertEquals(entry.getValue(), Download.contentSha256(DEBIAN.resolve(entry.getKey())), entry.getKey());
        }
    }

    @Test
    void theDebianFilesPassTheLocatedFilesChecksum(@org.junit.jupiter.api.io.TempDir Path cache) {
        // the location search checks every file's content SHA-256 before use (measured 0.5 s for the training
        // images, once per JVM); Debian's recompressed files hold the published content
        var sources = new FashionMnist.Sources(null, DEBIAN, cache, java.net.URI.create("https://127.0.0.1:9/"),
                FashionMnist.CONTENT_SHA256);
        assertEquals(10, FashionMnist.load(FashionMnist.Split.TEST, sources, 10).size());
        assertEquals(10, FashionMnist.load(FashionMnist.Split.TRAIN, sources, 10).size());
    }

    @Test
    void balancedSubsetOfTheTestSet() {
        Dataset subset = FashionMnist.test(DEBIAN).balancedSubset(100, 42L);
        int[] hundredEach = new int[10];
        Arrays.fill(hundredEach, 100);
        assertArrayEquals(hundredEach, subset.classCounts());
        assertTrue(subset.name().endsWith("100 per class"), subset.name());
    }
}
