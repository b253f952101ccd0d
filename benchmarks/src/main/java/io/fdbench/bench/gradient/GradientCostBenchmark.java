package io.fdbench.bench.gradient;

import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.GradientCheck;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.nn.Backprop;
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
 * on models from 2-3-1 to 784-512-256-10 at batch 100, the parameters split over 1 or 2 threads
 * ({@code parameterWorkers}); and backprop with the batch rows split over 1 or 2 threads at batch
 * 1,000 ({@code backpropParallel}, {@code batchWorkers}).
 *
 * <p>Why: this is the project's question in one number. The CSV adds nanoseconds per parameter
 * (time ÷ parameters estimated), so models of any size and sampled rows compare on one scale, and
 * backprop's cost per parameter sits next to each finite-difference scheme's.
 *
 * <p>Large models are estimated on a seeded parameter sample ({@link GradientSampling}); each
 * estimator is checked against the double-precision reference in {@code @Setup} so a wrong
 * gradient is never timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Duser.language=en"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
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

        @Setup(Level.Trial)
        public void setUp() {
            w = Workload.of(model, batch);
            bp = new BackpropEstimator(w.model(), batch);
            grad = new float[w.model().parameterCount()];
            GradientCheck.Report r = GradientCheck.backpropAgainstReference(w.model(), w.theta(), w.batch(),
                    io.fdbench.engine.grad.ParameterSample.stratified(w.model(), 200, 1));
            if (!r.passed()) {
                throw new IllegalStateException("backprop disagrees with the reference:\n" + r.format());
            }
        }
    }

    /**
     * Backprop with the batch rows split over {@code batchWorkers} threads, at a batch large
     * enough for the split to pay: the two-thread speed-up of the exact gradient.
     */
    @State(Scope.Thread)
    public static class ParallelBackpropState {
        @Param({"784-50-10"})
        public String model;

        @Param({"1000"})
        public int batch;

        @Param({"1", "2"})
        public int batchWorkers;

        Workload w;
        BackpropEstimator bp;
        float[] grad;

        @Setup(Level.Trial)
        public void setUp() {
            w = Workload.of(model, batch);
            bp = new BackpropEstimator(w.model(), batch, batchWorkers);
            grad = new float[w.model().parameterCount()];
            float[] single = new float[grad.length];
            Backprop.gradient(w.model(), w.theta(), w.batch(), w.model().newState(batch), single);
            bp.gradient(w.theta(), w.batch(), grad);
            GradientCheck.Report r = GradientCheck.compare(w.model(), "backprop-" + batchWorkers + "-batch-workers", grad,
                    "backprop", single, null, 1e-5, 5);
            if (!r.passed()) {
                throw new IllegalStateException("threaded backprop disagrees with one thread:\n" + r.format());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            bp.close();
        }
    }

    /** A finite-difference scheme, its evaluation and the threads its parameters are split over. */
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

        @Param({"1", "2"})
        public int parameterWorkers;

        Workload w;
        FiniteDifference fd;
        int[] subset;
        float[] grad;

        @Setup(Level.Trial)
        public void setUp() {
            w = Workload.of(model, batch);
            Evaluation e = Evaluation.parse(evaluation);
            FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.parse(estimator), e, Precision.FLOAT)
                    .withParameterWorkers(parameterWorkers);
            fd = new FiniteDifference(w.model(), batch, c);
            subset = GradientSampling.subset(w.model(), e);
            grad = new float[w.model().parameterCount()];
            verify();
        }

        /** A sanity check, not an accuracy figure: float FD at the default step is within 10 % of backprop. */
        private void verify() {
            int[] check = subset != null ? subset
                    : io.fdbench.engine.grad.ParameterSample.stratified(w.model(), 2_000, 1);
            fd.gradient(w.theta(), w.batch(), grad, check);
            float[] exact = new float[grad.length];
            Backprop.gradient(w.model(), w.theta(), w.batch(), w.model().newState(batch), exact);
            GradientCheck.Report r = GradientCheck.compare(w.model(), fd.name(), grad, "backprop", exact, check,
                    0.1, 5);
            if (!r.passed()) {
                throw new IllegalStateException(fd.name() + " disagrees with backprop:\n" + r.format());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fd.close();
        }
    }

    @Benchmark
    public float[] backprop(BackpropState s) {
        s.bp.gradient(s.w.theta(), s.w.batch(), s.grad);
        return s.grad;
    }

    @Benchmark
    public float[] backpropParallel(ParallelBackpropState s) {
        s.bp.gradient(s.w.theta(), s.w.batch(), s.grad);
        return s.grad;
    }

    @Benchmark
    public float[] finiteDifference(FiniteDifferenceState s) {
        s.fd.gradient(s.w.theta(), s.w.batch(), s.grad, s.subset);
        return s.grad;
    }
}
