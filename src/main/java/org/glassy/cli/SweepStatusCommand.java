package org.glassy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.glassy.sweep.SweepDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code glassy sweep-status DIR}: done, failed and pending points of a sweep, and the failures' messages. */
@Command(name = "sweep-status", mixinStandardHelpOptions = true,
        description = "Print the done / failed / pending counts of the sweep in DIR and the failures' messages.")
final class SweepStatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the sweep directory")
    Path dir;

    @Override
    public Integer call() {
        SweepDirectory directory = SweepDirectory.open(dir);
        SweepDirectory.Status s = directory.status();
        System.out.println("done " + s.done() + ", failed " + s.failed().size() + ", pending " + s.pending() + " (of "
                + s.total() + " points)");
        for (int i = 0; i < s.failed().size(); i++) {
            System.out.println("failed: " + s.failed().get(i) + ": " + s.errors().get(i));
        }
        System.out.flush();
        return 0;
    }
}
