package io.fdbench.bench.kernel;

import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Derived columns of the kernel family: {@code FLOP/op} = 2·m·n·k of the row's {@code shape} (10⁶
 * on the FMA peak's {@code :mflop} row, whose time is per MFLOP), and
 * {@code GFLOP/s} = FLOP/op ÷ seconds per op ÷ 10⁹, from the score in any JMH time unit
 * ({@code us/op}, {@code ops/s}, ...). Empty for rows without a time unit (e.g. {@code -prof gc}).
 */
public final class KernelColumns {

    public static final String FLOP = "FLOP/op";
    public static final String GFLOPS = "GFLOP/s";

    public static final DerivedColumns INSTANCE = DerivedColumns.of(List.of(FLOP, GFLOPS), KernelColumns::values);

    private KernelColumns() {
    }

    static List<String> values(JmhRow row) {
        Optional<GemmShape> shape = row.param("shape").flatMap(KernelColumns::shape);
        boolean perMflop = row.benchmark().endsWith(":mflop");
        if (shape.isEmpty() && !perMflop) {
            return List.of("", "");
        }
        long flops = perMflop ? 1_000_000 : shape.get().flops();
        OptionalDouble seconds = row.secondsPerOp();
        String gflops = seconds.isPresent() ? Num.format(flops / seconds.getAsDouble() / 1e9) : "";
        return List.of(Long.toString(flops), gflops);
    }

    private static Optional<GemmShape> shape(String name) {
        try {
            return Optional.of(GemmShape.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
