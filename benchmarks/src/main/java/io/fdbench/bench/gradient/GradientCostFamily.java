package io.fdbench.bench.gradient;

import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.roofline.Roofline;
import io.fdbench.bench.roofline.RooflineColumns;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The gradient-cost family: {@link GradientCostBenchmark} (5 backprop rows and 30 one-thread
 * finite-difference rows: 3 schemes × 2 evaluations × 5 models) and {@link WorkerScalingBenchmark}
 * (backprop at batch 1,000 and the central difference on 3 models × 2 evaluations, each on 1 and
 * 2 threads), 49 rows. Full profile (the annotations, from the constants below): 2 forks, each 3×1
 * s warmup (vector code runs interpreted, ten times slower, until C2 compiles it) and 3×1 s
 * measured: 6 samples over 2 JVMs, so a fork whose JIT went another way shows (about 12 min on 2
 * cores). Quick: models 2-3-1 and 784-50-10, 1 fork, 2×500 ms warmup, 2×200 ms measured.
 *
 * <p>Derived columns: {@code parameters} (the model's total), {@code estimated} (parameters the
 * row estimated: all, or the seeded sample of {@link GradientSampling}), {@code sampled} (true when
 * estimated &lt; parameters) and {@code ns/param}, the benchmark's own {@code :kiloParameters}
 * counter (µs per thousand parameters estimated); then the roofline's {@code work_gflop} and
 * {@code gflops} per gradient ({@link GradientWork}).
 *
 * <p>This family also hosts the roofline of the run ({@link Roofline}): {@code roofline.csv}, its
 * chart and key table, over every table with the roofline columns (this one and the epochs'),
 * against the kernel family's FMA peak. It lives here because the gradient table is the one the
 * roofline is about and always has those columns; the {@code roofline} package knows no family.
 */
public final class GradientCostFamily implements JmhFamily {

    public static final String NAME = "gradient";

    public static final String PARAMETERS = "parameters";
    public static final String ESTIMATED = "estimated";
    public static final String SAMPLED = "sampled";
    public static final String NS_PER_PARAM = "ns/param";

    /** The counter's label in JMH's output (the field of {@link GradientCostBenchmark.Parameters}). */
    static final String KILO_PARAMETERS_COUNTER = "kiloParameters";

    /** Full-profile settings, read by the benchmark classes' annotations. */
    static final int FORKS = 2;
    static final int WARMUP_ITERATIONS = 3;
    static final int MEASUREMENT_ITERATIONS = 3;
    static final int ITERATION_SECONDS = 1;

    public static final DerivedColumns COLUMNS = RooflineColumns.after(
            List.of(PARAMETERS, ESTIMATED, SAMPLED, NS_PER_PARAM), GradientCostFamily::values, GradientWork::flops);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "time per gradient and per parameter: backprop and forward/backward/central differences,"
                + " full and incremental evaluation, 1 and 2 worker threads";
    }

    @Override
    public List<Class<?>> benchmarks() {
        return List.of(GradientCostBenchmark.class, WorkerScalingBenchmark.class);
    }

    @Override
    public RunSettings quickSettings() {
        return RunSettings.of(1, 2, "500ms", 2, "200ms");
    }

    @Override
    public Map<String, List<String>> params(ForkInfo forks, Profile profile) {
        return profile == Profile.QUICK ? Map.of("model", List.of("2-3-1", "784-50-10")) : Map.of();
    }

    @Override
    public DerivedColumns derived() {
        return COLUMNS;
    }

    static List<String> values(JmhRow row) {
        Optional<String> model = row.param("model");
        boolean backprop = row.benchmark().endsWith(".backprop");
        boolean fd = row.benchmark().endsWith(".finiteDifference");
        if (model.isEmpty() || !(backprop || fd)) {
            return List.of("", "", "", "");
        }
        int[] sizes;
        try {
            sizes = Mlp.parseSizes(model.get());
        } catch (IllegalArgumentException e) {
            return List.of("", "", "", "");
        }
        Loss loss = Loss.forOutputs(sizes[sizes.length - 1]);
        Mlp m = new Mlp(sizes, Activation.SIGMOID, loss, Kernels.scalar());
        int total = m.parameterCount();
        int estimated = backprop ? total
                : GradientSampling.estimatedCount(m, Evaluation.parse(row.param("evaluation").orElse("full")));
        OptionalDouble usPerKilo = row.secondaryResult(KILO_PARAMETERS_COUNTER)
                .map(JmhRow::secondsPerOp).orElse(OptionalDouble.empty());
        String perParam = usPerKilo.isPresent() ? Num.format(usPerKilo.getAsDouble() * 1e6) : "";
        return List.of(Integer.toString(total), Integer.toString(estimated), Boolean.toString(estimated < total),
                perParam);
    }

    @Override
    public Map<String, String> derivedFiles(RunTables run) {
        return Roofline.derivedFiles(run);
    }

    @Override
    public List<Figure> figures(RunTables run) {
        List<Figure> figures = new ArrayList<>(
                run.table(NAME).map(t -> GradientCostChart.draw(t, run.provenance(NAME))).orElse(List.of()));
        figures.addAll(Roofline.figures(run));
        return figures;
    }

    @Override
    public List<KeyTable> keyTables(RunTables run) {
        List<KeyTable> tables = new ArrayList<>(run.table(NAME).map(GradientCostChart::tables).orElse(List.of()));
        tables.addAll(Roofline.keyTables(run));
        return tables;
    }
}
