package org.glassy.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Plot data and axes, not pixels; tables as real HTML. */
class DisplayTest {

    private static Table longTable() {
        return Table.create("relaxation",
                StringColumn.create("run", "gd", "gd", "gd", "T=1", "T=1", "T=1"),
                DoubleColumn.create("time", 0, 1, 10, 0, 1, 10),
                DoubleColumn.create("energy", 0.01, -0.7, -1.1, 0.02, -0.4, -0.47));
    }

    @Test
    void oneSeriesPerGroupWithLogXDroppingNonPositiveTimes() {
        XYChart chart = Plots.lines(longTable(), "time", "energy", "run").logX().title("t").build();
        assertEquals(List.of("gd", "T=1"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries gd = chart.getSeriesMap().get("gd");
        assertArrayEquals(new double[] {1, 10}, gd.getXData(), 0.0);
        assertArrayEquals(new double[] {-0.7, -1.1}, gd.getYData(), 0.0);
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertTrue(!chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void referenceLineSpansTheDataRange() {
        XYChart chart = Plots.lines(longTable(), "time", "energy", "run").logX().build();
        Plots.referenceLine(chart, -1.1547, "threshold");
        XYSeries line = chart.getSeriesMap().get("threshold");
        assertArrayEquals(new double[] {1, 10}, line.getXData(), 0.0);
        assertArrayEquals(new double[] {-1.1547, -1.1547}, line.getYData(), 0.0);
        Plots.referenceLine(chart, -1.1717, "ground state");
        assertTrue(!java.util.Arrays.equals(line.getLineStyle().getDashArray(),
                chart.getSeriesMap().get("ground state").getLineStyle().getDashArray()), "two reference lines, two strokes");
    }

    @Test
    void referenceLineCanTakeTheColourOfItsSeries() {
        XYChart chart = Plots.lines(longTable(), "time", "energy", "run").build();
        Plots.referenceLine(chart, -0.5, "-1/(2T)", "T=1");
        assertEquals(chart.getSeriesMap().get("T=1").getLineColor(), chart.getSeriesMap().get("-1/(2T)").getLineColor());
        assertTrue(!chart.getSeriesMap().get("gd").getLineColor().equals(chart.getSeriesMap().get("T=1").getLineColor()));
        assertThrows(IllegalArgumentException.class, () -> Plots.referenceLine(chart, 0, "x", "nope"));
    }

    @Test
    void unknownColumnsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lines(longTable(), "tme", "energy", "run"));
        assertTrue(e.getMessage().contains("'tme'"), e.getMessage());
    }

    @Test
    void tableBecomesARealHtmlTableWithRoundedNumbers() {
        String html = Notebook.html(longTable(), 4);
        assertTrue(html.startsWith("<table class=\"dataframe glassy-table\">"), html);
        assertTrue(html.contains("<th>energy</th>"), html);
        assertTrue(html.contains("<td>-0.7</td>"), html);
        assertTrue(html.contains("4 of 6 rows shown"), html);
        assertTrue(html.contains("<caption"), html);
    }

    @Test
    void chartEncodesAsPngAndSvg() {
        XYChart chart = Plots.lines(longTable(), "time", "energy", "run").build();
        byte[] png = Base64.getDecoder().decode(Notebook.png(chart));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String svg = Notebook.svg(chart);
        assertTrue(svg.startsWith("<svg"), svg.substring(0, 40));
    }

    @Test
    void addedLinesArePlainDashedAndTakeTheColourOfTheirSeries() throws Exception {
        Table points = Table.create("sim", DoubleColumn.create("x", 1, 2, 4), DoubleColumn.create("y", 1, 3, 2),
                DoubleColumn.create("se", 0.1, 0.1, 0.1), StringColumn.create("g", "a", "a", "b"));
        XYChart chart = Plots.lines(points, "x", "y", "g").markers().errorBars("se").logY().build();
        Table theory = Table.create("theory", DoubleColumn.create("x", 1, 2, 3, 4), DoubleColumn.create("y", 1,
                Double.POSITIVE_INFINITY, 0, 2), StringColumn.create("g", "a", "a", "a", "b"));
        Plots.addLines(chart, theory, "x", "y", "g", "theory: ");
        XYSeries a = chart.getSeriesMap().get("theory: a");
        assertArrayEquals(new double[] {1}, a.getXData(), "infinite and, on a log axis, zero values left out");
        assertEquals(chart.getSeriesMap().get("a").getLineColor(), a.getLineColor());
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.NONE, chart.getSeriesMap().get("theory: b").getMarker());
        assertTrue(chart.getSeriesMap().get("theory: b").getLineStyle().getDashArray() != null);
        assertEquals(4, chart.getSeriesMap().size());
        assertTrue(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG).length > 0, "renders");
    }

    @Test
    void errorBarsCarryTheErrorColumnPerSeries() {
        Table means = Table.create("means", StringColumn.create("method", "linear", "linear", "autoneb", "autoneb"),
                DoubleColumn.create("n", 32, 64, 32, 64), DoubleColumn.create("barrier", 0.3, 0.35, 0.05, 0.04),
                DoubleColumn.create("barrier_se", 0.01, Double.NaN, 0.02, 0.06));
        XYChart chart = Plots.lines(means, "n", "barrier", "method").errorBars("barrier_se").build();
        XYSeries linear = chart.getSeriesMap().get("linear");
        assertArrayEquals(new double[] {0.3, 0.35}, linear.getYData(), 0.0);
        assertArrayEquals(new double[] {0.01, 0}, linear.getExtraValues(), 0.0, "NaN (one sample): no bar");
        assertArrayEquals(new double[] {0.02, 0.06}, chart.getSeriesMap().get("autoneb").getExtraValues(), 0.0);
        assertTrue(chart.getStyler().isErrorBarsColorSeriesColor());
        // on a log axis a bar reaching zero is cut at a tenth of the value; the chart still renders
        XYChart log = Plots.lines(means, "n", "barrier", "method").logY().errorBars("barrier_se").build();
        assertArrayEquals(new double[] {0.02, 0.9 * 0.04}, log.getSeriesMap().get("autoneb").getExtraValues(), 1e-15);
        assertEquals((byte) 0x89, Base64.getDecoder().decode(Notebook.png(log))[0]);
        assertEquals(null, Plots.lines(means, "n", "barrier", "method").build().getSeriesMap().get("linear")
                .getExtraValues(), "no error bars unless asked");
        assertThrows(IllegalArgumentException.class, () -> Plots.lines(means, "n", "barrier", "method").errorBars("se"));
    }

    /**
     * The labels XChart itself draws on an axis, read after painting the chart (XChart 3.8.8 keeps them in its
     * axis's tick calculator), with the value each stands for: only the ticks inside the plotted range.
     */
    private static List<String> drawnTickLabels(XYChart chart, boolean x) throws ReflectiveOperationException {
        BitmapEncoder.getBufferedImage(chart);
        Field pairField = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("axisPair");
        pairField.setAccessible(true);
        Object pair = pairField.get(chart);
        Method getAxis = pair.getClass().getDeclaredMethod(x ? "getXAxis" : "getYAxis");
        getAxis.setAccessible(true);
        Object axis = getAxis.invoke(pair);
        Method calculator = axis.getClass().getMethod("getAxisTickCalculator");
        Object ticks = calculator.invoke(axis);
        Method labels = ticks.getClass().getMethod("getTickLabels");
        labels.setAccessible(true);
        Method locations = ticks.getClass().getMethod("getTickLocations");
        locations.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> all = (List<String>) labels.invoke(ticks);
        @SuppressWarnings("unchecked")
        List<Double> where = (List<Double>) locations.invoke(ticks);
        Method bounds = axis.getClass().getMethod("getBounds");
        double length = x ? ((java.awt.geom.Rectangle2D) bounds.invoke(axis)).getWidth()
                : ((java.awt.geom.Rectangle2D) bounds.invoke(axis)).getHeight();
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) != null && where.get(i) >= 0 && where.get(i) <= length) {
                shown.add(all.get(i));
            }
        }
        return shown;
    }

    private static Table xy(double[] x, double[] y) {
        return Table.create("data", DoubleColumn.create("x", x), DoubleColumn.create("y", y));
    }

    /** Labels of a linear axis: plain decimals with a leading digit, at whole multiples of a 1, 2 or 5 × 10^k step. */
    private static void assertRoundLinearLabels(List<String> labels) {
        assertTrue(labels.size() >= 3, labels.toString());
        for (String label : labels) {
            assertTrue(label.matches("-?[0-9]+(\\.[0-9]+)?"), "plain decimal with a leading digit: '" + label + "' in " + labels);
        }
        BigDecimal step = new BigDecimal(labels.get(1)).subtract(new BigDecimal(labels.get(0)));
        BigDecimal mantissa = step.movePointLeft(step.precision() - step.scale() - 1).stripTrailingZeros();
        assertTrue(List.of("1", "2", "5").contains(mantissa.toPlainString()), "step " + step + " in " + labels);
        for (int i = 1; i < labels.size(); i++) {
            BigDecimal value = new BigDecimal(labels.get(i));
            assertEquals(0, value.subtract(new BigDecimal(labels.get(i - 1))).compareTo(step), "equal steps: " + labels);
            assertEquals(0, value.remainder(step).signum(), value + " is a whole multiple of " + step + ": " + labels);
        }
    }

    @Test
    void tickLabelIsAPlainRoundedDecimalWithALeadingDigit() {
        assertEquals("0.05", Plots.tickLabel(0.05));
        assertEquals("0.3", Plots.tickLabel(0.1 + 0.2));
        assertEquals("-1.5", Plots.tickLabel(-1.5));
        assertEquals("0", Plots.tickLabel(-0.0));
        assertEquals("20000", Plots.tickLabel(2e4));
        assertEquals("0.0000001", Plots.tickLabel(1e-7));
        assertEquals("-1.653025", Plots.tickLabel(-1.653025), "a value is never rounded away");
    }

    @Test
    void linearAxesAreLabelledAtRoundValuesWithALeadingZero() throws ReflectiveOperationException {
        // a loss between 0 and 0.1: XChart's default pattern wrote ".05"
        double[] t = IntStream.rangeClosed(0, 20).mapToDouble(i -> i / 20.0).toArray();
        double[] loss = IntStream.rangeClosed(0, 20).mapToDouble(i -> 0.1 * Math.sin(Math.PI * i / 20.0)).toArray();
        XYChart chart = Plots.lines(xy(t, loss), "x", "y", null).build();
        List<String> y = drawnTickLabels(chart, false);
        assertRoundLinearLabels(y);
        assertTrue(y.contains("0.05") || y.contains("0.02") || y.contains("0.01"), y.toString());
        // equally spaced positions (61 points along a path, histogram bin edges): XChart put its ticks on the
        // data themselves ("0.0166666667", "-1.653025"); they must sit at round values
        assertRoundLinearLabels(drawnTickLabels(chart, true));
        double[] edges = IntStream.range(0, 30).mapToDouble(i -> -1.653025 + 0.1 * i).toArray();
        double[] counts = IntStream.range(0, 30).mapToDouble(i -> Math.exp(-Math.pow(i - 15, 2) / 50.0)).toArray();
        List<String> bins = drawnTickLabels(Plots.lines(xy(edges, counts), "x", "y", null).build(), true);
        assertRoundLinearLabels(bins);
        // a small, smooth range (a loss profile near 10^-3): every difference is within XChart's 10^-4 tolerance
        double[] small = IntStream.rangeClosed(0, 60).mapToDouble(i -> 1e-3 + 4e-4 * Math.sin(Math.PI * i / 60.0))
                .toArray();
        double[] s = IntStream.rangeClosed(0, 60).mapToDouble(i -> i / 60.0).toArray();
        XYChart profile = Plots.lines(xy(s, small), "x", "y", null).build();
        assertRoundLinearLabels(drawnTickLabels(profile, false));
        assertRoundLinearLabels(drawnTickLabels(profile, true));
        // a reference line added afterwards keeps the labels round
        Plots.referenceLine(profile, 1.05e-3, "reference");
        assertRoundLinearLabels(drawnTickLabels(profile, false));
    }

    @Test
    void logarithmicAxesUseOneNotationPerAxis() throws ReflectiveOperationException {
        double[] time = IntStream.rangeClosed(0, 50).mapToDouble(i -> Math.pow(10, i / 10.0)).toArray();   // 1 … 10^5
        double[] tiny = IntStream.rangeClosed(0, 50).mapToDouble(i -> Math.pow(10, -8 + i / 10.0)).toArray();   // 10^-8 … 10^-3
        XYChart chart = Plots.lines(xy(time, tiny), "x", "y", null).logX().logY().build();
        assertEquals(List.of("1", "10", "100", "1000", "10000", "100000"), drawnTickLabels(chart, true),
                "plain decimals up to 10^6, never 1E4");
        List<String> y = drawnTickLabels(chart, false);
        assertEquals(List.of("1E-8", "1E-7", "1E-6", "1E-5", "1E-4", "1E-3"), y, "beyond 10^-6 all scientific");
        double[] loss = IntStream.rangeClosed(0, 50).mapToDouble(i -> Math.pow(10, -5 + i / 12.5)).toArray();   // 10^-5 … 0.1
        assertEquals(List.of("0.00001", "0.0001", "0.001", "0.01", "0.1"),
                drawnTickLabels(Plots.lines(xy(time, loss), "x", "y", null).logX().logY().build(), false));
    }

    @Test
    void aLogarithmicAxisWithinADecadeShowsSeveralTicks() throws ReflectiveOperationException {
        // sizes N = 32 … 256: the powers-of-ten labels alone gave a single tick, "100"
        Table sizes = xy(new double[] {32, 64, 128, 256}, new double[] {0.08, 0.04, 0.03, 0.02});
        List<String> x = drawnTickLabels(Plots.lines(sizes, "x", "y", null).logX().build(), true);
        assertTrue(x.size() >= 5, x.toString());
        assertTrue(x.containsAll(List.of("40", "50", "100", "200")), x.toString());
        List<String> y = drawnTickLabels(Plots.lines(sizes, "x", "y", null).logX().logY().build(), false);
        assertTrue(y.size() >= 4 && y.containsAll(List.of("0.02", "0.03", "0.05")), y.toString());
    }

    @Test
    void binderIsDetectedByEitherOfBinderHubsVariablesAndNothingElse() {
        assertEquals("BINDER_LAUNCH_HOST", Notebook.binderVariable(
                java.util.Map.of("BINDER_LAUNCH_HOST", "https://mybinder.org/", "HOME", "/home/jovyan")));
        assertEquals("BINDER_REPO_URL", Notebook.binderVariable(
                java.util.Map.of("BINDER_REPO_URL", "https://github.com/owner/glassy")));
        assertEquals(null, Notebook.binderVariable(java.util.Map.of("HOME", "/root", "JUPYTERHUB_USER", "x")));
        assertEquals(null, Notebook.binderVariable(java.util.Map.of("BINDER_LAUNCH_HOST", " ")));
        assertTrue(Notebook.binderNotice("BINDER_REPO_URL").contains("QUICK = false"));
    }
}
