package org.glassy.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of Glassy is: the project version and the git commit it was built from, with a mark when
 * tracked files differed from that commit. Maven writes them into {@code org/glassy/core/version.properties} at
 * build time (see pom.xml); a build without git (from a source tarball) has an unknown commit.
 *
 * @param version the Maven project version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the full commit hash, or {@code null} if unknown
 * @param dirty whether tracked files had uncommitted changes at build time
 */
public record BuildInfo(String version, String commit, boolean dirty) {

    private static final String RESOURCE = "version.properties";

    /**
     * The build of the running code, from the resource beside this class.
     *
     * @return the build
     */
    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's " + RESOURCE + ": " + e.getMessage(), e);
        }
        return parse(properties);
    }

    /**
     * Reads the build's properties: {@code version}, {@code commit} (40 hex digits, or anything else for unknown,
     * such as an unfiltered {@code ${...}} placeholder) and {@code dirty}.
     *
     * @param properties the properties
     * @return the build
     */
    public static BuildInfo parse(Properties properties) {
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.contains("${")) {
            version = "(unknown version)";
        }
        String commit = properties.getProperty("commit", "");
        boolean known = commit.matches("[0-9a-f]{40}");
        return new BuildInfo(version, known ? commit : null, known && "true".equals(properties.getProperty("dirty")));
    }

    /**
     * One line: {@code glassy 0.1.0-SNAPSHOT, commit 30a3063…(+modified)}, or {@code …, unknown commit}.
     *
     * @return the line
     */
    public String line() {
        return "glassy " + version + (commit == null ? ", unknown commit" : ", commit " + commit
                + (dirty ? "+modified (built with uncommitted changes)" : ""));
    }
}
