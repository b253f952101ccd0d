package io.fdbench.bench.suite;

import io.fdbench.bench.epoch.EpochFamily;
import io.fdbench.bench.gradient.GradientCostFamily;
import io.fdbench.bench.kernel.KernelFamily;

import java.util.List;
import java.util.Optional;

/**
 * Every benchmark family the default suite runs, in order. Adding one is one line here, e.g.
 * {@code GradientCostFamily.FAMILY}, with the family defined next to its benchmark class.
 */
public final class Families {

    public static final List<Family> ALL = List.of(
            KernelFamily.FAMILY,
            GradientCostFamily.FAMILY,
            EpochFamily.FAMILY,
            EpochFamily.FASHION);

    /** Why a family cannot run on this machine (its data is missing), if it cannot. */
    public static Optional<String> skipReason(Family f) {
        return f == EpochFamily.FASHION ? EpochFamily.fashionSkipReason() : Optional.empty();
    }

    private Families() {
    }

    public static Optional<Family> find(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
