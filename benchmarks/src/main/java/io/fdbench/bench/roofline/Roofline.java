package io.fdbench.bench.roofline;

import io.fdbench.bench.chart.DotPlot;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.JmhTables;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Measurement;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.kernel.FmaPeakBenchmark;
import io.fdbench.bench.kernel.KernelColumns;
import io.fdbench.bench.kernel.KernelFamily;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The roofline of a run: every row of every table that has the {@link RooflineColumns} (the
 * gradient and epoch families) against the FMA peak the kernel family measured in the same run
 * folder ({@code kernel.csv}'s {@code fmaPeak} row, its {@code GFLOP/s} column; the simd kernel's
 * peak, the scalar one's where no simd row exists). A row on several threads is held against the
 * one-core peak × its threads ({@code batchWorkers}, {@code parameterWorkers}, {@code gemmWorkers}).
 *
 * <p>Three views of one list of points: {@code roofline.csv} (a derived file of the run), dot
 * plots of achieved GFLOP/s on a log axis with the peak as a dashed line (gradients, epochs), and
 * a key table of the 784-50-10 rows. The package knows no family: it finds its rows by their columns, so the
 * gradient family hosts it ({@code GradientCostFamily}) and any later family with the columns
 * joins it.
 */
public final class Roofline {

    /** File stem of the derived file, and the prefix of the charts' names. */
    public static final String NAME = "roofline";

    /** The FMA peak's primary benchmark in the kernel table. */
    static final String PEAK_BENCHMARK = FmaPeakBenchmark.class.getName() + ".fmaPeak";

    /** The derived file's columns. */
    public static final List<String> HEADER = List.of("family", "benchmark", "params", "threads",
            RooflineColumns.WORK_GFLOP, "seconds", RooflineColumns.GFLOPS, "peak_gflops", "fraction_of_peak",
            "peak_source");

    /** The worker-count parameters a row's threads are read from. */
    private static final List<String> WORKERS = List.of("batchWorkers", "parameterWorkers", "gemmWorkers");

    private Roofline() {
    }

    /** The one-core FMA peak of the run in GFLOP/s and where it was read; or why there is none. */
    record Peak(double gflops, String source) {
        boolean present() {
            return gflops > 0;
        }
    }

    /**
     * One row with its work and time.
     *
     * @param family  the table's stem
     * @param seconds time per operation with its 99.9 % interval
     */
    record Point(String family, JmhRow row, double workGflop, Measurement seconds, int threads) {

        Measurement gflops() {
            return seconds.inverse(workGflop);
        }

        String method() {
            return JmhTables.method(row);
        }

        /** "model=784-50-10 batch=100 ..." in the table's column order. */
        String params() {
            List<String> parts = new ArrayList<>();
            for (String column : row.header()) {
                if (column.startsWith(JmhCsv.PARAM_PREFIX)) {
                    String name = column.substring(JmhCsv.PARAM_PREFIX.length());
                    row.param(name).ifPresent(v -> parts.add(name + "=" + v));
                }
            }
            return String.join(" ", parts);
        }

        /** backprop, or the finite difference's scheme and evaluation; with its threads when above one. */
        String series() {
            String label = method().startsWith("backprop") ? "backprop"
                    : (row.param("estimator").orElse("central") + " " + row.param("evaluation").orElse("")).trim();
            return threads > 1 ? label + ", " + threads + " threads" : label;
        }

        /** The model (gradient rows; with its batch when not 100) or the data set and batch (epoch rows): short, as tick labels. */
        String category() {
            String batch = row.param("batch").orElse("?");
            return row.param("model").map(m -> batch.equals("100") ? m : m + " b" + batch)
                    .orElse(row.param("dataset").orElse(family) + " b" + batch);
        }

        /** An epoch row: no model parameter (the epochs train the one 784-50-10 network). */
        boolean epoch() {
            return row.param("model").isEmpty();
        }

        /** Whether the row sets a worker count (the worker-scaling rows, the Fashion epochs). */
        boolean threaded() {
            return WORKERS.stream().anyMatch(w -> row.param(w).isPresent());
        }
    }

    /** The run's peak from the kernel table, or a {@link Peak} of 0 GFLOP/s whose source says why none. */
    static Peak peak(RunTables run) {
        Optional<CsvTable> kernel = run.table(KernelFamily.NAME);
        if (kernel.isEmpty()) {
            return new Peak(0, "no " + KernelFamily.NAME + ".csv in the run folder, so no FMA peak");
        }
        CsvTable t = kernel.get();
        if (t.column(KernelColumns.GFLOPS) < 0) {
            return new Peak(0, KernelFamily.NAME + ".csv has no " + KernelColumns.GFLOPS + " column, so no FMA peak");
        }
        Peak found = null;
        for (JmhRow r : JmhTables.rows(t)) {
            String cell = r.cell(KernelColumns.GFLOPS);
            if (!r.benchmark().equals(PEAK_BENCHMARK) || cell.isEmpty()) {
                continue;
            }
            String impl = r.param("peakImpl").orElse("?");
            Peak p = new Peak(Num.parse(cell), KernelFamily.NAME + ".csv fmaPeak peakImpl=" + impl + " (1 core)");
            if (impl.equals("simd") || found == null) {
                found = p;
            }
        }
        return found != null ? found
                : new Peak(0, KernelFamily.NAME + ".csv has no fmaPeak row with " + KernelColumns.GFLOPS + ", so no FMA peak");
    }

    /** Every primary row with a work and a time, of every JMH table with the roofline columns, by stem. */
    static List<Point> points(RunTables run) {
        List<Point> points = new ArrayList<>();
        for (Map.Entry<String, CsvTable> e : new TreeMap<>(run.tables()).entrySet()) {
            CsvTable t = e.getValue();
            if (t.column(RooflineColumns.WORK_GFLOP) < 0 || t.header().size() < JmhCsv.COLUMNS.size()
                    || !t.header().subList(0, JmhCsv.COLUMNS.size()).equals(JmhCsv.COLUMNS)) {
                continue;
            }
            for (JmhRow r : JmhTables.rows(t)) {
                String work = r.cell(RooflineColumns.WORK_GFLOP);
                Measurement seconds = r.secondary() || work.isEmpty() ? null : Measurement.secondsPerOp(r);
                if (seconds == null) {
                    continue;
                }
                points.add(new Point(e.getKey(), r, Num.parse(work), seconds, threads(r)));
            }
        }
        return points;
    }

    private static int threads(JmhRow r) {
        int threads = 1;
        for (String w : WORKERS) {
            Optional<String> v = r.param(w);
            if (v.isPresent()) {
                try {
                    threads = Math.max(threads, Integer.parseInt(v.get()));
                } catch (NumberFormatException e) {
                    // not a count: one thread
                }
            }
        }
        return threads;
    }

    /** {@code roofline.csv}: one line per point; empty when the run has no table with the roofline columns. */
    public static Map<String, String> derivedFiles(RunTables run) {
        CsvTable t = table(run);
        return t.rows().isEmpty() ? Map.of() : Map.of(NAME, Csv.format(t, (column, cell) -> false));
    }

    /** The derived file's table: the peak columns empty, and the source saying why, when the run has no peak. */
    static CsvTable table(RunTables run) {
        Peak peak = peak(run);
        List<List<String>> rows = new ArrayList<>();
        for (Point p : points(run)) {
            double achieved = p.workGflop() / p.seconds().value();
            double ceiling = peak.gflops() * p.threads();
            rows.add(List.of(p.family(), p.row().benchmark(), p.params(), Integer.toString(p.threads()),
                    Num.format(p.workGflop()), Num.format(p.seconds().value()), Num.format(achieved),
                    peak.present() ? Num.format(ceiling) : "", peak.present() ? Num.format(achieved / ceiling) : "",
                    peak.source()));
        }
        return new CsvTable(HEADER, rows);
    }

    /**
     * Two dot plots of achieved GFLOP/s, the one-core peak as a dashed line: the gradients on one
     * thread by model ({@code roofline-gradient}: rows without a worker-count parameter, so the
     * worker-scaling rows are in {@code roofline.csv} only), and the epochs by data set and batch
     * ({@code roofline-epoch}; a series per thread count above one).
     */
    public static List<Figure> figures(RunTables run) {
        List<Point> points = points(run);
        Peak peak = peak(run);
        List<Figure> figures = new ArrayList<>();
        List<Point> gradients = points.stream().filter(p -> !p.epoch() && !p.threaded()).toList();
        List<Point> epochs = points.stream().filter(Point::epoch).toList();
        if (!gradients.isEmpty()) {
            figures.add(figure(run, peak, gradients, NAME + "-gradient",
                    "Achieved GFLOP/s of one gradient against the measured FMA peak (float32, 1 thread)",
                    "model (batch 100)", "per gradient (the sampled share for sampled rows)"));
        }
        if (!epochs.isEmpty()) {
            figures.add(figure(run, peak, epochs, NAME + "-epoch",
                    "Achieved GFLOP/s of one SGD epoch against the measured FMA peak (float32, 784-50-10)",
                    "data set and batch", "per epoch (steps × (gradient + update))"));
        }
        return figures;
    }

    private static Figure figure(RunTables run, Peak peak, List<Point> points, String name, String title,
                                 String xAxis, String per) {
        Set<String> categories = new LinkedHashSet<>();
        Set<String> families = new LinkedHashSet<>();
        points.forEach(p -> {
            categories.add(p.category());
            families.add(p.family());
        });
        DotPlot plot = new DotPlot(new ArrayList<>(categories)).logAxis(true);
        for (Point p : points) {
            plot.add(p.series(), p.category(), p.gflops());
        }
        if (peak.present()) {
            plot.reference("FMA peak, 1 core: " + Measurement.num(peak.gflops()) + " GFLOP/s", peak.gflops());
        }
        XYChart chart = plot.chart(title, xAxis, "GFLOP/s (minimal work ÷ time)");
        String caption = "GFLOP/s = the minimal floating-point work " + per + " of the row's estimator on its model"
                + " and batch (the work model: GEMM FLOPs after blank-input skipping for backprop and full evaluation;"
                + " affected samples × the exp/log work per point for incremental evaluation) ÷ its time (JMH average"
                + " time; float32; log axis). Error bars: JMH's 99.9 % confidence interval of the time, converted"
                + " (hence asymmetric). " + JmhTables.unknownErrorNote(plot)
                + (peak.present() ? " Dashed line: the one-core FMA peak measured in the same run (" + peak.source()
                + "); a row on 2 threads can reach twice it." : " No peak line: " + peak.source() + ".");
        List<Provenance> provenance = new ArrayList<>();
        families.forEach(f -> provenance.add(run.provenance(f)));
        if (peak.present()) {
            provenance.add(run.provenance(KernelFamily.NAME));
        }
        return new Figure(name, title, provenance, chart, caption);
    }

    /** The key rows of 784-50-10 at batch 100: backprop, central full, central incremental, the epochs. */
    public static List<KeyTable> keyTables(RunTables run) {
        List<Point> points = points(run);
        Peak peak = peak(run);
        List<List<String>> rows = new ArrayList<>();
        addRow(rows, "backprop gradient", points, peak,
                p -> p.method().equals("backprop") && model(p) && batch100(p));
        addRow(rows, "central full gradient", points, peak,
                p -> p.method().equals("finiteDifference") && model(p) && batch100(p) && is(p, "estimator", "central")
                        && is(p, "evaluation", "full"));
        addRow(rows, "central incremental gradient", points, peak,
                p -> p.method().equals("finiteDifference") && model(p) && batch100(p) && is(p, "estimator", "central")
                        && is(p, "evaluation", "incremental"));
        addRow(rows, "backprop epoch, MNIST-10k", points, peak,
                p -> p.method().equals("backprop") && is(p, "dataset", "mnist-10k") && batch100(p));
        addRow(rows, "backprop epoch, Fashion-MNIST, 1 thread", points, peak,
                p -> p.method().equals("backprop") && is(p, "dataset", "fashion-mnist") && batch100(p) && p.threads() == 1);
        if (rows.isEmpty()) {
            return List.of();
        }
        return List.of(new KeyTable("Roofline of 784-50-10 at batch 100 (float32, 1 thread)",
                List.of("row", "work (GFLOP)", "time", "GFLOP/s", "% of FMA peak"), rows,
                "Work: the minimal FLOPs of the work model (docs/benchmarks.md, \"Roofline\") of what the row"
                        + " times (a gradient timed on a seeded parameter sample, as the full central difference of"
                        + " this model, counts that sample's work); time: JMH's average with its 99.9 % interval;"
                        + " GFLOP/s = work ÷ time. Peak: " + (peak.present()
                        ? Measurement.num(peak.gflops()) + " GFLOP/s, " + peak.source() : peak.source()) + "."));
    }

    private static void addRow(List<List<String>> rows, String label, List<Point> points, Peak peak,
                               Predicate<Point> which) {
        points.stream().filter(which).findFirst().ifPresent(p -> {
            boolean ms = p.seconds().value() >= 1e-3;
            Measurement time = p.seconds().times(ms ? 1e3 : 1e6);
            Measurement gflops = p.gflops();
            rows.add(List.of(label, Measurement.num(p.workGflop()), time.text() + (ms ? " ms" : " µs"),
                    gflops.text(), peak.present() ? Measurement.num(100 * gflops.value() / peak.gflops()) + " %" : ""));
        });
    }

    private static boolean model(Point p) {
        return is(p, "model", "784-50-10");
    }

    private static boolean batch100(Point p) {
        return is(p, "batch", "100");
    }

    private static boolean is(Point p, String param, String value) {
        return JmhTables.is(p.row(), param, value);
    }
}
