package io.fdbench.bench.epoch;

import io.fdbench.bench.family.ForkFlags;
import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.train.Trainer;
import io.fdbench.engine.train.TrainingConfig;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * What it measures: the wall time of one epoch of mini-batch SGD (learning rate 0.1, seeded
 * shuffling) of a 784-50-10 sigmoid / softmax-CE network over the 8,000 MNIST-10k training
 * digits. Batch sizes 10, 100 and the full set (full-batch gradient descent: one step per epoch).
 * {@link FashionEpochBenchmark} does the same for backprop over 60,000 Fashion-MNIST images.
 *
 * <p>Why: the cost of a gradient only matters through what it costs to train. Backprop and each
 * finite-difference scheme with INCREMENTAL evaluation run here. A
 * FULL-evaluation epoch would take about half an hour per scheme, so it is not run: the suite
 * extrapolates it from the gradient-cost family's per-parameter time.
 *
 * <p>Average time: each invocation is one whole epoch from the same initial parameters, and each
 * 1 s iteration runs as many epochs as fit (at least one).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = EpochFamily.FORKS, jvmArgsPrepend = {ForkFlags.VECTOR_MODULE, ForkFlags.LANGUAGE})
@Warmup(iterations = EpochFamily.WARMUP_ITERATIONS, time = EpochFamily.ITERATION_SECONDS)
@Measurement(iterations = EpochFamily.MEASUREMENT_ITERATIONS, time = EpochFamily.ITERATION_SECONDS)
public class EpochBenchmark {

    /** Data set names accepted by the {@code dataset} parameter. */
    public static final String MNIST_10K = "mnist-10k";
    public static final String FASHION = "fashion-mnist";

    /** One epoch's trainer and data. */
    public abstract static class EpochState {
        Mlp model;
        float[] theta0;
        Dataset train;
        Trainer trainer;

        void prepare(String dataset, int batch, java.util.function.Function<Mlp, GradientEstimator> estimator) {
            prepare(dataset, batch, Kernels.best(), estimator);
        }

        void prepare(String dataset, int batch, Kernel kernel,
                     java.util.function.Function<Mlp, GradientEstimator> estimator) {
            train = load(dataset);
            if (batch <= 0) {
                throw new IllegalArgumentException("batch must be positive, got " + batch);
            }
            int b = Math.min(batch, train.rows());
            model = new Mlp(EpochWork.SIZES.clone(), Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, kernel);
            theta0 = model.initialise(Init.NORMAL_001, Workload.SEED);
            TrainingConfig config = TrainingConfig.builder().batchSize(b).learningRate(0.1).epochs(1)
                    .seed(Workload.SEED).build();
            trainer = new Trainer(model, estimator.apply(model), config, train);
        }

        TrainingResult epoch() {
            return trainer.train(theta0);
        }
    }

    static Dataset load(String dataset) {
        switch (dataset) {
            case MNIST_10K:
                return MnistData.embedded().train();
            case FASHION:
                try {
                    return MnistData.fashionMnist().train();
                } catch (IOException e) {
                    throw new UncheckedIOException("dataset=" + FASHION + ": " + e.getMessage(), e);
                }
            default:
                throw new IllegalArgumentException("dataset: unknown '" + dataset + "' (expected " + MNIST_10K
                        + " or " + FASHION + ")");
        }
    }

    /** Backprop's rows are the {@code backprop} method; {@code estimator} names finite-difference schemes only. */
    @State(Scope.Thread)
    public static class BackpropEpoch extends EpochState {
        @Param({"10", "100", "8000"})
        public int batch;

        @Param({MNIST_10K})
        public String dataset;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(dataset, batch, m -> new BackpropEstimator(m, Math.min(batch, train.rows())));
        }
    }

    @State(Scope.Thread)
    public static class FiniteDifferenceEpoch extends EpochState {
        @Param({"forward", "backward", "central"})
        public String estimator;

        @Param({"incremental"})
        public String evaluation;

        @Param({"10", "100", "8000"})
        public int batch;

        @Param({MNIST_10K})
        public String dataset;

        @Param({"1"})
        public int parameterWorkers;

        FiniteDifference fd;

        @Setup(Level.Trial)
        public void setUp() {
            FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.parse(estimator), Evaluation.parse(evaluation),
                    Precision.FLOAT).withParameterWorkers(parameterWorkers);
            prepare(dataset, batch, m -> {
                fd = new FiniteDifference(m, Math.min(batch, train.rows()), c);
                return fd;
            });
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            fd.close();
        }
    }

    @Benchmark
    public TrainingResult backprop(BackpropEpoch s) {
        return s.epoch();
    }

    @Benchmark
    public TrainingResult finiteDifference(FiniteDifferenceEpoch s) {
        return s.epoch();
    }
}
