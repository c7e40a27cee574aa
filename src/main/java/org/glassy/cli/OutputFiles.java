package org.glassy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the files a command will write before any work starts: each option's file must be
 * writable where it is asked for (its directory exists and is writable, since FILE.partial and the
 * sidecar FILE.json are written there; or it is an existing writable device or pipe such as
 * {@code /dev/null}), it is not a directory, and no two options may name the same file.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Checks output files.
     *
     * @param optionsAndPaths option, path, option, path, …; null paths (option not given) are skipped
     * @throws IllegalArgumentException naming the option and the reason
     */
    static void check(Object... optionsAndPaths) {
        Map<Path, String> seen = new HashMap<>();
        for (int i = 0; i < optionsAndPaths.length; i += 2) {
            String option = (String) optionsAndPaths[i];
            Path path = (Path) optionsAndPaths[i + 1];
            if (path == null) {
                continue;
            }
            Path absolute = path.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute)) {
                throw new IllegalArgumentException(option + " must name a file, got the directory " + path);
            }
            Path parent = absolute.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new IllegalArgumentException(option + " must be in an existing directory, got " + path
                        + " (no directory " + parent + ")");
            }
            if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
                // a device or a named pipe (/dev/null): written in place, no FILE.partial, no sidecar
                if (!Files.isWritable(absolute)) {
                    throw new IllegalArgumentException(option + " must be writable, got " + path);
                }
            } else {
                // FILE.partial, the sidecar FILE.json and their renames all happen in the directory: create a
                // file there to know (permission bits say nothing for root, /proc or a read-only file system)
                requireFilesCanBeCreated(option, path, parent);
            }
            String other = seen.put(absolute, option);
            if (other != null) {
                throw new IllegalArgumentException(option + " must differ from " + other + ", both name " + path);
            }
        }
    }

    /**
     * Checks that a directory can be created at {@code path} (missing parents too, as {@code mkdir -p} would) or
     * exists: the nearest existing ancestor must be a directory in which a directory can be created.
     *
     * @param option the option naming the directory, e.g. {@code --out}
     * @param path the directory
     * @throws IllegalArgumentException naming the option and the reason
     */
    static void checkDirectory(String option, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(option + " must be a directory, got the file " + path);
        }
        Path ancestor = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw new IllegalArgumentException(option + " must be under a directory, got " + path + " (" + ancestor
                    + " is a file)");
        }
        try {
            Files.delete(Files.createTempDirectory(ancestor, ".glassy-probe-"));
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " must be under a directory where directories can be created, "
                    + "got " + path + " (directory " + ancestor + ": " + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : "nothing can be created there";
    }

    private static void requireFilesCanBeCreated(String option, Path path, Path parent) {
        try {
            Files.delete(Files.createTempFile(parent, ".glassy-probe-", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " must be in a directory where files can be created, got "
                    + path + " (directory " + parent + ": " + reason(e) + ")");
        }
    }
}
