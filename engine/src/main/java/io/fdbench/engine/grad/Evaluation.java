package io.fdbench.engine.grad;

import java.util.Locale;

/** How a finite-difference estimator obtains each perturbed loss. */
public enum Evaluation {
    /** Re-run the whole forward pass for every perturbed parameter: the classic baseline. */
    FULL,
    /** Update the cached forward state for the one changed parameter; same numbers as FULL. */
    INCREMENTAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Evaluation parse(String s) {
        for (Evaluation v : values()) {
            if (v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown evaluation '" + s + "' (expected full or incremental)");
    }
}
