package io.fdbench.bench.history;

import io.fdbench.bench.cli.Exit;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history store on a real SQLite file in a temp folder (no mocks), and the bad inputs a user
 * can give it: each is one line, exit 2 (3 for a server that cannot be reached), nothing written.
 */
class SqliteHistoryTest extends HistoryStoreContract {

    private Path file() {
        return tmp.resolve("db/history.db");
    }

    @Override
    String db() throws Exception {
        Files.createDirectories(file().getParent());
        return file().toString();
    }

    @Override
    Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }

    @Test
    void theSchemaIsVersionedAndCreatedOnFirstUse() throws Exception {
        String db = db();
        assertFalse(Files.exists(file()));
        assertEquals(Exit.OK, record(db, runA()).code());
        assertTrue(Files.isRegularFile(file()));
        try (Connection c = jdbc(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT version FROM schema_version")) {
            assertTrue(r.next());
            assertEquals(Schema.CURRENT, r.getInt(1));
            assertFalse(r.next());
        }
    }

    @Test
    void aRowRejectedByTheDatabaseMidRunLeavesNothingOfTheRun() throws Exception {
        String db = db();
        assertEquals(Exit.OK, record(db, runA()).code());
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            // a real failure inside the database, at the last peers row, after every kernel row went in
            s.executeUpdate("CREATE TRIGGER refuse_epoch BEFORE INSERT ON result WHEN NEW.benchmark = 'peers.numpy.Epoch'"
                    + " BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END");
        }
        CommandRun r = record(db, runB());
        assertOneLineError(r, Exit.USAGE, "record", "peers.csv");
        assertTrue(r.err().contains("refused by a test trigger") && r.err().contains("nothing of the run was recorded"),
                r.err());
        assertEquals(1, count("run"));
        assertEquals(6, count("result"), "only run A's rows");
        assertEquals(1, count("result_table WHERE stem = 'kernel'"), "run B's kernel table was rolled back too");
    }

    @Test
    void aCorruptDatabaseFileIsRefusedAndLeftAsItWas() throws Exception {
        Files.createDirectories(file().getParent());
        byte[] junk = new byte[8192];
        Arrays.fill(junk, (byte) 0x5A);
        Files.write(file(), junk);
        assertOneLineError(record(file().toString(), runA()), Exit.USAGE, "record", file() + ": not an SQLite database");
        assertOneLineError(history(file().toString()), Exit.USAGE, "history", file().toString());
        assertArrayEquals(junk, Files.readAllBytes(file()));
    }

    @Test
    void aNewerSchemaLeavesTheFileByteForByte() throws Exception {
        String db = db();
        assertEquals(Exit.OK, record(db, runA()).code());
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01T00:00:00.000000000Z')");
        }
        byte[] before = Files.readAllBytes(file());
        assertOneLineError(record(db, runB()), Exit.USAGE, "record", "version 99");
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void aForeignDatabaseIsNotWrittenInto() throws Exception {
        String db = db();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE run (id INTEGER)");
        }
        assertOneLineError(record(db, runA()), Exit.USAGE, "record", "not a history database");
    }

    @Test
    void aRunFolderWithoutEnvFileIsRefusedBeforeTheDatabaseIsTouched() throws Exception {
        Path run = runA();
        Files.delete(run.resolve("kernel-env.csv"));
        Files.delete(run.resolve("peers-env.csv"));
        assertOneLineError(record(db(), run), Exit.USAGE, "record", "no JMH result table");
        Files.delete(run.resolve("stepsize-env.csv"));
        assertOneLineError(record(db(), run), Exit.USAGE, "record", "no env file");
        assertOneLineError(record(db(), tmp.resolve("no-such-run")), Exit.USAGE, "record", "no-such-run");
        assertFalse(Files.exists(file()), "no database file was created");
    }

    @Test
    void aJmhTableWithoutEnvFileIsSkippedAndSaidSo() throws Exception {
        Path run = runA();
        Files.delete(run.resolve("peers-env.csv"));
        CommandRun r = record(db(), run);
        assertEquals(Exit.OK, r.code(), r.all());
        assertTrue(r.out().contains("skipped peers.csv (no env file peers-env.csv"), r.out());
        assertEquals(4, count("result"), "the kernel rows only");
    }

    @Test
    void aBadResultFileNamesItsLine() throws Exception {
        Path run = runA();
        String kernel = Files.readString(run.resolve("kernel.csv"));
        Files.writeString(run.resolve("kernel.csv"), kernel.replace("1.735836", "1,735836"));
        assertOneLineError(record(db(), run), Exit.USAGE, "record", "kernel.csv: line 5");
        assertFalse(Files.exists(file()));
    }

    @Test
    void anUnreachableServerIsAnEnvironmentProblem() throws Exception {
        // port 1 on the loopback: nothing listens there, the connection is refused at once
        CommandRun r = record("jdbc:postgresql://127.0.0.1:1/history?user=fdbench&password=secret", runA());
        assertOneLineError(r, Exit.ENVIRONMENT, "record", "cannot connect");
        assertFalse(r.err().contains("secret"), "the password is not echoed: " + r.err());
        assertOneLineError(history("jdbc:postgresql://127.0.0.1:1/history"), Exit.ENVIRONMENT, "history", "127.0.0.1:1");
    }

    @Test
    void historyWithoutADatabaseSaysToRecordFirstAndCreatesNothing() throws Exception {
        assertOneLineError(history(db()), Exit.USAGE, "history", "record a run first");
        assertFalse(Files.exists(file()));
    }

    @Test
    void theDefaultDatabaseIsResultsHistoryDb() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of(HistoryLocation.DEFAULT_FILE_NAME)),
                "a history database exists in the working directory");
        CommandRun r = CommandRun.of(new HistoryCommand());
        assertOneLineError(r, Exit.USAGE, "history", HistoryLocation.DEFAULT_FILE_NAME + ": no history database");
        assertFalse(Files.exists(Path.of(HistoryLocation.DEFAULT_FILE_NAME)));
    }

    @Test
    void badFlagsAreUsageErrors() throws Exception {
        String db = db();
        assertOneLineError(history(db, "-p", "shape"), Exit.USAGE, "history", "-p");
        assertOneLineError(history(db, "--benchmark", "(gemm"), Exit.USAGE, "history", "--benchmark");
        assertOneLineError(history(db, "-x", "1"), Exit.USAGE, "history", "-x");
        assertOneLineError(history("jdbc:mysql://localhost/x"), Exit.USAGE, "history", "--db");
        assertOneLineError(CommandRun.of(new RecordCommand(), "--db", db), Exit.USAGE, "record", "RUN_DIR");
    }
}
