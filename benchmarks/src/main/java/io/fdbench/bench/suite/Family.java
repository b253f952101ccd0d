package io.fdbench.bench.suite;

import io.fdbench.bench.results.DerivedColumns;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A benchmark family as the suite runs it: results go to {@code <name>.csv} and
 * {@code <name>-env.csv}.
 *
 * @param name      file stem and {@code --family} value, e.g. {@code kernel}
 * @param benchmark the JMH benchmark class (its {@code @Fork} arguments are what the forks get)
 * @param full      default settings of the default suite
 * @param quick     default settings with {@code --quick}
 * @param derived   columns appended to JMH's CSV
 * @param params    default {@code -p} values given what the forks can do (e.g. drop {@code simd}
 *                  when the Vector API kernel is unavailable); used only for parameters the user
 *                  did not set with {@code -p}
 * @param quickParams parameter values that replace the defaults under {@code --quick} (a smaller
 *                  grid for smoke runs), again only for parameters the user did not set
 */
public record Family(String name, Class<?> benchmark, Settings full, Settings quick,
                     DerivedColumns derived, Function<ForkInfo, Map<String, List<String>>> params,
                     Map<String, List<String>> quickParams) {

    /** A family without quick-profile parameter overrides. */
    public Family(String name, Class<?> benchmark, Settings full, Settings quick,
                  DerivedColumns derived, Function<ForkInfo, Map<String, List<String>>> params) {
        this(name, benchmark, full, quick, derived, params, Map.of());
    }

    /** A family without parameter defaults. */
    public Family(String name, Class<?> benchmark, Settings full, Settings quick, DerivedColumns derived) {
        this(name, benchmark, full, quick, derived, info -> Map.of());
    }

    /** The parameter defaults for this profile: {@link #params} overlaid with {@link #quickParams} when quick. */
    public Map<String, List<String>> paramsFor(ForkInfo info, boolean quickProfile) {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>(params.apply(info));
        if (quickProfile) {
            m.putAll(quickParams);
        }
        return m;
    }

    /** The JMH include regex: every benchmark method of {@link #benchmark}. */
    public String include() {
        return "^" + benchmark.getName().replace(".", "\\.") + "\\.";
    }

    public Settings settings(boolean quickProfile) {
        return quickProfile ? quick : full;
    }
}
