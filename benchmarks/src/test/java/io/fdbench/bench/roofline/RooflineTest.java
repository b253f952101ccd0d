package io.fdbench.bench.roofline;

import io.fdbench.bench.chart.ErrorBars;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.Num;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The roofline file, chart and key table over synthetic gradient, epoch and kernel tables. */
class RooflineTest {

    @TempDir
    Path folder;

    private static final String G = "io.fdbench.bench.gradient.GradientCostBenchmark.";
    private static final String W = "io.fdbench.bench.gradient.WorkerScalingBenchmark.";

    /** A gradient table with the roofline columns: 0.01 GFLOP in 1,000 µs (10 GFLOP/s), and so on. */
    private static CsvTable gradient() {
        return Csv.parse("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                + "\"Param: batch\",\"Param: estimator\",\"Param: evaluation\",\"Param: model\","
                + "\"Param: parameterWorkers\",\"work_gflop\",\"gflops\"\r\n"
                + G + "backprop,avgt,1,6,1000,100,us/op,100,,,784-50-10,,0.01,10\r\n"
                + G + "backprop:kiloParameters,avgt,1,6,25,1,us/op,100,,,784-50-10,,,\r\n"
                + G + "finiteDifference,avgt,1,6,2000,NaN,us/op,100,central,full,784-50-10,,0.002,1\r\n"
                + G + "finiteDifference,avgt,1,6,500,50,us/op,100,central,incremental,784-50-10,,0.004,8\r\n"
                + W + "finiteDifferenceScaling,avgt,1,6,100,1,us/op,100,,full,784-256-10,2,0.003,30\r\n");
    }

    private static CsvTable epoch() {
        return Csv.parse("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                + "\"Param: batch\",\"Param: dataset\",\"rows\",\"steps\",\"work_gflop\",\"gflops\"\r\n"
                + "io.fdbench.bench.epoch.EpochBenchmark.backprop,avgt,1,6,20,2,ms/op,100,mnist-10k,8000,80,0.8,40\r\n");
    }

    private static CsvTable kernel() {
        return Csv.parse("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                + "\"Param: peakImpl\",\"FLOP/op\",\"GFLOP/s\"\r\n"
                + "io.fdbench.bench.kernel.FmaPeakBenchmark.fmaPeak,avgt,1,6,170,1,us/op,scalar,,5\r\n"
                + "io.fdbench.bench.kernel.FmaPeakBenchmark.fmaPeak:mflop,avgt,1,6,200,1,us/op,scalar,,\r\n"
                + "io.fdbench.bench.kernel.FmaPeakBenchmark.fmaPeak,avgt,1,6,170,1,us/op,simd,,50\r\n");
    }

    private RunTables run(boolean withKernel) {
        Map<String, CsvTable> tables = withKernel
                ? Map.of("gradient", gradient(), "epoch", epoch(), "kernel", kernel())
                : Map.of("gradient", gradient(), "epoch", epoch());
        return new RunTables(folder, tables, Map.of());
    }

    @Test
    void theFileHoldsEveryPrimaryRowAgainstTheSimdPeakTimesItsThreads() {
        String text = Roofline.derivedFiles(run(true)).get(Roofline.NAME);
        CsvTable t = Csv.parse(text);
        assertEquals(Roofline.HEADER, t.header());
        assertEquals(5, t.rows().size(), "4 primary gradient rows and 1 epoch row; the counter row is left out");
        List<String> epoch = t.rows().get(0);
        assertEquals("epoch", epoch.get(0));
        assertEquals("batch=100 dataset=mnist-10k", epoch.get(2));
        assertEquals(40, Num.parse(epoch.get(t.column("gflops"))), 1e-9, "0.8 GFLOP in 20 ms");
        assertEquals(50, Num.parse(epoch.get(t.column("peak_gflops"))), 0, "the simd peak, not the scalar one");
        assertEquals(0.8, Num.parse(epoch.get(t.column("fraction_of_peak"))), 1e-9);
        List<String> backprop = t.rows().get(1);
        assertEquals(0.2, Num.parse(backprop.get(t.column("fraction_of_peak"))), 1e-9, "10 of 50 GFLOP/s");
        List<String> scaling = t.rows().get(4);
        assertEquals("2", scaling.get(t.column("threads")));
        assertEquals(100, Num.parse(scaling.get(t.column("peak_gflops"))), 0, "two cores: twice the one-core peak");
        assertEquals(0.3, Num.parse(scaling.get(t.column("fraction_of_peak"))), 1e-9);
        assertTrue(scaling.get(t.column("peak_source")).contains("peakImpl=simd"));
    }

    @Test
    void withoutAKernelTableThePeakIsEmptyAndTheFileSaysWhy() {
        CsvTable t = Csv.parse(Roofline.derivedFiles(run(false)).get(Roofline.NAME));
        assertEquals(5, t.rows().size());
        for (List<String> row : t.rows()) {
            assertEquals("", row.get(t.column("peak_gflops")));
            assertEquals("", row.get(t.column("fraction_of_peak")));
            assertTrue(row.get(t.column("peak_source")).contains("no kernel.csv"), row.toString());
        }
    }

    @Test
    void noTableWithTheColumnsNoFile() {
        assertTrue(Roofline.derivedFiles(new RunTables(folder, Map.of("kernel", kernel()), Map.of())).isEmpty());
        assertTrue(Roofline.figures(new RunTables(folder, Map.of("kernel", kernel()), Map.of())).isEmpty());
    }

    @Test
    void theChartsHaveOneSeriesPerEstimatorWithErrorBarsAndThePeakAsAReferenceLine() {
        List<Figure> figures = Roofline.figures(run(true));
        assertEquals(List.of("roofline-gradient", "roofline-epoch"), figures.stream().map(Figure::name).toList());
        XYChart gradient = (XYChart) figures.get(0).chart();
        Map<String, XYSeries> series = gradient.getSeriesMap();
        assertTrue(gradient.getStyler().isYAxisLogarithmic());
        assertEquals(10, series.get("backprop").getYData()[0], 1e-9, "0.01 GFLOP in 1 ms");
        assertEquals(1, series.get("central full").getYData()[0], 1e-9);
        assertEquals(8, series.get("central incremental").getYData()[0], 1e-9);
        assertFalse(series.containsKey("central full, 2 threads"), "the worker-scaling rows are in the file only");
        assertTrue(series.containsKey(ErrorBars.seriesName("backprop")), "error bars from the 99.9 % interval");
        XYSeries peak = series.values().stream().filter(s -> s.getName().startsWith("FMA peak")).findFirst().orElseThrow();
        assertEquals(50, peak.getYData()[0], 0);
        assertEquals(50, peak.getYData()[1], 0);
        XYChart epoch = (XYChart) figures.get(1).chart();
        assertEquals(40, epoch.getSeriesMap().get("backprop").getYData()[0], 1e-9, "0.8 GFLOP in 20 ms");
        List<Figure> withoutPeak = Roofline.figures(run(false));
        assertFalse(((XYChart) withoutPeak.get(0).chart()).getSeriesMap().keySet().stream()
                .anyMatch(n -> n.startsWith("FMA peak")));
        assertTrue(withoutPeak.get(0).caption().contains("No peak line: no kernel.csv"));
    }

    @Test
    void theKeyTableShowsThe784Rows() {
        List<KeyTable> tables = Roofline.keyTables(run(true));
        assertEquals(1, tables.size());
        List<List<String>> rows = tables.get(0).rows();
        assertEquals(List.of("backprop gradient", "central full gradient", "central incremental gradient",
                "backprop epoch, MNIST-10k"), rows.stream().map(r -> r.get(0)).toList());
        assertEquals("20 %", rows.get(0).get(4));
        assertEquals("1 ± 0.1 ms", rows.get(0).get(2), "from 1 ms on, in ms");
        assertEquals("80 %", rows.get(3).get(4));
        assertEquals("20 ± 2 ms", rows.get(3).get(2));
    }
}
