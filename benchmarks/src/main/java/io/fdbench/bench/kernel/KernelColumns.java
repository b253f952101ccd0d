package io.fdbench.bench.kernel;

import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Derived columns of the kernel family, on each primary row: {@code GFLOP/s} = 1,000 ÷ the
 * microseconds per MFLOP of the row's {@code :mflop} counter (both benchmarks count the MFLOP they
 * do), and {@code FLOP/op}, the floating-point operations of one GEMM call (2·m·n·k of its
 * {@link GemmShape}; empty on the FMA peak's row). Empty for rows without a counter (secondary
 * rows, {@code -prof gc}).
 */
public final class KernelColumns {

    public static final String FLOP = "FLOP/op";
    public static final String GFLOPS = "GFLOP/s";

    /** The counter's label in JMH's output (the {@code mflop} field of the benchmarks' {@code Flop} state). */
    static final String MFLOP_COUNTER = "mflop";

    public static final DerivedColumns INSTANCE = DerivedColumns.of(List.of(FLOP, GFLOPS), KernelColumns::values);

    private KernelColumns() {
    }

    static List<String> values(JmhRow row) {
        if (row.secondary()) {
            return List.of("", "");
        }
        Optional<JmhRow> counter = row.secondaryResult(MFLOP_COUNTER);
        OptionalDouble usPerMflop = counter.map(JmhRow::secondsPerOp).orElse(OptionalDouble.empty());
        String flop = row.param("shape").flatMap(KernelColumns::shape).map(s -> Long.toString(s.flops())).orElse("");
        // 10⁶ FLOP per "op" of the counter, whose time is in seconds here.
        String gflops = usPerMflop.isPresent() ? Num.format(1e-3 / usPerMflop.getAsDouble()) : "";
        return List.of(flop, gflops);
    }

    private static Optional<GemmShape> shape(String name) {
        try {
            return Optional.of(GemmShape.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
