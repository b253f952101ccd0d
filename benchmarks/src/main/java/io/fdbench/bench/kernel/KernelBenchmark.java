package io.fdbench.bench.kernel;

import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What it measures: the time of one dense float GEMM, for the exact shapes a 784-50-10 MLP
 * multiplies at batch 100 (two forward products, three backward ones) and a square 512 product,
 * on three implementations: the engine's SIMD kernel, its scalar kernel, and EJML's
 * {@code CommonOps_FDRM} as an outside baseline.
 *
 * <p>Why: every gradient estimator in fdbench is a sequence of these products, so their speed
 * bounds what finite differences and backpropagation can cost; the family's CSV adds GFLOP/s
 * (2·m·n·k / time, see {@link KernelColumns}) to compare shapes and implementations on one scale.
 *
 * <p>Each product is checked against a double-precision reference in {@code @Setup}, so a wrong
 * kernel fails the run instead of being timed. {@code impl=simd} fails in setup when the Vector API
 * kernel is unavailable (module missing or not yet merged); the suite then leaves simd out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Duser.language=en"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelBenchmark {

    /** The operands and the implementation under test; the parameters live here, not on the class. */
    @State(Scope.Thread)
    public static class Product {

        /** A {@link GemmShape} name. */
        @Param({"fwd1", "fwd2", "dW2", "dA1", "dW1", "square512"})
        public String shape;

        /** simd (engine Vector API kernel), scalar (engine loops) or ejml (CommonOps_FDRM). */
        @Param({"simd", "scalar", "ejml"})
        public String impl;

        GemmShape s;
        Kernel kernel;
        float[] a;
        float[] b;
        float[] c;
        FMatrixRMaj ea;
        FMatrixRMaj eb;
        FMatrixRMaj ec;

        @Setup(Level.Trial)
        public void setUp() {
            s = GemmShape.valueOf(shape);
            SplittableRandom rnd = new SplittableRandom(20240601L + s.ordinal());
            a = random(rnd, s.aRows() * s.aCols());
            b = random(rnd, s.bRows() * s.bCols());
            c = new float[s.m * s.n];
            switch (impl) {
                case "simd" -> kernel = Kernels.simd();
                case "scalar" -> kernel = Kernels.scalar();
                case "ejml" -> {
                    ea = FMatrixRMaj.wrap(s.aRows(), s.aCols(), a);
                    eb = FMatrixRMaj.wrap(s.bRows(), s.bCols(), b);
                    ec = FMatrixRMaj.wrap(s.m, s.n, c);
                }
                default -> throw new IllegalArgumentException("impl=" + impl + ": expected simd, scalar or ejml");
            }
            java.util.Arrays.fill(c, Float.NaN);
            multiply();
            s.verify(impl, c, s.reference(a, b), s.absoluteReference(a, b));
        }

        /** C = op(A)·op(B) with the chosen implementation. */
        void multiply() {
            if (kernel == null) {
                switch (s.op) {
                    case NN -> CommonOps_FDRM.mult(ea, eb, ec);
                    case TN -> CommonOps_FDRM.multTransA(ea, eb, ec);
                    case NT -> CommonOps_FDRM.multTransB(ea, eb, ec);
                    default -> throw new AssertionError(s.op);
                }
                return;
            }
            switch (s.op) {
                case NN -> kernel.gemm(s.m, s.n, s.k, a, 0, b, 0, c, 0, false);
                case TN -> kernel.gemmAtB(s.m, s.n, s.k, a, 0, b, 0, c, 0, false);
                case NT -> kernel.gemmABt(s.m, s.n, s.k, a, 0, b, 0, c, 0, false);
                default -> throw new AssertionError(s.op);
            }
        }

        private static float[] random(SplittableRandom rnd, int len) {
            float[] x = new float[len];
            for (int i = 0; i < len; i++) {
                x[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
            return x;
        }
    }

    /** Rounds of {@link Kernel#fmaChains} per invocation: long enough that call overhead vanishes. */
    static final int PEAK_ROUNDS = 100_000;

    /** The roofline ceiling of one kernel; its own parameter, so the GEMM's {@code impl} list (with ejml) does not apply. */
    @State(Scope.Thread)
    public static class Peak {

        /** simd or scalar. */
        @Param({"simd", "scalar"})
        public String peakImpl;

        Kernel kernel;

        @Setup(Level.Trial)
        public void setUp() {
            kernel = switch (peakImpl) {
                case "simd" -> Kernels.simd();
                case "scalar" -> Kernels.scalar();
                default -> throw new IllegalArgumentException("peakImpl=" + peakImpl + ": expected simd or scalar");
            };
        }
    }

    /**
     * Millions of floating-point operations done; JMH reports the time per MFLOP on the
     * {@code fmaPeak:mflop} row (per single FLOP, its six decimals would round the figure away).
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flop {
        public double mflop;
    }

    /**
     * What it measures: the FMA throughput one core sustains on the kernel's vectors with no memory
     * traffic. Why: the GEMMs' GFLOP/s are quoted as a fraction of this ceiling measured in the same
     * run, next to the nominal AVX2 figure. The {@code :mflop} row's time per op is per MFLOP.
     */
    @Benchmark
    public float fmaPeak(Peak p, Flop f) {
        f.mflop += 2e-6 * Kernel.FMA_CHAINS * p.kernel.lanes() * PEAK_ROUNDS;
        return p.kernel.fmaChains(PEAK_ROUNDS);
    }

    /** One product; returning C keeps the JIT from discarding the work. */
    @Benchmark
    public float[] gemm(Product p) {
        p.multiply();
        return p.c;
    }
}
