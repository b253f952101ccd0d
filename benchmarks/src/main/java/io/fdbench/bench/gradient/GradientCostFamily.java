package io.fdbench.bench.gradient;

import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.suite.Family;
import io.fdbench.bench.suite.Settings;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The gradient-cost family in the suite: 5 backprop rows, 2 threaded-backprop rows (batch 1,000,
 * 1 and 2 threads) and 60 finite-difference rows (3 schemes × 2 evaluations × 5 models × 1 and 2
 * threads). Full: 1 fork, 4×1 s warmup (vector code runs
 * interpreted, ten times slower, until C2 compiles it), 5×1 s measurement (5 samples keep the
 * 99.9 % error bar usable: with 3 it is ±31.6 standard errors).
 * Quick: models 2-3-1 and 784-50-10, 1 thread, 2×500 ms warmup, 2×200 ms measurement.
 *
 * <p>Derived columns: {@code parameters} (the model's total), {@code estimated} (parameters the
 * row estimated: all, or the seeded sample of {@link GradientSampling}), {@code sampled} (true when
 * estimated &lt; parameters) and {@code ns/param} (seconds per op ÷ estimated × 10⁹).
 */
public final class GradientCostFamily {

    public static final Settings FULL = Settings.of(1, 4, "1s", 5, "1s");
    public static final Settings QUICK = Settings.of(1, 2, "500ms", 2, "200ms");

    public static final DerivedColumns COLUMNS = DerivedColumns.of(
            List.of("parameters", "estimated", "sampled", "ns/param"), GradientCostFamily::values);

    public static final Family FAMILY = new Family("gradient", GradientCostBenchmark.class, FULL, QUICK, COLUMNS,
            info -> Map.of(), Map.of("model", List.of("2-3-1", "784-50-10"), "threads", List.of("1")));

    private GradientCostFamily() {
    }

    static List<String> values(JmhRow row) {
        Optional<String> model = row.param("model");
        boolean backprop = row.benchmark().contains(".backprop");
        if (model.isEmpty() || (!backprop && row.param("estimator").isEmpty())) {
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
        OptionalDouble seconds = row.secondsPerOp();
        String perParam = seconds.isPresent() ? Num.format(seconds.getAsDouble() / estimated * 1e9) : "";
        return List.of(Integer.toString(total), Integer.toString(estimated), Boolean.toString(estimated < total),
                perParam);
    }
}
