package io.fdbench.bench.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A dot plot of measurements by category: one marker per series and category, the series side by
 * side within a category, each with its 99.9 % error bar ({@link ErrorBars}). It replaces bar
 * charts because a bar on a log axis needs an arbitrary floor; dots do not. The axis is
 * logarithmic when the values span more than {@link #LOG_SPAN} (set it with {@link #logAxis}).
 *
 * <p>XChart has no categorical XY axis: the categories sit at x = 0, 1, ... and the x tick labels
 * are their names (ticks elsewhere get blank labels, distinct so XChart's tick search settles on
 * a step of one).
 */
public final class DotPlot {

    /** The ratio of largest to smallest value from which the value axis is logarithmic by default. */
    public static final double LOG_SPAN = 30;

    private final List<String> categories;
    private final Map<String, Map<String, Measurement>> series = new LinkedHashMap<>();
    private final List<Reference> references = new ArrayList<>();
    private Boolean log;
    private final List<String> unknownErrors = new ArrayList<>();
    private int clipped;

    private record Reference(String name, double y) {
    }

    public DotPlot(List<String> categories) {
        this.categories = List.copyOf(categories);
    }

    /** Adds (or replaces) the point of a series in a category; a category not listed is an error. */
    public DotPlot add(String seriesName, String category, Measurement m) {
        if (!categories.contains(category)) {
            throw new IllegalArgumentException("unknown category '" + category + "'");
        }
        series.computeIfAbsent(seriesName, k -> new LinkedHashMap<>()).put(category, m);
        return this;
    }

    /** A dashed horizontal reference line across the plot (a peak), in the legend as {@code name}. */
    public DotPlot reference(String name, double y) {
        references.add(new Reference(name, y));
        return this;
    }

    /** Forces a logarithmic (true) or linear (false) value axis. */
    public DotPlot logAxis(boolean logarithmic) {
        this.log = logarithmic;
        return this;
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }

    /** "series at category" of each point drawn without a bar because its error is unknown (after {@link #chart}). */
    public List<String> unknownErrors() {
        return List.copyOf(unknownErrors);
    }

    /** How many bar ends were cut at the plot's edge (after {@link #chart}). */
    public int clipped() {
        return clipped;
    }

    /** The chart: series in insertion order, each with its colour, marker and error bars. */
    public XYChart chart(String title, String xAxisTitle, String yAxisTitle) {
        XYChart chart = ChartStyle.xyChart(title, xAxisTitle, yAxisTitle);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Map<String, Measurement> s : series.values()) {
            for (Measurement m : s.values()) {
                for (double v : new double[] {m.value(), m.low(), m.high()}) {
                    if (v > 0 && !Double.isInfinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        for (Reference r : references) {
            min = Math.min(min, r.y());
            max = Math.max(max, r.y());
        }
        boolean logarithmic = log != null ? log : max / min > LOG_SPAN;
        XYStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(logarithmic);
        double floor = logarithmic ? min / 2 : Math.min(0, min);
        double ceiling = logarithmic ? max * 2 : max * 1.5;
        if (!logarithmic) {
            styler.setYAxisMin(0.0);
        }
        int n = categories.size();
        styler.setXAxisMin(-0.5);
        styler.setXAxisMax(n - 0.5);
        styler.setxAxisTickLabelsFormattingFunction(v -> tickLabel(v, categories));
        styler.setPlotGridVerticalLinesVisible(false);

        int k = series.size();
        double step = k == 1 ? 0 : Math.min(0.7 / (k - 1), 0.25);
        double cap = Math.min(0.06, 0.3 / Math.max(k, 1));
        unknownErrors.clear();
        clipped = 0;
        int index = 0;
        for (Map.Entry<String, Map<String, Measurement>> s : series.entrySet()) {
            double offset = (index - (k - 1) / 2.0) * step;
            List<Double> xs = new ArrayList<>();
            List<Measurement> ms = new ArrayList<>();
            int unknown = 0;
            for (int c = 0; c < n; c++) {
                Measurement m = s.getValue().get(categories.get(c));
                if (m == null || (logarithmic && !(m.value() > 0))) {
                    continue;
                }
                xs.add(c + offset);
                ms.add(m);
                if (!m.hasError()) {
                    unknown++;
                    unknownErrors.add(s.getKey() + " at " + categories.get(c));
                }
            }
            if (xs.isEmpty()) {
                index++;
                continue;
            }
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = ms.stream().mapToDouble(Measurement::value).toArray();
            String legend = s.getKey() + (unknown == 0 ? "" : unknown == ms.size() ? " (error unknown)"
                    : " (error unknown at " + unknown + ")");
            XYSeries data = chart.addSeries(s.getKey(), x, y);
            data.setLabel(legend);
            data.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            data.setMarker(ChartStyle.marker(index));
            data.setMarkerColor(ChartStyle.color(index));
            data.setLineColor(ChartStyle.color(index));
            data.setLineStyle(ChartStyle.solid());
            clipped += ErrorBars.add(chart, s.getKey(), x, ms.toArray(new Measurement[0]), ChartStyle.color(index),
                    cap, floor, ceiling);
            index++;
        }
        int pattern = 0;
        for (Reference r : references) {
            XYSeries line = chart.addSeries(r.name(), new double[] {-0.5, n - 0.5}, new double[] {r.y(), r.y()});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(ChartStyle.REFERENCE);
            line.setLineStyle(ChartStyle.dashed(pattern++));
        }
        return chart;
    }

    /**
     * The category name at an integer position; elsewhere a blank label, distinct for each
     * position outside the categories (XChart rejects a tick step whose labels repeat, so finer
     * steps with many blank labels are rejected and a step of one is kept).
     */
    public static String tickLabel(double v, List<String> categories) {
        long i = Math.round(v);
        if (Math.abs(v - i) > 1e-9) {
            return v < 0 ? " " : "";
        }
        if (i >= 0 && i < categories.size()) {
            return categories.get((int) i);
        }
        return i < 0 ? " ".repeat((int) Math.min(-2 * i - 1, 40)) : " ".repeat((int) Math.min(2 * (i - categories.size() + 1), 40));
    }
}
