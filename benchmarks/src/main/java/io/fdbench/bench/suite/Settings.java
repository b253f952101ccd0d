package io.fdbench.bench.suite;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A family's default JMH run settings for one profile (full or {@code --quick}). The suite applies
 * each only when the user did not give the matching JMH option ({@code -f}, {@code -wi},
 * {@code -w}, {@code -i}, {@code -r}).
 */
public record Settings(int forks, int warmupIterations, TimeValue warmupTime,
                       int measurementIterations, TimeValue measurementTime) {

    /** E.g. {@code Settings.of(2, 3, "1s", 5, "1s")}; times in JMH syntax ({@code 200ms}, {@code 1s}). */
    public static Settings of(int forks, int warmupIterations, String warmupTime,
                              int measurementIterations, String measurementTime) {
        return new Settings(forks, warmupIterations, TimeValue.fromString(warmupTime),
                measurementIterations, TimeValue.fromString(measurementTime));
    }
}
