package io.fdbench.bench.compare;

import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.results.DerivedColumns;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A family narrowed to one benchmark method and one parameter set, for a {@code --confirm}
 * re-run through the suite runner: the family's classes, full-profile settings and derived
 * columns, its include regex and parameter values replaced by the row's.
 */
final class RerunFamily implements JmhFamily {

    private final JmhFamily family;
    private final String include;
    private final Map<String, List<String>> params;

    RerunFamily(JmhFamily family, String include, Map<String, String> params) {
        this.family = family;
        this.include = include;
        Map<String, List<String>> p = new TreeMap<>();
        params.forEach((name, value) -> p.put(name, List.of(value)));
        this.params = Map.copyOf(p);
    }

    @Override
    public String name() {
        return family.name();
    }

    @Override
    public String description() {
        return family.description() + " (re-run of one row)";
    }

    @Override
    public List<Class<?>> benchmarks() {
        return family.benchmarks();
    }

    @Override
    public RunSettings quickSettings() {
        return family.quickSettings();
    }

    /** The full profile's settings whatever is asked: a confirmation needs error bars. */
    @Override
    public RunSettings settings(Profile profile) {
        return family.settings(Profile.FULL);
    }

    @Override
    public Map<String, List<String>> params(ForkInfo forks, Profile profile) {
        return params;
    }

    @Override
    public DerivedColumns derived() {
        return family.derived();
    }

    @Override
    public String include() {
        return include;
    }
}
