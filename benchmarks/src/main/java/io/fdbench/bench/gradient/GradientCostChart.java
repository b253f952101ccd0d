package io.fdbench.bench.gradient;

import io.fdbench.bench.chart.*;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knowm.xchart.XYChart;

/**
 * The cost of one gradient per parameter from {@code gradient.csv}: ns per parameter by model for
 * backprop and each finite-difference scheme and evaluation at one thread, a dot plot with 99.9 %
 * error bars (log axis: the costs span six decades); and the same numbers, both thread counts, as a
 * table.
 */
public final class GradientCostChart {

    public static final String NAME = "gradient-cost";

    private GradientCostChart() {
    }

    private record Point(String series, String model, String threads, boolean sampled, Measurement nsPerParam) {
    }

    private static List<Point> points(CsvTable t) {
        JmhTables.require(t, GradientCostFamily.NS_PER_PARAM);
        List<Point> points = new ArrayList<>();
        for (JmhRow r : JmhTables.rows(t)) {
            String ns = r.cell(GradientCostFamily.NS_PER_PARAM);
            String method = JmhTables.method(r);
            if (r.secondary() || ns.isEmpty()) { // the worker-scaling rows have no ns/param
                continue;
            }
            Measurement seconds = Measurement.secondsPerOp(r);
            if (seconds == null) {
                continue;
            }
            double nsPerParam = Double.parseDouble(ns);
            String series = method.equals("backprop") ? "backprop"
                    : r.param("estimator").orElse("?") + " " + r.param("evaluation").orElse("?");
            boolean sampled = "true".equals(JmhTables.cell(r, t.header(), "sampled"));
            points.add(new Point(series, r.param("model").orElse("?"), r.param("parameterWorkers").orElse("1"), sampled,
                    seconds.times(nsPerParam / seconds.value())));
        }
        return points;
    }

    /** The chart (1 thread), or none when the table has no such row. */
    public static List<Figure> draw(CsvTable t, Provenance provenance) {
        List<Point> points = points(t).stream().filter(p -> p.threads().equals("1")).toList();
        if (points.isEmpty()) {
            return List.of();
        }
        Set<String> models = new LinkedHashSet<>();
        points.forEach(p -> models.add(p.model()));
        DotPlot plot = new DotPlot(new ArrayList<>(models));
        Map<String, List<String>> sampledByModel = new LinkedHashMap<>();
        for (Point p : points) {
            plot.add(p.series(), p.model(), p.nsPerParam());
            if (p.sampled()) {
                sampledByModel.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p.series());
            }
        }
        List<String> sampled = new ArrayList<>();
        sampledByModel.forEach((model, series) -> sampled.add(model + " (" + String.join(", ", series) + ")"));
        String title = "Gradient cost per parameter (float32, batch 100, 1 thread)";
        XYChart chart = plot.chart(title, "model (layer widths)", "ns per parameter");
        String caption = "Time of one gradient of the mini-batch loss divided by the parameters it estimates, one point per"
                + " method and model (JMH average time, float32). Error bars: JMH's 99.9 % confidence interval. "
                + JmhTables.unknownErrorNote(plot)
                + (sampled.isEmpty() ? "" : " Timed on a seeded sample of the parameters and reported per parameter"
                + " (sampled=true in the CSV): " + String.join("; ", sampled) + ".")
                + " Backprop's cost per parameter falls with size (one pass for all); full-evaluation finite"
                + " differences grow with it (a forward pass per parameter).";
        return List.of(new Figure(NAME, title, List.of(provenance), chart, caption));
    }

    /** ns per parameter by method and threads (rows) and model (columns), value ± 99.9 % error. */
    public static List<KeyTable> tables(CsvTable t) {
        List<Point> points = points(t);
        if (points.isEmpty()) {
            return List.of();
        }
        Set<String> models = new LinkedHashSet<>();
        Map<String, Map<String, Point>> rows = new LinkedHashMap<>();
        for (Point p : points) {
            models.add(p.model());
            String row = p.series() + (p.series().equals("backprop") ? "" : ", " + p.threads() + " thread"
                    + ("1".equals(p.threads()) ? "" : "s"));
            rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(p.model(), p);
        }
        List<String> header = new ArrayList<>();
        header.add("method");
        header.addAll(models);
        List<List<String>> cells = new ArrayList<>();
        for (Map.Entry<String, Map<String, Point>> r : rows.entrySet()) {
            List<String> row = new ArrayList<>();
            row.add(r.getKey());
            for (String m : models) {
                Point p = r.getValue().get(m);
                row.add(p == null ? "" : p.nsPerParam().text() + (p.sampled() ? " *" : ""));
            }
            cells.add(row);
        }
        return List.of(new KeyTable("Gradient cost per parameter (ns, float32, batch 100)", header, cells,
                "± is JMH's 99.9 % confidence interval; * timed on a seeded sample of the parameters."));
    }
}
