package org.glassy.cli;

import java.util.function.Supplier;

/** Maps a parameter record's validation message to the command-line option it came from. */
final class Arguments {

    private Arguments() {
    }

    /**
     * Builds parameters, turning "recordsPerDecade must …" into "--records-per-decade must …".
     */
    static <T> T validated(Supplier<T> parameters) {
        try {
            return parameters.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int space = message.indexOf(' ');
            String name = space < 0 ? message : message.substring(0, space);
            String option = "--" + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException(option + message.substring(name.length()), e);
        }
    }
}
