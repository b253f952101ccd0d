package io.fdbench.bench.history;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The history's tables, in SQL that SQLite and PostgreSQL both accept (TEXT, INTEGER, BIGINT,
 * DOUBLE PRECISION; composite primary keys instead of generated ids), created on first use and
 * changed only by numbered {@link Migration}s. The table {@code schema_version} lists the
 * migrations applied; a database whose version is newer than {@link #CURRENT} was written by a
 * newer fdbench and is refused rather than misread.
 *
 * <pre>
 * schema_version (version PK, description, applied_at)
 * machine        (machine_key PK, host, cpu, os, jdk)                        one per {@link Machine}
 * run            (run_key PK, folder, git_commit, run_date, recorded_at)     one per results folder
 * env_entry      (run_key, stem, name PK; value)                             every env file line
 * result_table   (run_key, stem PK; machine_key, git_commit, dirty, measured_at, profile)  one per JMH CSV
 * result         (run_key, stem, line PK; benchmark, mode, threads, samples,
 *                 score, score_error, unit)                                  one per CSV row
 * result_param   (run_key, stem, line, name PK; value)                       the row's @Param values
 * result_derived (run_key, stem, line, name PK; value)                       the row's derived columns
 * </pre>
 * Dates are ISO-8601 UTC text with nine fraction digits, so they sort as text; a NaN score or
 * error is stored as NULL.
 */
public final class Schema {

    /** The version this code reads and writes. */
    public static final int CURRENT = 1;

    /** The tables of the current version, in creation order. */
    static final List<String> TABLES = List.of("schema_version", "machine", "run", "env_entry", "result_table",
            "result", "result_param", "result_derived");

    /** One step of the schema: the version it leads to and its statements. */
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(new Migration(1,
            "runs, machines, result tables and rows with parameters and derived columns, env entries", List.of(
            "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL,"
                    + " applied_at TEXT NOT NULL)",
            "CREATE TABLE machine (machine_key TEXT NOT NULL PRIMARY KEY, host TEXT NOT NULL, cpu TEXT NOT NULL,"
                    + " os TEXT NOT NULL, jdk TEXT NOT NULL)",
            "CREATE TABLE run (run_key TEXT NOT NULL PRIMARY KEY, folder TEXT NOT NULL, git_commit TEXT NOT NULL,"
                    + " run_date TEXT NOT NULL, recorded_at TEXT NOT NULL)",
            "CREATE TABLE env_entry (run_key TEXT NOT NULL REFERENCES run (run_key), stem TEXT NOT NULL,"
                    + " name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_key, stem, name))",
            "CREATE TABLE result_table (run_key TEXT NOT NULL REFERENCES run (run_key), stem TEXT NOT NULL,"
                    + " machine_key TEXT NOT NULL REFERENCES machine (machine_key), git_commit TEXT NOT NULL,"
                    + " dirty INTEGER NOT NULL, measured_at TEXT NOT NULL, profile TEXT NOT NULL,"
                    + " PRIMARY KEY (run_key, stem))",
            "CREATE TABLE result (run_key TEXT NOT NULL, stem TEXT NOT NULL, line BIGINT NOT NULL,"
                    + " benchmark TEXT NOT NULL, mode TEXT NOT NULL, threads INTEGER NOT NULL CHECK (threads >= 0),"
                    + " samples BIGINT NOT NULL CHECK (samples >= 0), score DOUBLE PRECISION,"
                    + " score_error DOUBLE PRECISION, unit TEXT NOT NULL, PRIMARY KEY (run_key, stem, line),"
                    + " FOREIGN KEY (run_key, stem) REFERENCES result_table (run_key, stem))",
            "CREATE TABLE result_param (run_key TEXT NOT NULL, stem TEXT NOT NULL, line BIGINT NOT NULL,"
                    + " name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_key, stem, line, name),"
                    + " FOREIGN KEY (run_key, stem, line) REFERENCES result (run_key, stem, line))",
            "CREATE TABLE result_derived (run_key TEXT NOT NULL, stem TEXT NOT NULL, line BIGINT NOT NULL,"
                    + " name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_key, stem, line, name),"
                    + " FOREIGN KEY (run_key, stem, line) REFERENCES result (run_key, stem, line))",
            "CREATE INDEX result_by_benchmark ON result (benchmark)")));

    private Schema() {
    }

    /**
     * The version of the schema in {@code c}: 0 when it has none of the history's tables.
     *
     * @throws IllegalArgumentException when it has some of them but no version table: a database
     *                                  that fdbench did not make
     */
    static int version(Connection c, String shown) throws SQLException {
        List<String> present = presentTables(c);
        if (!present.contains("schema_version")) {
            if (!present.isEmpty()) {
                throw new IllegalArgumentException(shown + ": has tables named " + String.join(", ", present)
                        + " but no schema_version table: not a history database of fdbench; choose another --db");
            }
            return 0;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** The history's table names that exist in the connection's schema. */
    private static List<String> presentTables(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> present = new ArrayList<>();
        try (ResultSet r = meta.getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (r.next()) {
                String name = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (TABLES.contains(name)) {
                    present.add(name);
                }
            }
        }
        return present;
    }

    /** Refuses a database written by a newer fdbench. */
    static void checkNotNewer(int version, String shown) {
        if (version > CURRENT) {
            throw new IllegalArgumentException(shown + ": history schema version " + version + " is newer than this"
                    + " benchmarks.jar reads (" + CURRENT + "); use the fdbench that wrote it, or a newer one");
        }
    }

    /**
     * Applies the migrations after {@code from}, all in one transaction (a failure leaves the
     * database as it was). The connection must have auto-commit off.
     */
    static void migrate(Connection c, int from) throws SQLException {
        for (Migration m : MIGRATIONS) {
            if (m.version() <= from) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String sql : m.statements()) {
                    s.executeUpdate(sql);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                p.setInt(1, m.version());
                p.setString(2, m.description());
                p.setString(3, Dates.text(Instant.now()));
                p.executeUpdate();
            }
        }
    }
}
