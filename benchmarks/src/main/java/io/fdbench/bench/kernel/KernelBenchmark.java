package io.fdbench.bench.kernel;

import io.fdbench.bench.family.ForkFlags;
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
 * (from the {@code mflop} counter, see {@link KernelColumns}) to compare shapes and implementations
 * on one scale, and {@link FmaPeakBenchmark} measures the ceiling they are quoted against.
 *
 * <p>Each product is checked against a double-precision reference in {@code @Setup}, so a wrong
 * kernel fails the run instead of being timed. {@code impl=simd} fails in setup when the Vector API
 * kernel is unavailable (module missing or not yet merged); the suite then leaves simd out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = KernelFamily.FORKS, jvmArgsPrepend = {ForkFlags.VECTOR_MODULE, ForkFlags.LANGUAGE})
@Warmup(iterations = KernelFamily.WARMUP_ITERATIONS, time = KernelFamily.ITERATION_SECONDS)
@Measurement(iterations = KernelFamily.MEASUREMENT_ITERATIONS, time = KernelFamily.ITERATION_SECONDS)
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
        double mflop;
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
            mflop = s.flops() / 1e6;
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

    /**
     * Millions of floating-point operations done (2·m·n·k per product): JMH reports the time per
     * MFLOP on the {@code gemm:mflop} row with its own error bar, so the family's GFLOP/s column
     * (1,000 ÷ µs per MFLOP) comes from the benchmark's count, not from the shape's name.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flop {
        public double mflop;
    }

    /** One product; returning C keeps the JIT from discarding the work. */
    @Benchmark
    public float[] gemm(Product p, Flop f) {
        f.mflop += p.mflop;
        p.multiply();
        return p.c;
    }
}
