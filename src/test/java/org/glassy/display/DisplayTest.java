package org.glassy.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
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
}
