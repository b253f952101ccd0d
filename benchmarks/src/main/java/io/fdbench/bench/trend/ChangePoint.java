package io.fdbench.bench.trend;

/**
 * A shift in a performance series found by {@link EDivisive}: the series' level changes at
 * {@code index}, the first point of the new segment.
 *
 * @param index      index (into the series given to {@link EDivisive#detect}) of the first point
 *                   of the new segment; at least 1
 * @param meanBefore mean of the segment that ends just before {@code index} (in the series' unit)
 * @param meanAfter  mean of the segment that starts at {@code index}
 * @param pValue     permutation p-value of the split that found this point (the fraction of
 *                   shuffled segments whose best split diverged at least as much, with the
 *                   observed order counted once)
 */
public record ChangePoint(int index, double meanBefore, double meanAfter, double pValue) {

    /**
     * The shift relative to the level before it, {@code (meanAfter - meanBefore) / meanBefore}:
     * {@code 0.10} is a 10 % rise. For a time per operation a rise is a slowdown, for a
     * throughput it is a speed-up. NaN when {@code meanBefore} is 0.
     */
    public double relativeShift() {
        return meanBefore == 0 ? Double.NaN : (meanAfter - meanBefore) / meanBefore;
    }

    /** The shift in the series' unit, {@code meanAfter - meanBefore}. */
    public double absoluteShift() {
        return meanAfter - meanBefore;
    }
}
