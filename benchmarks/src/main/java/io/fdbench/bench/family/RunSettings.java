package io.fdbench.bench.family;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.List;

/**
 * A family's JMH run settings for one profile. The full profile is read from the benchmark
 * classes' own {@code @Fork}, {@code @Warmup} and {@code @Measurement} annotations, so the suite
 * and a plain JMH run ({@code java -jar benchmarks.jar REGEX}) use the same settings, defined once.
 * The suite applies each only when the user did not give the matching JMH option ({@code -f},
 * {@code -wi}, {@code -w}, {@code -i}, {@code -r}).
 */
public record RunSettings(int forks, int warmupIterations, TimeValue warmupTime,
                          int measurementIterations, TimeValue measurementTime) {

    /** E.g. {@code RunSettings.of(1, 2, "400ms", 2, "200ms")}; times in JMH syntax. */
    public static RunSettings of(int forks, int warmupIterations, String warmupTime,
                                 int measurementIterations, String measurementTime) {
        return new RunSettings(forks, warmupIterations, TimeValue.fromString(warmupTime),
                measurementIterations, TimeValue.fromString(measurementTime));
    }

    /**
     * The settings the annotations of {@code benchmarks} declare; every class must declare all
     * three annotations with the same values (one family, one set of settings).
     */
    public static RunSettings ofAnnotations(List<Class<?>> benchmarks) {
        RunSettings first = null;
        for (Class<?> c : benchmarks) {
            Fork f = c.getAnnotation(Fork.class);
            Warmup w = c.getAnnotation(Warmup.class);
            Measurement m = c.getAnnotation(Measurement.class);
            if (f == null || w == null || m == null) {
                throw new IllegalStateException(c.getName() + " must declare @Fork, @Warmup and @Measurement");
            }
            RunSettings s = new RunSettings(f.value(), w.iterations(), new TimeValue(w.time(), w.timeUnit()),
                    m.iterations(), new TimeValue(m.time(), m.timeUnit()));
            if (first != null && !first.equals(s)) {
                throw new IllegalStateException(c.getName() + " declares " + s + ", its family " + first);
            }
            first = s;
        }
        if (first == null) {
            throw new IllegalArgumentException("a JMH family needs at least one benchmark class");
        }
        return first;
    }

    /** Seconds one parameter combination takes (forks × timed iterations), for the suite's estimate. */
    public double secondsPerRow() {
        return forks * (warmupIterations * seconds(warmupTime) + measurementIterations * seconds(measurementTime));
    }

    private static double seconds(TimeValue t) {
        return t.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
    }

    @Override
    public String toString() {
        return forks + " fork(s), " + warmupIterations + " x " + warmupTime + " warmup, "
                + measurementIterations + " x " + measurementTime + " measured";
    }
}
