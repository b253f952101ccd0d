package io.fdbench.bench.roofline;

import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The roofline's derived columns of the gradient and epoch families: {@code work_gflop}, the
 * minimal floating-point work of one operation of the row (one gradient, or the sampled share of
 * one; one epoch) by {@link io.fdbench.engine.grad.WorkModel}, in GFLOP, and {@code gflops}, the
 * achieved rate, work ÷ the row's time per operation, in GFLOP/s. Each family says what a row's
 * work is; the names and the arithmetic are here, once.
 */
public final class RooflineColumns {

    /** Minimal work of one operation of the row, GFLOP. */
    public static final String WORK_GFLOP = "work_gflop";
    /** Achieved rate: {@link #WORK_GFLOP} ÷ the time per operation, GFLOP/s. */
    public static final String GFLOPS = "gflops";

    public static final List<String> NAMES = List.of(WORK_GFLOP, GFLOPS);

    private RooflineColumns() {
    }

    /**
     * The two cells of a row whose operation does {@code flops} FLOPs (empty for a secondary row
     * or when the work is unknown; the rate empty when the row has no time per operation).
     */
    public static List<String> cells(JmhRow row, OptionalDouble flops) {
        if (row.secondary() || flops.isEmpty()) {
            return List.of("", "");
        }
        double gflop = flops.getAsDouble() * 1e-9;
        OptionalDouble seconds = row.secondsPerOp();
        return List.of(Num.format(gflop), seconds.isPresent() ? Num.format(gflop / seconds.getAsDouble()) : "");
    }

    /**
     * A family's derived columns followed by the roofline's: {@code names} with {@code values},
     * then {@link #NAMES} with the cells of {@code flops}.
     */
    public static DerivedColumns after(List<String> names, Function<JmhRow, List<String>> values,
                                       Function<JmhRow, OptionalDouble> flops) {
        List<String> all = new ArrayList<>(names);
        all.addAll(NAMES);
        return DerivedColumns.of(all, row -> {
            List<String> cells = new ArrayList<>(values.apply(row));
            cells.addAll(cells(row, row.secondary() ? OptionalDouble.empty() : flops.apply(row)));
            return cells;
        });
    }
}
