package io.fdbench.bench.cost;

import io.fdbench.bench.family.ForkFlags;
import io.fdbench.bench.gradient.GradientSampling;
import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.grad.EstimatorKind;
import io.fdbench.engine.grad.EstimatorOption;
import io.fdbench.engine.grad.EstimatorOptions;
import io.fdbench.engine.grad.Estimators;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.nn.ForwardState;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What it measures: the time of one loss evaluation ({@link #loss}: the float forward pass and mean
 * loss of a batch) and the time of one gradient of every registered estimator ({@link #gradient},
 * with its default settings: incremental evaluation, the default step, one direction), on the same
 * models and batch, in one run.
 *
 * <p>Why: a gradient's time divided by a loss evaluation's time, both measured here, is its cost in
 * loss evaluations, the machine-independent figure of ADBench (arXiv 1807.10129): backprop should
 * sit within Griewank's cheap-gradient bound (about 3–5), the classic central difference at 2P,
 * incremental evaluation below that. The cost family writes that ratio
 * ({@link CostInLossEvaluations}). The {@code :lossEvaluations} counter is the number of loss
 * evaluations the estimator itself counted, so the score divided by it gives the time per counted
 * evaluation and the ratio of the two rows the count per gradient: counted, not assumed.
 *
 * <p>An estimator that estimates a parameter subset only (the per-parameter ones) runs on the
 * seeded sample of {@link GradientSampling} where the gradient family samples its evaluation, and
 * on the whole gradient otherwise, and counts the parameters it estimated ({@code :kiloParameters});
 * the others compute every entry.
 * Deterministic estimators are checked against backprop in {@code @Setup} before timing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = CostFamily.FORKS, jvmArgsPrepend = {ForkFlags.VECTOR_MODULE, ForkFlags.LANGUAGE})
@Warmup(iterations = CostFamily.WARMUP_ITERATIONS, time = CostFamily.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = CostFamily.MEASUREMENT_ITERATIONS, time = CostFamily.ITERATION_MILLIS,
        timeUnit = TimeUnit.MILLISECONDS)
public class EstimatorCostBenchmark {

    /** The label of {@link Counters#lossEvaluations} in JMH's output. */
    static final String LOSS_EVALUATIONS_COUNTER = "lossEvaluations";
    /** The label of {@link Counters#kiloParameters} in JMH's output. */
    static final String KILO_PARAMETERS_COUNTER = "kiloParameters";

    /** One loss evaluation of the batch: the denominator of every cost. */
    @State(Scope.Thread)
    public static class LossState {
        @Param({"2-3-1", "64-32-10", "784-50-10", "784-256-10", "784-512-256-10"})
        public String model;

        @Param({"100"})
        public int batch;

        Workload w;
        ForwardState state;

        @Setup(Level.Trial)
        public void setUp() {
            w = Workload.of(model, batch);
            state = w.model().newState(batch);
        }
    }

    /** One registered estimator, by name, with its default options. */
    @State(Scope.Thread)
    public static class EstimatorState {
        /** Every name of {@link Estimators#all()}; a test keeps the two lists equal. */
        @Param({"backprop", "forward", "backward", "central", "five-point", "richardson", "adaptive", "complex-step",
                "spsa", "gaussian", "forward-gradient"})
        public String estimator;

        @Param({"2-3-1", "64-32-10", "784-50-10"})
        public String model;

        @Param({"100"})
        public int batch;

        Workload w;
        GradientEstimator e;
        int[] subset;
        float[] grad;
        double kiloParameters;

        @Setup(Level.Trial)
        public void setUp() {
            w = Workload.of(model, batch);
            EstimatorKind kind = Estimators.kind(estimator);
            e = kind.create(w.model(), batch, EstimatorOptions.defaults());
            grad = new float[w.model().parameterCount()];
            // A per-parameter estimator is timed on the seeded sample where the gradient family samples
            // its evaluation (FULL above 5,000 parameters, INCREMENTAL above 250,000): a sample breaks
            // the groups incremental evaluation shares work across (13x dearer per parameter on
            // 784-50-10), so an incremental row runs on the whole gradient. Whether the estimator
            // honours a subset at all shows in the entries it leaves untouched.
            EstimatorOptions o = EstimatorOptions.defaults();
            Evaluation evaluation = kind.reads(EstimatorOption.EVALUATION) ? o.evaluation() : Evaluation.FULL;
            int[] sample = GradientSampling.subset(w.model(), evaluation);
            Arrays.fill(grad, Float.NaN);
            e.gradient(w.theta(), w.batch(), grad, sample);
            boolean perParameter = sample != null && Float.isNaN(grad[firstOutside(sample, grad.length)]);
            subset = perParameter ? sample : null;
            kiloParameters = (subset == null ? grad.length : subset.length) / 1000.0;
            if (!kind.reads(EstimatorOption.DIRECTIONS)) {
                GradientSampling.checkAgainstBackprop(w, e, subset, grad);
            } else {
                for (float g : grad) {
                    if (!Float.isFinite(g)) {
                        throw new IllegalStateException(estimator + " gave a non-finite gradient entry");
                    }
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            e.close();
        }

        private static int firstOutside(int[] sorted, int n) {
            for (int i = 0; i < n; i++) {
                if (i >= sorted.length || sorted[i] != i) {
                    return i;
                }
            }
            throw new IllegalStateException("the sample holds every parameter");
        }
    }

    /**
     * Per call: the thousands of parameters estimated and the loss evaluations the estimator
     * counted; JMH reports the time per thousand parameters and per counted evaluation.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public double kiloParameters;
        public double lossEvaluations;
    }

    @Benchmark
    public float loss(LossState s) {
        return s.w.model().forward(s.w.theta(), s.w.batch(), s.state);
    }

    @Benchmark
    public float[] gradient(EstimatorState s, Counters c) {
        long before = s.e.lossEvaluations();
        s.e.gradient(s.w.theta(), s.w.batch(), s.grad, s.subset);
        c.lossEvaluations += s.e.lossEvaluations() - before;
        c.kiloParameters += s.kiloParameters;
        return s.grad;
    }
}
