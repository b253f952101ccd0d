package io.fdbench.bench.roofline;

import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.grad.WorkModel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two input fractions {@link WorkModel} needs, of the batch a benchmark row works on:
 * {@code blank}, the inputs that are zero in every row of the batch (the GEMMs skip them), and
 * {@code zero}, the zero entries of the input (a first-layer weight moves only the other samples).
 * Computed once per workload or data set and batch size and cached, since every row of a table
 * asks again.
 */
public record InputFractions(double blank, double zero) {

    private static final Map<String, InputFractions> CACHE = new ConcurrentHashMap<>();

    /** The fractions of one batch. */
    public static InputFractions of(Batch batch) {
        float[] x = batch.x();
        long zeros = 0;
        int n = batch.size() * batch.features();
        for (int i = 0; i < n; i++) {
            if (x[i] == 0f) {
                zeros++;
            }
        }
        return new InputFractions(WorkModel.blankInputFraction(batch), n == 0 ? 0 : (double) zeros / n);
    }

    /** The fractions of the batch {@link Workload#of} builds for a gradient benchmark row (cached). */
    public static InputFractions ofWorkload(String model, int batch) {
        return CACHE.computeIfAbsent("workload " + model + " " + batch, k -> of(Workload.of(model, batch).batch()));
    }

    /**
     * The mean fractions over the consecutive batches of {@code batch} rows that cover a data set
     * (the last one shorter when the rows do not divide), each batch weighted by its rows; cached
     * under {@code key} (the data set's name). The work models are linear in both fractions, so
     * with equal batches the mean gives the epoch's exact total work for these batches; an
     * epoch shuffles its rows first, so its batches' blank fraction differs from the mean of the
     * unshuffled ones (the zero fraction does not: every row appears once per epoch).
     */
    public static InputFractions meanOverBatches(String key, Dataset data, int batch) {
        return CACHE.computeIfAbsent("data " + key + " " + batch, k -> {
            int rows = data.rows();
            int b = Math.min(batch, rows);
            double blank = 0;
            for (int from = 0; from < rows; from += b) {
                int count = Math.min(b, rows - from);
                blank += WorkModel.blankInputFraction(data.batch(from, count)) * count;
            }
            return new InputFractions(blank / rows, data.zeroFraction());
        });
    }
}
