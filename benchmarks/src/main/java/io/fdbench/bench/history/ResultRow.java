package io.fdbench.bench.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a JMH result CSV as the history stores it.
 *
 * @param line       the CSV line it was read from (its identity within the file)
 * @param benchmark  full benchmark name, with a {@code :label} suffix for a secondary result
 * @param mode       JMH mode ({@code avgt}, {@code thrpt}, ...)
 * @param threads    JMH threads
 * @param samples    JMH samples (iterations × forks)
 * @param score      the score in {@code unit} (double, as JMH wrote it; NaN when JMH wrote NaN)
 * @param scoreError half width of the 99.9 % interval in {@code unit}; NaN when unknown
 * @param unit       JMH unit, e.g. {@code us/op}
 * @param params     the {@code @Param} values this row sets, by name (columns {@code Param: name}), empty ones left out
 * @param derived    the derived columns after JMH's (e.g. {@code GFLOP/s}, {@code forks}), empty ones left out
 */
public record ResultRow(long line, String benchmark, String mode, int threads, long samples, double score,
                        double scoreError, String unit, Map<String, String> params, Map<String, String> derived) {

    public ResultRow {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unit, "unit");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        derived = Collections.unmodifiableMap(new LinkedHashMap<>(derived));
    }
}
