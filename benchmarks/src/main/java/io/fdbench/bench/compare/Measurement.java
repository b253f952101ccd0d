package io.fdbench.bench.compare;

/**
 * One JMH result row, reduced to what a comparison needs (a few fields instead of the whole
 * row, so a large file costs little memory).
 *
 * @param benchmark full benchmark name (with a {@code :label} for secondary results)
 * @param params    the matched parameters as {@code name=value} words, possibly empty
 * @param mode      JMH mode ({@code avgt}, {@code thrpt}, ...)
 * @param unit      the score's unit
 * @param samples   JMH's sample count
 * @param score     the score, finite
 * @param error     the 99.9 % half-width, or NaN when JMH gave none
 * @param line      the line of the row in its file
 */
public record Measurement(String benchmark, String params, String mode, String unit, long samples, double score,
                          double error, long line) {

    /** JMH computes an interval only from three samples on (fewer: the error is NaN). */
    public static final int MIN_SAMPLES_FOR_ERROR = 3;

    /** Benchmark and parameters: what identifies the row across files. */
    public String key() {
        return params.isEmpty() ? benchmark : benchmark + " " + params;
    }

    /** Whether the row has a usable 99.9 % interval: a finite error from enough samples. */
    public boolean hasErrorEstimate() {
        return samples >= MIN_SAMPLES_FOR_ERROR && Double.isFinite(error);
    }
}
