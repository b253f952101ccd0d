package io.fdbench.bench.experiment;

import io.fdbench.bench.chart.ChartStyle;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.JmhTables;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.results.CsvTable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiments' curves for {@code report}: one line per method. Classic: batch loss and test
 * accuracy against step, wall time (log) and loss evaluations (log) for each table run and the
 * long run, and the backprop learning-rate grid; xor: MAE against loss evaluations (log) and
 * against epochs (log) per network variant; backprop-toy: RMSE against epoch.
 * Points a log axis cannot show (zero or empty) are left out and counted in the caption.
 */
final class ExperimentCharts {

    private ExperimentCharts() {
    }

    /** One x/y column pair of a chart. */
    private record Axis(String column, String name, String title, boolean log) {
    }

    private static final Axis STEP = new Axis("step", "step", "step", false);
    private static final Axis SECONDS = new Axis("seconds", "wall time", "wall time of gradients and updates (s, log)", true);
    private static final Axis EVALUATIONS = new Axis("loss_evaluations", "loss evaluations", "loss evaluations (log)", true);

    /** The classic experiment's charts from {@code experiment-classic.csv}. */
    static List<Figure> classic(CsvTable t, Provenance prov) {
        int run = JmhTables.require(t, "run");
        int lr = JmhTables.require(t, "lr");
        int method = JmhTables.require(t, "method");
        Map<String, List<List<String>>> groups = new LinkedHashMap<>();
        for (List<String> r : t.rows()) {
            groups.computeIfAbsent(r.get(run) + " " + r.get(lr), k -> new ArrayList<>()).add(r);
        }
        List<Figure> figures = new ArrayList<>();
        List<List<String>> grid = new ArrayList<>();
        for (Map.Entry<String, List<List<String>>> g : groups.entrySet()) {
            String[] key = g.getKey().split(" ");
            if (key[0].equals("grid")) {
                grid.addAll(g.getValue());
                continue;
            }
            String what = key[0].equals("long") ? "long run, lr " + key[1] : "table run, lr " + key[1];
            for (Axis x : List.of(STEP, SECONDS, EVALUATIONS)) {
                figures.add(figure(t, g.getValue(), method, x, new Axis("batch_loss", "loss", "batch loss (float)", false),
                        "experiment-classic-" + Figure.slug(key[0] + " lr " + key[1] + " loss " + x.column()),
                        "Classic experiment, " + what + ": training loss against " + x.name(),
                        "Mean loss of each step's batch of 100 at θ before the step, one line per method; every"
                                + " method starts from the same θ₀ and sees the same batches.", prov));
                figures.add(figure(t, g.getValue(), method, x, new Axis("test_accuracy", "accuracy", "test accuracy", false),
                        "experiment-classic-" + Figure.slug(key[0] + " lr " + key[1] + " accuracy " + x.column()),
                        "Classic experiment, " + what + ": test accuracy against " + x.name(),
                        "Accuracy on the MNIST-10k test set at the evaluated steps (float), one line per method.",
                        prov));
            }
        }
        if (!grid.isEmpty()) {
            figures.add(figure(t, grid, lr, STEP, new Axis("batch_loss", "loss", "batch loss (float)", false),
                    "experiment-classic-lr-grid", "Classic experiment: backprop's learning-rate grid",
                    "Batch loss against step for each learning rate of the grid (backprop), one line per rate.",
                    prov));
        }
        return figures;
    }

    /** The xor experiment's charts from {@code experiment-xor.csv}. */
    static List<Figure> xor(CsvTable t, Provenance prov) {
        int variant = JmhTables.require(t, "variant");
        int method = JmhTables.require(t, "method");
        Map<String, List<List<String>>> groups = new LinkedHashMap<>();
        for (List<String> r : t.rows()) {
            groups.computeIfAbsent(r.get(variant), k -> new ArrayList<>()).add(r);
        }
        List<Figure> figures = new ArrayList<>();
        Axis mae = new Axis("mae", "MAE", "mean absolute error (log)", true);
        for (Map.Entry<String, List<List<String>>> g : groups.entrySet()) {
            String v = g.getKey();
            figures.add(figure(t, g.getValue(), method, EVALUATIONS, mae, "experiment-xor-" + Figure.slug(v) + "-evaluations",
                    "XOR convergence (" + v + "): MAE against loss evaluations",
                    "MAE over the four inputs (double) against loss evaluations (passes over the four inputs), one"
                            + " line per method; the gradient-free optimisers show the MAE of their best point so"
                            + " far. A line ends where the MAE first fell below the target or the budget ran out.",
                    prov));
            List<List<String>> descents = g.getValue().stream().filter(r -> !r.get(JmhTables.require(t, "epoch"))
                    .isEmpty()).toList();
            figures.add(figure(t, descents, method, new Axis("epoch", "epochs", "epoch (log)", true), mae,
                    "experiment-xor-" + Figure.slug(v) + "-epochs", "XOR convergence (" + v + "): MAE against epochs",
                    "MAE over the four inputs (double) after each logged epoch, gradient descent variants only, one"
                            + " line per method (backprop and central differences overlap where they agree).", prov));
        }
        return figures;
    }

    /** The backprop-toy RMSE curves from {@code experiment-backprop-toy.csv}. */
    static List<Figure> toy(CsvTable t, Provenance prov) {
        int method = JmhTables.require(t, "method");
        return List.of(figure(t, t.rows(), method, new Axis("epoch", "epoch", "epoch", false),
                new Axis("rmse", "RMSE", "RMSE over the 50 inputs (double)", false), "experiment-backprop-toy-rmse",
                "Backprop toy: RMSE of full-batch gradient descent",
                "RMSE after each epoch of the 2-2-2 network, backprop and central differences (double), until the"
                        + " RMSE changes by less than the tolerance.", prov));
    }

    private static Figure figure(CsvTable t, List<List<String>> rows, int seriesColumn, Axis x, Axis y, String name,
                                 String title, String caption, Provenance prov) {
        int xi = JmhTables.require(t, x.column());
        int yi = JmhTables.require(t, y.column());
        XYChart chart = ChartStyle.xyChart(title, x.title(), y.title());
        chart.getStyler().setXAxisLogarithmic(x.log()).setYAxisLogarithmic(y.log());
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        int left = 0;
        for (List<String> r : rows) {
            double xv = parse(r.get(xi));
            double yv = parse(r.get(yi));
            if (!Double.isFinite(xv) || !Double.isFinite(yv) || (x.log() && xv <= 0) || (y.log() && yv <= 0)) {
                left++;
                continue;
            }
            series.computeIfAbsent(r.get(seriesColumn), k -> new ArrayList<>()).add(new double[] {xv, yv});
        }
        int i = 0;
        for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
            List<double[]> pts = s.getValue();
            double[] xs = new double[pts.size()];
            double[] ys = new double[pts.size()];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = pts.get(k)[0];
                ys[k] = pts.get(k)[1];
            }
            XYSeries line = chart.addSeries(s.getKey(), xs, ys);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(xs.length > 60 ? org.knowm.xchart.style.markers.SeriesMarkers.NONE : ChartStyle.marker(i));
            line.setMarkerColor(ChartStyle.color(i));
            line.setLineColor(ChartStyle.color(i));
            line.setLineStyle(ChartStyle.solid());
            i++;
        }
        String note = left == 0 ? "" : " Not drawn: " + left + " row" + (left == 1 ? "" : "s") + " without a value"
                + (x.log() || y.log() ? " or with a value a log axis cannot show" : "") + ".";
        if (series.isEmpty()) {
            chart.addSeries("no rows", new double[] {1}, new double[] {1}).setShowInLegend(true);
        }
        return new Figure(name, title, List.of(prov), chart, caption + note);
    }

    /** The classic table's rows (table, long, published and peer sections) for the report page. */
    static KeyTable classicTable(CsvTable t) {
        List<String> columns = List.of("section", "lr", "method", "steps", "steps_planned", "seconds", "seconds_kind",
                "train_loss", "test_accuracy", "max_loss_difference_vs_backprop", "parameter_distance_vs_backprop");
        return keyTable(t, columns, r -> !r.get(JmhTables.require(t, "section")).equals("grid"),
                "Classic experiment: method, steps, elapsed seconds, final training loss and test accuracy (float)",
                "seconds_kind says whether a time was measured, extrapolated from measured steps, or published;"
                        + " the published rows are full MNIST in NumPy. The grid rows are in experiment-classic-table.csv.");
    }

    /** The xor table for the report page. */
    static KeyTable xorTable(CsvTable t) {
        List<String> columns = List.of("variant", "method", "lr", "epochs_to_target", "seconds_to_target",
                "loss_evaluations_to_target", "final_mae", "prediction_00", "prediction_01", "prediction_10",
                "prediction_11");
        return keyTable(t, columns, r -> true, "XOR 2-3-1: epochs, seconds and loss evaluations to the target MAE"
                + " (double)", "An empty cell: the target was not reached within the budget (see the note column of"
                + " experiment-xor-table.csv).");
    }

    private static KeyTable keyTable(CsvTable t, List<String> columns, java.util.function.Predicate<List<String>> keep,
                                     String title, String note) {
        int[] idx = columns.stream().mapToInt(c -> JmhTables.require(t, c)).toArray();
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : t.rows()) {
            if (keep.test(r)) {
                List<String> cells = new ArrayList<>();
                for (int i : idx) {
                    cells.add(r.get(i));
                }
                rows.add(cells);
            }
        }
        return new KeyTable(title, columns, rows, note);
    }

    private static double parse(String s) {
        if (s == null || s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
