package io.fdbench.bench.chart;

import io.fdbench.bench.results.JmhRow;

import java.util.Locale;

/**
 * One measured value with its 99.9 % confidence interval [{@code low}, {@code high}], both NaN
 * when the error is unknown (a quick run or a single sample: JMH writes NaN). The interval is
 * kept as bounds, not as a ± error, so transforms that are not linear (a throughput from a time)
 * stay exact.
 */
public record Measurement(double value, double low, double high) {

    /** A value whose error is unknown. */
    public static Measurement unknownError(double value) {
        return new Measurement(value, Double.NaN, Double.NaN);
    }

    /** {@code value ± error}; a NaN or negative error means unknown. */
    public static Measurement of(double value, double error) {
        if (!(error >= 0) || Double.isInfinite(error)) {
            return unknownError(value);
        }
        return new Measurement(value, value - error, value + error);
    }

    /**
     * Seconds per operation of a JMH row with its interval: {@code X/op} units scale the score
     * and its error; {@code ops/X} (throughput) inverts them, so the interval is
     * [s / (score + error), s / (score − error)] (unbounded above when the error reaches the score).
     * Null for a row without a time unit.
     */
    public static Measurement secondsPerOp(JmhRow row) {
        if (row.secondsPerOp().isEmpty()) {
            return null;
        }
        double seconds = row.secondsPerOp().getAsDouble();
        double score = row.score();
        double error = row.scoreError();
        if (!(error >= 0) || Double.isInfinite(error)) {
            return unknownError(seconds);
        }
        if (row.unit().trim().toLowerCase(Locale.ROOT).startsWith("ops/")) {
            double perUnit = seconds * score;
            double low = perUnit / (score + error);
            double high = error < score ? perUnit / (score - error) : Double.POSITIVE_INFINITY;
            return new Measurement(seconds, low, high);
        }
        return of(seconds, error * seconds / score);
    }

    public boolean hasError() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Value and bounds times a positive factor (a unit change, a per-parameter cost). */
    public Measurement times(double factor) {
        return new Measurement(value * factor, low * factor, high * factor);
    }

    /**
     * {@code numerator / this} for a quantity inversely proportional to this one, e.g. a rate from
     * a time: the bounds swap and a lower bound at or below zero gives an unbounded upper bound.
     */
    public Measurement inverse(double numerator) {
        if (!hasError()) {
            return unknownError(numerator / value);
        }
        double upper = low > 0 ? numerator / low : Double.POSITIVE_INFINITY;
        return new Measurement(numerator / value, numerator / high, upper);
    }

    /** "2.47 ± 0.10" when symmetric, "179 [176, 183]" otherwise, "12.3 (error unknown)" without. */
    public String text() {
        if (!hasError()) {
            return num(value) + " (error unknown)";
        }
        double minus = value - low;
        double plus = high - value;
        if (Math.abs(minus - plus) <= 1e-6 * Math.max(Math.abs(value), 1e-300)) {
            return num(value) + " ± " + num(plus);
        }
        return num(value) + " [" + num(low) + ", " + (Double.isInfinite(high) ? "∞" : num(high)) + "]";
    }

    /** Three significant digits, plain for 0.001 .. 1e6, scientific otherwise. */
    public static String num(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        double a = Math.abs(x);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.2e", x);
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
