package io.fdbench.bench.epoch;

import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.gradient.GradientCostFamily;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.roofline.RooflineColumns;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code epoch} family: one epoch of SGD on MNIST-10k ({@link EpochBenchmark}), backprop and
 * each finite-difference scheme with INCREMENTAL evaluation at batch 10, 100 and 8,000. Average
 * time per epoch over time-based iterations, each running whole epochs (at least one): 3×1 s
 * warmup, because a 10 ms epoch measured single-shot would time the interpreter and C1 before C2
 * has compiled the vector code, then 3×1 s measured, in each of 2 forks (quick: 1 fork, 1×1 s and
 * 1×1 s, batch 100 only). Derived columns: {@code rows} and {@code steps} per epoch. After a run
 * that has the gradient family too, it writes {@code epoch-full-extrapolated.csv}: the FULL
 * evaluation epochs that are not run, extrapolated and marked so ({@link FullEpochExtrapolation}).
 */
public final class EpochFamily implements JmhFamily {

    public static final String NAME = "epoch";
    public static final String EXTRAPOLATED = "epoch-full-extrapolated";

    public static final String ROWS = "rows";
    public static final String STEPS = "steps";

    /** Full-profile settings of both epoch families, read by the benchmark classes' annotations. */
    static final int FORKS = 2;
    static final int WARMUP_ITERATIONS = 3;
    static final int MEASUREMENT_ITERATIONS = 3;
    static final int ITERATION_SECONDS = 1;

    static final RunSettings QUICK = RunSettings.of(1, 1, "1s", 1, "1s");

    static final DerivedColumns COLUMNS = RooflineColumns.after(List.of(ROWS, STEPS), EpochFamily::values,
            EpochWork::flops);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "time per SGD epoch on MNIST-10k: backprop and incremental finite differences, batch 10 to 8,000";
    }

    @Override
    public List<Class<?>> benchmarks() {
        return List.of(EpochBenchmark.class);
    }

    @Override
    public RunSettings quickSettings() {
        return QUICK;
    }

    @Override
    public Map<String, List<String>> params(ForkInfo forks, Profile profile) {
        return profile == Profile.QUICK ? Map.of("batch", List.of("100")) : Map.of();
    }

    @Override
    public DerivedColumns derived() {
        return COLUMNS;
    }

    @Override
    public Map<String, String> derivedFiles(RunTables run) {
        Optional<CsvTable> gradient = run.table(GradientCostFamily.NAME);
        if (gradient.isEmpty()) {
            return Map.of();
        }
        CsvTable full = FullEpochExtrapolation.from(gradient.get(), GradientCostFamily.NAME + ".csv");
        return full.rows().isEmpty() ? Map.of() : Map.of(EXTRAPOLATED, Csv.format(full, (column, cell) -> false));
    }

    static List<String> values(JmhRow row) {
        Optional<String> dataset = row.param("dataset");
        Optional<String> batch = row.param("batch");
        if (row.secondary() || dataset.isEmpty() || batch.isEmpty()) {
            return List.of("", "");
        }
        int rows = dataset.get().equals(EpochBenchmark.FASHION) ? 60_000 : 8_000;
        int b;
        try {
            b = Math.min(rows, Integer.parseInt(batch.get()));
        } catch (NumberFormatException e) {
            return List.of("", "");
        }
        return List.of(Integer.toString(rows), Integer.toString((rows + b - 1) / b));
    }

    @Override
    public List<Figure> figures(RunTables run) {
        return run.table(NAME).map(t -> EpochChart.draw("epoch-mnist-10k", "MNIST-10k", t, run.provenance(NAME)))
                .orElse(List.of());
    }

    @Override
    public List<KeyTable> keyTables(RunTables run) {
        return run.table(EXTRAPOLATED).map(EpochChart::extrapolatedTable).orElse(List.of());
    }
}
