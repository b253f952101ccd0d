package io.fdbench.bench.family;

import java.util.Objects;

/**
 * Whether a family can run here, and if not why (one line, with what to install).
 *
 * @param available whether it can run
 * @param reason    why not; empty when available
 */
public record Availability(boolean available, String reason) {

    public static final Availability AVAILABLE = new Availability(true, "");

    public Availability {
        Objects.requireNonNull(reason);
    }

    public static Availability missing(String reason) {
        return new Availability(false, reason);
    }
}
