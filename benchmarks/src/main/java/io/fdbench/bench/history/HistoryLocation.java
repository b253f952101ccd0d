package io.fdbench.bench.history;

import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the history database is, as {@code --db} names it: a file path (an embedded SQLite
 * database, {@value #DEFAULT_FILE_NAME} by default), a {@code jdbc:sqlite:PATH} URL, or a
 * {@code jdbc:postgresql://HOST:PORT/DB?user=...} URL of a shared PostgreSQL server. Both kinds hold
 * the same schema ({@link Schema}).
 *
 * @param kind    which database system
 * @param jdbcUrl the URL the driver is given
 * @param file    the SQLite file as the user named it (messages show it so); null for PostgreSQL
 */
public record HistoryLocation(Kind kind, String jdbcUrl, Path file) {

    /** The database systems the store speaks to. */
    public enum Kind { SQLITE, POSTGRESQL }

    /** The default database file, relative to the working directory. */
    public static final String DEFAULT_FILE_NAME = "results/history.db";

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    /** The flag name. */
    public static final String FLAG = "db";

    /** Declares {@code --db PATH_OR_JDBC_URL}. */
    public static Flags declare(Flags flags) {
        return flags.value(FLAG, "PATH_OR_JDBC_URL", "history database: an SQLite file (default " + DEFAULT_FILE_NAME
                + ") or a jdbc:postgresql://HOST:PORT/DB?user=...&password=... URL");
    }

    /** The {@code --db} location, or the default file. */
    public static HistoryLocation of(Flags.Parsed flags) {
        return flags.string(FLAG).map(v -> parse(v, "--" + FLAG)).orElseGet(HistoryLocation::defaultFile);
    }

    /** The default: {@value #DEFAULT_FILE_NAME}. */
    public static HistoryLocation defaultFile() {
        return sqlite(Path.of(DEFAULT_FILE_NAME));
    }

    /** An SQLite database in {@code file}. */
    public static HistoryLocation sqlite(Path file) {
        return new HistoryLocation(Kind.SQLITE, SQLITE_PREFIX + file.toAbsolutePath().normalize(), file);
    }

    /**
     * Reads a {@code --db} value; {@code flag} names the flag in errors.
     *
     * @throws UsageException for an empty value, an invalid path or a JDBC URL of another database system
     */
    public static HistoryLocation parse(String value, String flag) {
        if (value.isBlank()) {
            throw new UsageException(flag, "empty value: expected a file path or a jdbc:postgresql:// URL");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith(POSTGRESQL_PREFIX)) {
            if (!value.startsWith(POSTGRESQL_PREFIX + "//")) {
                throw new UsageException(flag, "expected jdbc:postgresql://HOST[:PORT]/DATABASE, got '" + shownUrl(value) + "'");
            }
            return new HistoryLocation(Kind.POSTGRESQL, value, null);
        }
        if (lower.startsWith(SQLITE_PREFIX)) {
            return sqlite(path(value.substring(SQLITE_PREFIX.length()), flag));
        }
        if (lower.startsWith("jdbc:")) {
            throw new UsageException(flag, "unsupported database '" + shownUrl(value) + "': use a file path (SQLite) or"
                    + " a jdbc:postgresql:// URL");
        }
        return sqlite(path(value, flag));
    }

    private static Path path(String text, String flag) {
        if (text.isBlank() || text.startsWith(":memory:") || text.startsWith("file:")) {
            throw new UsageException(flag, "expected a database file path, got '" + text + "'");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(flag, "invalid path '" + text + "'");
        }
    }

    /** How messages name the database: the file, or the URL without its query (which may hold a password). */
    public String shown() {
        return kind == Kind.SQLITE ? file.toString() : shownUrl(jdbcUrl);
    }

    private static String shownUrl(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        int at = base.indexOf('@');
        int slashes = base.indexOf("//");
        if (at > slashes && slashes >= 0) { // user:password@host
            base = base.substring(0, slashes + 2) + base.substring(at + 1);
        }
        return base;
    }
}
