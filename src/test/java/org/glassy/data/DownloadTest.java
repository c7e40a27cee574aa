package org.glassy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download fall-back, against a local HTTP server on 127.0.0.1 that serves small generated
 * files (the canonical host is not reachable from the test machines).
 */
class DownloadTest {

    private static final byte[] LABELS = {7, 1, 0, 9};

    @TempDir
    Path dir;

    private HttpServer server;
    private URI base;
    private final Map<String, byte[]> served = new HashMap<>();
    private final Map<String, String> contentSha256 = new HashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        byte[] images = IdxFiles.images(2051, LABELS.length, 28, 28, IdxFiles.pixels(LABELS.length));
        byte[] labels = IdxFiles.labels(2049, LABELS.length, LABELS);
        put("t10k-images-idx3-ubyte.gz", images);
        put("t10k-labels-idx1-ubyte.gz", labels);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/fashion/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/fashion/".length());
            byte[] body = served.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fashion/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void put(String name, byte[] raw) {
        served.put(name, IdxFiles.gzip(raw));
        contentSha256.put(name, sha256(raw));
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void missingFilesAreDownloadedIntoTheCacheVerifiedAndThenReused() throws IOException {
        Path cache = dir.resolve("cache");
        var sources = new FashionMnist.Sources(null, dir.resolve("no-debian"), cache, base, contentSha256);
        Dataset d = FashionMnist.load(FashionMnist.Split.TEST, sources, LABELS.length);
        assertArrayEquals(new int[] {7, 1, 0, 9}, d.labels());
        assertEquals((11 * 5 % 256) / 255.0, d.inputs()[5], 0.0);
        assertEquals(2, requests.get());
        assertEquals(List.of(cache.resolve("t10k-images-idx3-ubyte.gz"), cache.resolve("t10k-labels-idx1-ubyte.gz")),
                list(cache).stream().sorted().toList());
        assertArrayEquals(served.get("t10k-images-idx3-ubyte.gz"),
                Files.readAllBytes(cache.resolve("t10k-images-idx3-ubyte.gz")));

        FashionMnist.load(FashionMnist.Split.TEST, sources, 1);
        assertEquals(2, requests.get(), "cached files are not downloaded again");
    }

    @Test
    void checksumMismatchFailsClearlyAndLeavesNoFile() throws IOException {
        Path cache = dir.resolve("cache");
        String good = contentSha256.get("t10k-images-idx3-ubyte.gz");
        String wrong = "0".repeat(64);
        contentSha256.put("t10k-images-idx3-ubyte.gz", wrong);
        var sources = new FashionMnist.Sources(null, dir.resolve("no-debian"), cache, base, contentSha256);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> FashionMnist.load(FashionMnist.Split.TEST, sources, 1));
        assertTrue(e.getMessage().startsWith(base + "t10k-images-idx3-ubyte.gz: SHA-256 of the decompressed content"
                + " must be " + wrong + ", got " + good + "; the download was discarded (no local copy was found:"),
                e.getMessage());
        assertEquals(List.of(), list(cache), "nothing is left in the cache");
    }

    @Test
    void httpErrorFailsClearlyAndLeavesNoFile() throws IOException {
        served.remove("t10k-labels-idx1-ubyte.gz");
        Path cache = dir.resolve("cache");
        var sources = new FashionMnist.Sources(null, dir.resolve("no-debian"), cache, base, contentSha256);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> FashionMnist.load(FashionMnist.Split.TEST, sources, 1));
        assertTrue(e.getMessage().startsWith(base + "t10k-labels-idx1-ubyte.gz: HTTP status must be 200, got 404 ("),
                e.getMessage());
        // the images, fetched first and verified, stay; the labels left nothing behind
        assertEquals(List.of(cache.resolve("t10k-images-idx3-ubyte.gz")), list(cache));
    }

    @Test
    void aBodyThatIsNotGzipIsDiscarded() throws IOException {
        served.put("t10k-images-idx3-ubyte.gz", "<html>not found</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path cache = dir.resolve("cache");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Download.fetch(base,
                "t10k-images-idx3-ubyte.gz", contentSha256.get("t10k-images-idx3-ubyte.gz"), cache));
        assertTrue(e.getMessage().startsWith(base + "t10k-images-idx3-ubyte.gz: download to "), e.getMessage());
        assertTrue(e.getMessage().contains("Not in GZIP format"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("t10k-images-idx3-ubyte.gz")));
        assertEquals(List.of(), list(cache));
    }
}
