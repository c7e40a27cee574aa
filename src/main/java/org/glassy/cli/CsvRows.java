package org.glassy.cli;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.glassy.core.StepHandler;

/**
 * CSV rows computed along a run, each written and flushed as soon as it is recorded, so an
 * interrupt keeps every finished row. Checkpointable: a resumed run first writes again the rows
 * written before the checkpoint, so its output is the output of an uninterrupted run.
 */
final class CsvRows implements StepHandler {

    /** Formats the row of one record (without the line end). */
    @FunctionalInterface
    interface Format {
        String row(long step, double time, double[] x, double energy);
    }

    private final Output out;
    private final Format format;
    private final List<String> rows = new ArrayList<>();

    CsvRows(Output out, Format format) {
        this.out = out;
        this.format = format;
    }

    @Override
    public void handle(long step, double time, double[] x, double energy) {
        write(format.row(step, time, x, energy));
    }

    private void write(String row) {
        rows.add(row);
        out.row(row);
    }

    @Override
    public Serializable snapshot() {
        return rows.toArray(String[]::new);
    }

    @Override
    public void restore(Serializable snapshot) {
        rows.clear();
        for (String row : (String[]) snapshot) {
            write(row);
        }
    }
}
