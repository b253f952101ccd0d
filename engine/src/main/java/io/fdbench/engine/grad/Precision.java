package io.fdbench.engine.grad;

import java.util.Locale;

/** The arithmetic a figure was computed in. */
public enum Precision {
    FLOAT(Math.ulp(1.0f) / 2),
    DOUBLE(Math.ulp(1.0) / 2);

    private final double unitRoundoff;

    Precision(double unitRoundoff) {
        this.unitRoundoff = unitRoundoff;
    }

    /** u = ε/2: 2^-24 for float, 2^-53 for double. */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    /** v rounded to this precision (to nearest): the value a float or double variable would hold. */
    public double round(double v) {
        return this == FLOAT ? (float) v : v;
    }

    /**
     * The spacing of this precision's numbers at x (one ulp): a step of at least this size moves
     * x up and down; a step below half of it rounds back to x and vanishes.
     */
    public double ulp(double x) {
        return this == FLOAT ? Math.ulp((float) x) : Math.ulp(x);
    }

    /**
     * Whether x ± h, rounded to this precision, equals x on either side: the step the arithmetic
     * actually takes is then zero (h below about half an ulp of x, or h underflowing).
     */
    public boolean stepVanishes(double x, double h) {
        double at = round(x);
        return round(at + h) == at || round(at - h) == at;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Precision parse(String s) {
        for (Precision v : values()) {
            if (v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + s + "' (expected float or double)");
    }
}
