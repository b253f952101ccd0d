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
 * What it measures: how the gradient's time scales from one worker thread to two, side by side in
 * one run: backprop split over the batch rows at batch 1,000 ({@code backpropScaling}), and the
 * central difference split over the parameters with FULL and INCREMENTAL evaluation on the three
 * MNIST-sized models at batch 100 ({@code finiteDifferenceScaling}).
 *
 * <p>Why: finite differences are embarrassingly parallel over parameters and backprop is not, so
 * the speed-up on this machine's two cores is part of the answer; the ratio is quoted only
 * between rows of this class, measured in the same run.
 *
 * <p>Each threaded estimator is checked in {@code @Setup} against the one-thread result (backprop,
 * within float round-off) or backprop (finite differences, within 10 %), so a wrong split is
 * never timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = GradientCostFamily.FORKS, jvmArgsPrepend = {ForkFlags.VECTOR_MODULE, ForkFlags.LANGUAGE})
@Warmup(iterations = GradientCostFamily.WARMUP_ITERATIONS, time = GradientCostFamily.ITERATION_SECONDS)
@Measurement(iterations = GradientCostFamily.MEASUREMENT_ITERATIONS, time = GradientCostFamily.ITERATION_SECONDS)
public class WorkerScalingBenchmark {

    /** Backprop split over threads by batch rows, at a batch large enough for the split to pay. */
    @State(Scope.Thread)
    public static class BackpropScaling {
        @Param({"784-50-10"})
        public String model;

        @Param({"1000"})
        public int batch;

        /** Threads the batch rows are split over. */
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
            GradientCheck.Report r = GradientCheck.compare(w.model(), "backprop-" + batchWorkers + "-workers", grad,
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

    /** The central difference split over threads by parameters. */
    @State(Scope.Thread)
    public static class FiniteDifferenceScaling {
        @Param({"full", "incremental"})
        public String evaluation;

        @Param({"784-50-10", "784-256-10", "784-512-256-10"})
        public String model;

        @Param({"100"})
        public int batch;

        /** Threads the parameters are split over. */
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
            FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, e, Precision.FLOAT)
                    .withParameterWorkers(parameterWorkers);
            fd = new FiniteDifference(w.model(), batch, c);
            subset = GradientSampling.subset(w.model(), e);
            grad = new float[w.model().parameterCount()];
            GradientSampling.checkAgainstBackprop(w, fd, subset, grad);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fd.close();
        }
    }

    @Benchmark
    public float[] backpropScaling(BackpropScaling s) {
        s.bp.gradient(s.w.theta(), s.w.batch(), s.grad);
        return s.grad;
    }

    @Benchmark
    public float[] finiteDifferenceScaling(FiniteDifferenceScaling s) {
        s.fd.gradient(s.w.theta(), s.w.batch(), s.grad, s.subset);
        return s.grad;
    }
}
