package io.fdbench.bench.kernel;

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
 * GEMM throughput from {@code kernel.csv}: GFLOP/s of each shape per implementation as dots with
 * 99.9 % error bars on a log axis (so the scalar and EJML products, 30× slower, stay readable),
 * and the FMA peaks measured in the same run as dashed lines; plus a table with the fraction of
 * the peak.
 */
public final class KernelThroughputChart {

    public static final String NAME = "kernel-gflops";

    private KernelThroughputChart() {
    }

    private record Data(List<String> shapes, Map<String, Map<String, Measurement>> byImpl,
                        Map<String, Measurement> peaks) {
    }

    private static Data data(CsvTable t) {
        JmhTables.require(t, KernelColumns.FLOP);
        Set<String> shapes = new LinkedHashSet<>();
        Map<String, Map<String, Measurement>> byImpl = new LinkedHashMap<>();
        Map<String, Measurement> peaks = new LinkedHashMap<>();
        for (JmhRow r : JmhTables.rows(t)) {
            String flop = r.cell(KernelColumns.FLOP);
            Measurement seconds = Measurement.secondsPerOp(r);
            if (flop.isEmpty() || seconds == null) {
                continue;
            }
            Measurement gflops = seconds.inverse(Double.parseDouble(flop) * 1e-9);
            String method = JmhTables.method(r);
            if (method.equals("fmaPeak") && r.benchmark().endsWith(":mflop")) {
                peaks.put(r.param("peakImpl").orElse("?"), gflops);
            } else if (!r.secondary() && method.equals("gemm")) {
                String shape = r.param("shape").orElse("?");
                shapes.add(shape);
                byImpl.computeIfAbsent(r.param("impl").orElse("?"), k -> new LinkedHashMap<>()).put(shape, gflops);
            }
        }
        return new Data(new ArrayList<>(shapes), byImpl, peaks);
    }

    public static List<Figure> draw(CsvTable t, Provenance provenance) {
        Data d = data(t);
        if (d.byImpl().isEmpty()) {
            return List.of();
        }
        DotPlot plot = new DotPlot(d.shapes()).logAxis(true);
        d.byImpl().forEach((impl, m) -> m.forEach((shape, g) -> plot.add(impl, shape, g)));
        List<String> peakText = new ArrayList<>();
        d.peaks().forEach((impl, g) -> {
            plot.reference("FMA peak, " + impl + ": " + Measurement.num(g.value()) + " GFLOP/s", g.value());
            peakText.add(impl + " " + g.text());
        });
        String title = "GEMM throughput against the measured FMA peak (float32, 1 core)";
        XYChart chart = plot.chart(title, "GEMM shape (784-50-10 MLP at batch 100; square 512)", "GFLOP/s");
        String caption = "GFLOP/s = 2·m·n·k ÷ time per product, one point per kernel and shape (JMH average time; float32;"
                + " a log axis, so the scalar and EJML kernels stay readable beside SIMD). Error bars: JMH's 99.9 %"
                + " confidence interval of the time, converted to GFLOP/s (hence asymmetric). "
                + JmhTables.unknownErrorNote(plot)
                + (peakText.isEmpty() ? " No FMA peak row (fmaPeak:mflop) in the file, so no peak line."
                : " Dashed lines: the FMA peak measured in the same run (independent FMA chains without memory"
                + " traffic), GFLOP/s with its 99.9 % interval: " + String.join("; ", peakText) + ".");
        return List.of(new Figure(NAME, title, List.of(provenance), chart, caption));
    }

    /** GFLOP/s per shape and kernel, with the share of the SIMD peak (or of the only peak measured). */
    public static List<KeyTable> tables(CsvTable t) {
        Data d = data(t);
        if (d.byImpl().isEmpty()) {
            return List.of();
        }
        String peakName = d.peaks().containsKey("simd") ? "simd" : d.peaks().keySet().stream().findFirst().orElse(null);
        Measurement peak = peakName == null ? null : d.peaks().get(peakName);
        List<String> header = new ArrayList<>();
        header.add("shape");
        for (String impl : d.byImpl().keySet()) {
            header.add(impl + " GFLOP/s");
            if (peak != null) {
                header.add(impl + " % of " + peakName + " peak");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (String shape : d.shapes()) {
            List<String> row = new ArrayList<>();
            row.add(shape);
            for (Map<String, Measurement> m : d.byImpl().values()) {
                Measurement g = m.get(shape);
                row.add(g == null ? "" : g.text());
                if (peak != null) {
                    row.add(g == null ? "" : Measurement.num(100 * g.value() / peak.value()) + " %");
                }
            }
            rows.add(row);
        }
        List<String> peaks = new ArrayList<>();
        d.peaks().forEach((impl, g) -> peaks.add(impl + " " + g.text()));
        return List.of(new KeyTable("GEMM throughput against the measured FMA peak (GFLOP/s, float32, 1 core)",
                header, rows, "Intervals: JMH's 99.9 % interval of the time, converted. Measured FMA peaks (GFLOP/s): "
                + (peaks.isEmpty() ? "none in the file" : String.join("; ", peaks)) + "."));
    }
}
