package org.glassy.display;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * Shows charts, tables and progress in a Jupyter notebook, whichever kernel of the IJava family
 * runs it: output goes to the kernel's display channel through JJava's or rapaio's own display
 * API (found reflectively, so the library does not depend on either), and to standard output as
 * plain text when no kernel is present (JShell, tests, scripts).
 *
 * <p>Charts become {@code image/png} (with a text alternative) and embed in HTML exports; tables
 * become real HTML tables (Tablesaw's HTML writer) with a plain-text alternative. Progress bars
 * update in place with {@code update_display_data}.
 *
 * <pre>{@code
 * Notebook.show(chart);
 * Notebook.show(table);
 * var bar = Notebook.progress("Langevin T = 0.5");
 * Dynamics.of(model, rule).progress(bar)...
 * }</pre>
 */
public final class Notebook {

    /** Rows of a table shown before it is cut (the cut is stated under the table). */
    public static final int MAX_ROWS = 60;

    private Notebook() {
    }

    /**
     * Shows a chart as a PNG image.
     *
     * @param chart an XChart chart
     */
    public static void show(Chart<?, ?> chart) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("image/png", png(chart));
        bundle.put("text/plain", "<chart: " + (chart.getTitle() == null ? "" : chart.getTitle()) + ">");
        KernelDisplay.current().display(bundle, null);
    }

    /**
     * Shows a chart as an SVG image (vector; larger than PNG).
     *
     * @param chart an XChart chart
     */
    public static void showSvg(Chart<?, ?> chart) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("image/svg+xml", svg(chart));
        bundle.put("text/plain", "<chart: " + (chart.getTitle() == null ? "" : chart.getTitle()) + ">");
        KernelDisplay.current().display(bundle, null);
    }

    /**
     * Shows a table as HTML, numbers with 4 decimals, at most {@link #MAX_ROWS} rows.
     *
     * @param table the table
     */
    public static void show(Table table) {
        show(table, MAX_ROWS);
    }

    /**
     * Shows a table as HTML.
     *
     * @param table the table
     * @param maxRows rows shown, at least 1; further rows are summarised in a note
     */
    public static void show(Table table, int maxRows) {
        if (maxRows < 1) {
            throw Require.invalid("maxRows", "must be >= 1, got " + maxRows);
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html(table, maxRows));
        bundle.put("text/plain", table.rowCount() > maxRows ? table.print(maxRows) : table.printAll());
        KernelDisplay.current().display(bundle, null);
    }

    /**
     * Shows HTML as it is.
     *
     * @param html the markup
     */
    public static void showHtml(String html) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html);
        bundle.put("text/plain", html.replaceAll("<[^>]+>", ""));
        KernelDisplay.current().display(bundle, null);
    }

    /**
     * The environment variables by which a notebook knows it runs on Binder: BinderHub's spawner
     * sets {@code BINDER_LAUNCH_HOST} and {@code BINDER_REPO_URL} (with {@code BINDER_REF_URL},
     * {@code BINDER_REQUEST} and {@code BINDER_PERSISTENT_REQUEST}) in every session it launches, on
     * mybinder.org and its federation members alike.
     */
    public static final List<String> BINDER_VARIABLES = List.of("BINDER_LAUNCH_HOST", "BINDER_REPO_URL");

    /**
     * The default of a notebook's {@code QUICK} parameter: {@code true} on Binder, whose sessions have
     * about one CPU and 1–2 GB, {@code false} everywhere else (a workstation, {@code make reproduce}).
     * On Binder it also prints, as the notebook's first output, that the study runs in QUICK mode
     * and how to run the full one: set {@code QUICK = false} in the parameters cell, the single switch.
     *
     * <pre>{@code
     * boolean QUICK = Notebook.quickOnBinder();   // true on Binder: set false for the full study
     * }</pre>
     *
     * @return whether a Binder session was detected
     */
    public static boolean quickOnBinder() {
        String variable = binderVariable(System.getenv());
        if (variable != null) {
            System.out.println(binderNotice(variable));
        }
        return variable != null;
    }

    /**
     * Returns the first of {@link #BINDER_VARIABLES} set (non-blank) in an environment.
     *
     * @param environment variables and their values, as {@link System#getenv()}
     * @return the variable's name, or {@code null} when none is set (not on Binder)
     */
    public static String binderVariable(Map<String, String> environment) {
        for (String name : BINDER_VARIABLES) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return name;
            }
        }
        return null;
    }

    /**
     * The line a notebook prints first on Binder.
     *
     * @param variable the Binder variable that was found
     * @return the notice
     */
    static String binderNotice(String variable) {
        return "Binder detected (" + variable + " is set): QUICK mode, the small version of this study sized for"
                + " Binder's one CPU. For the full study set QUICK = false in the parameters cell and run all"
                + " cells again (minutes to tens of minutes; see docs/teaching.md).";
    }

    /**
     * Returns a progress bar that is shown now and updated in place as the run advances (at most
     * a few times per second, and at the end).
     *
     * @param label what is running
     * @return a listener for {@code Dynamics.progress}
     */
    public static ProgressListener progress(String label) {
        return new ProgressBar(label);
    }

    /**
     * Encodes a chart as base64 PNG, the form Jupyter's {@code image/png} takes.
     *
     * @param chart the chart
     * @return base64 text
     */
    public static String png(Chart<?, ?> chart) {
        try {
            byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of the chart failed", e);
        }
    }

    /**
     * Encodes a chart as an SVG document without the XML prolog and DOCTYPE (which break inline
     * SVG in HTML exports).
     *
     * @param chart the chart
     * @return the {@code <svg>} element
     */
    public static String svg(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            String svg = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            int start = svg.indexOf("<svg");
            return start >= 0 ? svg.substring(start) : svg;
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding of the chart failed", e);
        }
    }

    /**
     * Renders a table as an HTML {@code <table>}, with doubles printed to 4 decimals.
     *
     * @param table the table
     * @param maxRows rows written
     * @return the markup
     */
    public static String html(Table table, int maxRows) {
        Table shown = table.rowCount() > maxRows ? table.first(maxRows) : table.copy();
        for (Column<?> column : shown.columns()) {
            if (column instanceof tech.tablesaw.api.DoubleColumn d) {
                d.setPrintFormatter(new NumberColumnFormatter(formatFor(d)));
            }
        }
        StringWriter writer = new StringWriter();
        try {
            new HtmlWriter().write(shown, HtmlWriteOptions.builder(writer).escapeText(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String caption = table.name() == null || table.name().isBlank() ? ""
                : "<caption style=\"caption-side: top; text-align: left; font-weight: bold\">"
                        + escape(table.name()) + "</caption>";
        String body = writer.toString().replaceFirst("<table[^>]*>", "<table class=\"dataframe glassy-table\">" + caption);
        if (table.rowCount() > maxRows) {
            body += String.format(Locale.ROOT, "<p><em>%d of %d rows shown</em></p>", maxRows, table.rowCount());
        }
        return body;
    }

    private static java.text.NumberFormat formatFor(NumericColumn<?> column) {
        java.text.DecimalFormat format = new java.text.DecimalFormat("0.####",
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        double max = 0;
        for (int i = 0; i < column.size(); i++) {
            double v = Math.abs(column.getDouble(i));
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        if (max != 0 && (max < 1e-3 || max >= 1e7)) {
            format = new java.text.DecimalFormat("0.####E0", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        }
        return format;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An HTML progress bar shown once and updated in place. */
    private static final class ProgressBar implements ProgressListener {
        private static final long MIN_INTERVAL_NANOS = 300_000_000L;
        private final String label;
        private final String id;
        private long lastUpdate;
        private final long started = System.nanoTime();

        ProgressBar(String label) {
            this.label = label;
            this.id = "glassy-progress-" + java.util.UUID.randomUUID();
            KernelDisplay.current().display(bundle(0, 1, Double.NaN, Double.NaN), id);
            lastUpdate = System.nanoTime();
        }

        @Override
        public void progress(long step, long totalSteps, double time, double energy) {
            long now = System.nanoTime();
            if (step < totalSteps && now - lastUpdate < MIN_INTERVAL_NANOS) {
                return;
            }
            lastUpdate = now;
            KernelDisplay.current().update(bundle(step, totalSteps, time, energy), id);
        }

        private Map<String, Object> bundle(long step, long total, double time, double energy) {
            double fraction = total == 0 ? 1 : (double) step / total;
            double seconds = (System.nanoTime() - started) / 1e9;
            String text = String.format(Locale.ROOT, "%s: %3.0f%% (step %d of %d, t = %.4g, %.1f s)", label,
                    100 * fraction, step, total, time, seconds);
            Map<String, Object> bundle = new LinkedHashMap<>();
            bundle.put("text/html", String.format(Locale.ROOT,
                    "<div style=\"font-family: monospace\"><progress value=\"%.4f\" max=\"1\" style=\"width: 20em\">"
                            + "</progress> %s</div>", fraction, escape(text)));
            bundle.put("text/plain", text);
            return bundle;
        }
    }
}
