package io.fdbench.bench.history;

import io.fdbench.bench.chart.ChartStyle;
import io.fdbench.bench.chart.DotPlot;
import io.fdbench.bench.chart.ErrorBars;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.Measurement;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.trend.ChangePoint;
import io.fdbench.bench.trend.EDivisive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The trend chart of one benchmark on one machine: every series of it (one per parameter set)
 * as points over the runs in time order (the commit under each), each with its 99.9 % interval,
 * the detected shifts as dashed vertical lines between the last point of the old level and the
 * first of the new, and each segment's mean as a dashed line in the series' colour.
 */
public final class TrendChart {

    /** A value axis whose values span more than this factor is logarithmic. */
    private static final double LOG_SPAN = 30;

    private TrendChart() {
    }

    /**
     * The figure of {@code trends}, which share benchmark, mode, unit, profile and machine.
     *
     * @param source the database as shown under the title
     */
    public static Figure of(List<SeriesTrend> trends, EDivisive method, String source) {
        SeriesKey first = trends.get(0).key();
        // the runs of all series, in time order: the x axis
        Map<String, SeriesPoint> runs = new LinkedHashMap<>();
        trends.stream().flatMap(t -> t.points().stream()).sorted(Series.TIME_ORDER)
                .forEach(p -> runs.putIfAbsent(p.runKey(), p));
        List<String> runKeys = new ArrayList<>(runs.keySet());
        List<String> labels = runs.values().stream().map(SeriesPoint::shortCommit).toList();

        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (SeriesTrend t : trends) {
            for (SeriesPoint p : t.points()) {
                if (p.score() > 0) {
                    min = Math.min(min, p.score());
                    max = Math.max(max, p.score());
                }
            }
        }
        boolean log = max / min > LOG_SPAN;
        String unit = first.unit();
        XYChart chart = ChartStyle.xyChart(first.shortBenchmark(), "run, oldest first (commit of each; + uncommitted changes)",
                first.shortBenchmark() + " [" + unit + "]" + (log ? ", log scale" : ""));
        chart.getStyler().setYAxisLogarithmic(log);
        if (!log) {
            chart.getStyler().setYAxisMin(0.0);
        }
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(runKeys.size() - 0.5);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> DotPlot.tickLabel(v, labels));
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        double floor = log ? min / 2 : 0;
        double ceiling = log ? max * 2 : max * 1.5;

        int shifts = 0;
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < trends.size(); i++) {
            SeriesTrend t = trends.get(i);
            if (t.points().isEmpty()) {
                continue;
            }
            String name = t.key().settingsText().isEmpty() ? first.shortBenchmark() : t.key().settingsText();
            double[] x = t.points().stream().mapToDouble(p -> runKeys.indexOf(p.runKey())).toArray();
            double[] y = t.points().stream().mapToDouble(SeriesPoint::score).toArray();
            Measurement[] ms = t.points().stream().map(p -> Measurement.of(p.score(), p.scoreError()))
                    .toArray(Measurement[]::new);
            XYSeries data = chart.addSeries(name, x, y);
            data.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            data.setMarker(ChartStyle.marker(i));
            data.setMarkerColor(ChartStyle.color(i));
            data.setLineColor(ChartStyle.color(i));
            ErrorBars.add(chart, name, x, ms, ChartStyle.color(i), 0.08, floor, ceiling);
            // segment means, and a vertical line where each shift starts
            int from = 0;
            List<ChangePoint> cps = t.shifts();
            for (int s = 0; s <= cps.size(); s++) {
                int to = s < cps.size() ? cps.get(s).index() : t.points().size();
                if (!cps.isEmpty()) {
                    double mean = s < cps.size() ? cps.get(s).meanBefore() : cps.get(cps.size() - 1).meanAfter();
                    XYSeries level = chart.addSeries(name + " · mean " + (s + 1), new double[] {x[from] - 0.3, x[to - 1] + 0.3},
                            new double[] {mean, mean});
                    level.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    level.setMarker(SeriesMarkers.NONE);
                    level.setLineColor(ChartStyle.color(i));
                    level.setLineStyle(ChartStyle.dashed(1));
                    level.setShowInLegend(false);
                }
                if (s < cps.size()) {
                    marks.add(new Mark((x[to - 1] + x[to]) / 2, i, name + " · shift " + (s + 1)));
                }
                from = to;
            }
        }
        // the shifts last, so the legend lists them after the series
        for (Mark mark : marks) {
            XYSeries line = chart.addSeries(shifts == 0
                            ? String.format(Locale.ROOT, "shift (E-divisive, p ≤ %s)", num(method.significance())) : mark.name(),
                    new double[] {mark.x(), mark.x()}, new double[] {floor, ceiling});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(ChartStyle.color(mark.series()));
            line.setLineStyle(ChartStyle.dashed(0));
            line.setShowInLegend(shifts == 0);
            shifts++;
        }
        Machine m = first.machine();
        Instant[] span = span(trends);
        Provenance provenance = new Provenance(source, Dates.shown(span[0]) + " .. " + Dates.shown(span[1]) + " UTC",
                labels.get(0) + " .. " + labels.get(labels.size() - 1) + " (" + runKeys.size() + " runs)",
                first.profile(), "", "JDK " + m.jdk(), "machine " + m.key() + ": " + m.host() + ", " + m.cpu()
                + ", " + m.os(), true);
        int dropped = trends.stream().mapToInt(SeriesTrend::dropped).sum();
        String caption = "Each point is one run's JMH score (double, " + unit + ") with its 99.9 % interval; runs in"
                + " time order, the commit under each. Dashed vertical lines: " + (shifts == 0 ? "none here; " : "")
                + "shifts found by E-divisive means (significance " + num(method.significance()) + ", "
                + method.permutations() + " permutations, at least " + method.minSegment() + " runs per level, seed "
                + method.seed() + "), with each level's mean dashed in the series' colour. Only this machine's runs"
                + " are drawn: other machines have charts of their own."
                + (dropped == 0 ? "" : " " + dropped + " points without a score are left out.");
        String name = "trend-" + Figure.slug(first.shortBenchmark() + "-" + m.key().substring(0, 6)
                + (first.profile().equals("full") ? "" : "-" + first.profile()));
        return new Figure(name, "Trend: " + first.shortBenchmark() + " on " + m.host(), List.of(provenance), chart,
                caption);
    }

    /** A shift line: where, in which series' colour, its (hidden) series name. */
    private record Mark(double x, int series, String name) {
    }

    private static Instant[] span(List<SeriesTrend> trends) {
        List<SeriesPoint> all = trends.stream().flatMap(t -> t.points().stream()).sorted(Series.TIME_ORDER).toList();
        return new Instant[] {all.get(0).date(), all.get(all.size() - 1).date()};
    }

    private static String num(double x) {
        return Measurement.num(x);
    }

    /** Groups series trends by chart: benchmark, mode, unit, profile and machine. */
    public static List<List<SeriesTrend>> groups(List<SeriesTrend> trends) {
        Map<String, List<SeriesTrend>> byChart = new LinkedHashMap<>();
        for (SeriesTrend t : trends) {
            SeriesKey k = t.key();
            byChart.computeIfAbsent(String.join("\u0000", k.benchmark(), k.mode(), k.unit(), k.profile(),
                    k.machine().key()), g -> new ArrayList<>()).add(t);
        }
        List<List<SeriesTrend>> groups = new ArrayList<>(byChart.values());
        groups.sort(Comparator.comparing((List<SeriesTrend> g) -> g.get(0).key().machine().label())
                .thenComparing(g -> g.get(0).key().benchmark()));
        return groups;
    }
}
