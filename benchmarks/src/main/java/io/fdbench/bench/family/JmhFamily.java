package io.fdbench.bench.family;

import io.fdbench.bench.results.DerivedColumns;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A family timed by JMH in forked JVMs: one or more benchmark classes and their settings. */
public interface JmhFamily extends BenchmarkFamily {

    /** The benchmark classes; every {@code @Benchmark} method of each runs. */
    List<Class<?>> benchmarks();

    /** The {@code --quick} smoke-run settings; the full ones are the classes' annotations. */
    RunSettings quickSettings();

    /** The settings of a profile. */
    default RunSettings settings(Profile profile) {
        return profile == Profile.FULL ? RunSettings.ofAnnotations(benchmarks()) : quickSettings();
    }

    /**
     * Default {@code -p} values given what the forks can do (e.g. drop {@code simd} when the
     * forks cannot load the Vector API) and the profile (a smaller grid for smoke runs); applied
     * only to parameters the user did not set with {@code -p}.
     */
    default Map<String, List<String>> params(ForkInfo forks, Profile profile) {
        return Map.of();
    }

    /** Columns the suite appends to JMH's CSV. */
    default DerivedColumns derived() {
        return DerivedColumns.NONE;
    }

    /** The JMH include regex: every benchmark method of every class. */
    default String include() {
        return benchmarks().stream().map(c -> c.getName().replace(".", "\\."))
                .collect(Collectors.joining("|", "^(", ")\\."));
    }
}
