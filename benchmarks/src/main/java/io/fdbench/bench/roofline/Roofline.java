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
 * <p>Three views of one list of points: {@code roofline.csv} (a derived file of the run), a dot
 * plot of achieved GFLOP/s on a log axis with the peak as a dashed line, and a key table of the
 * 784-50-10 rows. The package knows no family: it finds its rows by their columns, so the
 * gradient family hosts it ({@code GradientCostFamily}) and any later family with the columns
 * joins it.
 */
public final class Roofline {

    /** File stem of the derived file and of the chart. */
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

        /** backprop, or the finite difference's scheme and evaluation; with its threads when the row sets them. */
        String series() {
            String m = method();
            String label = m.startsWith("backprop") ? "backprop"
                    : (row.param("estimator").orElse("central") + " " + row.param("evaluation").orElse("")).trim();
            boolean threaded = WORKERS.stream().anyMatch(w -> row.param(w).isPresent());
            return threaded ? label + ", " + threads + (threads == 1 ? " thread" : " threads") : label;
        }

        /** The model (gradient rows) or epoch and data set, and the batch. */
        String category() {
            String what = row.param("model").orElse(null);
            if (what == null) {
                what = "epoch " + row.param("dataset").orElse(family);
            }
            return what + " b" + row.param("batch").orElse("?");
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

    /** The dot plot of achieved GFLOP/s by workload and estimator, the peak as a dashed line. */
    public static List<Figure> figures(RunTables run) {
        List<Point> points = points(run);
        if (points.isEmpty()) {
            return List.of();
        }
        Peak peak = peak(run);
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
        String title = "Achieved GFLOP/s of the gradients and epochs against the measured FMA peak (float32)";
        XYChart chart = plot.chart(title, "model (gradient) or epoch data set, and batch", "GFLOP/s (minimal work ÷ time)");
        String caption = "GFLOP/s = the minimal floating-point work of the row's estimator on its model and batch"
                + " (the work model: GEMM FLOPs after blank-input skipping for backprop and full evaluation;"
                + " affected samples × the exp/log work per point for incremental evaluation) ÷ the time per gradient"
                + " or per epoch (JMH average time; float32; log axis). Error bars: JMH's 99.9 % confidence interval"
                + " of the time, converted (hence asymmetric). " + JmhTables.unknownErrorNote(plot)
                + (peak.present() ? " Dashed line: the one-core FMA peak measured in the same run (" + peak.source()
                + "); rows on 2 threads can reach twice it." : " No peak line: " + peak.source() + ".");
        List<Provenance> provenance = new ArrayList<>();
        families.forEach(f -> provenance.add(run.provenance(f)));
        if (peak.present()) {
            provenance.add(run.provenance(KernelFamily.NAME));
        }
        return List.of(new Figure(NAME, title, provenance, chart, caption));
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
                "Work: the minimal FLOPs of the work model (docs/benchmarks.md, \"Roofline\"); time: JMH's average with"
                        + " its 99.9 % interval; GFLOP/s = work ÷ time. Peak: " + (peak.present()
                        ? Measurement.num(peak.gflops()) + " GFLOP/s, " + peak.source() : peak.source()) + "."));
    }

    private static void addRow(List<List<String>> rows, String label, List<Point> points, Peak peak,
                               Predicate<Point> which) {
        points.stream().filter(which).findFirst().ifPresent(p -> {
            boolean epoch = p.row().param("model").isEmpty();
            Measurement time = epoch ? p.seconds().times(1e3) : p.seconds().times(1e6);
            Measurement gflops = p.gflops();
            rows.add(List.of(label, Measurement.num(p.workGflop()), time.text() + (epoch ? " ms" : " µs"),
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
