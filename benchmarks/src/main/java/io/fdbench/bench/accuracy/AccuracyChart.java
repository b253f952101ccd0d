package io.fdbench.bench.accuracy;

import io.fdbench.bench.chart.ChartStyle;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.JmhTables;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.Num;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy against cost from {@code accuracy.csv}: the relative error of each estimator's gradient
 * against the loss evaluations it counted, log–log. A stochastic estimator is one line over q with
 * its spread over seeds drawn as a thin band (its smallest and largest error, dashed); a
 * deterministic one is a single marker. Rows with a zero error (exact to double) cannot sit on a
 * log axis and are counted in the caption.
 */
public final class AccuracyChart {

    /** Appended to a stochastic estimator's name to name its seed-spread series. */
    public static final String SPREAD_LOW = " · smallest over seeds";
    public static final String SPREAD_HIGH = " · largest over seeds";

    private AccuracyChart() {
    }

    public static Figure draw(CsvTable t, Provenance provenance) {
        int estimator = JmhTables.require(t, "estimator");
        int q = JmhTables.require(t, "directions");
        int evaluations = JmhTables.require(t, "loss_evaluations");
        int mean = JmhTables.require(t, "rel_error_mean");
        int low = JmhTables.require(t, "rel_error_min");
        int high = JmhTables.require(t, "rel_error_max");
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        int skipped = 0;
        for (List<String> r : t.rows()) {
            double x = Num.parse(r.get(evaluations));
            double y = Num.parse(r.get(mean));
            if (!(x > 0 && y > 0) || !Double.isFinite(y)) {
                skipped++;
                continue;
            }
            double lo = Num.parse(r.get(low));
            double hi = Num.parse(r.get(high));
            curves.computeIfAbsent(r.get(estimator), k -> new ArrayList<>())
                    .add(new double[] {x, y, lo, hi, r.get(q).isEmpty() ? 0 : 1});
        }
        XYChart c = ChartStyle.xyChart("Gradient accuracy against cost", "loss evaluations per gradient (counted)",
                "relative error ‖ĝ − g‖ / ‖g‖ vs double backprop");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : curves.entrySet()) {
            List<double[]> pts = e.getValue();
            double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
            boolean stochastic = pts.get(0)[4] == 1;
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setMarker(ChartStyle.marker(i));
            s.setMarkerColor(ChartStyle.color(i));
            s.setLineColor(ChartStyle.color(i));
            if (stochastic) {
                s.setLineStyle(ChartStyle.solid());
                double[] lo = pts.stream().mapToDouble(p -> p[2] > 0 ? p[2] : p[1]).toArray();
                double[] hi = pts.stream().mapToDouble(p -> p[3]).toArray();
                for (Object[] band : new Object[][] {{SPREAD_LOW, lo}, {SPREAD_HIGH, hi}}) {
                    XYSeries b = c.addSeries(e.getKey() + band[0], x, (double[]) band[1]);
                    b.setMarker(new org.knowm.xchart.style.markers.None());
                    b.setLineColor(ChartStyle.color(i));
                    b.setLineStyle(ChartStyle.dashed(2));
                    b.setShowInLegend(false);
                }
            } else {
                s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
            }
            i++;
        }
        String caption = "Each estimator's gradient of the mean batch loss against the double-precision backprop"
                + " gradient of the reference network, at the same θ and batch; x is the number of loss"
                + " evaluations the estimator itself counted. Lines: stochastic estimators over q directions"
                + " (mean over seeds; dashed: smallest and largest over seeds). Markers: deterministic"
                + " estimators, in their own precision."
                + (skipped > 0 ? " " + skipped + " row(s) with a zero or non-finite error are not drawn." : "");
        return new Figure("accuracy-vs-cost", "Gradient accuracy against cost in loss evaluations",
                List.of(provenance), c, caption);
    }

    /** The deterministic estimators and each stochastic one at its largest q. */
    public static KeyTable table(CsvTable t) {
        int estimator = JmhTables.require(t, "estimator");
        int q = JmhTables.require(t, "directions");
        int evaluations = JmhTables.require(t, "loss_evaluations");
        int rel = JmhTables.require(t, "rel_error_mean");
        int cos = JmhTables.require(t, "cosine_mean");
        int bytes = JmhTables.require(t, "workspace_bytes");
        int compared = JmhTables.require(t, "compared");
        Map<String, List<String>> last = new LinkedHashMap<>();
        for (List<String> r : t.rows()) {
            last.put(r.get(estimator), List.of(r.get(estimator), r.get(q).isEmpty() ? "-" : r.get(q),
                    r.get(evaluations), r.get(rel), r.get(cos), r.get(bytes), r.get(compared)));
        }
        return new KeyTable("Accuracy and cost of every estimator",
                List.of("estimator", "q", "loss evaluations", "relative error", "cosine", "workspace bytes",
                        "parameters compared"),
                new ArrayList<>(last.values()),
                "Stochastic estimators at their largest q (every q is in accuracy.csv and the chart).");
    }
}
