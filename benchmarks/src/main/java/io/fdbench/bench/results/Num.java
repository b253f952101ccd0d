package io.fdbench.bench.results;

import java.math.BigDecimal;
import java.math.MathContext;

/** Locale-independent number text for result files: a decimal point, never a grouping comma. */
public final class Num {

    private Num() {
    }

    /** Parses {@code 12.5}, {@code 1.2E-5}, {@code NaN}, {@code Infinity}; rejects {@code 12,5}. */
    public static double parse(String s) {
        String t = s.trim();
        if (t.isEmpty() || t.indexOf(',') >= 0) {
            throw new NumberFormatException("not a number: '" + s + "'");
        }
        return Double.parseDouble(t);
    }

    /** Six significant digits in plain notation ({@code 12.3457}, {@code 0.000123457}); NaN as {@code NaN}. */
    public static String format(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
