package io.fdbench.bench.history;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What makes results one series: the same benchmark, mode, threads, unit and {@code @Param}
 * values, measured on the same {@link Machine}. Points of different machines are never one series.
 *
 * @param benchmark full benchmark name (with {@code :label} for a secondary result)
 * @param mode      JMH mode
 * @param threads   JMH threads
 * @param unit      the score's unit
 * @param params    parameter values by name (sorted)
 * @param machine   what measured it
 */
public record SeriesKey(String benchmark, String mode, int threads, String unit, Map<String, String> params,
                        Machine machine) {

    public SeriesKey {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** {@code batch=100 model=2-3-1}, with {@code threads=N} first when not 1; "" for none. */
    public String paramText() {
        String p = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        if (threads != 1) {
            p = ("threads=" + threads + " " + p).strip();
        }
        return p;
    }

    /** {@code Class.method} of the benchmark name (a secondary result keeps its label). */
    public String shortBenchmark() {
        return io.fdbench.bench.results.TextTable.shortName(benchmark);
    }
}
