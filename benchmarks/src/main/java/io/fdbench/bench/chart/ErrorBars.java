package io.fdbench.bench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Error bars drawn as their own XY series beside the data series they belong to: one vertical
 * segment (with caps) from the low to the high bound of each point whose interval is known, and
 * nothing for a point whose error is unknown, so no zero-width bar pretends certainty. Unlike
 * XChart's built-in ± bars they may be asymmetric (a rate from a time) and work on a log axis.
 * The series is named {@link #seriesName} and hidden from the legend.
 */
public final class ErrorBars {

    /** Appended to a data series' name to name its error-bar series. */
    public static final String SUFFIX = " · 99.9% interval";

    private ErrorBars() {
    }

    /** The name of the error-bar series of {@code dataSeries}. */
    public static String seriesName(String dataSeries) {
        return dataSeries + SUFFIX;
    }

    /**
     * Adds the error bars of one data series. Bounds outside [{@code floor}, {@code ceiling}]
     * (a lower bound at or below zero on a log axis, an unbounded upper bound) are drawn to that
     * limit. Returns how many bars were clipped so; adds nothing when no point has an interval.
     *
     * @param capHalfWidth half width of the caps in x data units (0: no caps)
     */
    public static int add(XYChart chart, String dataSeries, double[] x, Measurement[] points, Color color,
                          double capHalfWidth, double floor, double ceiling) {
        List<double[]> xy = new ArrayList<>();
        int clipped = 0;
        for (int i = 0; i < points.length; i++) {
            Measurement m = points[i];
            if (m == null || !m.hasError()) {
                continue;
            }
            double low = m.low();
            double high = m.high();
            if (low < floor) {
                low = floor;
                clipped++;
            }
            if (high > ceiling) {
                high = ceiling;
                clipped++;
            }
            segment(xy, x[i], low, x[i], high);
            if (capHalfWidth > 0) {
                segment(xy, x[i] - capHalfWidth, low, x[i] + capHalfWidth, low);
                segment(xy, x[i] - capHalfWidth, high, x[i] + capHalfWidth, high);
            }
        }
        if (xy.isEmpty()) {
            return clipped;
        }
        double[] xs = new double[xy.size()];
        double[] ys = new double[xy.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = xy.get(i)[0];
            ys[i] = xy.get(i)[1];
        }
        XYSeries s = chart.addSeries(seriesName(dataSeries), xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.4f));
        s.setShowInLegend(false);
        return clipped;
    }

    private static void segment(List<double[]> xy, double x0, double y0, double x1, double y1) {
        xy.add(new double[] {x0, y0});
        xy.add(new double[] {x1, y1});
        xy.add(new double[] {x0, Double.NaN}); // NaN breaks the line: the next segment starts afresh
    }

    /**
     * The bars of a data series read back from the chart, each {x, low, high} (caps left out);
     * empty when it has none.
     */
    public static List<double[]> bars(XYChart chart, String dataSeries) {
        XYSeries s = chart.getSeriesMap().get(seriesName(dataSeries));
        List<double[]> bars = new ArrayList<>();
        if (s == null) {
            return bars;
        }
        double[] xs = s.getXData();
        double[] ys = s.getYData();
        for (int i = 0; i + 2 < xs.length; i += 3) {
            if (xs[i] == xs[i + 1]) {
                bars.add(new double[] {xs[i], Math.min(ys[i], ys[i + 1]), Math.max(ys[i], ys[i + 1])});
            }
        }
        return bars;
    }
}
