package io.fdbench.bench.epoch;

import io.fdbench.bench.family.Availability;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.engine.data.MnistData;

import java.util.List;
import java.util.Map;

/**
 * The {@code epoch-fashion} family: one backprop epoch over the 60,000 Fashion-MNIST training
 * images ({@link FashionEpochBenchmark}) at batch 10, 100 and 60,000, each product on 1 or 2
 * threads; the same settings and derived columns as {@link EpochFamily}. It can run only where
 * Debian's {@code dataset-fashion-mnist} is installed.
 */
public final class FashionEpochFamily implements JmhFamily {

    public static final String NAME = "epoch-fashion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "time per backprop epoch over Fashion-MNIST's 60,000 images, 1 and 2 threads per product";
    }

    @Override
    public Availability availability() {
        return MnistData.isPresent(MnistData.FASHION_MNIST_DIR) ? Availability.AVAILABLE
                : Availability.missing(MnistData.FASHION_MNIST_DIR + " not found (apt-get install dataset-fashion-mnist)");
    }

    @Override
    public List<Class<?>> benchmarks() {
        return List.of(FashionEpochBenchmark.class);
    }

    @Override
    public RunSettings quickSettings() {
        return EpochFamily.QUICK;
    }

    @Override
    public Map<String, List<String>> params(ForkInfo forks, Profile profile) {
        return profile == Profile.QUICK ? Map.of("batch", List.of("100")) : Map.of();
    }

    @Override
    public DerivedColumns derived() {
        return EpochFamily.COLUMNS;
    }

    @Override
    public List<Figure> figures(RunTables run) {
        return run.table(NAME).map(t -> EpochChart.draw("epoch-fashion-mnist", "Fashion-MNIST", t, run.provenance(NAME)))
                .orElse(List.of());
    }
}
