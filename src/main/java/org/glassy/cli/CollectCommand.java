package org.glassy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.glassy.sweep.Point;
import org.glassy.sweep.Sweep;
import org.glassy.sweep.SweepDirectory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code glassy collect DIR [--out FILE]}: the points of a sweep as one CSV: the grid's columns first,
 * in the order given, then the command's columns (a command column named like a grid parameter is
 * kept once, with the grid's value), the rows of each point in grid order, values exactly as written.
 * An unfinished sweep gives what is finished, says what is missing, and exits 1.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Write the points of the sweep in DIR as one CSV: grid columns, then the command's columns.")
final class CollectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the sweep directory")
    Path dir;

    @Option(names = "--out", description = "write the CSV to this file instead of standard output (written as "
            + "FILE.partial and renamed when complete, with a provenance sidecar FILE.json)")
    Path out;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        OutputFiles.check("--out", out);
        SweepDirectory directory = SweepDirectory.open(dir);
        if ("library".equals(directory.manifest().task().kind())) {
            run.execute(null, () -> Csv.write(Sweep.collect(dir), run.output("--out", out, Output.Mode.AT_END)));
            return report(directory);
        }
        List<String> missing = new ArrayList<>();
        run.execute(null, () -> missing.addAll(write(directory, run.output("--out", out, Output.Mode.AT_END))));
        if (!missing.isEmpty()) {
            System.err.println("collect: " + missing.size() + " of " + directory.grid().size()
                    + " points are not finished (run the sweep again to finish them): "
                    + String.join("; ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? "; …" : ""));
            return 1;
        }
        return 0;
    }

    /** Writes the finished points' rows to {@code w}; returns the points that are not finished. */
    private static List<String> write(SweepDirectory directory, Output w) throws IOException {
        List<String> names = directory.grid().names();
        List<String> missing = new ArrayList<>();
        {
            boolean header = false;
            for (Point p : directory.grid().points()) {
                if (!directory.done(p)) {
                    missing.add(p.toString());
                    continue;
                }
                List<String> lines = Files.readAllLines(directory.result(p), StandardCharsets.UTF_8);
                if (lines.isEmpty()) {
                    continue;
                }
                List<String> columns = List.of(lines.get(0).split(",", -1));
                boolean[] keep = new boolean[columns.size()];
                for (int c = 0; c < keep.length; c++) {
                    keep[c] = !names.contains(columns.get(c));
                }
                if (!header) {
                    StringBuilder h = new StringBuilder(String.join(",", names));
                    for (int c = 0; c < keep.length; c++) {
                        if (keep[c]) {
                            h.append(',').append(columns.get(c));
                        }
                    }
                    w.header(h.toString());
                    header = true;
                }
                String prefix = String.join(",", p.values().values());
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    w.row(prefix + "," + keepColumns(line, keep));
                }
            }
        }
        return missing;
    }

    private static int report(SweepDirectory directory) {
        SweepDirectory.Status s = directory.status();
        if (!s.complete()) {
            System.err.println("collect: " + s.line());
            return 1;
        }
        return 0;
    }

    /** The fields of a CSV line whose columns are kept (fields of the commands' CSV hold no commas). */
    private static String keepColumns(String line, boolean[] keep) throws IOException {
        String[] fields = line.split(",", -1);
        if (fields.length != keep.length) {
            throw new IOException("a row has " + fields.length + " fields where the header has " + keep.length + ": "
                    + line);
        }
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < fields.length; c++) {
            if (keep[c]) {
                b.append(b.length() == 0 ? "" : ",").append(fields[c]);
            }
        }
        return b.toString();
    }
}
