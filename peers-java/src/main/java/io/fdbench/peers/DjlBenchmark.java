package io.fdbench.peers;

import io.fdbench.engine.data.Batch;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PyTorch 2.7.1 through DJL 0.36.0 (CPU, natives from the pytorch-native-cpu jar, no download) on the
 * suite's 784-50-10 workloads, written to the peers file as {@code peers.djl.*}
 * (scripts/peers/run-java-peers.sh):
 * <ul>
 *   <li>{@code backpropGradient}: one forward and autograd backward at batch 100 (us/op);</li>
 *   <li>{@code epoch}: one epoch of SGD over contiguous batches of 100 (ms/op), each epoch continuing
 *       from the previous one's weights, as the Python peers do.</li>
 * </ul>
 * Every state checks the autograd gradient against the engine's double reference before it is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = PeerSettings.FORKS, jvmArgsAppend = {PeerSettings.HEAP, PeerSettings.LANGUAGE})
@Warmup(iterations = PeerSettings.WARMUP_ITERATIONS, time = PeerSettings.ITERATION_SECONDS)
@Measurement(iterations = PeerSettings.MEASUREMENT_ITERATIONS, time = PeerSettings.ITERATION_SECONDS)
public class DjlBenchmark {

    /** The parameters every row carries, named as the Python peers' columns. */
    @State(Scope.Thread)
    public abstract static class Common {
        @Param({"1", "2"})
        public int threads;

        @Param({"float", "double"})
        public String precision;

        @Param({PeerWorkload.MODEL})
        public String model;

        @Param({"100"})
        public int batch;

        DjlPeer peer;

        void prepare() {
            if (!PeerWorkload.MODEL.equals(model) || batch != PeerWorkload.BATCH) {
                throw new IllegalArgumentException("model/batch: the peers run " + PeerWorkload.MODEL + " at batch "
                        + PeerWorkload.BATCH + " only, got " + model + " / " + batch);
            }
            DjlPeer.pinThreads(threads);
            float[] theta = PeerWorkload.theta();
            peer = new DjlPeer(precision, theta);
            Batch b = PeerWorkload.gradientBatch();
            ReferenceCheck.require("djl " + precision, PeerWorkload.model(), theta, b, peer.gradient(peer.step(b)));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            peer.close();
        }
    }

    @State(Scope.Thread)
    public static class GradientState extends Common {
        @Param({PeerWorkload.MNIST_10K})
        public String dataset;

        DjlPeer.Step data;

        @Setup(Level.Trial)
        public void setUp() {
            prepare();
            data = peer.step(PeerWorkload.gradientBatch());
        }
    }

    @State(Scope.Thread)
    public static class EpochState extends Common {
        @Param({PeerWorkload.MNIST_10K, PeerWorkload.FASHION})
        public String dataset;

        List<DjlPeer.Step> batches;

        @Setup(Level.Trial)
        public void setUp() {
            prepare();
            batches = peer.epochBatches(PeerWorkload.epochData(dataset), batch);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float backpropGradient(GradientState s) {
        return s.peer.computeGradient(s.data);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public DjlPeer epoch(EpochState s) {
        s.peer.epoch(s.batches);
        return s.peer;
    }
}
