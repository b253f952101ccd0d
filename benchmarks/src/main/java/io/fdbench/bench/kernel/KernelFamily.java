package io.fdbench.bench.kernel;

import io.fdbench.bench.suite.Family;
import io.fdbench.bench.suite.ForkInfo;
import io.fdbench.bench.suite.Settings;

import java.util.List;
import java.util.Map;

/**
 * The kernel family in the suite: 6 shapes × 3 implementations = 18 GEMM runs plus the FMA peak
 * of the simd and scalar kernels. Full: 1 fork, 5×1 s warmup (vector code needs a few seconds
 * before C2 has compiled all of it), 5×1 s measurement (about 4.5 min on 2 cores). Quick: 1 fork, 2×400 ms warmup,
 * 2×200 ms measurement (about 40 s). When the forks cannot load the SIMD kernel, {@code impl}
 * defaults to {@code scalar,ejml} and the environment file says why.
 */
public final class KernelFamily {

    public static final Settings FULL = Settings.of(1, 5, "1s", 5, "1s");
    public static final Settings QUICK = Settings.of(1, 2, "400ms", 2, "200ms");

    public static final Family FAMILY = new Family("kernel", KernelBenchmark.class, FULL, QUICK,
            KernelColumns.INSTANCE, KernelFamily::params);

    private KernelFamily() {
    }

    static Map<String, List<String>> params(ForkInfo forks) {
        return forks.simdAvailable()
                ? Map.of("impl", List.of("simd", "scalar", "ejml"), "peakImpl", List.of("simd", "scalar"))
                : Map.of("impl", List.of("scalar", "ejml"), "peakImpl", List.of("scalar"));
    }
}
