package io.fdbench.bench.history;

import io.fdbench.bench.cli.EnvironmentException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The history database through plain JDBC: an embedded SQLite file or a PostgreSQL server (see
 * {@link HistoryLocation}), the same {@link Schema} and the same SQL on both. A run is stored in
 * one transaction ({@link #record}), so a failure leaves nothing of it behind.
 *
 * <p>Errors are one line naming the database: a database that is not one (a corrupt file, a
 * schema from a newer fdbench, a row the database rejects) is an {@link IllegalArgumentException}
 * (exit 2); a server that cannot be reached, a login refused, a file that cannot be opened or
 * written is an {@link EnvironmentException} (exit 3).
 */
public final class HistoryStore implements AutoCloseable {

    /** What a command may do to the database. */
    public enum Access {
        /** Read an existing history; nothing is written (SQLite opens read-only). */
        READ,
        /** Create the file and the tables when missing, apply migrations, record runs. */
        WRITE
    }

    /** Seconds a server has to accept the connection. */
    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    /** Milliseconds an SQLite writer waits for another's lock. */
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final HistoryLocation location;
    private final Connection connection;

    private HistoryStore(HistoryLocation location, Connection connection) {
        this.location = location;
        this.connection = connection;
    }

    /**
     * Opens the history at {@code location}. {@link Access#READ} needs an existing history;
     * {@link Access#WRITE} creates it (file, tables) on first use. Either way a schema from a newer
     * fdbench, a corrupt file or a foreign database is refused before anything is written.
     */
    public static HistoryStore open(HistoryLocation location, Access access) {
        String shown = location.shown();
        if (location.kind() == HistoryLocation.Kind.SQLITE) {
            checkFile(location.file(), access);
        }
        Connection c = connect(location, access);
        try {
            int version = Schema.version(c, shown);
            Schema.checkNotNewer(version, shown);
            if (version == 0 && access == Access.READ) {
                throw new IllegalArgumentException(shown + ": no history recorded yet: record a run first"
                        + " (java -jar benchmarks.jar record RUN_DIR)");
            }
            if (version < Schema.CURRENT) {
                if (access == Access.READ) {
                    throw new IllegalArgumentException(shown + ": history schema version " + version + " is older than"
                            + " this benchmarks.jar's (" + Schema.CURRENT + "): record a run into it to migrate it");
                }
                c.setAutoCommit(false);
                try {
                    Schema.migrate(c, version);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    rollback(c);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
            return new HistoryStore(location, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(location, "cannot read its schema", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Checks, without writing anything, that {@link #open} with {@link Access#WRITE} would succeed:
     * the server answers, the file is a history (or does not exist yet, in a folder), the schema
     * is not newer. The suite calls this before a long run that ends with {@code --record}.
     */
    public static void check(HistoryLocation location) {
        if (location.kind() == HistoryLocation.Kind.SQLITE && !Files.exists(location.file())) {
            checkFile(location.file(), Access.WRITE);
            return;
        }
        Connection c = connect(location, Access.READ);
        try {
            Schema.checkNotNewer(Schema.version(c, location.shown()), location.shown());
        } catch (SQLException e) {
            throw failure(location, "cannot read its schema", e);
        } finally {
            closeQuietly(c);
        }
    }

    private static void checkFile(Path file, Access access) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": a folder, not a database file");
        }
        if (!Files.exists(file)) {
            if (access == Access.READ) {
                throw new IllegalArgumentException(file + ": no history database: record a run first"
                        + " (java -jar benchmarks.jar record RUN_DIR)");
            }
            Path parent = file.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new EnvironmentException(file + ": cannot create the database: no folder " + parent);
            }
        }
    }

    private static Connection connect(HistoryLocation location, Access access) {
        try {
            if (location.kind() == HistoryLocation.Kind.SQLITE) {
                SQLiteConfig config = new SQLiteConfig();
                config.enforceForeignKeys(true);
                config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
                config.setReadOnly(access == Access.READ);
                return DriverManager.getConnection(location.jdbcUrl(), config.toProperties());
            }
            DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
            Connection c = DriverManager.getConnection(location.jdbcUrl());
            c.setReadOnly(access == Access.READ);
            return c;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (location.kind() == HistoryLocation.Kind.POSTGRESQL || state.startsWith("08")) {
                throw new EnvironmentException(location.shown() + ": cannot connect: " + firstLine(e), e);
            }
            throw failure(location, "cannot open", e);
        }
    }

    /** The run with {@code runKey}, if recorded: its folder and when it was recorded. */
    public Optional<String> recorded(String runKey) {
        try (PreparedStatement p = connection.prepareStatement("SELECT folder, recorded_at FROM run WHERE run_key = ?")) {
            p.setString(1, runKey);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1) + " (recorded " + r.getString(2) + ")") : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(location, "cannot look up run " + runKey.substring(0, 12), e);
        }
    }

    /**
     * Stores a run, its env entries, tables, rows, parameters and derived columns in one
     * transaction. A run already recorded is refused; a row the database rejects rolls the whole
     * run back and is reported with its file and line.
     */
    public void record(RunRecord run) {
        String where = run.folder().toString();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw failure(location, "cannot start a transaction", e);
        }
        try {
            insertRun(run);
            for (ResultTable t : run.tables()) {
                where = run.folder().resolve(t.stem() + ".csv").toString();
                insertTable(run.key(), t);
            }
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            String message = where + ": " + firstLine(e) + "; nothing of the run was recorded in " + location.shown();
            throw isBadData(location, e) ? new IllegalArgumentException(message, e) : new EnvironmentException(message, e);
        } catch (RuntimeException e) {
            rollback(connection);
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // the connection is closed by the caller; nothing more to undo
            }
        }
    }

    private void insertRun(RunRecord run) throws SQLException {
        Optional<String> earlier = recorded(run.key());
        if (earlier.isPresent()) {
            throw new IllegalArgumentException(run.folder() + ": already recorded as run " + run.shortKey() + " in "
                    + location.shown() + ": " + earlier.get() + "; a run is recorded once");
        }
        Instant first = run.tables().stream().map(ResultTable::date).min(Comparator.naturalOrder()).orElseThrow();
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO run (run_key, folder, git_commit, run_date, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, run.key());
            p.setString(2, run.folder().toString());
            p.setString(3, run.commit());
            p.setString(4, Dates.text(first));
            p.setString(5, Dates.text(Instant.now()));
            p.executeUpdate();
        }
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO env_entry (run_key, stem, name, value) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Map<String, String>> env : run.envs().entrySet()) {
                for (Map.Entry<String, String> e : env.getValue().entrySet()) {
                    p.setString(1, run.key());
                    p.setString(2, env.getKey());
                    p.setString(3, e.getKey());
                    p.setString(4, e.getValue());
                    p.executeUpdate();
                }
            }
        }
    }

    private void insertTable(String runKey, ResultTable t) throws SQLException {
        Machine m = t.machine();
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO machine (machine_key, host, cpu, os, jdk)"
                + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM machine WHERE machine_key = ?)")) {
            p.setString(1, m.key());
            p.setString(2, m.host());
            p.setString(3, m.cpu());
            p.setString(4, m.os());
            p.setString(5, m.jdk());
            p.setString(6, m.key());
            p.executeUpdate();
        }
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO result_table (run_key, stem, machine_key,"
                + " git_commit, dirty, measured_at, profile) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, runKey);
            p.setString(2, t.stem());
            p.setString(3, m.key());
            p.setString(4, t.commit());
            p.setInt(5, t.dirty() ? 1 : 0);
            p.setString(6, Dates.text(t.date()));
            p.setString(7, t.profile());
            p.executeUpdate();
        }
        try (PreparedStatement row = connection.prepareStatement("INSERT INTO result (run_key, stem, line, benchmark,"
                + " mode, threads, samples, score, score_error, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement param = connection.prepareStatement(
                     "INSERT INTO result_param (run_key, stem, line, name, value) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement derived = connection.prepareStatement(
                     "INSERT INTO result_derived (run_key, stem, line, name, value) VALUES (?, ?, ?, ?, ?)")) {
            for (ResultRow r : t.rows()) {
                try {
                    row.setString(1, runKey);
                    row.setString(2, t.stem());
                    row.setLong(3, r.line());
                    row.setString(4, r.benchmark());
                    row.setString(5, r.mode());
                    row.setInt(6, r.threads());
                    row.setLong(7, r.samples());
                    setDouble(row, 8, r.score());
                    setDouble(row, 9, r.scoreError());
                    row.setString(10, r.unit());
                    row.executeUpdate();
                    insertCells(param, runKey, t.stem(), r.line(), r.params());
                    insertCells(derived, runKey, t.stem(), r.line(), r.derived());
                } catch (SQLException e) {
                    throw new SQLException("line " + r.line() + ": the database refused the row: " + firstLine(e),
                            e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    private static void insertCells(PreparedStatement p, String runKey, String stem, long line,
                                    Map<String, String> cells) throws SQLException {
        for (Map.Entry<String, String> c : cells.entrySet()) {
            p.setString(1, runKey);
            p.setString(2, stem);
            p.setLong(3, line);
            p.setString(4, c.getKey());
            p.setString(5, c.getValue());
            p.executeUpdate();
        }
    }

    /** NaN (JMH's "unknown") as NULL: SQLite has no NaN and would store NULL anyway, PostgreSQL would keep NaN. */
    private static void setDouble(PreparedStatement p, int index, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(index, Types.DOUBLE);
        } else {
            p.setDouble(index, v);
        }
    }

    /** Every stored result row with its run, table and machine, for {@code history} and {@code trend}. */
    public List<SeriesPoint> points() {
        Map<String, Map<String, String>> params = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT run_key, stem, line, name, value FROM result_param")) {
            while (r.next()) {
                params.computeIfAbsent(r.getString(1) + "\u0000" + r.getString(2) + "\u0000" + r.getLong(3),
                        k -> new TreeMap<>()).put(r.getString(4), r.getString(5));
            }
        } catch (SQLException e) {
            throw failure(location, "cannot read the parameters", e);
        }
        List<SeriesPoint> points = new ArrayList<>();
        String sql = "SELECT x.run_key, x.stem, x.line, x.benchmark, x.mode, x.threads, x.samples, x.score,"
                + " x.score_error, x.unit, t.git_commit, t.dirty, t.measured_at, r.folder,"
                + " m.machine_key, m.host, m.cpu, m.os, m.jdk, t.profile"
                + " FROM result x JOIN result_table t ON t.run_key = x.run_key AND t.stem = x.stem"
                + " JOIN run r ON r.run_key = x.run_key JOIN machine m ON m.machine_key = t.machine_key";
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                String runKey = r.getString(1);
                String stem = r.getString(2);
                long line = r.getLong(3);
                Machine machine = new Machine(r.getString(16), r.getString(17), r.getString(18), r.getString(19));
                Map<String, String> p = params.getOrDefault(runKey + "\u0000" + stem + "\u0000" + line, Map.of());
                SeriesKey key = new SeriesKey(r.getString(4), r.getString(5), r.getInt(6), r.getString(10), p,
                        r.getString(20), machine);
                points.add(new SeriesPoint(key, runKey, r.getString(14), stem, r.getString(11), r.getInt(12) != 0,
                        Dates.parse(r.getString(13)), nanIfNull(r, 8), nanIfNull(r, 9), r.getLong(7)));
            }
        } catch (SQLException e) {
            throw failure(location, "cannot read the results", e);
        }
        return points;
    }

    private static double nanIfNull(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? Double.NaN : v;
    }

    /** How many runs are recorded. */
    public int runCount() {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM run")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw failure(location, "cannot count the runs", e);
        }
    }

    public HistoryLocation location() {
        return location;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    /**
     * A database error as one line naming the database: bad data (a constraint, a corrupt or
     * foreign file) is an {@link IllegalArgumentException}, anything else an {@link EnvironmentException}.
     */
    static RuntimeException failure(HistoryLocation location, String doing, SQLException e) {
        int primary = e.getErrorCode() & 0xFF;
        if (location.kind() == HistoryLocation.Kind.SQLITE && (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)) {
            return new IllegalArgumentException(location.shown() + ": not an SQLite database, or a corrupt one ("
                    + (primary == SQLITE_NOTADB ? "file is not a database" : "database disk image is malformed")
                    + "); choose another --db or rebuild it with record from the run folders", e);
        }
        String message = location.shown() + ": " + doing + ": " + firstLine(e);
        return isBadData(location, e) ? new IllegalArgumentException(message, e) : new EnvironmentException(message, e);
    }

    private static boolean isBadData(HistoryLocation location, SQLException e) {
        if (location.kind() == HistoryLocation.Kind.SQLITE) {
            int primary = e.getErrorCode() & 0xFF;
            return primary == SQLITE_CONSTRAINT || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
                    || primary == SQLITE_MISMATCH;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("23") || state.startsWith("22");
    }

    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;
    private static final int SQLITE_NOTADB = 26;

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.strip().lines().findFirst().orElse("").strip();
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the transaction is gone with the connection; the database keeps nothing of it
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing a broken connection: nothing to keep
        }
    }
}
