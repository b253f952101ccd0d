package io.fdbench.bench.cost;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cost} family: {@link EstimatorCostBenchmark}, one loss evaluation on 5 models and one
 * gradient of every registered estimator on 3 models, so each gradient's cost in loss evaluations
 * is a ratio from one run ({@link CostInLossEvaluations}, written as {@code cost-loss-evaluations.csv}
 * after the run). Full profile: 2 forks, each 3 × 500 ms warmup and 4 × 500 ms measured: shorter
 * than the gradient family's 1 s iterations because these rows are ratios of rows measured side by
 * side, and the many estimators must fit the default suite; the error bars say how sure each is.
 * Quick: models 2-3-1 and 784-50-10, 1 fork, 2 × 200 ms warmup, 2 × 200 ms measured.
 */
public final class CostFamily implements JmhFamily {

    public static final String NAME = "cost";

    /** Full-profile settings, read by the benchmark class's annotations. */
    static final int FORKS = 2;
    static final int WARMUP_ITERATIONS = 3;
    static final int MEASUREMENT_ITERATIONS = 4;
    static final int ITERATION_MILLIS = 500;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "cost of every gradient estimator in loss evaluations: gradient time / loss-evaluation time,"
                + " and the evaluations each one counted";
    }

    @Override
    public List<Class<?>> benchmarks() {
        return List.of(EstimatorCostBenchmark.class);
    }

    @Override
    public RunSettings quickSettings() {
        return RunSettings.of(1, 2, "200ms", 2, "200ms");
    }

    @Override
    public Map<String, List<String>> params(ForkInfo forks, Profile profile) {
        return profile == Profile.QUICK ? Map.of("model", List.of("2-3-1", "784-50-10")) : Map.of();
    }

    @Override
    public Map<String, String> derivedFiles(RunTables run) {
        Optional<CsvTable> table = run.table(NAME);
        if (table.isEmpty()) {
            return Map.of();
        }
        CsvTable cost = CostInLossEvaluations.from(table.get());
        return cost.rows().isEmpty() ? Map.of()
                : Map.of(CostInLossEvaluations.STEM, Csv.format(cost, (column, cell) -> column.equals("basis")));
    }

    @Override
    public List<String> tableInputs() {
        return List.of(CostInLossEvaluations.STEM);
    }

    @Override
    public List<Figure> figures(RunTables run) {
        return run.table(CostInLossEvaluations.STEM)
                .map(t -> List.of(CostInLossEvaluations.chart(t, run.provenance(NAME)))).orElse(List.of());
    }

    @Override
    public List<KeyTable> keyTables(RunTables run) {
        return run.table(CostInLossEvaluations.STEM).map(t -> List.of(CostInLossEvaluations.table(t)))
                .orElse(List.of());
    }
}
