package io.fdbench.bench.epoch;

import io.fdbench.bench.gradient.GradientCostFamily;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The epochs that are not run: FULL-evaluation finite differences over MNIST-10k (about half an
 * hour per scheme), extrapolated from the gradient family's measured FULL rows of 784-50-10 at
 * batch 100: seconds per epoch = 80 steps × (ns per parameter × 39,760 parameters). Every row says
 * it is extrapolated and from what.
 */
public final class FullEpochExtrapolation {

    public static final List<String> HEADER = List.of("estimator", "evaluation", "model", "batch", "parameterWorkers",
            "dataset", "steps", "gradient_seconds", "epoch_seconds", "kind", "source");

    private static final int ROWS = 8_000;
    private static final int PARAMETERS = 784 * 50 + 50 + 50 * 10 + 10;

    private FullEpochExtrapolation() {
    }

    /** The extrapolated rows from a gradient-family table (JMH columns plus {@code ns/param}). */
    public static CsvTable from(CsvTable gradient, String sourceName) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> cells : gradient.rows()) {
            JmhRow row = new JmhRow(gradient.header(), cells);
            if (!row.benchmark().endsWith(".finiteDifference")
                    || !row.param("evaluation").orElse("").equals("full")
                    || !row.param("model").orElse("").equals("784-50-10")
                    || !row.param("batch").orElse("").equals("100")) {
                continue;
            }
            OptionalDouble seconds = OptionalDouble.empty();
            if (gradient.header().contains(GradientCostFamily.NS_PER_PARAM) && !row.cell(GradientCostFamily.NS_PER_PARAM).isEmpty()) {
                seconds = OptionalDouble.of(Num.parse(row.cell(GradientCostFamily.NS_PER_PARAM)) * 1e-9 * PARAMETERS);
            }
            if (seconds.isEmpty()) {
                continue;
            }
            int steps = ROWS / 100;
            rows.add(List.of(row.param("estimator").orElse(""), "full", "784-50-10", "100",
                    row.param("parameterWorkers").orElse("1"), EpochBenchmark.MNIST_10K, Integer.toString(steps),
                    Num.format(seconds.getAsDouble()), Num.format(seconds.getAsDouble() * steps), "extrapolated",
                    sourceName + " ns/param × " + PARAMETERS + " parameters × " + steps + " steps"));
        }
        return new CsvTable(HEADER, rows);
    }
}
