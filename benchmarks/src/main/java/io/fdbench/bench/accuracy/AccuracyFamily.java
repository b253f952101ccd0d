package io.fdbench.bench.accuracy;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.cli.Progress;
import io.fdbench.bench.cli.ResultOutput;
import io.fdbench.bench.family.ComputedFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.workload.Workload;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code accuracy} family: every registered gradient estimator against the double-precision
 * backprop gradient ({@link AccuracyStudy}), with the loss evaluations it counted and the
 * workspace bytes it allocates; the stochastic estimators at q = 1 … 1,024 directions over
 * several seeds. Computed, not timed: the cost axis is the counted loss evaluations, which do not
 * depend on the machine; the time of one loss evaluation is measured by the gradient family's
 * {@code EstimatorCostBenchmark}.
 */
public final class AccuracyFamily implements ComputedFamily {

    public static final String NAME = "accuracy";

    /** The full profile's study: the project's model, the q range, 5 seeds. */
    static final AccuracyStudy.Settings FULL = new AccuracyStudy.Settings("784-50-10", 100,
            List.of(1, 4, 16, 64, 256, 1024), 5, 2_000);
    /** The smoke run: a small model, 3 q values, 2 seeds. */
    static final AccuracyStudy.Settings QUICK = new AccuracyStudy.Settings("64-32-10", 100,
            List.of(1, 16, 256), 2, 2_000);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every gradient estimator against the double backprop gradient: relative error, cosine,"
                + " counted loss evaluations, workspace bytes; stochastic ones against q";
    }

    @Override
    public double estimatedSeconds(Profile profile) {
        return profile == Profile.QUICK ? 10 : 120;
    }

    @Override
    public List<Path> run(Context context) throws Exception {
        AccuracyStudy.Settings s = context.profile() == Profile.QUICK ? QUICK : FULL;
        ResultFiles.checkWritable(context.folder(), 65_536);
        context.out().println("accuracy: every estimator on " + s.model() + ", batch " + s.batch() + ", q "
                + s.directions() + ", " + s.seeds() + " seeds");
        List<AccuracyStudy.Row> rows;
        try (Progress progress = Progress.start(NAME, "gradients", AccuracyStudy.gradients(s), context.err())) {
            rows = AccuracyStudy.run(s, progress::advance);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".csv", Csv.format(table(rows), (column, cell) -> column.equals("settings")));
        Map<String, String> env = Environment.host(NAME, context.profile().label());
        env.put("model", s.model());
        env.put("batch", Integer.toString(s.batch()));
        env.put("data", s.model().startsWith("784-") ? "mnist-10k train [0:" + s.batch() + "]"
                : "synthetic, seed " + Workload.SEED);
        env.put("theta", "normal σ = 0.01, seed " + Workload.SEED);
        env.put("truth", "reference backprop gradient in double");
        env.put("arithmetic", "each estimator in its own precision (the settings column); errors in double");
        env.put("directions", s.directions().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        env.put("seeds", Integer.toString(s.seeds()));
        env.put("sample.above", Integer.toString(s.sample()));
        files.put("-env.csv", Environment.format(env));
        Map<String, Path> written = ResultOutput.writeOrPrint(new ResultFiles(), context.folder(), NAME,
                List.copyOf(files.keySet()), names -> files, NAME, context.err());
        print(rows, context.out());
        return new ArrayList<>(written.values());
    }

    static CsvTable table(List<AccuracyStudy.Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (AccuracyStudy.Row r : rows) {
            cells.add(List.of(r.estimator(), r.settings(), r.stochastic() ? Integer.toString(r.directions()) : "",
                    Integer.toString(r.seeds()), Integer.toString(r.compared()), Num.format(r.evaluations()),
                    Num.format(r.relErrorMean()), Num.format(r.relErrorMin()), Num.format(r.relErrorMax()),
                    Num.format(r.cosineMean()), Num.format(r.cosineMin()), Num.format(r.cosineMax()),
                    Long.toString(r.workspaceBytes())));
        }
        return new CsvTable(AccuracyStudy.HEADER, cells);
    }

    private static void print(List<AccuracyStudy.Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-18s %6s %10s %12s %10s %12s%n", "estimator", "q", "loss evals", "rel error",
                "cosine", "workspace B");
        for (AccuracyStudy.Row r : rows) {
            out.printf(Locale.ROOT, "%-18s %6s %10.0f %12.3e %10.6f %12d%n", r.estimator(),
                    r.stochastic() ? Integer.toString(r.directions()) : "-", r.evaluations(), r.relErrorMean(),
                    r.cosineMean(), r.workspaceBytes());
        }
    }

    @Override
    public List<Figure> figures(RunTables run) {
        return run.table(NAME).map(t -> List.of(AccuracyChart.draw(t, run.provenance(NAME)))).orElse(List.of());
    }

    @Override
    public List<KeyTable> keyTables(RunTables run) {
        return run.table(NAME).map(t -> List.of(AccuracyChart.table(t))).orElse(List.of());
    }
}
