package io.fdbench.bench.kernel;

import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.results.DerivedColumns;

import java.util.List;
import java.util.Map;

/**
 * The kernel family: 6 GEMM shapes × 3 implementations ({@link KernelBenchmark}) and the FMA peak
 * of the simd and scalar kernels ({@link FmaPeakBenchmark}), 20 rows. Full profile (the classes'
 * annotations, from the constants below): 2 forks, each 4×1 s warmup (vector code needs a few
 * seconds before C2 has compiled all of it) and 3×1 s measured, so a JIT outcome that differs
 * between JVMs shows as disagreeing forks instead of hiding in one fork's error bar (about 6 min
 * on 2 cores). Quick: 1 fork, 2×400 ms warmup, 2×200 ms measured (about 40 s). When the forks
 * cannot load the SIMD kernel, {@code impl} defaults to {@code scalar,ejml}.
 */
public final class KernelFamily implements JmhFamily {

    public static final String NAME = "kernel";

    /** Full-profile settings, read by the benchmark classes' annotations. */
    static final int FORKS = 2;
    static final int WARMUP_ITERATIONS = 4;
    static final int MEASUREMENT_ITERATIONS = 3;
    static final int ITERATION_SECONDS = 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GEMM time and GFLOP/s of the SIMD, scalar and EJML kernels for the MLP's shapes, against the FMA peak";
    }

    @Override
    public List<Class<?>> benchmarks() {
        return List.of(KernelBenchmark.class, FmaPeakBenchmark.class);
    }

    @Override
    public RunSettings quickSettings() {
        return RunSettings.of(1, 2, "400ms", 2, "200ms");
    }

    @Override
    public Map<String, List<String>> params(ForkInfo forks, Profile profile) {
        return forks.simdAvailable()
                ? Map.of("impl", List.of("simd", "scalar", "ejml"), "peakImpl", List.of("simd", "scalar"))
                : Map.of("impl", List.of("scalar", "ejml"), "peakImpl", List.of("scalar"));
    }

    @Override
    public DerivedColumns derived() {
        return KernelColumns.INSTANCE;
    }

    @Override
    public List<Figure> figures(RunTables run) {
        return run.table(NAME).map(t -> KernelThroughputChart.draw(t, run.provenance(NAME))).orElse(List.of());
    }

    @Override
    public List<KeyTable> keyTables(RunTables run) {
        return run.table(NAME).map(KernelThroughputChart::tables).orElse(List.of());
    }
}
