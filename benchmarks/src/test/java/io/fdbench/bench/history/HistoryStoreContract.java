package io.fdbench.bench.history;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the history store must do on every database system it supports, through the commands a
 * user runs (the same code path): SQLite ({@link SqliteHistoryTest}) and PostgreSQL
 * ({@link PostgresHistoryTest}) each run these against a real database.
 */
abstract class HistoryStoreContract {

    @TempDir
    Path tmp;

    /** The --db value of a fresh, empty database for this test. */
    abstract String db() throws Exception;

    /** A plain JDBC connection to the same database, to inspect or tamper with it. */
    abstract Connection jdbc() throws SQLException;

    static CommandRun record(String db, Path... folders) {
        List<String> args = new ArrayList<>();
        for (Path f : folders) {
            args.add(f.toString());
        }
        args.add("--db");
        args.add(db);
        return CommandRun.of(new RecordCommand(), args.toArray(new String[0]));
    }

    static CommandRun history(String db, String... more) {
        List<String> args = new ArrayList<>(List.of(more));
        args.add("--db");
        args.add(db);
        return CommandRun.of(new HistoryCommand(), args.toArray(new String[0]));
    }

    static void assertOneLineError(CommandRun r, int code, String command, String part) {
        assertEquals(code, r.code(), r.all());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(command + ": error: "), lines.get(0));
        assertTrue(lines.get(0).contains(part), "names " + part + ": " + lines.get(0));
        assertFalse(r.err().contains("Exception") || r.err().contains("java."), "no class names: " + r.err());
    }

    long count(String table) throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    Path runA() throws Exception {
        return RunFixture.in(tmp.resolve("runs/20261129-163305-536e7fc")).write();
    }

    Path runB() throws Exception {
        return RunFixture.in(tmp.resolve("runs/20261130-090000-1b3e658")).commit("1b3e6580000000000000000000000000000000ff")
                .date(Instant.parse("2026-11-30T09:10:00Z")).gemm(61.25, "1.5").write();
    }

    @Test
    void recordsEveryRowWithItsEnvAndHistoryListsThem() throws Exception {
        String db = db();
        CommandRun r = record(db, runA(), runB());
        assertEquals(Exit.OK, r.code(), r.all());
        assertTrue(r.out().contains("recorded " + tmp.resolve("runs/20261129-163305-536e7fc")), r.out());
        assertTrue(r.out().contains("skipped stepsize.csv (not a JMH result table)"), r.out());
        assertTrue(r.out().contains("history: 2 runs in "), r.out());
        assertEquals(2, count("run"));
        assertEquals(2 * (4 + 2), count("result"), "4 kernel rows and 2 peers rows per run");
        // every env line of the three env files of each run (15 kernel, 7 peers, 2 stepsize)
        assertEquals(2 * (15 + 7 + 2), count("env_entry"));

        CommandRun csv = history(db, "--csv", "--benchmark", "KernelBenchmark\\.gemm$", "-p", "shape=fwd1");
        assertEquals(Exit.OK, csv.code(), csv.all());
        CsvTable t = Csv.parse(csv.out());
        assertEquals(HistoryCommand.CSV_HEADER, t.header());
        assertEquals(2, t.rows().size(), csv.out());
        assertEquals(List.of("55.683464", "1.361685", "536e7fc54a6b8b4702fee11f94794cecd4a1aca0"),
                List.of(cell(t, 0, "score"), cell(t, 0, "score_error"), cell(t, 0, "commit")));
        assertEquals(List.of("61.25", "1.5", "impl=simd shape=fwd1", "2026-11-30T09:10:00.000000000Z"),
                List.of(cell(t, 1, "score"), cell(t, 1, "score_error"), cell(t, 1, "params"), cell(t, 1, "date")));

        CommandRun table = history(db, "--benchmark", "peers");
        assertEquals(Exit.OK, table.code(), table.all());
        assertTrue(table.out().contains("JDK none"), "the peers' machine has no JDK: " + table.out());
        assertTrue(table.out().contains("?"), "the unknown error (NaN) is shown as unknown: " + table.out());
        assertTrue(table.out().contains("1 machine"), table.out());
    }

    private static String cell(CsvTable t, int row, String column) {
        return t.rows().get(row).get(t.column(column));
    }

    @Test
    void recordingTheSameRunTwiceIsRefusedAndWritesNothing() throws Exception {
        String db = db();
        Path a = runA();
        assertEquals(Exit.OK, record(db, a).code());
        long rows = count("result");

        assertOneLineError(record(db, a), Exit.USAGE, "record", "already recorded");
        Path copy = RunFixture.in(tmp.resolve("copy-of-a")).write(); // identical env files: the same run
        Path b = runB();
        assertOneLineError(record(db, b, copy), Exit.USAGE, "record", "copy-of-a");
        assertEquals(1, count("run"), "run B was not recorded either: the command refuses before writing");
        assertEquals(rows, count("result"));
        assertOneLineError(record(db, b, b), Exit.USAGE, "record", "the same run as");
        assertEquals(Exit.OK, record(db, b).code());
        assertEquals(2, count("run"));
    }

    @Test
    void aRowTheDatabaseRejectsRollsBackTheWholeRun() throws Exception {
        String db = db();
        RunRecord good = RunReader.read(runA());
        ResultTable kernel = good.tables().get(0);
        List<ResultRow> rows = new ArrayList<>(kernel.rows());
        ResultRow last = rows.get(rows.size() - 1);
        // the same line twice: the database's primary key rejects the second one, mid-transaction
        rows.add(new ResultRow(last.line(), last.benchmark(), last.mode(), last.threads(), last.samples(), 1.0, 0.1,
                last.unit(), Map.of(), Map.of()));
        List<ResultTable> tables = new ArrayList<>(good.tables());
        tables.set(0, new ResultTable(kernel.stem(), kernel.machine(), kernel.commit(), kernel.dirty(), kernel.date(),
                kernel.profile(), rows));
        RunRecord bad = new RunRecord(good.key(), good.folder(), tables, good.envs(), good.skipped());

        try (HistoryStore store = HistoryStore.open(HistoryLocation.parse(db, "--db"), HistoryStore.Access.WRITE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.record(bad));
            assertTrue(e.getMessage().contains("kernel.csv") && e.getMessage().contains("line " + last.line()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("nothing of the run was recorded"), e.getMessage());
            assertEquals(0, store.runCount());
        }
        for (String table : List.of("run", "env_entry", "result_table", "result", "result_param", "result_derived")) {
            assertEquals(0, count(table), table + " keeps nothing of the run");
        }
        assertEquals(Exit.OK, record(db, good.folder()).code(), "the good run records afterwards");
        assertEquals(1, count("run"));
    }

    @Test
    void aDatabaseFromANewerSchemaIsRefused() throws Exception {
        String db = db();
        assertEquals(Exit.OK, record(db, runA()).code());
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version (version, description, applied_at)"
                    + " VALUES (" + (Schema.CURRENT + 1) + ", 'from the future', '2030-01-01T00:00:00.000000000Z')");
        }
        long rows = count("result");
        assertOneLineError(record(db, runB()), Exit.USAGE, "record", "is newer than");
        assertOneLineError(history(db), Exit.USAGE, "history", "is newer than");
        assertEquals(1, count("run"));
        assertEquals(rows, count("result"));
    }

    @Test
    void machinesAreNeverOneSeries() throws Exception {
        String db = db();
        Path other = RunFixture.in(tmp.resolve("other-kernel")).os("Linux 6.19.1 amd64").withoutPeers()
                .date(Instant.parse("2026-12-01T10:00:00Z")).write();
        assertEquals(Exit.OK, record(db, runA(), runB(), other).code());
        CommandRun all = history(db, "--benchmark", "gemm$", "-p", "shape=fwd1");
        assertEquals(Exit.OK, all.code(), all.all());
        assertTrue(all.out().contains("2 machines"), all.out());
        assertTrue(all.out().contains("Linux 6.19.1 amd64"), all.out());
        CsvTable csv = Csv.parse(history(db, "--csv", "--benchmark", "gemm$", "-p", "shape=fwd1").out());
        assertEquals(3, csv.rows().size());
        assertEquals(2, csv.rows().stream().map(r -> r.get(csv.column("machine"))).distinct().count());

        CommandRun one = history(db, "--csv", "--benchmark", "gemm$", "-p", "shape=fwd1", "--machine", "6.19.1");
        CsvTable only = Csv.parse(one.out());
        assertEquals(1, only.rows().size(), one.out());
        CommandRun none = history(db, "--machine", "no-such-machine");
        assertEquals(Exit.FAILURE, none.code());
        assertTrue(none.err().contains("no series"), none.err());
    }

    @Test
    void trendFindsAStepAtTheRunWhereItStartsAndDrawsOneChartPerBenchmark() throws Exception {
        String db = db();
        java.util.SplittableRandom noise = new java.util.SplittableRandom(20261129L);
        List<Path> runs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double level = i < 20 ? 55.0 : 60.5; // +10 % from run 20 on
            runs.add(RunFixture.in(tmp.resolve(String.format(java.util.Locale.ROOT, "runs/r%02d", i)))
                    .commit(String.format(java.util.Locale.ROOT, "%07x", 0xabc0000 + i) + "0".repeat(33))
                    .date(Instant.parse("2026-11-01T10:00:00Z").plusSeconds(3600L * 24 * i))
                    .gemm(level * (1 + 0.01 * (noise.nextDouble() - 0.5)), "0.8").withoutPeers().write());
        }
        Path other = RunFixture.in(tmp.resolve("other-machine")).os("Linux 6.19.1 amd64").withoutPeers()
                .date(Instant.parse("2026-12-05T10:00:00Z")).write();
        runs.add(other);
        assertEquals(Exit.OK, record(db, runs.toArray(new Path[0])).code());

        Path out = tmp.resolve("trend");
        CommandRun r = CommandRun.of(new TrendCommand(), "--db", db, "--out", out.toString());
        assertEquals(Exit.OK, r.code(), r.all());
        assertTrue(r.out().contains("on 2 machines (analysed apart"), r.out());
        assertTrue(r.out().contains("1 shift in 1 series"), r.out());
        CsvTable shifts = Csv.parse(java.nio.file.Files.readString(out.resolve("trend-shifts.csv")));
        assertEquals(1, shifts.rows().size(), r.out());
        assertEquals("20", cell(shifts, 0, "index"));
        assertEquals("abc0014" + "0".repeat(33), cell(shifts, 0, "commit"), "the first run on the new level");
        assertEquals("shape=fwd1", cell(shifts, 0, "params").replace("impl=simd ", ""));
        double change = Double.parseDouble(cell(shifts, 0, "relative_change"));
        assertTrue(change > 0.08 && change < 0.12, "about +10 %: " + change);
        assertTrue(Double.parseDouble(cell(shifts, 0, "p_value")) <= 0.001);
        assertTrue(r.out().contains("(slower)"), "a rise in us/op is a slowdown: " + r.out());

        // kernel: fmaPeak, fmaPeak:mflop and gemm on the first machine; the other machine has one run each: no chart
        try (var files = java.nio.file.Files.list(out)) {
            List<String> pngs = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
            assertEquals(3, pngs.size(), pngs.toString());
            assertTrue(pngs.stream().allMatch(n -> n.startsWith("trend-")), pngs.toString());
        }
        String html = java.nio.file.Files.readString(out.resolve("trend.html"));
        assertTrue(html.contains("Shifts found") && html.contains("abc0014"), "the page lists the shift");
        assertTrue(html.contains("3 benchmarks with a single run: no chart"), "says why the other machine has none");

        CommandRun fwd2 = CommandRun.of(new TrendCommand(), "--db", db, "--out", tmp.resolve("t2").toString(),
                "-p", "shape=fwd2", "--machine", "6.18.44");
        assertEquals(Exit.OK, fwd2.code(), fwd2.all());
        assertTrue(fwd2.out().contains("no shift found"), "a constant series has no shift: " + fwd2.out());
        assertTrue(fwd2.out().contains("1 series on 1 machine"), fwd2.out());
    }
}
