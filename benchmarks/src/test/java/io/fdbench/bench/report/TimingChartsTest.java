package io.fdbench.bench.report;

import io.fdbench.bench.chart.*;
import io.fdbench.bench.epoch.EpochChart;
import io.fdbench.bench.gradient.GradientCostChart;
import io.fdbench.bench.kernel.KernelThroughputChart;
import io.fdbench.bench.peers.PeerChart;
import io.fdbench.bench.stepsize.StepSizeCharts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Timing charts: a 99.9 % error bar for every point whose error is known and none where JMH wrote
 * NaN (said in the legend and caption), dots rather than bars on a log axis, peaks as dashed lines.
 */
class TimingChartsTest {

    static final String JMH = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
            + "\"Score Error (99.9%)\",\"Unit\",";

    /** 2.5 ± 0.25 ns/param backprop on 784-50-10, 700 ns/param FD on 2-3-1 with NaN error. */
    static final String GRADIENT = JMH
            + "\"Param: batch\",\"Param: estimator\",\"Param: evaluation\",\"Param: model\",\"Param: parameterWorkers\","
            + "\"parameters\",\"estimated\",\"sampled\",\"ns/param\"\r\n"
            + "\"b.GradientCostBenchmark.backprop\",\"avgt\",1,5,100,10,\"us/op\",100,,,784-50-10,,40000,40000,false,2.5\r\n"
            + "\"b.GradientCostBenchmark.backprop\",\"avgt\",1,5,4,0.5,\"us/op\",100,,,2-3-1,,13,13,false,307.692\r\n"
            + "\"b.GradientCostBenchmark.finiteDifference\",\"avgt\",1,5,5000,500,\"us/op\",100,central,incremental,"
            + "784-50-10,1,40000,40000,false,125\r\n"
            + "\"b.GradientCostBenchmark.finiteDifference\",\"avgt\",1,1,9.1,NaN,\"us/op\",100,central,incremental,"
            + "2-3-1,1,13,13,false,700\r\n"
            + "\"b.GradientCostBenchmark.finiteDifference\",\"avgt\",1,5,3000,100,\"us/op\",100,central,incremental,"
            + "784-50-10,2,40000,40000,false,75\r\n";

    /** simd fwd1 at 45 ± 5 µs for 7.84e6 FLOP; scalar fwd1 with NaN error; a 250 GFLOP/s simd peak. */
    static final String KERNEL = JMH
            + "\"Param: impl\",\"Param: peakImpl\",\"Param: shape\",\"FLOP/op\",\"GFLOP/s\"\r\n"
            + "\"b.KernelBenchmark.fmaPeak\",\"avgt\",1,5,150,4,\"us/op\",,simd,,,\r\n"
            + "\"b.KernelBenchmark.fmaPeak:mflop\",\"avgt\",1,5,4,0.1,\"us/op\",,simd,,1000000,250\r\n"
            + "\"b.KernelBenchmark.gemm\",\"avgt\",1,5,45,5,\"us/op\",simd,,fwd1,7840000,174.222\r\n"
            + "\"b.KernelBenchmark.gemm\",\"avgt\",1,5,1500,NaN,\"us/op\",scalar,,fwd1,7840000,5.22667\r\n"
            + "\"b.KernelBenchmark.gemm\",\"avgt\",1,5,40,2,\"us/op\",simd,,dW1,7840000,196\r\n";

    static final String EPOCH = JMH
            + "\"Param: batch\",\"Param: dataset\",\"Param: estimator\",\"Param: evaluation\",\"Param: parameterWorkers\","
            + "\"rows\",\"steps\"\r\n"
            + "\"b.EpochBenchmark.backprop\",\"avgt\",1,5,16.8,0.9,\"ms/op\",10,mnist-10k,,,,8000,800\r\n"
            + "\"b.EpochBenchmark.backprop\",\"avgt\",1,1,10.7,NaN,\"ms/op\",100,mnist-10k,,,,8000,80\r\n"
            + "\"b.EpochBenchmark.finiteDifference\",\"avgt\",1,5,402,15,\"ms/op\",10,mnist-10k,forward,incremental,1,8000,800\r\n";

    static final String PEERS = JMH
            + "\"Param: batch\",\"Param: dataset\",\"Param: model\",\"Param: precision\",\"Param: threads\"\r\n"
            + "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,200,20,\"us/op\",100,mnist-10k,784-50-10,float,1\r\n"
            + "\"peers.torch.BackpropGradient\",\"avgt\",1,10,150,NaN,\"us/op\",100,mnist-10k,784-50-10,float,1\r\n";

    static final Provenance P = Provenance.missing("x.csv");

    static List<Figure> timingFigures() {
        CsvTable gradient = Csv.parse(GRADIENT);
        List<Figure> all = new ArrayList<>();
        all.addAll(GradientCostChart.draw(gradient, P));
        all.addAll(KernelThroughputChart.draw(Csv.parse(KERNEL), P));
        all.addAll(EpochChart.draw("epoch-mnist-10k", "MNIST-10k", Csv.parse(EPOCH), P));
        CsvTable peers = Csv.parse(PEERS);
        all.addAll(PeerChart.draw(gradient, null, peers, peers, List.of(P)));
        return all;
    }

    @Test
    void everyTimingChartHasABarForEachPointWithAnErrorAndNoneForNaN() {
        List<Figure> figures = timingFigures();
        assertEquals(List.of("gradient-cost", "kernel-gflops", "epoch-mnist-10k", "peers-side-by-side"),
                figures.stream().map(Figure::name).toList());
        int unknown = 0;
        for (Figure f : figures) {
            XYChart chart = (XYChart) f.chart();
            for (XYSeries s : chart.getSeriesMap().values()) {
                if (s.getName().endsWith(ErrorBars.SUFFIX) || ChartStyle.isDashed(s.getLineStyle())) {
                    continue; // bars and reference lines
                }
                List<double[]> bars = ErrorBars.bars(chart, s.getName());
                boolean unknownHere = s.getLabel().contains("error unknown");
                for (int i = 0; i < s.getXData().length; i++) {
                    double x = s.getXData()[i];
                    long n = bars.stream().filter(b -> b[0] == x).count();
                    if (unknownHere && n == 0) {
                        unknown++;
                    } else {
                        assertEquals(1, n, f.name() + ": " + s.getName() + " point " + i + " has one bar");
                        double y = s.getYData()[i];
                        double[] bar = bars.stream().filter(b -> b[0] == x).findFirst().orElseThrow();
                        assertTrue(bar[1] < y && y < bar[2], f.name() + ": the bar spans the point");
                    }
                }
                assertEquals(bars.size(), s.getXData().length - (unknownHere ? countUnknown(f, s) : 0),
                        f.name() + ": " + s.getName() + " has no bar without a point");
            }
            assertTrue(f.caption().contains("99.9 %"), f.caption());
        }
        assertEquals(4, unknown, "one NaN-error point per chart is drawn without a bar");
    }

    private static int countUnknown(Figure f, XYSeries s) {
        String label = s.getLabel();
        if (label.endsWith("(error unknown)")) {
            return s.getXData().length;
        }
        int at = label.indexOf("(error unknown at ");
        return Integer.parseInt(label.substring(at + 18, label.length() - 1));
    }

    @Test
    void theBarsAreTheJmhIntervalInTheChartsUnit() {
        List<Figure> figures = timingFigures();
        XYChart gradient = (XYChart) figures.get(0).chart();
        List<double[]> backprop = ErrorBars.bars(gradient, "backprop");
        assertEquals(2, backprop.size());
        double[] big = backprop.stream().filter(b -> b[2] < 10).findFirst().orElseThrow();
        assertEquals(2.25, big[1], 1e-9, "100 ± 10 µs over 40000 parameters: 2.5 ± 0.25 ns");
        assertEquals(2.75, big[2], 1e-9);
        assertTrue(figures.get(0).caption().contains("central incremental at 2-3-1"), figures.get(0).caption());
        assertTrue(gradient.getSeriesMap().get("central incremental").getLabel().contains("error unknown at 1"));

        XYChart kernel = (XYChart) figures.get(1).chart();
        List<double[]> simd = ErrorBars.bars(kernel, "simd");
        double[] fwd1 = simd.stream().min((a, b) -> Double.compare(a[0], b[0])).orElseThrow(); // the first shape
        assertEquals(7.84e6 / 50e-6 * 1e-9, fwd1[1], 1e-9, "the low bound is the FLOP over the slow end of the time");
        assertEquals(7.84e6 / 40e-6 * 1e-9, fwd1[2], 1e-9, "the high bound over the fast end: asymmetric");
        assertTrue(ErrorBars.bars(kernel, "scalar").isEmpty(), "NaN error: no bar");
        assertTrue(kernel.getSeriesMap().get("scalar").getLabel().endsWith("(error unknown)"));
        assertTrue(figures.get(1).caption().contains("scalar at fwd1"), figures.get(1).caption());
    }

    @Test
    void peaksAreDashedLinesAndLogAxesCarryDotsNotBars() {
        List<Figure> figures = timingFigures();
        XYChart kernel = (XYChart) figures.get(1).chart();
        XYSeries peak = kernel.getSeriesMap().values().stream().filter(s -> s.getName().startsWith("FMA peak, simd"))
                .findFirst().orElse(null);
        assertNotNull(peak, kernel.getSeriesMap().keySet().toString());
        assertTrue(ChartStyle.isDashed(peak.getLineStyle()));
        assertEquals(250, peak.getYData()[0], 1e-6);
        assertTrue(kernel.getStyler().isYAxisLogarithmic(), "the slow kernels stay readable");
        for (Figure f : figures) {
            assertFalse(f.chart() instanceof CategoryChart c && c.getStyler().isYAxisLogarithmic(),
                    f.name() + " is a bar chart on a log axis");
            if (f.chart() instanceof XYChart xy) {
                for (XYSeries s : xy.getSeriesMap().values()) {
                    assertFalse(s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Area
                            || s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.StepArea, f.name());
                }
            }
        }
    }

    @Test
    void theKeyTablesCarryTheIntervalsAndThePeakShare() {
        KeyTable gradient = GradientCostChart.tables(Csv.parse(GRADIENT)).get(0);
        assertEquals(List.of("method", "784-50-10", "2-3-1"), gradient.header());
        assertEquals(List.of("backprop", "2.5 ± 0.25", "308 ± 38.5"), gradient.rows().get(0));
        assertTrue(gradient.rows().stream().anyMatch(r -> r.get(0).equals("central incremental, 2 threads")));
        assertTrue(gradient.rows().stream().anyMatch(r -> r.get(2).equals("700 (error unknown)")));

        KeyTable kernel = KernelThroughputChart.tables(Csv.parse(KERNEL)).get(0);
        assertEquals(List.of("shape", "simd GFLOP/s", "simd % of simd peak", "scalar GFLOP/s",
                "scalar % of simd peak"), kernel.header());
        assertEquals("69.7 %", kernel.rows().get(0).get(2), "174 of 250 GFLOP/s");
    }
}
