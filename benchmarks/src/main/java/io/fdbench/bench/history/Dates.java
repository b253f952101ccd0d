package io.fdbench.bench.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as the history stores them: UTC with nine fraction digits, so text order is time order. */
final class Dates {

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Dates() {
    }

    static String text(Instant t) {
        return STORED.format(t);
    }

    static Instant parse(String stored) {
        return Instant.parse(stored);
    }

    /** {@code 2026-11-29 16:57} (UTC), for tables. */
    static String shown(Instant t) {
        return SHOWN.format(t);
    }
}
