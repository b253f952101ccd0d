package io.fdbench.bench.peers;

import io.fdbench.bench.gradient.GradientCostFamily;
import io.fdbench.bench.chart.*;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.knowm.xchart.XYChart;

/**
 * The engine beside NumPy and PyTorch: time relative to NumPy at one BLAS thread (lower is
 * faster) for one backprop gradient, one Fashion-MNIST epoch and one parameter of the full central
 * difference, each side at 1 and 2 threads where measured. Each point's error bar is its own
 * 99.9 % interval divided by NumPy's 1-thread time (the reference's own interval is on its point).
 */
public final class PeerChart {

    public static final String NAME = "peers-side-by-side";

    private static final String BACKPROP = "backprop gradient";
    private static final String EPOCH = "Fashion epoch";
    private static final String FD = "central FD, per parameter";

    private PeerChart() {
    }

    /**
     * @param gradient   gradient.csv, or null
     * @param fashion    epoch-fashion.csv, or null
     * @param peers      peers.csv
     * @param epochPeers the peers run made beside the epoch, or {@code peers} itself
     * @param provenance one per file read
     */
    public static List<Figure> draw(CsvTable gradient, CsvTable fashion, CsvTable peers, CsvTable epochPeers,
                                    List<Provenance> provenance) {
        Map<String, Map<String, Measurement>> bySeries = new LinkedHashMap<>();
        for (String threads : new String[] {"1", "2"}) {
            String plural = "1".equals(threads) ? " thread" : " threads";
            // The Java peers (run-java-peers.sh) appear when peers.csv has their rows.
            for (String lib : new String[] {"numpy", "torch", "dl4j", "djl"}) {
                String series = SERIES.get(lib) + ", " + threads + plural;
                String prefix = "peers." + lib + ".";
                put(bySeries, series, BACKPROP, seconds(peers, r -> r.benchmark().equals(prefix + "BackpropGradient")
                        && peer(r, threads, "mnist-10k")));
                put(bySeries, series, EPOCH, seconds(epochPeers, r -> r.benchmark().equals(prefix + "Epoch")
                        && peer(r, threads, "fashion-mnist")));
                put(bySeries, series, FD, seconds(peers, r -> r.benchmark().equals(
                        prefix + "CentralDifferenceFullPerParameter") && peer(r, threads, "mnist-10k")));
            }
            String ours = "fdbench, " + threads + plural;
            if ("1".equals(threads)) {
                put(bySeries, ours, BACKPROP, seconds(gradient, r -> r.benchmark().endsWith(".backprop")
                        && JmhTables.is(r, "model", "784-50-10") && JmhTables.is(r, "batch", "100")));
            }
            put(bySeries, ours, EPOCH, seconds(fashion, r -> r.benchmark().endsWith("FashionEpochBenchmark.backprop")
                    && JmhTables.is(r, "batch", "100")
                    && r.param("gemmWorkers").map(threads::equals).orElse("1".equals(threads))));
            if (gradient != null) {
                for (JmhRow r : JmhTables.rows(gradient)) {
                    if (!r.secondary() && r.benchmark().endsWith(".finiteDifference")
                            && JmhTables.is(r, "model", "784-50-10") && JmhTables.is(r, "estimator", "central")
                            && JmhTables.is(r, "evaluation", "full") && "1".equals(threads) // ns/param: one worker only
                            && !JmhTables.cell(r, gradient.header(), GradientCostFamily.NS_PER_PARAM).isEmpty()) {
                        Measurement s = Measurement.secondsPerOp(r);
                        if (s != null) {
                            double perParam = Double.parseDouble(r.cell(GradientCostFamily.NS_PER_PARAM)) * 1e-9;
                            put(bySeries, ours, FD, s.times(perParam / s.value()));
                        }
                    }
                }
            }
        }
        Map<String, Measurement> reference = bySeries.getOrDefault("NumPy, 1 thread", Map.of());
        List<String> categories = new ArrayList<>();
        for (String c : List.of(BACKPROP, EPOCH, FD)) {
            if (reference.containsKey(c) && bySeries.values().stream().filter(m -> m.containsKey(c)).count() > 1) {
                categories.add(c);
            }
        }
        if (categories.isEmpty()) {
            return List.of();
        }
        DotPlot plot = new DotPlot(categories);
        List<String> absolute = new ArrayList<>();
        for (String c : categories) {
            absolute.add(c + " " + reference.get(c).times(c.equals(EPOCH) ? 1e3 : 1e6).text()
                    + (c.equals(EPOCH) ? " ms" : " µs"));
        }
        for (Map.Entry<String, Map<String, Measurement>> s : bySeries.entrySet()) {
            for (String c : categories) {
                Measurement m = s.getValue().get(c);
                if (m != null) {
                    plot.add(s.getKey(), c, m.times(1 / reference.get(c).value()));
                }
            }
        }
        String title = "fdbench beside NumPy and PyTorch (float32, 784-50-10, batch 100)";
        XYChart chart = plot.chart(title, "work", "time ÷ NumPy at 1 thread (lower is faster)");
        String caption = "Time of the same work in each implementation divided by NumPy's at one BLAS thread"
                + (chart.getStyler().isYAxisLogarithmic() ? " (log axis)" : "") + "; NumPy at 1 thread is 1 by"
                + " definition: " + String.join("; ", absolute) + ". Error bars: each point's own 99.9 % interval"
                + " divided by NumPy's 1-thread time (the reference's uncertainty is the bar on its own point). "
                + JmhTables.unknownErrorNote(plot) + " Work where fdbench or the peers have no row is left out.";
        return List.of(new Figure(NAME, title, provenance, chart, caption));
    }

    private static final Map<String, String> SERIES = Map.of("numpy", "NumPy", "torch", "PyTorch", "dl4j", "DL4J",
            "djl", "PyTorch 2 (DJL)");

    private static boolean peer(JmhRow r, String threads, String dataset) {
        return JmhTables.is(r, "precision", "float") && JmhTables.is(r, "threads", threads)
                && JmhTables.is(r, "dataset", dataset) && JmhTables.is(r, "batch", "100")
                && JmhTables.is(r, "model", "784-50-10");
    }

    private static Measurement seconds(CsvTable t, Predicate<JmhRow> which) {
        if (t == null) {
            return null;
        }
        for (JmhRow r : JmhTables.rows(t)) {
            if (!r.secondary() && which.test(r)) {
                Measurement m = Measurement.secondsPerOp(r);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static void put(Map<String, Map<String, Measurement>> bySeries, String series, String category,
                            Measurement m) {
        if (m != null && m.value() > 0) {
            bySeries.computeIfAbsent(series, k -> new LinkedHashMap<>()).put(category, m);
        }
    }
}
