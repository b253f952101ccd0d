package io.fdbench.peers;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DL4J 1.0.0-M2.1 (ND4J native CPU backend, OpenBLAS) on the suite's 784-50-10 workloads, written to
 * the peers file as {@code peers.dl4j.*} (scripts/peers/run-java-peers.sh):
 * <ul>
 *   <li>{@code backpropGradient}: one {@code computeGradientAndScore} at batch 100 (us/op);</li>
 *   <li>{@code epoch}: one epoch of SGD, one {@code fit} per contiguous batch of 100 (ms/op); like
 *       the Python peers, each epoch continues from the previous one's weights;</li>
 *   <li>{@code gradientCheckPerParameter}: one parameter of {@code GradientCheckUtil}'s loop, in
 *       double as GradientCheckUtil demands (us/op; see {@link Dl4jGradientCheckLoop}).</li>
 * </ul>
 * Every state checks DL4J's gradient against the engine's double reference before it is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = PeerSettings.FORKS, jvmArgsAppend = {PeerSettings.HEAP, PeerSettings.LANGUAGE})
@Warmup(iterations = PeerSettings.WARMUP_ITERATIONS, time = PeerSettings.ITERATION_SECONDS)
@Measurement(iterations = PeerSettings.MEASUREMENT_ITERATIONS, time = PeerSettings.ITERATION_SECONDS)
public class Dl4jBenchmark {

    /** The parameters every row carries, named as the Python peers' columns. */
    @State(Scope.Thread)
    public abstract static class Common {
        @Param({"1", "2"})
        public int threads;

        @Param({PeerWorkload.MODEL})
        public String model;

        @Param({"100"})
        public int batch;

        Dl4jPeer peer;

        /** Pins the threads, builds the network on the suite's weights and checks its gradient. */
        void prepare(String precision) {
            if (!PeerWorkload.MODEL.equals(model) || batch != PeerWorkload.BATCH) {
                throw new IllegalArgumentException("model/batch: the peers run " + PeerWorkload.MODEL + " at batch "
                        + PeerWorkload.BATCH + " only, got " + model + " / " + batch);
            }
            Dl4jPeer.pinThreads(threads);
            float[] theta = PeerWorkload.theta();
            peer = new Dl4jPeer(precision, theta);
            Batch b = PeerWorkload.gradientBatch();
            ReferenceCheck.require("dl4j " + precision, PeerWorkload.model(), theta, b, peer.gradient(peer.dataSet(b)));
        }
    }

    @State(Scope.Thread)
    public static class GradientState extends Common {
        @Param({"float", "double"})
        public String precision;

        @Param({PeerWorkload.MNIST_10K})
        public String dataset;

        DataSet data;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(precision);
            data = peer.dataSet(PeerWorkload.gradientBatch());
        }
    }

    @State(Scope.Thread)
    public static class EpochState extends Common {
        @Param({"float", "double"})
        public String precision;

        @Param({PeerWorkload.MNIST_10K, PeerWorkload.FASHION})
        public String dataset;

        List<DataSet> batches;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(precision);
            Dataset d = PeerWorkload.epochData(dataset);
            batches = peer.epochBatches(d, batch);
        }
    }

    @State(Scope.Thread)
    public static class GradientCheckState extends Common {
        /** GradientCheckUtil refuses anything but double. */
        @Param({"double"})
        public String precision;

        @Param({PeerWorkload.MNIST_10K})
        public String dataset;

        Dl4jGradientCheckLoop loop;

        @Setup(Level.Trial)
        public void setUp() {
            prepare(precision);
            loop = new Dl4jGradientCheckLoop(peer, peer.dataSet(PeerWorkload.gradientBatch()));
            loop.requireAgreement(PeerWorkload.theta(), PeerWorkload.gradientBatch());
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Gradient backpropGradient(GradientState s) {
        return s.peer.computeGradient(s.data);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public INDArray epoch(EpochState s) {
        s.peer.epoch(s.batches);
        return s.peer.network().params();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double gradientCheckPerParameter(GradientCheckState s) {
        return s.loop.next();
    }
}
