package io.fdbench.bench.report;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, built from result tables: step-size error curves (log-log, one chart per
 * function and precision), the cost per parameter of each gradient estimator by model, the GEMM
 * throughput of each kernel against the measured FMA peak, and the time per epoch. Each method
 * returns the charts it can draw from its table, named by file stem.
 */
final class ReportCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    private ReportCharts() {
    }

    /** stepsize.csv: |error| against h for every estimator and evaluation, per target and precision. */
    static Map<String, Chart<?, ?>> stepSize(CsvTable t) {
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        Map<String, Map<String, List<double[]>>> curves = new LinkedHashMap<>();
        int target = t.column("target");
        int precision = t.column("precision");
        int estimator = t.column("estimator");
        int evaluation = t.column("evaluation");
        int h = t.column("h");
        int error = t.column("abs_error");
        for (List<String> r : t.rows()) {
            double x = Double.parseDouble(r.get(h));
            double y = Double.parseDouble(r.get(error));
            if (!(x > 0) || !(y > 0)) {
                continue; // a log axis cannot show 0 (an exact result) or NaN
            }
            String chart = r.get(target) + " (" + r.get(precision) + ")";
            String series = r.get(estimator) + ("exact-function".equals(r.get(evaluation)) ? "" : " " + r.get(evaluation));
            curves.computeIfAbsent(chart, k -> new LinkedHashMap<>())
                    .computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {x, y});
        }
        for (Map.Entry<String, Map<String, List<double[]>>> c : curves.entrySet()) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title("Step-size error: " + c.getKey()).xAxisTitle("step h").yAxisTitle("|error|").build();
            chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            for (Map.Entry<String, List<double[]>> s : c.getValue().entrySet()) {
                List<double[]> points = s.getValue();
                points.sort((a, b) -> Double.compare(a[0], b[0]));
                double[] xs = new double[points.size()];
                double[] ys = new double[points.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = points.get(i)[0];
                    ys[i] = points.get(i)[1];
                }
                chart.addSeries(s.getKey(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
            charts.put("stepsize-" + slug(c.getKey()), chart);
        }
        return charts;
    }

    /** gradient.csv: nanoseconds per parameter (log scale) by model, one bar per estimator, 1 thread. */
    static Map<String, Chart<?, ?>> gradientCost(CsvTable t) {
        Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
        Set<String> models = new LinkedHashSet<>();
        for (List<String> cells : t.rows()) {
            JmhRow r = new JmhRow(t.header(), cells);
            String nsPerParam = r.cell("ns/param");
            if (r.secondary() || nsPerParam.isEmpty() || r.benchmark().endsWith("backpropParallel")
                    || !r.param("parameterWorkers").map("1"::equals).orElse(true)) {
                continue;
            }
            String series = r.benchmark().endsWith("backprop") ? "backprop"
                    : r.param("estimator").orElse("?") + " " + r.param("evaluation").orElse("?");
            String model = r.param("model").orElse("?");
            models.add(model);
            bySeries.computeIfAbsent(series, k -> new LinkedHashMap<>()).put(model, Double.parseDouble(nsPerParam));
        }
        if (bySeries.isEmpty()) {
            return Map.of();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH + 200).height(HEIGHT)
                .title("Gradient cost per parameter (float32, batch 100, 1 thread)").xAxisTitle("model")
                .yAxisTitle("ns per parameter (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        addCategorySeries(chart, bySeries, models);
        return Map.of("gradient-cost", chart);
    }

    /** kernel.csv: GFLOP/s of each GEMM shape per implementation, with the measured FMA peak in the title. */
    static Map<String, Chart<?, ?>> kernel(CsvTable t) {
        Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
        Set<String> shapes = new LinkedHashSet<>();
        String peak = "";
        for (List<String> cells : t.rows()) {
            JmhRow r = new JmhRow(t.header(), cells);
            String gflops = r.cell("GFLOP/s");
            if (gflops.isEmpty()) {
                continue;
            }
            if (r.benchmark().endsWith("fmaPeak:mflop")) {
                if (r.param("peakImpl").map("simd"::equals).orElse(false)) {
                    peak = String.format(java.util.Locale.ROOT, "; FMA peak %.0f GFLOP/s", Double.parseDouble(gflops));
                }
                continue;
            }
            String shape = r.param("shape").orElse("?");
            shapes.add(shape);
            bySeries.computeIfAbsent(r.param("impl").orElse("?"), k -> new LinkedHashMap<>())
                    .put(shape, Double.parseDouble(gflops));
        }
        if (bySeries.isEmpty()) {
            return Map.of();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("GEMM throughput (float32, 1 core" + peak + ")").xAxisTitle("shape")
                .yAxisTitle("GFLOP/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        addCategorySeries(chart, bySeries, shapes);
        return Map.of("kernel-gflops", chart);
    }

    /** epoch.csv / epoch-fashion.csv: milliseconds per epoch (log scale) by batch size. */
    static Map<String, Chart<?, ?>> epoch(String name, CsvTable t) {
        Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
        Set<String> batches = new LinkedHashSet<>();
        for (List<String> cells : t.rows()) {
            JmhRow r = new JmhRow(t.header(), cells);
            if (r.secondary() || r.secondsPerOp().isEmpty()) {
                continue;
            }
            String series = r.benchmark().endsWith("backprop") ? "backprop"
                    : r.param("estimator").orElse("?") + " " + r.param("evaluation").orElse("");
            for (String workers : new String[] {"parameterWorkers", "gemmWorkers"}) {
                String count = r.param(workers).orElse("");
                if (!count.isEmpty()) {
                    series += ", " + workers + "=" + count;
                }
            }
            String batch = "batch " + r.param("batch").orElse("?");
            batches.add(batch);
            bySeries.computeIfAbsent(series.trim(), k -> new LinkedHashMap<>())
                    .put(batch, r.secondsPerOp().getAsDouble() * 1e3);
        }
        if (bySeries.isEmpty()) {
            return Map.of();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Time per epoch: " + name + " (float32)").xAxisTitle("mini-batch")
                .yAxisTitle("ms per epoch (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        addCategorySeries(chart, bySeries, batches);
        return Map.of(name, chart);
    }

    /**
     * The engine beside NumPy and PyTorch: time relative to NumPy at one BLAS thread (lower is
     * faster) for one backprop gradient, one Fashion-MNIST epoch and one parameter of the full
     * central difference, each side at 1 and 2 threads where measured. {@code epochPeers} is the
     * peers run made beside the epoch (or the same table as {@code peers}).
     */
    static Map<String, Chart<?, ?>> peers(CsvTable gradient, CsvTable fashion, CsvTable peers, CsvTable epochPeers) {
        String bp = "backprop gradient";
        String epoch = "Fashion epoch";
        String fd = "full central FD / parameter";
        Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
        for (String threads : new String[] {"1", "2"}) {
            String plural = "1".equals(threads) ? " thread" : " threads";
            for (String lib : new String[] {"numpy", "torch"}) {
                String series = ("numpy".equals(lib) ? "NumPy, " : "PyTorch, ") + threads + plural;
                String prefix = "peers." + lib + ".";
                put(bySeries, series, bp, seconds(peers, r -> r.benchmark().equals(prefix + "BackpropGradient")
                        && peer(r, threads, "mnist-10k")));
                put(bySeries, series, epoch, seconds(epochPeers, r -> r.benchmark().equals(prefix + "Epoch")
                        && peer(r, threads, "fashion-mnist")));
                put(bySeries, series, fd, seconds(peers, r -> r.benchmark().equals(
                        prefix + "CentralDifferenceFullPerParameter") && peer(r, threads, "mnist-10k")));
            }
            String ours = "fdbench, " + threads + plural;
            if ("1".equals(threads)) {
                put(bySeries, ours, bp, seconds(gradient, r -> r.benchmark().endsWith(".backprop")
                        && is(r, "model", "784-50-10") && is(r, "batch", "100")));
            }
            put(bySeries, ours, epoch, seconds(fashion, r -> r.benchmark().endsWith("FashionEpochBenchmark.backprop")
                    && is(r, "batch", "100") && r.param("gemmWorkers").map(threads::equals).orElse("1".equals(threads))));
            if (gradient != null) {
                for (List<String> cells : gradient.rows()) {
                    JmhRow r = new JmhRow(gradient.header(), cells);
                    if (!r.secondary() && r.benchmark().endsWith(".finiteDifference") && is(r, "model", "784-50-10")
                            && is(r, "estimator", "central") && is(r, "evaluation", "full")
                            && is(r, "parameterWorkers", threads)
                            && !r.cell("ns/param").isEmpty()) {
                        put(bySeries, ours, fd, Double.parseDouble(r.cell("ns/param")) * 1e-9);
                    }
                }
            }
        }
        Map<String, Double> reference = bySeries.getOrDefault("NumPy, 1 thread", Map.of());
        Map<String, Map<String, Double>> relative = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> e : bySeries.entrySet()) {
            for (Map.Entry<String, Double> v : e.getValue().entrySet()) {
                Double ref = reference.get(v.getKey());
                if (ref != null) {
                    relative.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(v.getKey(), v.getValue() / ref);
                }
            }
        }
        Set<String> categories = new LinkedHashSet<>(List.of(bp, epoch, fd));
        categories.removeIf(c -> relative.values().stream().noneMatch(m -> m.containsKey(c)));
        if (categories.isEmpty()) {
            return Map.of();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH + 200).height(HEIGHT)
                .title("fdbench beside NumPy and PyTorch (float32, 784-50-10, batch 100)")
                .xAxisTitle("work").yAxisTitle("time / NumPy at 1 thread (lower is faster)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        addCategorySeries(chart, relative, categories);
        return Map.of("peers-side-by-side", chart);
    }

    private static boolean peer(JmhRow r, String threads, String dataset) {
        return is(r, "precision", "float") && is(r, "threads", threads) && is(r, "dataset", dataset)
                && is(r, "batch", "100") && is(r, "model", "784-50-10");
    }

    private static boolean is(JmhRow r, String param, String value) {
        return r.param(param).map(value::equals).orElse(false);
    }

    private static Double seconds(CsvTable t, java.util.function.Predicate<JmhRow> which) {
        if (t == null) {
            return null;
        }
        for (List<String> cells : t.rows()) {
            JmhRow r = new JmhRow(t.header(), cells);
            if (!r.secondary() && which.test(r) && r.secondsPerOp().isPresent()) {
                return r.secondsPerOp().getAsDouble();
            }
        }
        return null;
    }

    private static void put(Map<String, Map<String, Double>> bySeries, String series, String category, Double v) {
        if (v != null && v > 0) {
            bySeries.computeIfAbsent(series, k -> new LinkedHashMap<>()).put(category, v);
        }
    }

    /**
     * Adds one bar series per entry; a category the series lacks gets no bar. A logarithmic axis
     * starts a little below the smallest value (bars otherwise start at zero, which it cannot show).
     */
    private static void addCategorySeries(CategoryChart chart, Map<String, Map<String, Double>> bySeries,
                                          Set<String> categories) {
        List<String> xs = new ArrayList<>(categories);
        double min = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Map<String, Double>> s : bySeries.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (String x : xs) {
                Double y = s.getValue().get(x);
                ys.add(y);
                if (y != null && y > 0) {
                    min = Math.min(min, y);
                }
            }
            chart.addSeries(s.getKey(), xs, ys);
        }
        if (chart.getStyler().isYAxisLogarithmic() && min < Double.POSITIVE_INFINITY) {
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
    }

    /** A file-name-safe form of a chart name. */
    static String slug(String s) {
        String out = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return out.isEmpty() ? "chart" : out;
    }

    /** Whether a table has JMH's leading columns. */
    static boolean isJmh(CsvTable t) {
        return t.header().size() >= JmhCsv.COLUMNS.size()
                && t.header().subList(0, JmhCsv.COLUMNS.size()).equals(JmhCsv.COLUMNS);
    }
}
