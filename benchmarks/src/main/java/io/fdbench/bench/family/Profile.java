package io.fdbench.bench.family;

import java.util.Locale;

/** The suite's two run profiles: the full measurement and the short {@code --quick} smoke run. */
public enum Profile {
    /** The settings of the benchmark classes' JMH annotations: figures to quote. */
    FULL,
    /** A short smoke run: half-warmed figures that show the code runs, never targets. */
    QUICK;

    /** {@code full} or {@code quick}, as written in env files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile of(boolean quick) {
        return quick ? QUICK : FULL;
    }
}
