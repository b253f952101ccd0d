package io.fdbench.bench.gradient;

import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.kernel.Tuning;
import io.fdbench.engine.nn.Mlp;

/**
 * How many parameters a finite-difference benchmark estimates. Models whose full gradient would
 * take too long are measured on a fixed, seeded sample spread over every layer, and the
 * per-parameter cost is the time divided by the sampled count (the CSV gives both counts).
 */
public final class GradientSampling {

    /** Sample above this many parameters under FULL evaluation ({@link Tuning#SAMPLE_ABOVE_FULL}). */
    public static final int FULL_LIMIT = Tuning.SAMPLE_ABOVE_FULL;
    /** Sample above this many parameters under INCREMENTAL evaluation ({@link Tuning#SAMPLE_ABOVE_INCREMENTAL}). */
    public static final int INCREMENTAL_LIMIT = Tuning.SAMPLE_ABOVE_INCREMENTAL;
    /** Sample size when sampling ({@link Tuning#SAMPLE_SIZE}). */
    public static final int SAMPLE = Tuning.SAMPLE_SIZE;
    public static final long SEED = 7L;

    private GradientSampling() {
    }

    /** The indices to estimate, or null for all. */
    public static int[] subset(Mlp model, Evaluation evaluation) {
        int limit = evaluation == Evaluation.FULL ? FULL_LIMIT : INCREMENTAL_LIMIT;
        if (model.parameterCount() <= limit) {
            return null;
        }
        return ParameterSample.stratified(model, SAMPLE, SEED);
    }

    /** The number of parameters a benchmark row estimated. */
    public static int estimatedCount(Mlp model, Evaluation evaluation) {
        int[] s = subset(model, evaluation);
        return s == null ? model.parameterCount() : s.length;
    }
}
