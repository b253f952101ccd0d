package io.fdbench.bench.depth;

import io.fdbench.bench.chart.ChartStyle;
import io.fdbench.bench.chart.ErrorBars;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Measurement;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The slope of cost against depth ({@code depth-slope.csv}): per method, network and batch of the
 * depth table, the ordinary least-squares line (commons-math3 {@link SimpleRegression}, every
 * point weighted alike) of the measured ns per parameter (float32) against the number of hidden
 * layers L, with the slope's standard error and R², and beside it the same fit of the work
 * model's FLOPs per parameter ({@link DepthPoint#workFlopsPerParameter}) at the same L. Two
 * derived figures put the two side by side: {@code relative_slope}, the slope ÷ the cost of the
 * shallowest model measured (what one more hidden layer adds, in units of the shallowest model's
 * cost; measured and modelled; the point, not the fit, since a curved series can fit a line whose
 * value there is near zero), and {@code marginal_gflops}, the modelled slope ÷ the measured one
 * (FLOP per ns: the rate at which the work one more layer adds is done).
 *
 * <p>The line is fitted over every depth measured, 1 to 5 hidden layers. Incremental evaluation is
 * not linear in L at the shallow end (with one hidden layer a first-layer weight takes the
 * below-softmax path, with no layer to carry through), which R² and the relative chart show.
 */
public final class DepthSlope {

    /** The derived file's stem. */
    public static final String STEM = DepthFamily.NAME + "-slope";

    public static final List<String> HEADER = List.of("method", "network", "batch", "precision", "hidden_layers",
            "points", "slope_ns", "slope_ns_stderr", "intercept_ns", "r2", "work_slope_flop",
            "work_slope_flop_stderr", "work_intercept_flop", "work_r2", "relative_slope", "work_relative_slope",
            "marginal_gflops", "basis");

    /** The columns written unquoted (numbers). */
    static final Set<String> NUMERIC = Set.of("batch", "points", "slope_ns", "slope_ns_stderr", "intercept_ns", "r2",
            "work_slope_flop", "work_slope_flop_stderr", "work_intercept_flop", "work_r2", "relative_slope",
            "work_relative_slope", "marginal_gflops");

    private static final String PRECISION = "float32";

    private DepthSlope() {
    }

    /** A method's points on one network and batch, by hidden layers. */
    record Line(String method, String network, int batch, TreeMap<Integer, DepthPoint> points) {

        String label(boolean qualified) {
            return qualified ? method + " (" + network + ", batch " + batch + ")" : method;
        }
    }

    /** The depth table's points, one line per method, network and batch, in the table's order. */
    static List<Line> lines(CsvTable depth) {
        Map<String, Line> lines = new LinkedHashMap<>();
        for (List<String> cells : depth.rows()) {
            Optional<DepthPoint> p = DepthPoint.of(new JmhRow(depth, cells));
            if (p.isEmpty()) {
                continue;
            }
            DepthPoint d = p.get();
            lines.computeIfAbsent(d.method() + "|" + d.network() + "|" + d.batch(),
                    k -> new Line(d.method(), d.network(), d.batch(), new TreeMap<>())).points()
                    .put(d.hiddenLayers(), d);
        }
        return List.copyOf(lines.values());
    }

    /** The fits of a depth table: one row per line with at least two depths. */
    public static CsvTable from(CsvTable depth) {
        List<List<String>> out = new ArrayList<>();
        for (Line line : lines(depth)) {
            if (line.points().size() < 2) {
                continue;
            }
            SimpleRegression measured = new SimpleRegression();
            SimpleRegression work = new SimpleRegression();
            for (DepthPoint p : line.points().values()) {
                measured.addData(p.hiddenLayers(), p.nsPerParameter().value());
                work.addData(p.hiddenLayers(), p.workFlopsPerParameter());
            }
            DepthPoint shallowest = line.points().firstEntry().getValue();
            double relative = measured.getSlope() / shallowest.nsPerParameter().value();
            double workRelative = work.getSlope() / shallowest.workFlopsPerParameter();
            double marginal = measured.getSlope() > 0 ? work.getSlope() / measured.getSlope() : Double.NaN;
            String timed = shallowest.sampled()
                    ? "each timed on its seeded parameter sample, " + shallowest.estimated() + " of "
                            + shallowest.parameters() + " at L = " + shallowest.hiddenLayers()
                    : "each timed on the whole gradient";
            String basis = "unweighted least squares over " + line.points().size() + " rows of " + DepthFamily.NAME
                    + ".csv (ns/param from :" + DepthPoint.KILO_PARAMETERS_COUNTER + ", " + timed
                    + "); work model io.fdbench.engine.grad.WorkModel, whole gradient ÷ parameters";
            out.add(List.of(line.method(), line.network(), Integer.toString(line.batch()), PRECISION,
                    depths(line), Integer.toString(line.points().size()),
                    num(measured.getSlope()), num(measured.getSlopeStdErr()), num(measured.getIntercept()),
                    num(measured.getRSquare()),
                    num(work.getSlope()), num(work.getSlopeStdErr()), num(work.getIntercept()), num(work.getRSquare()),
                    num(relative), num(workRelative), num(marginal), basis));
        }
        return new CsvTable(HEADER, out);
    }

    private static String depths(Line line) {
        return String.join(" ", line.points().keySet().stream().map(String::valueOf).toList());
    }

    /** A finite number in {@link Num#format}, else an empty cell (a slope's error from two points, a 0 ÷ 0). */
    private static String num(double x) {
        return Double.isFinite(x) ? Num.format(x) : "";
    }

    /**
     * The two charts: ns per parameter against hidden layers (log y, one series per method with
     * JMH's error bars and its fitted line dashed), and cost relative to the shallowest depth,
     * measured against the work model.
     */
    public static List<Figure> figures(CsvTable depth, Optional<CsvTable> slope, Provenance provenance) {
        List<Line> lines = lines(depth);
        if (lines.isEmpty()) {
            return List.of();
        }
        boolean qualified = lines.stream().map(l -> l.network() + l.batch()).distinct().count() > 1;
        return List.of(costChart(lines, slope, qualified, provenance), growthChart(lines, qualified, provenance));
    }

    private static Figure costChart(List<Line> lines, Optional<CsvTable> slope, boolean qualified,
                                    Provenance provenance) {
        XYChart c = ChartStyle.xyChart("Cost per parameter against depth", "hidden layers L",
                "ns per parameter (float32, log scale)");
        c.getStyler().setYAxisLogarithmic(true);
        wholeLayerTicks(c);
        int i = 0;
        for (Line line : lines) {
            double[] x = line.points().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            Measurement[] ms = line.points().values().stream().map(DepthPoint::nsPerParameter)
                    .toArray(Measurement[]::new);
            double[] y = new double[ms.length];
            for (int k = 0; k < ms.length; k++) {
                y[k] = ms[k].value();
            }
            String name = line.label(qualified);
            XYSeries s = c.addSeries(name, x, y);
            s.setMarker(ChartStyle.marker(i));
            s.setMarkerColor(ChartStyle.color(i));
            s.setLineColor(ChartStyle.color(i));
            s.setLineStyle(ChartStyle.solid());
            ErrorBars.add(c, name, x, ms, ChartStyle.color(i), 0.06, 1e-300, Double.MAX_VALUE);
            Optional<double[]> fit = slope.flatMap(t -> fitOf(t, line));
            if (fit.isPresent() && x.length >= 2) {
                double[] fx = {x[0], x[x.length - 1]};
                double[] fy = {fit.get()[1] + fit.get()[0] * fx[0], fit.get()[1] + fit.get()[0] * fx[1]};
                if (fy[0] > 0 && fy[1] > 0) {
                    XYSeries f = c.addSeries(name + " · fit", fx, fy);
                    f.setMarker(SeriesMarkers.NONE);
                    f.setLineColor(ChartStyle.color(i));
                    f.setLineStyle(ChartStyle.dashed(0));
                    f.setShowInLegend(false);
                }
            }
            i++;
        }
        String caption = "The time of one gradient of the mean loss of a batch divided by the parameters it estimated"
                + " (float32, one thread), against the number of hidden layers of 64 units between 784 inputs and 10"
                + " classes (784-64-10 to 784-64-64-64-64-64-10, MNIST-10k). Backprop and the central difference with"
                + " INCREMENTAL evaluation estimate the whole gradient; FULL evaluation its seeded sample of about"
                + " 1,000 parameters. Dashed: the least-squares line of depth-slope.csv (straight in L, curved on"
                + " the log axis). Error bars: JMH's 99.9 % confidence interval over forks and iterations.";
        return new Figure("depth-cost", "Cost per parameter against depth", List.of(provenance), c, caption);
    }

    /** Labels only at whole numbers of layers (XChart would also label 1.5, 2.5, ...). */
    private static void wholeLayerTicks(XYChart c) {
        c.getStyler().setxAxisTickLabelsFormattingFunction(v -> v == Math.rint(v) ? Long.toString(Math.round(v)) : "");
    }

    /** {slope, intercept} of the slope table's row for a line. */
    private static Optional<double[]> fitOf(CsvTable slope, Line line) {
        for (List<String> r : slope.rows()) {
            if (r.get(slope.column("method")).equals(line.method())
                    && r.get(slope.column("network")).equals(line.network())
                    && r.get(slope.column("batch")).equals(Integer.toString(line.batch()))
                    && !r.get(slope.column("slope_ns")).isEmpty()) {
                return Optional.of(new double[] {Num.parse(r.get(slope.column("slope_ns"))),
                        Num.parse(r.get(slope.column("intercept_ns")))});
            }
        }
        return Optional.empty();
    }

    private static Figure growthChart(List<Line> lines, boolean qualified, Provenance provenance) {
        XYChart c = ChartStyle.xyChart("Cost relative to the shallowest model: measured and modelled",
                "hidden layers L", "cost per parameter ÷ cost at the shallowest depth");
        wholeLayerTicks(c);
        int i = 0;
        for (Line line : lines) {
            double[] x = line.points().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            DepthPoint first = line.points().firstEntry().getValue();
            double[] measured = line.points().values().stream()
                    .mapToDouble(p -> p.nsPerParameter().value() / first.nsPerParameter().value()).toArray();
            double[] work = line.points().values().stream()
                    .mapToDouble(p -> p.workFlopsPerParameter() / first.workFlopsPerParameter()).toArray();
            String name = line.label(qualified);
            XYSeries s = c.addSeries(name + ", measured", x, measured);
            s.setMarker(ChartStyle.marker(i));
            s.setMarkerColor(ChartStyle.color(i));
            s.setLineColor(ChartStyle.color(i));
            s.setLineStyle(ChartStyle.solid());
            XYSeries w = c.addSeries(name + ", work model", x, work);
            w.setMarker(SeriesMarkers.NONE);
            w.setLineColor(ChartStyle.color(i));
            w.setLineStyle(ChartStyle.dashed(1));
            i++;
        }
        String caption = "Each method's cost per parameter divided by its own cost on the shallowest model: solid, the"
                + " measured ns per parameter (float32); dashed, the engine's work model (FLOPs per parameter of the"
                + " whole gradient, io.fdbench.engine.grad.WorkModel). Where the solid line climbs faster than the"
                + " dashed one, each added layer costs more time than its arithmetic explains. Ratios of"
                + " measurements, drawn without error bars (depth-cost shows each point's interval).";
        return new Figure("depth-growth", "Cost against depth, relative to the shallowest model: measured and"
                + " modelled", List.of(provenance), c, caption);
    }

    /**
     * Per method: the measured cost at the shallowest and deepest model, the fitted slope with its
     * standard error and R², the work model's slope and the two relative slopes.
     */
    public static KeyTable table(CsvTable slope, Optional<CsvTable> depth) {
        List<Line> lines = depth.map(DepthSlope::lines).orElse(List.of());
        boolean qualified = slope.rows().stream()
                .map(r -> r.get(slope.column("network")) + "|" + r.get(slope.column("batch"))).distinct().count() > 1;
        List<List<String>> rows = new ArrayList<>();
        String network = "";
        for (List<String> r : slope.rows()) {
            String method = r.get(slope.column("method"));
            network = r.get(slope.column("network"));
            String batch = r.get(slope.column("batch"));
            String shallow = "";
            String deep = "";
            for (Line line : lines) {
                if (line.method().equals(method) && line.network().equals(network)
                        && Integer.toString(line.batch()).equals(batch)) {
                    shallow = "L=" + line.points().firstKey() + ": "
                            + line.points().firstEntry().getValue().nsPerParameter().text();
                    deep = "L=" + line.points().lastKey() + ": "
                            + line.points().lastEntry().getValue().nsPerParameter().text();
                }
            }
            String stderr = r.get(slope.column("slope_ns_stderr"));
            rows.add(List.of(qualified ? method + " (" + network + ", batch " + batch + ")" : method, shallow, deep,
                    Measurement.num(Num.parse(r.get(slope.column("slope_ns"))))
                            + (stderr.isEmpty() ? "" : " ± " + Measurement.num(Num.parse(stderr))),
                    cell(r, slope, "r2"), cell(r, slope, "work_slope_flop"), relative(r, slope, "relative_slope"),
                    relative(r, slope, "work_relative_slope"), cell(r, slope, "marginal_gflops")));
        }
        String title = "Cost per parameter against depth (" + (qualified ? "784-64×L-10" : network)
                + ", float32, 1 thread" + (qualified ? "" : ", batch " + slope.rows().get(0).get(slope.column("batch")))
                + ")";
        return new KeyTable(title, List.of("method", "ns/param, shallowest", "ns/param, deepest",
                "slope (ns per layer) ± s.e.", "R²", "work model slope (FLOP/param per layer)",
                "added per layer, measured", "added per layer, work model", "marginal GFLOP/s"), rows,
                "Least-squares lines of ns per parameter against hidden layers L (depth-slope.csv). Added per layer:"
                        + " the slope ÷ the cost of the shallowest model. Marginal GFLOP/s: the work model's"
                        + " slope ÷ the measured slope, the rate at which the work one more layer adds is done."
                        + " Intervals of the points: JMH's 99.9 %.");
    }

    private static String cell(List<String> r, CsvTable t, String column) {
        String v = r.get(t.column(column));
        return v.isEmpty() ? "" : Measurement.num(Num.parse(v));
    }

    /** A relative slope as a percentage of the shallowest model's cost, or as a multiple from 1 on. */
    private static String relative(List<String> r, CsvTable t, String column) {
        String v = r.get(t.column(column));
        if (v.isEmpty()) {
            return "";
        }
        double x = Num.parse(v);
        return Math.abs(x) >= 1 ? Measurement.num(x) + "×" : Measurement.num(100 * x) + " %";
    }
}
