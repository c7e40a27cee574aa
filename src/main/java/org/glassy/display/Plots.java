package org.glassy.display;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 *
 * <p><b>Tick labels</b> are written the same way on every chart ({@link #tickLabel}): plain decimals with a
 * leading zero ({@code 0.05}, never {@code .05}), no floating-point noise, and on a logarithmic axis the
 * same notation for every label of the axis: plain decimals from 10⁻⁶ to 10⁶ ({@code 0.0001}, {@code 10000},
 * never {@code 1E4}), scientific notation for every label beyond; a logarithmic axis with fewer than two
 * powers of ten in its range labels 2…9 × 10ᵏ as well, so it never shows a single tick. Linear ticks sit at
 * round values (multiples of 1, 2 or 5 × 10ᵏ), never at the data's own values: XChart puts its ticks on the
 * data when it finds them equally spaced (bin edges such as −1.653025, points along a path), which
 * {@link #styleAxes} prevents by widening the axis slightly.
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

    /** The dash patterns of successive reference lines on one chart, so that two of one colour stay apart. */
    private static final float[][] DASHES = {{6f, 4f}, {2f, 3f}, {12f, 3f, 2f, 3f}};

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
     * Adds a dashed horizontal reference line (e.g. a theory value) across the chart's x range; a second and a
     * third reference line on the same chart get dotted and dash-dotted strokes.
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
        int dashed = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.getLineStyle() != null && s.getLineStyle().getDashArray() != null) {
                dashed++;
            }
        }
        XYSeries line = chart.addSeries(name, new double[] {lo, hi}, new double[] {y, y});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                DASHES[dashed % DASHES.length], 0f));
        styleAxes(chart);
        return chart;
    }

    /**
     * Adds plain lines (no markers, no error bars) to a chart, one per value of {@code group}, e.g. theory curves over
     * simulated points: the line of group value g is named {@code prefix + g} and drawn in the colour of the chart's
     * series named g if there is one (else the next colour), dashed. Rows left out as in
     * {@link LineChart}: non-finite values, and values ≤ 0 on a logarithmic axis.
     *
     * @param chart the chart
     * @param table the long-format data
     * @param x a numeric column
     * @param y a numeric column
     * @param group a column whose values name the lines, or null for one line named {@code prefix}
     * @param prefix what goes before each line's name, e.g. {@code "theory: "}
     * @return the chart
     */
    public static XYChart addLines(XYChart chart, Table table, String x, String y, String group, String prefix) {
        LineChart data = new LineChart(table, x, y, group);
        data.logX = chart.getStyler().isXAxisLogarithmic();
        data.logY = chart.getStyler().isYAxisLogarithmic();
        for (Map.Entry<String, double[][]> series : data.seriesData().entrySet()) {
            double[][] xy = series.getValue();
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries match = chart.getSeriesMap().get(series.getKey());
            Color color = match != null ? match.getLineColor()
                    : PALETTE[chart.getSeriesMap().size() % PALETTE.length];
            String name = group == null ? prefix : prefix + series.getKey();
            XYSeries line = chart.addSeries(name, xy[0], xy[1]);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(color);
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    DASHES[0], 0f));
        }
        return styleAxes(chart);
    }

    /** Powers of ten inside which a logarithmic axis writes plain decimals; scientific notation beyond. */
    private static final double PLAIN_MIN = 1e-6;
    private static final double PLAIN_MAX = 1e6;
    /** XChart's tolerance when it decides that an axis's values are equally spaced. */
    private static final double XCHART_SPACING_TOLERANCE = 1e-4;

    /**
     * The label of a tick at a value on a linear axis: the shortest plain decimal that gives the value to 12
     * significant digits (so 0.30000000000000004 is {@code 0.3}), with a leading zero ({@code 0.05}), no
     * exponent and no grouping ({@code 20000}), {@code 0} for zero and negative zero, and {@code -} for negatives.
     *
     * @param value the tick's value, finite
     * @return the label
     */
    public static String tickLabel(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    /**
     * Sets every axis's tick labels as described in the class comment: linear axes through {@link #tickLabel},
     * logarithmic axes through one decimal pattern chosen from the axis's range, and linear axes widened where
     * XChart would otherwise put its ticks on the data values. {@link LineChart#build()} and
     * {@link #referenceLine} call it; call it again after adding series to a chart by hand.
     *
     * @param chart the chart
     * @return the chart
     */
    public static XYChart styleAxes(XYChart chart) {
        XYStyler styler = chart.getStyler();
        styler.setLocale(Locale.ROOT);
        styler.setXAxisMin(null).setXAxisMax(null).setYAxisMin(null).setYAxisMax(null);
        double[] x = range(chart, true);
        double[] y = range(chart, false);
        if (styler.isXAxisLogarithmic()) {
            styler.setxAxisTickLabelsFormattingFunction(null);
            styler.setXAxisLogarithmicDecadeOnly(decadesOnly(x));
            styler.setXAxisDecimalPattern(logPattern(x));
        } else {
            styler.setxAxisTickLabelsFormattingFunction(Plots::tickLabel);
            double[] widened = widened(x, values(chart, true));
            if (widened != null) {
                styler.setXAxisMin(widened[0]).setXAxisMax(widened[1]);
            }
        }
        if (styler.isYAxisLogarithmic()) {
            styler.setyAxisTickLabelsFormattingFunction(null);
            styler.setYAxisLogarithmicDecadeOnly(decadesOnly(y));
            styler.setYAxisDecimalPattern(logPattern(y));
        } else {
            styler.setyAxisTickLabelsFormattingFunction(Plots::tickLabel);
            double[] widened = widened(y, values(chart, false));
            if (widened != null) {
                styler.setYAxisMin(widened[0]).setYAxisMax(widened[1]);
            }
        }
        return chart;
    }

    /** The range XChart gives an axis: the series' minima and maxima (error bars included), positive on a log axis. */
    private static double[] range(XYChart chart, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            lo = Math.min(lo, x ? s.getXMin() : s.getYMin());
            hi = Math.max(hi, x ? s.getXMax() : s.getYMax());
        }
        return new double[] {lo, hi};
    }

    /** The distinct values of an axis in the order XChart collects them: series by series, point by point. */
    private static List<Double> values(XYChart chart, boolean x) {
        LinkedHashSet<Double> values = new LinkedHashSet<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : x ? s.getXData() : s.getYData()) {
                values.add(v);
            }
        }
        return new ArrayList<>(values);
    }

    /**
     * XChart's test (3.8.8, AxisTickCalculator_) for putting the ticks on the data: the axis minimum, the
     * distinct values in order and the maximum, all consecutive differences within 10⁻⁴ of the first.
     */
    static boolean xchartSeesEqualSpacing(double min, double max, List<Double> values) {
        LinkedHashSet<Double> all = new LinkedHashSet<>();
        all.add(min);
        all.addAll(values);
        all.add(max);
        List<Double> v = new ArrayList<>(all);
        if (v.size() < 2 || XCHART_SPACING_TOLERANCE > Math.abs(max - min)) {
            return false;
        }
        double space = v.get(1) - v.get(0);
        for (int i = 1; i < v.size(); i++) {
            if (!(Math.abs(v.get(i) - v.get(i - 1) - space) < XCHART_SPACING_TOLERANCE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A linear axis range widened just enough that XChart does not put its ticks on the data (2 % of the span
     * on each side, more for spans so small that XChart's 10⁻⁴ tolerance swallows every difference), or null
     * if it would not.
     */
    private static double[] widened(double[] range, List<Double> values) {
        double lo = range[0];
        double hi = range[1];
        if (!(lo < hi) || !xchartSeesEqualSpacing(lo, hi, values)) {
            return null;
        }
        double span = hi - lo;
        for (double pad = 0.02 * span; pad < 1e3 * span; pad *= 1.5) {
            if (!xchartSeesEqualSpacing(lo - pad, hi + pad, values)) {
                return new double[] {lo - pad, hi + pad};
            }
        }
        return null;
    }

    /** Label only the powers of ten when the range holds at least two of them. */
    private static boolean decadesOnly(double[] range) {
        if (!(range[0] > 0 && range[0] <= range[1])) {
            return true;
        }
        long first = (long) Math.ceil(Math.log10(range[0]) - 1e-9);
        long last = (long) Math.floor(Math.log10(range[1]) + 1e-9);
        return last - first >= 1;
    }

    /**
     * One pattern for every label of a logarithmic axis: plain decimals with as many places as the smallest
     * labelled power of ten needs when the range lies within 10⁻⁶…10⁶, scientific notation otherwise.
     */
    static String logPattern(double[] range) {
        if (!(range[0] > 0 && range[0] <= range[1])) {
            return "0.###";
        }
        double lowest = Math.pow(10, Math.floor(Math.log10(range[0]) + 1e-9));
        if (lowest < PLAIN_MIN || range[1] > PLAIN_MAX) {
            return "0E0";
        }
        int places = (int) Math.max(0, Math.round(-Math.log10(lowest)));
        return places == 0 ? "0" : "0." + "#".repeat(places);
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
            return styleAxes(chart);
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
