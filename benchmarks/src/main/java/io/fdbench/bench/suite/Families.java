package io.fdbench.bench.suite;

import io.fdbench.bench.kernel.KernelFamily;

import java.util.List;
import java.util.Optional;

/**
 * Every benchmark family the default suite runs, in order. Adding one is one line here, e.g.
 * {@code GradientCostFamily.FAMILY}, with the family defined next to its benchmark class.
 */
public final class Families {

    public static final List<Family> ALL = List.of(
            KernelFamily.FAMILY);

    private Families() {
    }

    public static Optional<Family> find(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
