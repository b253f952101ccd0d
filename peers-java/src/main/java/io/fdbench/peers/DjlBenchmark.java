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
 *       from the previous one's weights, as the Python peers do;</li>
 *   <li>{@code centralDifferenceFullPerParameter}: one parameter of the textbook full-evaluation
 *       central difference at h = 1e-4 (two forward passes of the batch, the parameter moved in place
 *       and restored), cycling through a seeded sample of 200 parameters as the NumPy peer's classic
 *       loop does (us/op). PyTorch has no gradient checker of its own to time here
 *       ({@code torch.autograd.gradcheck} is Python); this is its loop body.</li>
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

    @State(Scope.Thread)
    public static class CentralDifferenceState extends Common {
        @Param({PeerWorkload.MNIST_10K})
        public String dataset;

        DjlPeer.Step data;
        int[] sample;
        int position;

        @Setup(Level.Trial)
        public void setUp() {
            prepare();
            Batch b = PeerWorkload.gradientBatch();
            data = peer.step(b);
            sample = PeerWorkload.parameterSample(SAMPLE);
            // The loop body checked in double (same code, the tensors' type aside): at h = 1e-4 a
            // float32 central difference is round-off over h, too coarse to show a wrong index.
            try (DjlPeer check = new DjlPeer("double", PeerWorkload.theta())) {
                requireAgreement(check, check.step(b), sample, b);
            }
        }
    }

    /** Parameters in the timed sample of the central difference (the NumPy peer's classic loop: 200). */
    static final int SAMPLE = 200;

    /**
     * The loop body on the first 20 sampled parameters against the engine's double reference: in
     * double a central difference at h = 1e-4 agrees to about 1e-7 relative, so 1e-4 is generous.
     */
    static void requireAgreement(DjlPeer peer, DjlPeer.Step data, int[] sample, Batch b) {
        double[] ref = new io.fdbench.engine.reference.ReferenceMlp(PeerWorkload.model())
                .gradient(io.fdbench.engine.reference.ReferenceMlp.toDouble(PeerWorkload.theta()), b);
        double num = 0;
        double den = 0;
        for (int k = 0; k < 20; k++) {
            int j = sample[k];
            double d = peer.centralDifference(data, j, PeerWorkload.FD_STEP) - ref[j];
            num += d * d;
            den += ref[j] * ref[j];
        }
        double rel = Math.sqrt(num / Math.max(den, Double.MIN_NORMAL));
        double tolerance = ReferenceCheck.TOLERANCE;
        if (!(rel < tolerance)) {
            throw new IllegalStateException("djl central difference: differs from the engine's double reference by "
                    + String.format(java.util.Locale.ROOT, "%.3e", rel) + " (relative, must be < " + tolerance + ")");
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double centralDifferenceFullPerParameter(CentralDifferenceState s) {
        int j = s.sample[s.position];
        s.position = s.position + 1 == s.sample.length ? 0 : s.position + 1;
        return s.peer.centralDifference(s.data, j, PeerWorkload.FD_STEP);
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
