package io.fdbench.bench.epoch;

import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.roofline.InputFractions;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.WorkModel;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The minimal work, in FLOP, of one epoch of an epoch-family row: per step, the gradient's work
 * ({@link WorkModel}: backprop, or the row's finite-difference scheme and evaluation over every
 * parameter) plus the SGD update θ −= η·g (one multiply-add, 2 FLOPs, per parameter), summed over
 * the epoch's steps. The input fractions are the mean over the data set's consecutive batches
 * ({@link InputFractions#meanOverBatches}): exact for the zero fraction, an approximation for the
 * blank fraction of the shuffled batches the epoch really draws. Empty when the data set cannot be
 * loaded here (Fashion-MNIST not installed).
 */
final class EpochWork {

    /** The epoch benchmarks' network ({@link EpochBenchmark.EpochState}). */
    static final int[] SIZES = {784, 50, 10};

    private static final Map<String, Optional<Dataset>> DATA = new ConcurrentHashMap<>();

    private EpochWork() {
    }

    static OptionalDouble flops(JmhRow row) {
        Optional<String> dataset = row.param("dataset");
        Optional<String> batchParam = row.param("batch");
        String method = row.benchmark().substring(row.benchmark().lastIndexOf('.') + 1);
        if (row.secondary() || dataset.isEmpty() || batchParam.isEmpty()
                || !(method.equals("backprop") || method.equals("finiteDifference"))) {
            return OptionalDouble.empty();
        }
        int batch;
        Scheme scheme;
        Evaluation evaluation;
        try {
            batch = Integer.parseInt(batchParam.get());
            scheme = Scheme.parse(row.param("estimator").orElse("central"));
            evaluation = Evaluation.parse(row.param("evaluation").orElse("incremental"));
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
        Optional<Dataset> data = DATA.computeIfAbsent(dataset.get(), EpochWork::load);
        if (batch < 1 || data.isEmpty()) {
            return OptionalDouble.empty();
        }
        int rows = data.get().rows();
        int b = Math.min(batch, rows);
        InputFractions f = InputFractions.meanOverBatches(dataset.get(), data.get(), b);
        double gradient = method.equals("backprop") ? WorkModel.backpropFlops(SIZES, b, f.blank())
                : WorkModel.flops(SIZES, b, f.blank(), f.zero(), scheme, evaluation);
        return OptionalDouble.of(perEpoch(rows, b, gradient, parameters()));
    }

    /**
     * Steps × (gradient + update): {@code ceil(rows / batch)} steps; a last, shorter batch is
     * counted as a full one (the benchmarks' batch sizes divide their data sets).
     */
    static double perEpoch(int rows, int batch, double gradientFlops, int parameters) {
        long steps = (rows + (long) batch - 1) / batch;
        return steps * (gradientFlops + 2.0 * parameters);
    }

    static int parameters() {
        int p = 0;
        for (int l = 0; l < SIZES.length - 1; l++) {
            p += SIZES[l] * SIZES[l + 1] + SIZES[l + 1];
        }
        return p;
    }

    private static Optional<Dataset> load(String dataset) {
        try {
            return Optional.of(EpochBenchmark.load(dataset));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
