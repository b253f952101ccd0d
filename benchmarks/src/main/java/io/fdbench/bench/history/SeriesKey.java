package io.fdbench.bench.history;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What makes results one series: the same benchmark, mode, threads, unit and {@code @Param}
 * values, measured with the same profile on the same {@link Machine}. Points of different machines
 * are never one series, nor a quick run's (fewer, shorter iterations) and a full run's.
 *
 * @param benchmark full benchmark name (with {@code :label} for a secondary result)
 * @param mode      JMH mode
 * @param threads   JMH threads
 * @param unit      the score's unit
 * @param params    parameter values by name (sorted)
 * @param profile   the suite's profile ({@code full}, {@code quick}) or {@code unknown}
 * @param machine   what measured it
 */
public record SeriesKey(String benchmark, String mode, int threads, String unit, Map<String, String> params,
                        String profile, Machine machine) {

    public SeriesKey {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** {@code batch=100 model=2-3-1}; "" for none. */
    public String paramText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /**
     * What tells the series of a benchmark apart, for tables and legends: {@link #paramText()}, with
     * {@code threads=N} first when not 1 and {@code profile=P} first when not {@code full}.
     */
    public String settingsText() {
        String p = paramText();
        if (threads != 1) {
            p = ("threads=" + threads + " " + p).strip();
        }
        if (!profile.equals("full")) {
            p = ("profile=" + profile + " " + p).strip();
        }
        return p;
    }

    /** {@code Class.method} of the benchmark name (a secondary result keeps its label). */
    public String shortBenchmark() {
        return io.fdbench.bench.results.TextTable.shortName(benchmark);
    }
}
