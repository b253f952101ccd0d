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
