package io.fdbench.bench.depth;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.DerivedColumns;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code depth} family: {@link DepthCostBenchmark}, the time per parameter of one gradient
 * (float32, batch 100, one thread) on {@link #MODELS}, 1 to 5 hidden layers of 64 units, by
 * backprop and by the central difference with INCREMENTAL and FULL evaluation: 15 rows. After the
 * run it writes {@code depth-slope.csv} ({@link DepthSlope}): per method the least-squares slope of
 * ns per parameter against the number of hidden layers, beside the same fit of the engine's work
 * model.
 *
 * <p>Full profile (the annotations, from the constants below): 2 forks, each 2 × 1 s warmup and
 * 3 × 1 s measured: two warmup iterations, not the gradient family's three, to keep the family
 * near 4 minutes, 15 × 2 × (5 s + about 2 s of start-up and {@code @Setup} checks) ≈ 3.5 min plus
 * the deep rows' overrun, so that it stays in the default suite (a family may add about 5
 * minutes). Every row runs many calls per iteration except the deepest INCREMENTAL ones, about a
 * second per gradient when this family was written (sized with single calls, not timed), whose
 * iterations are one or two calls each; their error bars say how settled they are.
 * Quick: 784-64-10 and 784-64-64-10, 1 fork, 1 × 500 ms warmup, 2 × 500 ms measured (6 rows, a few
 * seconds each).
 */
public final class DepthFamily implements JmhFamily {

    public static final String NAME = "depth";

    /** The models, shallowest first: 784 inputs, 1 to 5 hidden layers of 64, 10 classes. */
    public static final List<String> MODELS = List.of("784-64-10", "784-64-64-10", "784-64-64-64-10",
            "784-64-64-64-64-10", "784-64-64-64-64-64-10");

    /** The models of the quick profile: two depths, so the slope file still has a line per method. */
    public static final List<String> QUICK_MODELS = MODELS.subList(0, 2);

    /** Full-profile settings, read by the benchmark class's annotations. */
    static final int FORKS = 2;
    static final int WARMUP_ITERATIONS = 2;
    static final int MEASUREMENT_ITERATIONS = 3;
    static final int ITERATION_SECONDS = 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "cost per parameter against depth (784-64×L-10, L = 1..5): backprop and the central difference,"
                + " incremental and full evaluation, with the fitted slope beside the work model's";
    }

    @Override
    public List<Class<?>> benchmarks() {
        return List.of(DepthCostBenchmark.class);
    }

    @Override
    public RunSettings quickSettings() {
        return RunSettings.of(1, 1, "500ms", 2, "500ms");
    }

    @Override
    public Map<String, List<String>> params(ForkInfo forks, Profile profile) {
        return profile == Profile.QUICK ? Map.of("model", QUICK_MODELS) : Map.of();
    }

    @Override
    public DerivedColumns derived() {
        return DepthPoint.COLUMNS;
    }

    @Override
    public Map<String, String> derivedFiles(RunTables run) {
        Optional<CsvTable> table = run.table(NAME);
        if (table.isEmpty()) {
            return Map.of();
        }
        CsvTable slope = DepthSlope.from(table.get());
        return slope.rows().isEmpty() ? Map.of()
                : Map.of(DepthSlope.STEM, Csv.format(slope, (column, cell) -> !DepthSlope.NUMERIC.contains(column)));
    }

    @Override
    public List<String> tableInputs() {
        return List.of(DepthSlope.STEM);
    }

    @Override
    public List<Figure> figures(RunTables run) {
        return run.table(NAME).map(t -> DepthSlope.figures(t, run.table(DepthSlope.STEM), run.provenance(NAME)))
                .orElse(List.of());
    }

    @Override
    public List<KeyTable> keyTables(RunTables run) {
        return run.table(DepthSlope.STEM).filter(s -> !s.rows().isEmpty())
                .map(s -> List.of(DepthSlope.table(s, run.table(NAME)))).orElse(List.of());
    }
}
