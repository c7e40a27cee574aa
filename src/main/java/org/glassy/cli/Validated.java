package org.glassy.cli;

/**
 * A command that can check all its option values without doing any work: what a sweep calls on every
 * point before it runs any, so a value the command would reject stops the sweep at once.
 */
interface Validated {

    /**
     * Checks the options as parsed, building the command's parameters without running anything.
     *
     * @throws Exception an {@link IllegalArgumentException} (usually
     *     {@link org.glassy.internal.InvalidParameterException}) naming what is wrong
     */
    void validate() throws Exception;
}
