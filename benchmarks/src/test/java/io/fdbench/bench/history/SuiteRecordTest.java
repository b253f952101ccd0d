package io.fdbench.bench.history;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.family.ComputedFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.suite.SuiteCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code suite --record}: the finished run folder goes into the history; a database that cannot
 * take it is refused before any family runs. The suite runs a computed family that writes a
 * fixture run (no JMH), so the test takes a second.
 */
class SuiteRecordTest {

    @TempDir
    Path tmp;

    /** A family that writes the fixture's kernel table and env file, and counts its runs. */
    private static final class FixtureFamily implements ComputedFamily {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public String name() {
            return "kernel";
        }

        @Override
        public String description() {
            return "fixture rows";
        }

        @Override
        public List<Path> run(Context context) throws Exception {
            runs.incrementAndGet();
            Path f = RunFixture.in(context.folder()).withoutPeers().write();
            return List.of(f.resolve("kernel.csv"), f.resolve("kernel-env.csv"));
        }

        @Override
        public double estimatedSeconds(Profile profile) {
            return 1;
        }
    }

    @Test
    void theFinishedRunIsRecorded() throws Exception {
        FixtureFamily family = new FixtureFamily();
        Path out = tmp.resolve("run");
        Path db = tmp.resolve("history.db");
        CommandRun r = CommandRun.of(new SuiteCommand(List.of(family)), "--out", out.toString(), "--record",
                "--db", db.toString());
        assertEquals(Exit.OK, r.code(), r.all());
        assertEquals(1, family.runs.get());
        assertTrue(r.out().contains("recorded " + out), r.out());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT COUNT(*) FROM result")) {
            rows.next();
            assertEquals(4, rows.getInt(1));
        }
        CommandRun again = CommandRun.of(new RecordCommand(), out.toString(), "--db", db.toString());
        assertEquals(Exit.USAGE, again.code(), "the suite's run is recorded already: " + again.all());
    }

    @Test
    void aDatabaseThatCannotTakeTheRunIsRefusedBeforeTheSuiteRuns() throws Exception {
        FixtureFamily family = new FixtureFamily();
        Path db = tmp.resolve("history.db");
        byte[] junk = "not a database, just text that is long enough to be read as a header".repeat(100).getBytes();
        Files.write(db, junk);
        Path out = tmp.resolve("run");
        CommandRun r = CommandRun.of(new SuiteCommand(List.of(family)), "--out", out.toString(), "--record",
                "--db", db.toString());
        assertEquals(Exit.USAGE, r.code(), r.all());
        assertTrue(r.err().contains("not an SQLite database"), r.err());
        assertEquals(0, family.runs.get(), "no family ran");
        assertFalse(Files.exists(out.resolve("kernel.csv")));
        assertArrayEquals(junk, Files.readAllBytes(db));

        CommandRun unreachable = CommandRun.of(new SuiteCommand(List.of(family)), "--out", out.toString(), "--record",
                "--db", "jdbc:postgresql://127.0.0.1:1/history");
        assertEquals(Exit.ENVIRONMENT, unreachable.code(), unreachable.all());
        assertEquals(0, family.runs.get());

        CommandRun dbAlone = CommandRun.of(new SuiteCommand(List.of(family)), "--out", out.toString(), "--db", "x.db");
        assertEquals(Exit.USAGE, dbAlone.code(), dbAlone.all());
        assertTrue(dbAlone.err().contains("--db: only used with --record"), dbAlone.err());
    }
}
