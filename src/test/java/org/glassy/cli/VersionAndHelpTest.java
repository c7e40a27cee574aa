package org.glassy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.glassy.core.BuildInfo;
import org.junit.jupiter.api.Test;

/** {@code --version} of every command, {@code help COMMAND}, and the exit statuses under {@code --help}. */
class VersionAndHelpTest {

    private record Output(int status, String out, String err) {
    }

    private static Output glassy(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Glassy.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Output(status, out.toString(), err.toString());
    }

    /** The project version, read from pom.xml independently of the build's resource. */
    private static String pomVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>glassy</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "pom.xml names the project version");
        return m.group(1);
    }

    /** HEAD of the checkout the tests run in, from git itself; null without git or outside a checkout. */
    private static String head() {
        try {
            if (!Files.exists(Path.of(".git"))) {
                return null;
            }
            Process git = new ProcessBuilder("git", "rev-parse", "--verify", "HEAD").redirectErrorStream(false).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void versionNamesTheProjectVersionAndTheCommitOfTheBuild() throws IOException {
        Output top = glassy("--version");
        assertEquals(0, top.status());
        String line = top.out().strip();
        String head = head();
        String expected = "glassy " + pomVersion() + (head == null ? ", unknown commit" : ", commit " + head);
        assertTrue(line.equals(expected) || line.equals(expected + "+modified (built with uncommitted changes)"),
                line + " (expected " + expected + ")");
        // every command, not only the top level (`glassy pspin --version` printed an empty line)
        for (String command : Glassy.commandLine().getSubcommands().keySet()) {
            if (!command.equals("help")) {
                Output sub = glassy(command, "--version");
                assertEquals(0, sub.status(), command);
                assertEquals(line, sub.out().strip(), command + " --version");
            }
        }
    }

    @Test
    void buildPropertiesWithoutACommitSayUnknownCommit() {
        Properties tarball = new Properties();
        tarball.setProperty("version", "0.1.0");
        tarball.setProperty("commit", "unknown");
        tarball.setProperty("dirty", "false");
        assertEquals("glassy 0.1.0, unknown commit", BuildInfo.parse(tarball).line());
        tarball.setProperty("commit", "${glassy.commit}"); // an unfiltered resource
        tarball.setProperty("dirty", "true");
        assertEquals("glassy 0.1.0, unknown commit", BuildInfo.parse(tarball).line());

        Properties dirty = new Properties();
        dirty.setProperty("version", "0.2.0-SNAPSHOT");
        dirty.setProperty("commit", "0123456789abcdef0123456789abcdef01234567");
        dirty.setProperty("dirty", "true");
        assertEquals("glassy 0.2.0-SNAPSHOT, commit 0123456789abcdef0123456789abcdef01234567+modified (built with"
                + " uncommitted changes)", BuildInfo.parse(dirty).line());
        dirty.setProperty("dirty", "false");
        assertEquals("glassy 0.2.0-SNAPSHOT, commit 0123456789abcdef0123456789abcdef01234567",
                BuildInfo.parse(dirty).line());
        assertEquals("glassy (unknown version), unknown commit", BuildInfo.parse(new Properties()).line());
    }

    @Test
    void helpCommandPrintsWhatCommandHelpPrints() {
        for (String command : Glassy.commandLine().getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            Output viaHelp = glassy("help", command);
            Output viaOption = glassy(command, "--help");
            assertEquals(0, viaHelp.status(), command);
            assertEquals(0, viaOption.status(), command);
            assertTrue(viaOption.out().startsWith("Usage: glassy " + command + " "), viaOption.out());
            assertEquals(viaOption.out(), viaHelp.out(), "glassy help " + command);
        }
        Output unknown = glassy("help", "nosuch");
        assertFalse(unknown.status() == 0 && unknown.err().isEmpty(), "an unknown command is reported");
    }

    /**
     * picocli formats every description with {@link String#format}: a bare "1% over" is a format specifier, and
     * picocli then prints a warning to standard error above the help (it did for {@code jamming} and
     * {@code barrier}). Every percent sign in a description must be written {@code %%}.
     */
    @Test
    void everyHelpFormatsWithoutPicocliWarnings() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            for (String command : Glassy.commandLine().getSubcommands().keySet()) {
                Output help = command.equals("help") ? glassy("help", "help") : glassy(command, "--help");
                assertEquals(0, help.status(), command);
                String warnings = captured.toString(StandardCharsets.UTF_8);
                assertFalse(warnings.contains("picocli WARN"), command + " --help: " + warnings);
                assertFalse(help.out().contains("%n"), command + " --help:\n" + help.out());
            }
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void everyHelpListsTheExitStatuses() {
        for (String command : Glassy.commandLine().getSubcommands().keySet()) {
            String help = command.equals("help") ? glassy("help", "help").out() : glassy(command, "--help").out();
            assertHelpListsExitStatuses(command, help);
        }
        assertHelpListsExitStatuses("glassy", glassy("--help").out());
    }

    private static void assertHelpListsExitStatuses(String command, String help) {
        int heading = help.indexOf("\nExit status:\n");
        assertTrue(heading >= 0, command + " --help lacks the exit statuses:\n" + help);
        String list = help.substring(heading);
        for (String code : new String[] {"0     success", "1     the run failed", "2     bad usage",
            "130   interrupted (SIGINT", "143   terminated (SIGTERM)"}) {
            assertTrue(list.contains("\n  " + code), command + ": exit status " + code + " missing:\n" + list);
        }
    }
}
