package org.glassy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

import org.junit.jupiter.api.Test;

/** Every Java example in README.md compiles and runs (JShell, in this JVM, on the test classpath). */
class ReadmeExamplesTest {

    @Test
    void javaBlocksRun() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("basedir", "."), "README.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertFalse(blocks.isEmpty(), "README.md has no java example");
        for (String block : blocks) {
            try (JShell shell = JShell.builder().executionEngine("local").build()) {
                shell.addToClasspath(System.getProperty("java.class.path"));
                String remaining = block;
                SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
                while (!remaining.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                    for (SnippetEvent event : shell.eval(info.source())) {
                        if (event.exception() != null) {
                            fail("README example threw at: " + info.source().strip() + "\n" + event.exception());
                        }
                        if (event.status() == Snippet.Status.REJECTED) {
                            fail("README example does not compile: " + info.source().strip() + "\n"
                                    + shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList());
                        }
                    }
                    remaining = info.remaining();
                }
                assertEquals(0, shell.snippets().filter(s -> shell.status(s) == Snippet.Status.REJECTED).count());
            }
        }
    }
}
