package io.fdbench.bench.epoch;

import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.suite.Family;
import io.fdbench.bench.suite.Settings;
import io.fdbench.engine.data.MnistData;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The epoch families in the suite. {@code epoch}: backprop and each finite-difference scheme
 * (INCREMENTAL) at batch 10, 100 and 8,000 on MNIST-10k. {@code epoch-fashion}: backprop at batch
 * 10, 100 and 60,000 on Fashion-MNIST, skipped when its folder is absent. Average time per epoch
 * over time-based iterations, each running whole epochs (at least one): 4×1 s warmup, because a
 * 10 ms epoch measured single-shot would time the interpreter and C1 before C2 has compiled the
 * vector code, then 5×1 s measured (quick: 1×1 s and 1×1 s, batch 100 only). Derived columns:
 * {@code rows} and {@code steps} per epoch.
 */
public final class EpochFamily {

    public static final Settings FULL = Settings.of(1, 4, "1s", 5, "1s");
    public static final Settings QUICK = Settings.of(1, 1, "1s", 1, "1s");

    public static final DerivedColumns COLUMNS = DerivedColumns.of(List.of("rows", "steps"), EpochFamily::values);

    public static final Family FAMILY = new Family("epoch", EpochBenchmark.class, FULL, QUICK, COLUMNS,
            info -> Map.of(), Map.of("batch", List.of("100")));

    public static final Family FASHION = new Family("epoch-fashion", FashionEpochBenchmark.class, FULL, QUICK,
            COLUMNS, info -> Map.of(), Map.of("batch", List.of("100")));

    private EpochFamily() {
    }

    /** Why {@link #FASHION} cannot run here, if it cannot. */
    public static Optional<String> fashionSkipReason() {
        return MnistData.isPresent(MnistData.FASHION_MNIST_DIR) ? Optional.empty()
                : Optional.of(MnistData.FASHION_MNIST_DIR + " not found (apt-get install dataset-fashion-mnist)");
    }

    static List<String> values(JmhRow row) {
        Optional<String> dataset = row.param("dataset");
        Optional<String> batch = row.param("batch");
        if (dataset.isEmpty() || batch.isEmpty()) {
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
}
