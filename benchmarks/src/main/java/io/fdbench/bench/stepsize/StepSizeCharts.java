package io.fdbench.bench.stepsize;

import io.fdbench.bench.chart.*;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.engine.numerics.Estimator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Step-size error curves from {@code stepsize.csv}: |error| against h on log–log axes, one chart
 * per target, precision and derivative (first-derivative estimators and second differences never
 * share a chart: their errors live on different scales). The complex step, whose steps run down
 * to 1e-200, has a chart of its own with the central difference for contrast (on the
 * first-derivative chart its 200 decades would squeeze the other curves into a corner). Each
 * chart has dashed reference slopes O(h^p) for the truncation orders of its estimators (O(h),
 * O(h²), O(h⁴)), and a ring on each curve's best h.
 * Rows with a non-finite or zero error cannot sit on a log axis; they are skipped and counted in
 * the caption.
 */
public final class StepSizeCharts {

    /** Appended to a curve's series name to name its best-h marker series. */
    public static final String BEST_SUFFIX = " · best h";
    /** Prefix of the reference-slope series names ("O(h) reference", ...). */
    public static final String REFERENCE_PREFIX = "O(h";
    /** The complex step's estimator label; its curves get their own chart. */
    public static final String COMPLEX_STEP = Estimator.COMPLEX_STEP.label();
    /** The panel key of the complex-step chart (after the derivative orders). */
    private static final int COMPLEX_PANEL = 100;

    private StepSizeCharts() {
    }

    /** Which derivative an estimator label estimates (1 or 2); unknown labels with "second" in them are 2. */
    public static int derivativeOrder(String estimator) {
        return known(estimator).map(Estimator::derivativeOrder).orElse(estimator.contains("second") ? 2 : 1);
    }

    /** The truncation order of an estimator label, if it is one the engine knows. */
    public static Optional<Integer> truncationOrder(String estimator) {
        return known(estimator).map(Estimator::truncationOrder);
    }

    private static Optional<Estimator> known(String label) {
        for (Estimator e : Estimator.values()) {
            if (e.label().equals(label)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static final class Panel {
        final Map<String, List<double[]>> curves = new LinkedHashMap<>();
        final Map<String, String> estimatorOf = new LinkedHashMap<>();
        int nonFinite;
        int zero;
    }

    /** The charts of a {@code stepsize.csv} table, first-derivative before second-difference per target and precision. */
    public static List<Figure> draw(CsvTable t, Provenance provenance) {
        int target = JmhTables.require(t, "target");
        int precision = JmhTables.require(t, "precision");
        int estimator = JmhTables.require(t, "estimator");
        int evaluation = JmhTables.require(t, "evaluation");
        int h = JmhTables.require(t, "h");
        int error = JmhTables.require(t, "abs_error");
        Map<String, Map<Integer, Panel>> panels = new LinkedHashMap<>(); // derivative orders ascending
        Map<String, String[]> labels = new LinkedHashMap<>();
        for (List<String> r : t.rows()) {
            String key = r.get(target) + " " + r.get(precision);
            labels.putIfAbsent(key, new String[] {r.get(target), r.get(precision)});
            String est = r.get(estimator);
            Map<Integer, Panel> byKind = panels.computeIfAbsent(key, k -> new TreeMap<>());
            boolean complex = COMPLEX_STEP.equals(est);
            add(byKind.computeIfAbsent(complex ? COMPLEX_PANEL : derivativeOrder(est), k -> new Panel()), r, est,
                    evaluation, h, error);
            if (Estimator.CENTRAL.label().equals(est)) {
                // the contrast on the complex-step chart, drawn only where there is one
                byKind.computeIfAbsent(-COMPLEX_PANEL, k -> new Panel());
                add(byKind.get(-COMPLEX_PANEL), r, est, evaluation, h, error);
            }
        }
        for (Map<Integer, Panel> byKind : panels.values()) {
            Panel contrast = byKind.remove(-COMPLEX_PANEL);
            Panel complex = byKind.get(COMPLEX_PANEL);
            if (complex != null && contrast != null) {
                contrast.curves.forEach((c, pts) -> {
                    complex.curves.put(c, pts);
                    complex.estimatorOf.put(c, contrast.estimatorOf.get(c));
                });
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Panel>> e : panels.entrySet()) {
            String[] l = labels.get(e.getKey());
            for (Map.Entry<Integer, Panel> d : e.getValue().entrySet()) {
                figures.add(figure(l[0], l[1], d.getKey(), d.getValue(), provenance));
            }
        }
        return figures;
    }

    private static void add(Panel p, List<String> r, String est, int evaluation, int h, int error) {
        double x = Double.parseDouble(r.get(h));
        double y = Double.parseDouble(r.get(error));
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(x > 0) || y < 0) {
            p.nonFinite++;
            return;
        }
        if (y == 0) {
            p.zero++;
            return;
        }
        String curve = est + ("exact-function".equals(r.get(evaluation)) ? "" : " " + r.get(evaluation));
        p.estimatorOf.put(curve, est);
        p.curves.computeIfAbsent(curve, k -> new ArrayList<>()).add(new double[] {x, y});
    }

    private static Figure figure(String target, String precision, int panel, Panel p, Provenance provenance) {
        boolean complex = panel == COMPLEX_PANEL;
        int derivative = complex ? 1 : panel;
        String what = complex ? "complex step against the central difference, f′"
                : derivative == 1 ? "first derivative f′" : derivative == 2 ? "second derivative f″"
                : "derivative of order " + derivative;
        String title = "Step-size error, " + what + ": " + target + " (" + precision + ")";
        XYChart chart = ChartStyle.xyChart(title, "step h", "|estimate − reference|");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(true).setYAxisLogarithmicDecadeOnly(true);
        double hMin = Double.POSITIVE_INFINITY;
        double hMax = 0;
        double eMin = Double.POSITIVE_INFINITY;
        int i = 0;
        StringBuilder best = new StringBuilder();
        for (Map.Entry<String, List<double[]>> c : p.curves.entrySet()) {
            List<double[]> pts = c.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] xs = new double[pts.size()];
            double[] ys = new double[pts.size()];
            int bestIndex = 0;
            for (int k = 0; k < xs.length; k++) {
                xs[k] = pts.get(k)[0];
                ys[k] = pts.get(k)[1];
                if (ys[k] < ys[bestIndex]) {
                    bestIndex = k;
                }
                hMin = Math.min(hMin, xs[k]);
                hMax = Math.max(hMax, xs[k]);
                eMin = Math.min(eMin, ys[k]);
            }
            XYSeries s = chart.addSeries(c.getKey(), xs, ys);
            s.setLabel(c.getKey() + " (best h " + Measurement.num(xs[bestIndex]) + ")");
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(ChartStyle.marker(i));
            s.setMarkerColor(ChartStyle.color(i));
            s.setLineColor(ChartStyle.color(i));
            s.setLineStyle(ChartStyle.solid());
            XYSeries b = chart.addSeries(c.getKey() + BEST_SUFFIX, new double[] {xs[bestIndex]}, new double[] {ys[bestIndex]});
            b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            b.setMarker(new ChartStyle.Ring());
            b.setMarkerColor(ChartStyle.color(i));
            b.setLineColor(ChartStyle.color(i));
            b.setLineStyle(ChartStyle.solid());
            b.setShowInLegend(false);
            best.append(best.length() == 0 ? "" : ", ").append(c.getKey()).append(" ").append(Measurement.num(xs[bestIndex]));
            i++;
        }
        List<String> slopes = addReferenceSlopes(chart, p, derivative, hMin, hMax, eMin);
        StringBuilder caption = new StringBuilder();
        caption.append("Absolute error of each ").append(what).append(" estimate against the reference (the exact"
                + " derivative for a scalar function; the double-precision backprop gradient, maximum over the"
                + " compared parameters, for the MLP), both axes logarithmic, in ").append(precision)
                .append(" arithmetic. Solid lines: measured curves, one colour and marker per estimator");
        if (p.curves.keySet().stream().anyMatch(k -> k.contains(" "))) {
            caption.append(" and evaluation");
        }
        caption.append(". ");
        if (!slopes.isEmpty()) {
            caption.append("Dashed grey lines: reference slopes ").append(String.join(", ", slopes))
                    .append(", anchored a little above the curves at the largest h; a curve parallel to one is"
                            + " dominated by truncation error, the rise towards small h is rounding error. ");
        }
        caption.append("A ring marks each curve's best h (smallest error): ").append(best).append(". ");
        if (p.nonFinite + p.zero == 0) {
            caption.append("Every row of the CSV for this chart is drawn.");
        } else {
            caption.append("Not drawn (a log axis cannot show them): ");
            List<String> left = new ArrayList<>();
            if (p.nonFinite > 0) {
                left.add(p.nonFinite + " row" + (p.nonFinite == 1 ? "" : "s") + " with a non-finite error (NaN or infinite)");
            }
            if (p.zero > 0) {
                left.add(p.zero + " row" + (p.zero == 1 ? "" : "s") + " with an error of exactly zero");
            }
            caption.append(String.join(" and ", left)).append(".");
        }
        if (complex) {
            caption.append(" The complex step Im f(x + ih)/h subtracts no nearby values, so below its truncation"
                    + " region (slope 2) it stays at round-off down to the smallest h, where the central difference"
                    + " turns up as 1/h.");
        }
        String name = "stepsize-" + Figure.slug(target + " " + precision) + (complex ? "-complex-step"
                : derivative == 1 ? "-first-derivative"
                : derivative == 2 ? "-second-derivative" : "-derivative-" + derivative);
        return new Figure(name, title, List.of(provenance), chart, caption.toString());
    }

    /**
     * Adds one dashed line C·h^p per truncation order p of the chart's estimators (orders 1 and 2
     * for first derivatives, 2 for second differences when none is known), through 3× the
     * geometric mean error of those curves at the largest h, from there down at most five decades
     * of h and not below the smallest error drawn.
     */
    private static List<String> addReferenceSlopes(XYChart chart, Panel p, int derivative, double hMin, double hMax,
                                                   double eMin) {
        List<String> names = new ArrayList<>();
        if (p.curves.isEmpty()) {
            return names;
        }
        TreeSet<Integer> orders = new TreeSet<>();
        for (String est : p.estimatorOf.values()) {
            truncationOrder(est).ifPresent(orders::add);
        }
        if (orders.isEmpty()) {
            orders.addAll(derivative == 1 ? List.of(1, 2) : List.of(2));
        }
        int pattern = 0;
        for (int order : orders) {
            double logSum = 0;
            int n = 0;
            for (Map.Entry<String, List<double[]>> c : p.curves.entrySet()) {
                Optional<Integer> o = truncationOrder(p.estimatorOf.get(c.getKey()));
                if (o.isPresent() && o.get() != order) {
                    continue;
                }
                double[] last = c.getValue().get(c.getValue().size() - 1);
                logSum += Math.log(last[1]);
                n++;
            }
            if (n == 0) {
                continue;
            }
            double anchor = 3 * Math.exp(logSum / n);
            double hLow = Math.max(Math.max(hMin, hMax * 1e-5), hMax * Math.pow(eMin / anchor, 1.0 / order));
            if (!(hLow < hMax)) {
                continue;
            }
            String name = REFERENCE_PREFIX + (order == 1 ? "" : superscript(order)) + ") reference";
            XYSeries s = chart.addSeries(name, new double[] {hLow, hMax},
                    new double[] {anchor * Math.pow(hLow / hMax, order), anchor});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartStyle.REFERENCE);
            s.setLineStyle(ChartStyle.dashed(pattern++));
            names.add("O(h" + (order == 1 ? "" : superscript(order)) + ")");
        }
        return names;
    }

    private static String superscript(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder();
        for (char ch : Integer.toString(n).toCharArray()) {
            sb.append(digits.charAt(ch - '0'));
        }
        return sb.toString();
    }

    /**
     * The summary of {@code stepsize-summary.csv}: per curve the expected and fitted order, the
     * best h found, its error and the theoretical best h (the columns the file has of these).
     */
    public static List<KeyTable> tables(CsvTable summary) {
        List<String> wanted = List.of("target", "precision", "estimator", "evaluation", "expected_order",
                "fitted_order", "best_h", "best_error", "theoretical_best_h", "order_note");
        List<String> header = wanted.stream().filter(c -> summary.column(c) >= 0).toList();
        if (header.isEmpty() || summary.rows().isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : summary.rows()) {
            List<String> row = new ArrayList<>();
            for (String c : header) {
                String v = r.get(summary.column(c));
                row.add(c.endsWith("_h") || c.endsWith("_error") ? number(v) : v);
            }
            rows.add(row);
        }
        return List.of(new KeyTable("Step-size summary: convergence order and best step per curve", header, rows,
                "fitted_order: slope of log error against log h where truncation dominates (NaN: see order_note,"
                        + " too few points, or not fittable where the scheme is exact up to round-off);"
                        + " best_h: the step with the smallest error; theoretical_best_h: the step balancing"
                        + " truncation and rounding error for the precision."));
    }

    private static String number(String v) {
        try {
            return Measurement.num(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
