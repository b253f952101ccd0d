package io.fdbench.bench.history;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same contract on a real PostgreSQL server, through the same commands and SQL. The server's
 * URL comes from the system property {@value #PROPERTY} or the environment variable
 * {@value #VARIABLE}; {@code scripts/with-postgres.sh} starts a throw-away server and sets it.
 * Without it the class is skipped on a developer's machine, and FAILS under CI ({@code CI=true}),
 * so a CI run that lost its server cannot pass silently. Each test works in a schema of its own,
 * dropped afterwards.
 */
class PostgresHistoryTest extends HistoryStoreContract {

    static final String PROPERTY = "fdbench.test.postgres";
    static final String VARIABLE = "FDBENCH_TEST_POSTGRES";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private static String server;
    private String schema;

    @BeforeAll
    static void server() {
        String url = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (url == null || url.isBlank()) {
            String how = "no PostgreSQL server: set -D" + PROPERTY + "=jdbc:postgresql://... or run the build through"
                    + " scripts/with-postgres.sh, which starts one";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(how + " (CI=true: the PostgreSQL tests must run in CI)");
            }
            assumeTrue(false, how);
        }
        server = url;
    }

    @Override
    String db() throws SQLException {
        schema = "fdbench_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE SCHEMA " + schema);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.executeUpdate("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
