package io.fdbench.bench.depth;

import io.fdbench.bench.family.ForkFlags;
import io.fdbench.bench.gradient.GradientCostBenchmark;
import io.fdbench.bench.gradient.GradientSampling;
import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.GradientCheck;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
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
 * What it measures: the time per parameter of one gradient of the mean loss of a batch of 100
 * (float32, one thread) on MLPs of one width and growing depth, 784-64-10 to 784-64-64-64-64-64-10
 * (1 to 5 sigmoid hidden layers of 64 units, softmax cross-entropy, MNIST-10k), by backprop and by
 * the central difference with INCREMENTAL and with FULL evaluation.
 *
 * <p>Why: incremental evaluation recomputes, for a parameter of layer l, only what lies above that
 * layer, so its cost per parameter grows with the layers above a first-layer weight, while
 * backprop's stays near constant and FULL evaluation's follows the forward pass. One width and
 * five depths give the slope of that growth ({@link DepthSlope} fits it, beside the same fit of
 * the engine's work model), which one deep model in the gradient family cannot.
 *
 * <p>As in {@link GradientCostBenchmark}, whose {@link GradientCostBenchmark.Parameters} counter it
 * shares: each call counts the parameters it estimated in thousands ({@code :kiloParameters}), so that row's score in µs is ns per parameter; FULL rows
 * estimate the seeded 1,000-parameter sample of {@link GradientSampling} (every model here has more
 * than 5,000 parameters), INCREMENTAL rows the whole gradient (all are below 250,000); each
 * estimator is checked in {@code @Setup} (backprop against the double reference, the finite
 * differences against backprop) so a wrong gradient is never timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = DepthFamily.FORKS, jvmArgsPrepend = {ForkFlags.VECTOR_MODULE, ForkFlags.LANGUAGE})
@Warmup(iterations = DepthFamily.WARMUP_ITERATIONS, time = DepthFamily.ITERATION_SECONDS)
@Measurement(iterations = DepthFamily.MEASUREMENT_ITERATIONS, time = DepthFamily.ITERATION_SECONDS)
public class DepthCostBenchmark {

    /** Backpropagation: one forward and one backward pass; the {@code backprop} method's rows. */
    @State(Scope.Thread)
    public static class BackpropState {
        /** {@link DepthFamily#MODELS}; a test keeps the two lists equal. */
        @Param({"784-64-10", "784-64-64-10", "784-64-64-64-10", "784-64-64-64-64-10", "784-64-64-64-64-64-10"})
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
                    ParameterSample.stratified(w.model(), 200, 1));
            if (!r.passed()) {
                throw new IllegalStateException("backprop disagrees with the reference on " + model + ":\n"
                        + r.format());
            }
        }
    }

    /** The central difference in float, one thread, with INCREMENTAL or FULL evaluation. */
    @State(Scope.Thread)
    public static class CentralState {
        @Param({"incremental", "full"})
        public String evaluation;

        /** {@link DepthFamily#MODELS}; a test keeps the two lists equal. */
        @Param({"784-64-10", "784-64-64-10", "784-64-64-64-10", "784-64-64-64-64-10", "784-64-64-64-64-64-10"})
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
            fd = new FiniteDifference(w.model(), batch, FiniteDifferenceConfig.of(Scheme.CENTRAL, e, Precision.FLOAT));
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

    @Benchmark
    public float[] backprop(BackpropState s, GradientCostBenchmark.Parameters p) {
        p.kiloParameters += s.kiloParameters;
        s.bp.gradient(s.w.theta(), s.w.batch(), s.grad);
        return s.grad;
    }

    @Benchmark
    public float[] central(CentralState s, GradientCostBenchmark.Parameters p) {
        p.kiloParameters += s.kiloParameters;
        s.fd.gradient(s.w.theta(), s.w.batch(), s.grad, s.subset);
        return s.grad;
    }
}
