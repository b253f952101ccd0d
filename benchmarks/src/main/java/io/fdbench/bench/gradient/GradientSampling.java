package io.fdbench.bench.gradient;

import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.GradientCheck;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.tuning.Tuning;
import io.fdbench.engine.nn.Backprop;
import io.fdbench.engine.nn.Mlp;

/**
 * How many parameters a finite-difference benchmark estimates, and the check it runs before
 * timing. Models whose full gradient would take too long are measured on a fixed, seeded sample
 * spread over every layer, and the per-parameter cost is the time divided by the sampled count
 * (the CSV gives both counts).
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

    /**
     * The answer check a finite-difference benchmark runs in {@code @Setup} before timing: a
     * sanity check, not an accuracy figure. Float finite differences at the default step agree
     * with backprop within 10 % on the parameters the row estimates (or a 2,000-parameter
     * stratified sample when it estimates all); otherwise the run fails instead of timing a wrong
     * gradient.
     */
    public static void checkAgainstBackprop(Workload w, GradientEstimator fd, int[] subset, float[] grad) {
        int[] check = subset != null ? subset : ParameterSample.stratified(w.model(), 2_000, 1);
        fd.gradient(w.theta(), w.batch(), grad, check);
        float[] exact = new float[grad.length];
        Backprop.gradient(w.model(), w.theta(), w.batch(), w.model().newState(w.batch().size()), exact);
        GradientCheck.Report r = GradientCheck.compare(w.model(), fd.name(), grad, "backprop", exact, check, 0.1, 5);
        if (!r.passed()) {
            throw new IllegalStateException(fd.name() + " disagrees with backprop:\n" + r.format());
        }
    }
}
