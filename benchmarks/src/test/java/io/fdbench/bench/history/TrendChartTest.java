package io.fdbench.bench.history;

import io.fdbench.bench.chart.ErrorBars;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.trend.ChangePoint;
import io.fdbench.bench.trend.EDivisive;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the trend chart draws: the points in run order with their intervals, the shift where it starts, the levels. */
class TrendChartTest {

    private static final Machine VM = new Machine("vm", "AMD EPYC, 2 cores", "Linux 6.18.44 amd64", "Debian 17.0.15");

    private static SeriesTrend trend(String shape, double[] scores, List<ChangePoint> shifts) {
        SeriesKey key = new SeriesKey(RunFixture.GEMM, "avgt", 1, "us/op", Map.of("shape", shape), "full", VM);
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            points.add(new SeriesPoint(key, String.format("run%02d", i), "runs/" + i, "kernel",
                    String.format("%07x", 0xabc0000 + i), false, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(86400L * i),
                    scores[i], 0.5, 6));
        }
        return new SeriesTrend(key, points, shifts, 0);
    }

    @Test
    void theShiftIsDrawnBetweenTheLastOldAndTheFirstNewRun() {
        double[] step = new double[12];
        double[] flat = new double[12];
        for (int i = 0; i < 12; i++) {
            step[i] = i < 7 ? 50 : 55;
            flat[i] = 20;
        }
        ChangePoint shift = new ChangePoint(7, 50, 55, 0.0005);
        Figure f = TrendChart.of(List.of(trend("fwd1", step, List.of(shift)), trend("fwd2", flat, List.of())),
                EDivisive.defaults(), "history.db");
        XYChart chart = (XYChart) f.chart();
        XYSeries data = chart.getSeriesMap().get("shape=fwd1");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, data.getXData(), 0);
        assertArrayEquals(step, data.getYData(), 0);
        assertEquals(12, ErrorBars.bars(chart, "shape=fwd1").size(), "every point has its interval");
        XYSeries mark = chart.getSeriesMap().get("shift (E-divisive, p ≤ 0.001)");
        assertArrayEquals(new double[] {6.5, 6.5}, mark.getXData(), 0);
        assertArrayEquals(new double[] {50, 50}, chart.getSeriesMap().get("shape=fwd1 · mean 1").getYData(), 0);
        assertArrayEquals(new double[] {55, 55}, chart.getSeriesMap().get("shape=fwd1 · mean 2").getYData(), 0);
        assertTrue(chart.getSeriesMap().keySet().stream().noneMatch(k -> k.startsWith("shape=fwd2 ·")
                && !k.endsWith(ErrorBars.SUFFIX)), "no level or shift for a series without shift");
        assertEquals("trend-kernelbenchmark.gemm-" + VM.key().substring(0, 6), f.name());
        assertTrue(f.provenanceLines().get(0).contains("abc0000 .. abc000b (12 runs)"), f.provenanceLines().get(0));
    }
}
