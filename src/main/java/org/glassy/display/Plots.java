package org.glassy.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.glassy.internal.Require;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Pure functions from long-format Tablesaw tables to XChart charts. Rendering to pixels happens
 * only at the notebook edge ({@link Notebook}); tests check series data and axes, not pixels.
 *
 * <pre>{@code
 * XYChart chart = Plots.lines(table, "time", "energy", "dynamics")
 *         .logX().title("p-spin relaxation").xLabel("t").yLabel("e(t)").build();
 * Plots.referenceLine(chart, -2 / Math.sqrt(3), "threshold");
 * XYChart means = Plots.lines(averaged, "n", "barrier", "method").errorBars("barrier_se").build();
 * }</pre>
 */
public final class Plots {

    /** Default chart size in pixels: wide enough for a notebook cell, small enough to embed. */
    public static final int WIDTH = 760;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 460;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf),
    };

    private Plots() {
    }

    /**
     * Starts a line chart of {@code y} against {@code x}, one series per value of {@code group}.
     *
     * @param table the long-format data
     * @param x a numeric column
     * @param y a numeric column
     * @param group a column whose distinct values name the series (in order of appearance), or
     *     null for a single series named after the table
     * @return a builder
     */
    public static LineChart lines(Table table, String x, String y, String group) {
        return new LineChart(table, x, y, group);
    }

    /**
     * Adds a dashed horizontal reference line (e.g. a theory value) across the chart's x range.
     *
     * @param chart the chart, with at least one series
     * @param y the value
     * @param name the legend entry
     * @return the chart
     */
    public static XYChart referenceLine(XYChart chart, double y, String name) {
        return referenceLine(chart, y, name, null);
    }

    /**
     * Adds a dashed horizontal reference line in the colour of one of the chart's series, e.g. the
     * theory value a simulated curve should approach.
     *
     * @param chart the chart, with at least one series
     * @param y the value
     * @param name the legend entry
     * @param like the series whose colour to use, or null for dark grey
     * @return the chart
     */
    public static XYChart referenceLine(XYChart chart, double y, String name, String like) {
        Color color = Color.DARK_GRAY;
        if (like != null) {
            XYSeries match = chart.getSeriesMap().get(like);
            if (match == null) {
                throw Require.invalid("like", "must name a series of the chart " + chart.getSeriesMap().keySet()
                        + ", got '" + like + "'");
            }
            color = match.getLineColor();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getXData()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(lo <= hi)) {
            throw Require.invalid("chart", "must have a series before a reference line is added");
        }
        XYSeries line = chart.addSeries(name, new double[] {lo, hi}, new double[] {y, y});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        return chart;
    }

    /** Builder of a grouped line chart: many optional knobs, one {@link #build()}. */
    public static final class LineChart {
        private final Table table;
        private final String x;
        private final String y;
        private final String group;
        private boolean logX;
        private boolean logY;
        private boolean markers;
        private String title = "";
        private String xLabel;
        private String yLabel;
        private String seriesPrefix = "";
        private String errors;
        private int width = WIDTH;
        private int height = HEIGHT;

        private LineChart(Table table, String x, String y, String group) {
            this.table = Objects.requireNonNull(table, "table");
            this.x = requireNumeric(table, x);
            this.y = requireNumeric(table, y);
            if (group != null && !table.columnNames().contains(group)) {
                throw Require.invalid("group", "must be a column of the table " + table.columnNames()
                        + ", got '" + group + "'");
            }
            this.group = group;
            this.xLabel = x;
            this.yLabel = y;
        }

        /** @return this, with a logarithmic x axis (rows with x ≤ 0 are left out) */
        public LineChart logX() {
            logX = true;
            return this;
        }

        /** @return this, with a logarithmic y axis (rows with y ≤ 0 are left out) */
        public LineChart logY() {
            logY = true;
            return this;
        }

        /**
         * Prefixes every series name, e.g. {@code "t_w = "} before the group values.
         *
         * @param prefix the prefix
         * @return this
         */
        public LineChart seriesPrefix(String prefix) {
            this.seriesPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Draws a vertical error bar of ± the value of a column at every point (e.g. the standard
         * error of a mean over seeds, {@code Aggregates.meanAndError}'s {@code v_se}), in the series'
         * colour. Missing or NaN errors (a mean of one sample) draw no bar. On a logarithmic y axis a
         * bar that would reach zero or below is cut at a tenth of the point's value.
         *
         * @param column a numeric column of non-negative errors
         * @return this
         */
        public LineChart errorBars(String column) {
            this.errors = requireNumeric(table, column);
            return this;
        }

        /** @return this, with a marker at every data point */
        public LineChart markers() {
            markers = true;
            return this;
        }

        /**
         * @param title the chart title
         * @return this
         */
        public LineChart title(String title) {
            this.title = title;
            return this;
        }

        /**
         * @param label the x-axis label
         * @return this
         */
        public LineChart xLabel(String label) {
            this.xLabel = label;
            return this;
        }

        /**
         * @param label the y-axis label
         * @return this
         */
        public LineChart yLabel(String label) {
            this.yLabel = label;
            return this;
        }

        /**
         * @param width pixels, at least 100
         * @param height pixels, at least 100
         * @return this
         */
        public LineChart size(int width, int height) {
            if (width < 100 || height < 100) {
                throw new IllegalArgumentException("width and height must be >= 100 pixels, got " + width + "x" + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /** @return the chart */
        public XYChart build() {
            XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                    .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            XYStyler styler = chart.getStyler();
            chart.getStyler().setXAxisLogarithmic(logX);
            chart.getStyler().setYAxisLogarithmic(logY);
            styler.setLegendPosition(Styler.LegendPosition.OutsideE);
            styler.setChartBackgroundColor(Color.WHITE);
            styler.setPlotBackgroundColor(Color.WHITE);
            styler.setPlotGridLinesColor(new Color(0xe5e5e5));
            styler.setLegendBorderColor(Color.WHITE);
            styler.setChartTitleBoxVisible(false);
            styler.setSeriesColors(PALETTE);
            styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            styler.setAntiAlias(true);
            styler.setErrorBarsColorSeriesColor(true);
            for (Map.Entry<String, double[][]> series : seriesData().entrySet()) {
                double[][] xy = series.getValue();
                if (xy[0].length == 0) {
                    continue;
                }
                XYSeries s = errors == null ? chart.addSeries(seriesPrefix + series.getKey(), xy[0], xy[1])
                        : chart.addSeries(seriesPrefix + series.getKey(), xy[0], xy[1], xy[2]);
                s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                Color color = PALETTE[(chart.getSeriesMap().size() - 1) % PALETTE.length];
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setLineStyle(new BasicStroke(2f));
            }
            return chart;
        }

        private Map<String, double[][]> seriesData() {
            NumericColumn<?> xs = table.numberColumn(x);
            NumericColumn<?> ys = table.numberColumn(y);
            NumericColumn<?> es = errors == null ? null : table.numberColumn(errors);
            Column<?> keys = group == null ? null : table.column(group);
            Map<String, List<double[]>> points = new LinkedHashMap<>();
            for (int r = 0; r < table.rowCount(); r++) {
                double xv = xs.getDouble(r);
                double yv = ys.getDouble(r);
                if ((logX && !(xv > 0)) || (logY && !(yv > 0)) || !Double.isFinite(xv) || !Double.isFinite(yv)) {
                    continue;
                }
                String key = keys == null ? table.name() : keys.getString(r);
                double ev = es == null || es.isMissing(r) || !Double.isFinite(es.getDouble(r)) ? 0
                        : Math.abs(es.getDouble(r));
                if (logY && ev >= yv) {
                    ev = 0.9 * yv;
                }
                points.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {xv, yv, ev});
            }
            Map<String, double[][]> result = new LinkedHashMap<>();
            points.forEach((key, list) -> {
                double[][] xy = new double[3][list.size()];
                for (int i = 0; i < list.size(); i++) {
                    xy[0][i] = list.get(i)[0];
                    xy[1][i] = list.get(i)[1];
                    xy[2][i] = list.get(i)[2];
                }
                result.put(key, xy);
            });
            return result;
        }
    }

    private static String requireNumeric(Table table, String column) {
        if (!table.columnNames().contains(column) || !(table.column(column) instanceof NumericColumn)) {
            throw Require.invalid("column", "must be a numeric column of the table " + table.columnNames()
                    + ", got '" + column + "'");
        }
        return column;
    }
}
