package org.glassy.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command's map from the library's parameter names to its own options (e.g. {@code learningRate}
 * to {@code --lr}), declared explicitly per command: when a parameter record rejects a value
 * ({@link org.glassy.internal.InvalidParameterException}), the error names the option the user
 * typed.
 */
interface OptionNames {

    /**
     * Returns the map from parameter names to this command's options.
     *
     * @return parameter → option, e.g. {@code learningRate → --lr}
     */
    Map<String, String> optionNames();

    /**
     * Builds a map from pairs.
     *
     * @param pairs parameter, option, parameter, option, …
     * @return the map
     */
    static Map<String, String> of(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("pairs must come in twos, got " + pairs.length);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Map.copyOf(map);
    }
}
