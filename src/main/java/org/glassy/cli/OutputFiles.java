package org.glassy.cli;

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
            } else if (!Files.isWritable(parent)) {
                // FILE.partial, the sidecar FILE.json and their renames all happen in the directory
                throw new IllegalArgumentException(option + " must be in a writable directory, got " + path
                        + " (directory " + parent + " is not writable)");
            }
            String other = seen.put(absolute, option);
            if (other != null) {
                throw new IllegalArgumentException(option + " must differ from " + other + ", both name " + path);
            }
        }
    }
}
