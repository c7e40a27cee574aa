package org.glassy.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content checksum of local data files, checked once per file and JVM: a file whose SHA-256 matched is
 * remembered by its real path, size and modification time, so a notebook that loads the data again does not
 * hash it again, while a file replaced or truncated since is hashed anew.
 */
final class Checksums {

    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private Checksums() {
    }

    /**
     * Requires the SHA-256 of a gzip file's decompressed content.
     *
     * @param file the gzip file
     * @param expected the expected SHA-256, lower-case hex
     * @param remedy what to do if it does not match, e.g. how to reinstall the file
     * @throws DataFileException naming the file if it cannot be read or its content differs
     */
    static void require(Path file, String expected, String remedy) {
        String key;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            key = file.toRealPath() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis() + "|"
                    + expected;
        } catch (IOException e) {
            throw new DataFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (VERIFIED.contains(key)) {
            return;
        }
        String actual;
        try {
            actual = Download.contentSha256(file);
        } catch (IOException e) {
            throw new DataFileException(file + ": file is truncated or damaged (its decompressed content cannot be"
                    + " read to the end: " + e.getMessage() + "); " + remedy, e);
        }
        if (!actual.equals(expected)) {
            throw new DataFileException(file + ": SHA-256 of the decompressed content must be " + expected
                    + " (the published data), got " + actual + "; " + remedy);
        }
        VERIFIED.add(key);
    }
}
