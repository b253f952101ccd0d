package io.fdbench.bench.kernel;

import io.fdbench.bench.family.ForkFlags;
import io.fdbench.engine.kernel.FmaPeak;
import io.fdbench.engine.kernel.Kernels;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What it measures: the FMA throughput one core sustains on a kernel's vectors with no memory
 * traffic ({@link FmaPeak#fmaChains}: independent FMA chains, enough to hide the latency).
 *
 * <p>Why: the GEMMs of {@link KernelBenchmark} are quoted as a fraction of this ceiling measured
 * in the same run on the same machine, not of a datasheet figure. The {@code fmaPeak:mflop} row's
 * time per op is per MFLOP (per single FLOP, JMH's six decimals would round the figure away); the
 * family's GFLOP/s column is 1,000 ÷ that.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = KernelFamily.FORKS, jvmArgsPrepend = {ForkFlags.VECTOR_MODULE, ForkFlags.LANGUAGE})
@Warmup(iterations = KernelFamily.WARMUP_ITERATIONS, time = KernelFamily.ITERATION_SECONDS)
@Measurement(iterations = KernelFamily.MEASUREMENT_ITERATIONS, time = KernelFamily.ITERATION_SECONDS)
public class FmaPeakBenchmark {

    /** Rounds of {@link FmaPeak#fmaChains} per invocation: long enough that call overhead vanishes. */
    static final int ROUNDS = 100_000;

    /** The kernel whose ceiling is measured. */
    @State(Scope.Thread)
    public static class Peak {

        /** simd or scalar. */
        @Param({"simd", "scalar"})
        public String peakImpl;

        FmaPeak kernel;
        double mflopPerCall;

        @Setup(Level.Trial)
        public void setUp() {
            kernel = Kernels.fmaPeak(switch (peakImpl) {
                case "simd" -> Kernels.simd();
                case "scalar" -> Kernels.scalar();
                default -> throw new IllegalArgumentException("peakImpl=" + peakImpl + ": expected simd or scalar");
            });
            mflopPerCall = 2e-6 * FmaPeak.CHAINS * kernel.lanes() * ROUNDS;
        }
    }

    /** Millions of floating-point operations done; JMH reports the time per MFLOP on {@code fmaPeak:mflop}. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flop {
        public double mflop;
    }

    @Benchmark
    public float fmaPeak(Peak p, Flop f) {
        f.mflop += p.mflopPerCall;
        return p.kernel.fmaChains(ROUNDS);
    }
}
