package io.fdbench.bench.depth;

import io.fdbench.bench.chart.ChartStyle;
import io.fdbench.bench.chart.ErrorBars;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.Num;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The slope fit and its charts on hand-built depth tables whose lines are known. */
class DepthSlopeTest {

    private static final List<String> HEADER = List.of("Benchmark", "Mode", "Threads", "Samples", "Score",
            "Score Error (99.9%)", "Unit", "Param: batch", "Param: evaluation", "Param: model");

    /** A primary row and its :kiloParameters row whose score (µs per thousand parameters) is nsPerParam. */
    private static void row(List<List<String>> rows, String method, String evaluation, String model, double nsPerParam,
                            double error) {
        String benchmark = "io.fdbench.bench.depth.DepthCostBenchmark." + method;
        rows.add(List.of(benchmark, "avgt", "1", "6", "1000", "10", "us/op", "100", evaluation, model));
        rows.add(List.of(benchmark + ":kiloParameters", "avgt", "1", "6", Double.toString(nsPerParam),
                Double.toString(error), "us/op", "100", evaluation, model));
    }

    /**
     * backprop on the line 3 + 0.5 L exactly; central-incremental on (1, 10), (2, 20), (3, 30),
     * (4, 40), (5, 60): slope 12, intercept −4, residuals 2, 0, −2, −4, 4, so SSE 40, SST 1,480,
     * R² = 1 − 40/1,480 and the slope's standard error √(40/3 / 10).
     */
    private static CsvTable table() {
        List<List<String>> rows = new ArrayList<>();
        double[] off = {10, 20, 30, 40, 60};
        for (int l = 1; l <= 5; l++) {
            String model = DepthFamily.MODELS.get(l - 1);
            row(rows, "backprop", "", model, 3 + 0.5 * l, 0.1);
            row(rows, "central", "incremental", model, off[l - 1], 1);
        }
        row(rows, "central", "full", "784-64-10", 100, 5);
        return new CsvTable(HEADER, rows);
    }

    private static Map<String, List<String>> byMethod(CsvTable slope) {
        return slope.rows().stream().collect(Collectors.toMap(r -> r.get(slope.column("method")), Function.identity()));
    }

    private static double value(CsvTable t, List<String> row, String column) {
        return Num.parse(row.get(t.column(column)));
    }

    @Test
    void theFitRecoversAKnownLineAndScoresOneThatIsNot() {
        CsvTable slope = DepthSlope.from(table());
        assertEquals(DepthSlope.HEADER, slope.header());
        Map<String, List<String>> m = byMethod(slope);
        assertEquals(2, m.size(), "central-full has one depth only: no line");

        List<String> bp = m.get("backprop");
        assertEquals(0.5, value(slope, bp, "slope_ns"), 1e-9);
        assertEquals(3, value(slope, bp, "intercept_ns"), 1e-9);
        assertEquals(1, value(slope, bp, "r2"), 1e-9);
        assertEquals(0, value(slope, bp, "slope_ns_stderr"), 1e-6);
        assertEquals(0.5 / 3.5, value(slope, bp, "relative_slope"), 1e-5, "slope ÷ the point at L = 1");

        List<String> inc = m.get("central-incremental");
        assertEquals(12, value(slope, inc, "slope_ns"), 1e-9);
        assertEquals(-4, value(slope, inc, "intercept_ns"), 1e-9);
        assertEquals(1 - 40.0 / 1480, value(slope, inc, "r2"), 1e-5);
        assertEquals(Math.sqrt(40.0 / 3 / 10), value(slope, inc, "slope_ns_stderr"), 1e-5);
        assertEquals("5", inc.get(slope.column("points")));
        assertEquals("1 2 3 4 5", inc.get(slope.column("hidden_layers")));
        assertEquals("784-64×L-10", inc.get(slope.column("network")));
        assertEquals("float32", inc.get(slope.column("precision")));
        assertTrue(inc.get(slope.column("basis")).contains("whole gradient"), inc.toString());
        assertEquals(value(slope, inc, "work_slope_flop") / 12, value(slope, inc, "marginal_gflops"),
                1e-5 * value(slope, inc, "marginal_gflops"), "work slope ÷ measured slope");
    }

    @Test
    void theWorkModelGrowsWithDepthForIncrementalEvaluationAndHardlyForBackprop() {
        List<List<String>> rows = new ArrayList<>();
        for (String model : DepthFamily.MODELS) {
            row(rows, "backprop", "", model, 3, 0.1);
            row(rows, "central", "incremental", model, 1000, 10);
            row(rows, "central", "full", model, 100_000, 10);
        }
        CsvTable slope = DepthSlope.from(new CsvTable(HEADER, rows));
        Map<String, List<String>> m = byMethod(slope);
        double incremental = value(slope, m.get("central-incremental"), "work_relative_slope");
        double full = value(slope, m.get("central-full"), "work_relative_slope");
        double backprop = value(slope, m.get("backprop"), "work_relative_slope");
        // A first-layer weight's point recomputes every layer above it: each hidden layer adds about a
        // 64 × 64 GEMV per affected sample to most parameters, far more than it adds to a forward pass.
        assertTrue(incremental > 0.2, "incremental work per parameter grows with depth: " + incremental);
        assertTrue(incremental > 5 * Math.abs(full), incremental + " vs full " + full);
        assertTrue(incremental > 5 * Math.abs(backprop), incremental + " vs backprop " + backprop);
        assertTrue(m.get("central-full").get(slope.column("basis")).contains("sample"),
                "full evaluation is timed on its parameter sample and says so");
        // Flat measured lines: slope 0, so no marginal rate.
        assertEquals("", m.get("backprop").get(slope.column("marginal_gflops")));
        assertEquals(0, value(slope, m.get("backprop"), "slope_ns"), 1e-12);
    }

    @Test
    void theChartHasOneSeriesPerMethodWithErrorBarsOnALogAxisAndTheTableOneRowPerLine() {
        CsvTable depth = table();
        CsvTable slope = Csv.parse(Csv.format(DepthSlope.from(depth), (c, v) -> false));
        Provenance p = Provenance.missing("depth.csv");
        List<Figure> figures = DepthSlope.figures(depth, Optional.of(slope), p);
        assertEquals(List.of("depth-cost", "depth-growth"), figures.stream().map(Figure::name).toList());
        XYChart cost = (XYChart) figures.get(0).chart();
        assertTrue(cost.getStyler().isYAxisLogarithmic());
        for (String method : List.of("backprop", "central-incremental", "central-full")) {
            assertTrue(cost.getSeriesMap().containsKey(method), method);
            assertFalse(ErrorBars.bars(cost, method).isEmpty(), method + " has its error bars");
        }
        List<double[]> bars = ErrorBars.bars(cost, "backprop");
        assertEquals(5, bars.size());
        assertEquals(3.5 - 0.1, bars.get(0)[1], 1e-9, "the :kiloParameters row's error, in ns per parameter");
        assertEquals(3.5 + 0.1, bars.get(0)[2], 1e-9);
        assertTrue(ChartStyle.isDashed((java.awt.BasicStroke) cost.getSeriesMap().get("central-incremental · fit")
                .getLineStyle()), "the fitted line is dashed");
        XYChart growth = (XYChart) figures.get(1).chart();
        double[] modelled = growth.getSeriesMap().get("central-incremental, work model").getYData();
        assertEquals(1, modelled[0], 1e-12, "relative to the shallowest model");
        assertEquals(6, growth.getSeriesMap().get("central-incremental, measured").getYData()[4], 1e-12);

        KeyTable t = DepthSlope.table(slope, Optional.of(depth));
        assertEquals(2, t.rows().size());
        assertTrue(t.title().contains("784-64×L-10") && t.title().contains("float32"), t.title());
        assertTrue(t.rows().get(1).get(3).startsWith("12 ± 1.15"), t.rows().get(1).toString());
        assertTrue(t.rows().get(1).get(1).contains("L=1: 10 ± 1"), t.rows().get(1).toString());
    }
}
