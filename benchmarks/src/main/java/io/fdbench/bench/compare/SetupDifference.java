package io.fdbench.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One way in which the two sides of a comparison did not run alike, read from their env files:
 * the profile (quick or full), a JMH setting, the JDK (or the peers' libraries), the kernel or
 * the machine. Scores from such a pair are not comparable, so by default they are not gated.
 *
 * @param aspect   {@code profile}, {@code settings}, {@code JDK}, {@code libraries}, {@code kernel} or {@code machine}
 * @param key      the env key (for a scoped peers key, without its scope)
 * @param baseline the baseline's value
 * @param current  the new side's value
 */
public record SetupDifference(String aspect, String key, String baseline, String current) {

    private static final Set<String> SETTINGS = Set.of("forks", "iterations", "warmup.iterations", "warmup.time",
            "measurement.iterations", "measurement.time", "threads", "mode", "timeunit", "fork.jvm.args",
            "threads.requested", "fd.sampled_parameters");
    private static final Set<String> JDK = Set.of("fork.jdk.version", "fork.jdk.vendor", "fork.vm.name",
            "fork.vm.version", "jdk.version", "jdk.vendor");
    private static final Set<String> LIBRARIES = Set.of("python", "numpy.version", "torch.version", "blas.library",
            "blas.version", "blas.coretype", "openmp.library");
    private static final Set<String> KERNEL = Set.of("kernel.best", "kernel.simd", "vector.module");
    private static final Set<String> MACHINE = Set.of("cpu.model", "cpu.cores", "os", "cpu", "cpus.online");
    private static final Set<String> PROFILE = Set.of("profile", "runner.mode", "timing");

    /** Text for a warning: {@code profile quick vs full}, {@code JDK fork.jdk.version 17.0.15 vs 21.0.2}. */
    public String describe() {
        return (aspect.equals(key) ? aspect : aspect + " " + key) + " " + baseline + " vs " + current;
    }

    /** The differences between two env maps, in the baseline's key order; keys only one side has are skipped. */
    public static List<SetupDifference> between(Map<String, String> baseline, Map<String, String> current) {
        List<SetupDifference> out = new ArrayList<>();
        Optional<String> pa = profile(baseline);
        Optional<String> pb = profile(current);
        if (pa.isPresent() && pb.isPresent() && !pa.get().equals(pb.get())) {
            out.add(new SetupDifference("profile", "profile", pa.get(), pb.get()));
        }
        for (Map.Entry<String, String> e : baseline.entrySet()) {
            String aspect = aspect(e.getKey());
            String other = current.get(e.getKey());
            if (aspect != null && !aspect.equals("profile") && other != null && !other.equals(e.getValue())) {
                out.add(new SetupDifference(aspect, bare(e.getKey()), e.getValue(), other));
            }
        }
        return out;
    }

    /**
     * The profile an env names ({@code profile}, or the peers' {@code runner.mode}); without one,
     * {@code quick} when the JMH settings give fewer samples than an interval needs.
     */
    static Optional<String> profile(Map<String, String> env) {
        for (String k : List.of("profile", "runner.mode")) {
            if (env.containsKey(k)) {
                return Optional.of(env.get(k));
            }
        }
        Optional<Integer> forks = integer(env, "jmh.forks", "forks");
        Optional<Integer> iterations = integer(env, "jmh.measurement.iterations", "measurement.iterations",
                "iterations");
        if (forks.isPresent() && iterations.isPresent()
                && Math.max(1, forks.get()) * iterations.get() < Measurement.MIN_SAMPLES_FOR_ERROR) {
            return Optional.of("quick");
        }
        return Optional.empty();
    }

    /** Which aspect a key belongs to, or null for keys that may differ (date, commit, command line, ...). */
    static String aspect(String key) {
        String bare = bare(key);
        if (PROFILE.contains(bare)) {
            return "profile";
        }
        if (bare.startsWith("jmh.") || bare.startsWith("settings.") || SETTINGS.contains(bare)) {
            return "settings";
        }
        if (JDK.contains(bare)) {
            return "JDK";
        }
        if (LIBRARIES.contains(bare)) {
            return "libraries";
        }
        if (KERNEL.contains(bare)) {
            return "kernel";
        }
        if (MACHINE.contains(bare)) {
            return "machine";
        }
        return null;
    }

    /** A peers key without its scope ({@code numpy/float/threads=1 cpu} → {@code cpu}). */
    private static String bare(String key) {
        return key.substring(key.lastIndexOf(' ') + 1);
    }

    private static Optional<Integer> integer(Map<String, String> env, String... keys) {
        for (String k : keys) {
            String v = env.get(k);
            if (v != null) {
                try {
                    return Optional.of(Integer.parseInt(v.trim()));
                } catch (NumberFormatException e) {
                    return Optional.empty(); // several values ("1; 2"): no single profile to infer
                }
            }
        }
        return Optional.empty();
    }
}
