package io.fdbench.bench.gradient;

import io.fdbench.bench.family.ForkFlags;
import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.GradientCheck;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.nn.Backprop;
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

import java.util.concurrent.TimeUnit;

/**
 * What it measures: the time of one gradient of the mean batch loss (float), by backpropagation
 * and by forward, backward and central finite differences with FULL and INCREMENTAL evaluation,
 * on models from 2-3-1 to 784-512-256-10 at batch 100, on one thread ({@link WorkerScalingBenchmark}
 * measures two).
 *
 * <p>Why: this is the project's question in one number. Each call counts the parameters it
 * estimated in thousands ({@link Parameters}), so JMH reports the microseconds per thousand
 * parameters, that is the nanoseconds per parameter, with its own error bar on the
 * {@code :kiloParameters} row: models of any size and sampled rows compare on one scale, and
 * backprop's cost per parameter sits next to each finite-difference scheme's.
 *
 * <p>Large models are estimated on a seeded parameter sample ({@link GradientSampling}); each
 * estimator is checked against the double-precision reference in {@code @Setup} so a wrong
 * gradient is never timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = GradientCostFamily.FORKS, jvmArgsPrepend = {ForkFlags.VECTOR_MODULE, ForkFlags.LANGUAGE})
@Warmup(iterations = GradientCostFamily.WARMUP_ITERATIONS, time = GradientCostFamily.ITERATION_SECONDS)
@Measurement(iterations = GradientCostFamily.MEASUREMENT_ITERATIONS, time = GradientCostFamily.ITERATION_SECONDS)
public class GradientCostBenchmark {

    /**
     * Backpropagation: one forward and one backward pass. Its rows are the {@code backprop}
     * method; the {@code estimator} parameter belongs to finite differences only, so that
     * {@code -p estimator=central} never relabels a backprop row.
     */
    @State(Scope.Thread)
    public static class BackpropState {
        @Param({"2-3-1", "64-32-10", "784-50-10", "784-256-10", "784-512-256-10"})
        public String model;

        @Param({"100"})
        public int batch;

        Workload w;
        BackpropEstimator bp;
        float[] grad;
        double kiloParameters;

        @Setup(Level.Trial)
        public void setUp() {
            w = Workload.of(model, batch);
            bp = new BackpropEstimator(w.model(), batch);
            grad = new float[w.model().parameterCount()];
            kiloParameters = grad.length / 1000.0;
            GradientCheck.Report r = GradientCheck.backpropAgainstReference(w.model(), w.theta(), w.batch(),
                    io.fdbench.engine.grad.ParameterSample.stratified(w.model(), 200, 1));
            if (!r.passed()) {
                throw new IllegalStateException("backprop disagrees with the reference:\n" + r.format());
            }
        }
    }

    /** A finite-difference scheme and its evaluation, on one thread. */
    @State(Scope.Thread)
    public static class FiniteDifferenceState {
        @Param({"forward", "backward", "central"})
        public String estimator;

        @Param({"full", "incremental"})
        public String evaluation;

        @Param({"2-3-1", "64-32-10", "784-50-10", "784-256-10", "784-512-256-10"})
        public String model;

        @Param({"100"})
        public int batch;

        Workload w;
        FiniteDifference fd;
        int[] subset;
        float[] grad;
        double kiloParameters;

        @Setup(Level.Trial)
        public void setUp() {
            w = Workload.of(model, batch);
            Evaluation e = Evaluation.parse(evaluation);
            FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.parse(estimator), e, Precision.FLOAT);
            fd = new FiniteDifference(w.model(), batch, c);
            subset = GradientSampling.subset(w.model(), e);
            grad = new float[w.model().parameterCount()];
            kiloParameters = (subset == null ? grad.length : subset.length) / 1000.0;
            GradientSampling.checkAgainstBackprop(w, fd, subset, grad);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fd.close();
        }
    }

    /**
     * Thousands of parameters estimated: JMH reports the time per thousand parameters on the
     * {@code :kiloParameters} row, which in µs is the nanoseconds per parameter.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Parameters {
        public double kiloParameters;
    }

    @Benchmark
    public float[] backprop(BackpropState s, Parameters p) {
        p.kiloParameters += s.kiloParameters;
        s.bp.gradient(s.w.theta(), s.w.batch(), s.grad);
        return s.grad;
    }

    @Benchmark
    public float[] finiteDifference(FiniteDifferenceState s, Parameters p) {
        p.kiloParameters += s.kiloParameters;
        s.fd.gradient(s.w.theta(), s.w.batch(), s.grad, s.subset);
        return s.grad;
    }
}
