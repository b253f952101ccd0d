package io.fdbench.bench.epoch;

import io.fdbench.bench.chart.*;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhRow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.knowm.xchart.XYChart;

/**
 * Time per training epoch from {@code epoch.csv} or {@code epoch-fashion.csv}: ms per epoch by
 * mini-batch size, one series per method (and thread count), as dots with 99.9 % error bars
 * (log axis when the times span more than {@link DotPlot#LOG_SPAN}).
 */
public final class EpochChart {

    private EpochChart() {
    }

    /**
     * @param name    file stem, e.g. {@code epoch-mnist-10k}
     * @param dataset what the epoch runs over, for the title, e.g. {@code MNIST-10k}
     */
    public static List<Figure> draw(String name, String dataset, CsvTable t, Provenance provenance) {
        List<String[]> keys = new ArrayList<>();
        List<Measurement> values = new ArrayList<>();
        Set<String> batches = new LinkedHashSet<>();
        Set<String> rows = new LinkedHashSet<>();
        for (JmhRow r : JmhTables.rows(t)) {
            Measurement seconds = r.secondary() ? null : Measurement.secondsPerOp(r);
            if (seconds == null) {
                continue;
            }
            String method = JmhTables.method(r);
            String series = method.equals("backprop") ? "backprop"
                    : (r.param("estimator").orElse(method) + " " + r.param("evaluation").orElse("")).trim();
            for (String workers : new String[] {"parameterWorkers", "gemmWorkers"}) {
                String count = r.param(workers).orElse("");
                if (!count.isEmpty()) {
                    series += ", " + workers + "=" + count;
                }
            }
            String batch = "batch " + r.param("batch").orElse("?");
            batches.add(batch);
            keys.add(new String[] {series, batch});
            values.add(seconds.times(1e3));
            String n = JmhTables.cell(r, t.header(), "rows");
            if (!n.isEmpty()) {
                rows.add(n);
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        DotPlot plot = new DotPlot(new ArrayList<>(batches));
        for (int i = 0; i < keys.size(); i++) {
            plot.add(keys.get(i)[0], keys.get(i)[1], values.get(i));
        }
        String title = "Time per epoch: " + dataset + " (float32)";
        XYChart chart = plot.chart(title, "mini-batch size", "ms per epoch");
        String caption = "Wall time of one training epoch" + (rows.isEmpty() ? "" : " over " + String.join(" / ", rows)
                + " training rows") + " by mini-batch size, one point per method (JMH average time, float32"
                + (chart.getStyler().isYAxisLogarithmic() ? ", log axis" : "") + "). Error bars: JMH's 99.9 %"
                + " confidence interval. " + JmhTables.unknownErrorNote(plot);
        return List.of(new Figure(name, title, List.of(provenance), chart, caption));
    }

    /**
     * {@code epoch-full-extrapolated.csv}: epochs with full-evaluation finite differences, too slow
     * to time, extrapolated from the gradient family; every column but the formula, which goes in
     * the note.
     */
    public static List<KeyTable> extrapolatedTable(CsvTable t) {
        if (t.rows().isEmpty()) {
            return List.of();
        }
        int source = t.column("source");
        List<String> header = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            if (c != source) {
                header.add(t.header().get(c));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        for (List<String> r : t.rows()) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < r.size(); c++) {
                if (c != source) {
                    row.add(r.get(c));
                } else {
                    sources.add(r.get(c));
                }
            }
            rows.add(row);
        }
        return List.of(new KeyTable("Epochs with full-evaluation finite differences (extrapolated, not measured)",
                header, rows, sources.isEmpty() ? "" : "How: " + String.join("; ", sources) + "."));
    }
}
