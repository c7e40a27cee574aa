package org.glassy.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one gzip file over HTTPS into a directory, and keeps it only if the SHA-256 of its
 * decompressed content is the expected one. Plain HTTP is refused except to a loopback address (the
 * tests' local server); redirects are followed only from HTTPS to HTTPS. The file is written to a temporary name beside its
 * target and moved into place only after the check, so a failed or interrupted download never
 * leaves a file under the target name.
 */
final class Download {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private Download() {
    }

    /**
     * Downloads {@code base.resolve(fileName)} to {@code directory/fileName}.
     *
     * @param base the base URL, ending in "/"
     * @param fileName the file name, appended to the base URL and used in the directory
     * @param contentSha256 the expected SHA-256 of the decompressed content, lower-case hex
     * @param directory the target directory, created if missing
     * @return the path of the verified file
     * @throws UncheckedIOException on a network or HTTP error, or a checksum mismatch
     * @throws IllegalArgumentException if the URL is neither HTTPS nor HTTP to a loopback address
     */
    static Path fetch(URI base, String fileName, String contentSha256, Path directory) {
        URI url = base.resolve(fileName);
        requireSecure(url);
        Path target = directory.resolve(fileName);
        Path part = null;
        try {
            Files.createDirectories(directory);
            part = Files.createTempFile(directory, fileName + ".", ".part");
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
            HttpResponse<Path> response = client.send(request,
                    HttpResponse.BodyHandlers.ofFile(part));
            if (response.statusCode() != 200) {
                throw new IOException(url + ": HTTP status must be 200, got " + response.statusCode());
            }
            String actual = contentSha256(part);
            if (!actual.equals(contentSha256)) {
                throw new IOException(url + ": SHA-256 of the decompressed content must be " + contentSha256 + ", got "
                        + actual + "; the download was discarded");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException(url + ": download interrupted"));
        } catch (IOException e) {
            String message = e.getMessage() != null && e.getMessage().startsWith(url.toString())
                    ? e.getMessage()
                    : url + ": download to " + target + " failed: " + e;
            throw new UncheckedIOException(message, e);
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // best effort: the download's own error matters more
                }
            }
        }
    }

    /** HTTPS, or plain HTTP only to this machine (127.0.0.0/8, ::1, localhost). */
    static void requireSecure(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1");
        if (!(scheme.equals("https") || scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("download URL must be https (plain http only to a loopback address),"
                    + " got " + url);
        }
    }

    /**
     * Returns the SHA-256 of the decompressed content of a gzip file, in lower-case hex. The
     * digest of the content, not of the .gz bytes, identifies the data whatever the compressor
     * wrote into the gzip header (file name, time stamp).
     *
     * @param gzipFile the gzip file
     * @return 64 hex digits
     * @throws IOException if the file cannot be read or is not valid gzip
     */
    static String contentSha256(Path gzipFile) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-256", e);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipFile), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
