package io.fdbench.bench.family;

import java.util.Map;

/**
 * What a benchmark fork JVM reports about itself (the suite probes them before a JMH family runs): keys
 * {@code kernel.best}, {@code kernel.simd}, {@code vector.module}, {@code java.vendor},
 * {@code java.version}, {@code java.vm.name}, {@code java.vm.version}.
 */
public record ForkInfo(Map<String, String> properties) {

    public ForkInfo {
        properties = Map.copyOf(properties);
    }

    public String get(String key) {
        return properties.getOrDefault(key, "unknown");
    }

    /** Whether {@code Kernels.simd()} loads in the forks. */
    public boolean simdAvailable() {
        return get("kernel.simd").startsWith("available");
    }
}
