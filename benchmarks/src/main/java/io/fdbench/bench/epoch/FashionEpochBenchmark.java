package io.fdbench.bench.epoch;

import io.fdbench.bench.family.ForkFlags;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.kernel.ParallelKernel;
import io.fdbench.engine.train.TrainingResult;
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
 * What it measures: one epoch of backprop SGD (784-50-10 sigmoid / softmax-CE, learning rate 0.1)
 * over the 60,000 Fashion-MNIST training images from Debian's {@code dataset-fashion-mnist}.
 *
 * <p>Why: the full-size epoch is the figure NumPy and PyTorch peers are compared on
 * (scripts/peers). Finite differences are left out here: at 60,000 images one of their epochs
 * takes minutes; their MNIST-10k epochs in {@link EpochBenchmark} scale linearly in the rows.
 * The suite runs this family only when the data folder exists. {@code gemmWorkers=2} splits each
 * large product over both cores ({@code ParallelKernel}), as the peers' BLAS does at 2 threads:
 * the issue compares each side at its best thread count.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = EpochFamily.FORKS, jvmArgsPrepend = {ForkFlags.VECTOR_MODULE, ForkFlags.LANGUAGE})
@Warmup(iterations = EpochFamily.WARMUP_ITERATIONS, time = EpochFamily.ITERATION_SECONDS)
@Measurement(iterations = EpochFamily.MEASUREMENT_ITERATIONS, time = EpochFamily.ITERATION_SECONDS)
public class FashionEpochBenchmark {

    @State(Scope.Thread)
    public static class BackpropEpoch extends EpochBenchmark.EpochState {
        @Param({"10", "100", "60000"})
        public int batch;

        @Param({EpochBenchmark.FASHION})
        public String dataset;

        /** Threads each large product is split over (a {@link ParallelKernel} above 1), as a multi-threaded BLAS. */
        @Param({"1", "2"})
        public int gemmWorkers;

        private ParallelKernel parallel;

        @Setup(Level.Trial)
        public void setUp() {
            Kernel kernel = Kernels.best();
            if (gemmWorkers > 1) {
                parallel = new ParallelKernel(kernel, gemmWorkers);
                kernel = Kernel.of(parallel);
            }
            prepare(dataset, batch, kernel, m -> new BackpropEstimator(m, Math.min(batch, train.rows())));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (parallel != null) {
                parallel.close();
            }
        }
    }

    @Benchmark
    public TrainingResult backprop(BackpropEpoch s) {
        return s.epoch();
    }
}
