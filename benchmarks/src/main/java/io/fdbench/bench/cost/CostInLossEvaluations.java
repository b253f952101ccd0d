package io.fdbench.bench.cost;

import io.fdbench.bench.chart.ChartStyle;
import io.fdbench.bench.chart.ErrorBars;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Measurement;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.nn.Mlp;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every gradient row's cost in loss evaluations: its time per whole gradient divided by the time
 * of one loss evaluation of the same model and batch ({@link EstimatorCostBenchmark#loss}), both
 * from the same run. A row measured on a parameter sample is scaled to the whole gradient by its
 * own per-parameter time ({@code :kiloParameters}); its count of evaluations likewise, with the
 * baseline f(θ) once: (counted − 1) × P / estimated + 1. The interval is the widest the two 99.9 %
 * intervals allow (lowest gradient over highest loss, highest over lowest).
 */
public final class CostInLossEvaluations {

    /** The derived file's stem. */
    public static final String STEM = CostFamily.NAME + "-loss-evaluations";

    public static final List<String> HEADER = List.of("benchmark", "estimator", "model", "parameters",
            "estimated", "gradient_us", "loss_us", "loss_evaluations", "loss_evaluations_low",
            "loss_evaluations_high", "counted_evaluations", "basis");

    private CostInLossEvaluations() {
    }

    /** The derived rows of a gradient-family table; empty when it has no loss rows. */
    public static CsvTable from(CsvTable gradient) {
        Map<String, Measurement> loss = new LinkedHashMap<>();
        List<JmhRow> rows = new ArrayList<>();
        for (List<String> cells : gradient.rows()) {
            JmhRow row = new JmhRow(gradient, cells);
            if (row.secondary() || row.param("model").isEmpty() || !"100".equals(row.param("batch").orElse(""))) {
                continue;
            }
            if (row.benchmark().endsWith("EstimatorCostBenchmark.loss")) {
                loss.put(row.param("model").get(), Measurement.secondsPerOp(row));
            } else {
                rows.add(row);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (JmhRow row : rows) {
            String model = row.param("model").get();
            Measurement l = loss.get(model);
            Optional<Whole> whole = whole(row);
            if (l == null || whole.isEmpty()) {
                continue;
            }
            Measurement g = whole.get().time();
            Measurement cost = ratio(g, l);
            String method = row.benchmark().substring(row.benchmark().lastIndexOf('.') + 1);
            String estimator = row.param("estimator").orElse("");
            out.add(List.of(method, estimator, model,
                    Integer.toString(whole.get().parameters()), Integer.toString(whole.get().estimated()),
                    Num.format(g.value() * 1e6), Num.format(l.value() * 1e6), Num.format(cost.value()),
                    cost.hasError() ? Num.format(cost.low()) : "", cost.hasError() ? Num.format(cost.high()) : "",
                    whole.get().counted() > 0 ? Num.format(whole.get().counted()) : "",
                    whole.get().estimated() < whole.get().parameters()
                            ? "scaled from " + whole.get().estimated() + " sampled parameters" : "measured"));
        }
        return new CsvTable(HEADER, out);
    }

    /** A row's time per whole gradient, its parameter counts and the evaluations it counted per gradient. */
    private record Whole(Measurement time, int parameters, int estimated, double counted) {
    }

    private static Optional<Whole> whole(JmhRow row) {
        Measurement perCall = Measurement.secondsPerOp(row);
        if (perCall == null) {
            return Optional.empty();
        }
        int parameters;
        try {
            parameters = Math.toIntExact(Footprint.parameterCount(Mlp.parseSizes(row.param("model").get())));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
        Optional<Measurement> perKilo = row.secondaryResult(EstimatorCostBenchmark.KILO_PARAMETERS_COUNTER)
                .map(Measurement::secondsPerOp);
        int estimated = parameters;
        Measurement time = perCall;
        if (perKilo.isPresent() && perKilo.get() != null) {
            estimated = (int) Math.round(1000 * perCall.value() / perKilo.get().value());
            if (estimated < parameters) {
                time = perKilo.get().times(parameters / 1000.0);
            } else {
                estimated = parameters;
            }
        }
        double counted = 0;
        Optional<Measurement> perEvaluation = row.secondaryResult(EstimatorCostBenchmark.LOSS_EVALUATIONS_COUNTER)
                .map(Measurement::secondsPerOp);
        if (perEvaluation.isPresent() && perEvaluation.get() != null && perEvaluation.get().value() > 0) {
            double perCallCount = perCall.value() / perEvaluation.get().value();
            counted = estimated < parameters ? (perCallCount - 1) * parameters / estimated + 1 : perCallCount;
        }
        return Optional.of(new Whole(time, parameters, estimated, counted));
    }

    static Measurement ratio(Measurement numerator, Measurement denominator) {
        double v = numerator.value() / denominator.value();
        if (!numerator.hasError() || !denominator.hasError()) {
            return Measurement.unknownError(v);
        }
        double high = denominator.low() > 0 ? numerator.high() / denominator.low() : Double.POSITIVE_INFINITY;
        return new Measurement(v, numerator.low() / denominator.high(), high);
    }

    /**
     * Cost in loss evaluations against the parameter count, log–log: one line per estimator of
     * {@link EstimatorCostBenchmark} (default settings), with the 2P line of the classic scheme
     * and Griewank's cheap-gradient bound of 5 as dashed references.
     */
    public static Figure chart(CsvTable cost, Provenance provenance) {
        Map<String, TreeMap<Integer, Measurement>> lines = new LinkedHashMap<>();
        int benchmark = cost.column("benchmark");
        int estimator = cost.column("estimator");
        int parameters = cost.column("parameters");
        int value = cost.column("loss_evaluations");
        int low = cost.column("loss_evaluations_low");
        int high = cost.column("loss_evaluations_high");
        for (List<String> r : cost.rows()) {
            if (!r.get(benchmark).equals("gradient")) {
                continue;
            }
            String name = r.get(estimator);
            Measurement m = r.get(low).isEmpty() ? Measurement.unknownError(Num.parse(r.get(value)))
                    : new Measurement(Num.parse(r.get(value)), Num.parse(r.get(low)), Num.parse(r.get(high)));
            lines.computeIfAbsent(name, k -> new TreeMap<>()).put(Integer.parseInt(r.get(parameters)), m);
        }
        XYChart c = ChartStyle.xyChart("Cost of one gradient in loss evaluations", "parameters P",
                "gradient time / loss-evaluation time");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        int i = 0;
        double minP = Double.MAX_VALUE;
        double maxP = 0;
        for (Map.Entry<String, TreeMap<Integer, Measurement>> e : lines.entrySet()) {
            double[] x = e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            Measurement[] ms = e.getValue().values().toArray(new Measurement[0]);
            double[] y = new double[ms.length];
            for (int k = 0; k < ms.length; k++) {
                y[k] = ms[k].value();
            }
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setMarker(ChartStyle.marker(i));
            s.setMarkerColor(ChartStyle.color(i));
            s.setLineColor(ChartStyle.color(i));
            s.setLineStyle(ChartStyle.solid());
            ErrorBars.add(c, e.getKey(), x, ms, ChartStyle.color(i), 0, 1e-300, Double.MAX_VALUE);
            minP = Math.min(minP, x[0]);
            maxP = Math.max(maxP, x[x.length - 1]);
            i++;
        }
        if (maxP > 0) {
            XYSeries twoP = c.addSeries("2P (classic central difference)", new double[] {minP, maxP},
                    new double[] {2 * minP, 2 * maxP});
            twoP.setMarker(new org.knowm.xchart.style.markers.None());
            twoP.setLineColor(ChartStyle.REFERENCE);
            twoP.setLineStyle(ChartStyle.dashed(6));
            XYSeries five = c.addSeries("5 (cheap-gradient bound)", new double[] {minP, maxP}, new double[] {5, 5});
            five.setMarker(new org.knowm.xchart.style.markers.None());
            five.setLineColor(ChartStyle.REFERENCE);
            five.setLineStyle(ChartStyle.dashed(2));
        }
        String caption = "The time of one whole gradient divided by the time of one loss evaluation (forward pass"
                + " and mean loss of the batch of 100, float) on the same model, both measured in this run: the"
                + " cost in loss evaluations (ADBench's machine-independent figure). Each estimator at its default"
                + " settings (incremental evaluation, default step, one direction); rows measured on a parameter"
                + " sample are scaled to the whole gradient by their time per parameter. Error bars: the widest"
                + " ratio the two 99.9 % intervals allow.";
        return new Figure("cost-in-loss-evaluations", "Cost of a gradient in loss evaluations, against the"
                + " parameter count", List.of(provenance), c, caption);
    }

    /** The cost of every estimator on 784-50-10. */
    public static KeyTable table(CsvTable cost) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : cost.rows()) {
            if (r.get(cost.column("model")).equals("784-50-10") && r.get(cost.column("benchmark")).equals("gradient")) {
                rows.add(List.of(r.get(cost.column("estimator")), r.get(cost.column("loss_evaluations")),
                        r.get(cost.column("counted_evaluations")), r.get(cost.column("basis"))));
            }
        }
        return new KeyTable("Cost of one 784-50-10 gradient in loss evaluations (batch 100, float)",
                List.of("estimator", "cost (time ratio)", "evaluations counted", "basis"), rows,
                "Time of one gradient / time of one loss evaluation, both from this run, each estimator at its"
                        + " default settings (incremental evaluation); 2P = 79,520 for the classic central difference"
                        + " with full evaluation.");
    }
}
