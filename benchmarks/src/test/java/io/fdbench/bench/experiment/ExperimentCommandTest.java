package io.fdbench.bench.experiment;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.report.ReportCommand;
import io.fdbench.bench.results.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user of {@code experiment} sees: the tables, the files, the charts and one-line errors. */
class ExperimentCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ExperimentCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void classicQuickPrintsEveryMethodsRowThePublishedRowsAndWritesItsFiles(@TempDir Path dir) {
        Run r = run("classic", "--quick", "--hidden", "10", "--steps", "4", "--lr-grid", "0.1",
                "--long-max-steps", "10", "--eval-every", "5", "--out", dir.toString());
        assertEquals(Exit.OK, r.code(), r.err());
        for (String method : ClassicExperiment.METHODS) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(method + " ")), method + ": " + r.out());
        }
        assertTrue(r.out().contains("(extrapolated)"), "the full-evaluation method ran 1 of 4 steps: " + r.out());
        assertTrue(r.out().contains("1.6676") && r.out().contains("0.6783") && r.out().contains("141 min 55.3 s"),
                "the published rows");
        assertTrue(r.out().contains("<- chosen"), r.out());
        assertTrue(r.out().contains("largest batch-loss difference"), r.out());
        RunTables tables = RunTables.load(dir);
        CsvTable table = tables.table("experiment-classic-table").orElseThrow();
        int section = table.column("section");
        int method = table.column("method");
        int kind = table.column("seconds_kind");
        for (String m : ClassicExperiment.METHODS) {
            assertTrue(table.rows().stream().anyMatch(row -> row.get(section).equals("table") && row.get(method).equals(m)), m);
        }
        assertTrue(table.rows().stream().anyMatch(row -> row.get(method).equals("central-full")
                && row.get(kind).equals("extrapolated")), "marked as extrapolated");
        assertEquals("quick", tables.env("experiment-classic").get("profile"));
        assertFalse(tables.table("experiment-classic").orElseThrow().rows().isEmpty(), "curves written");
        List<String> charts = ExperimentFamily.classic().figures(tables).stream().map(f -> f.name()).toList();
        for (String part : List.of("table-lr-0.1-loss-step", "table-lr-0.1-accuracy-seconds",
                "table-lr-0.1-loss-loss-evaluations", "long-lr-0.1-accuracy-step", "lr-grid")) {
            assertTrue(charts.contains("experiment-classic-" + part), part + " in " + charts);
        }
        assertFalse(ExperimentFamily.classic().keyTables(tables).get(0).rows().isEmpty(), "the table on the page");
    }

    @Test
    void xorPrintsEveryMethodAndReportDrawsItsConvergence(@TempDir Path dir) throws Exception {
        Run r = run("xor", "--epochs", "1000", "--out", dir.toString());
        assertEquals(Exit.OK, r.code(), r.err());
        for (String m : List.of("full-batch backprop", "full-batch central", "sgd backprop", "mini-batch-2 central",
                "momentum-0.9 backprop", "cma-es", "genetic")) {
            assertTrue(r.out().contains(m), m + ": " + r.out());
        }
        assertTrue(Files.exists(dir.resolve("experiment-xor-table.csv")) && Files.exists(dir.resolve("experiment-xor-env.csv")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new ReportCommand(List.of(ExperimentFamily.xor())).run(new String[] {"--results", dir.toString(),
            "--out", dir.resolve("plots").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(Exit.OK, code, out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(dir.resolve("plots").resolve("experiment-xor-bias-evaluations.png")), out.toString());
    }

    @Test
    void backpropToyPrintsTheDerivationsFigures(@TempDir Path dir) {
        Run r = run("backprop-toy", "--out", dir.toString());
        assertEquals(Exit.OK, r.code(), r.err());
        for (String v : List.of("0.51344907", "0.03594138", "0.62561467", "0.50898438", "1.04963039", "0.86981908",
                "0.74070392", "0.70470805")) {
            assertTrue(r.out().contains(v), v + ": " + r.out());
        }
        assertTrue(Files.exists(dir.resolve("experiment-backprop-toy.csv")));
    }

    @Test
    void resultFilesAreNeverOverwritten(@TempDir Path dir) throws Exception {
        assertEquals(Exit.OK, run("backprop-toy", "--max-epochs", "3", "--out", dir.toString()).code());
        String first = Files.readString(dir.resolve("experiment-backprop-toy.csv"));
        assertEquals(Exit.OK, run("backprop-toy", "--max-epochs", "5", "--out", dir.toString()).code());
        assertEquals(first, Files.readString(dir.resolve("experiment-backprop-toy.csv")));
        try (var files = Files.list(dir)) {
            assertEquals(6, files.count(), "a second set beside the first");
        }
    }

    /** One line on stderr naming {@code part}, exit 2, no class name or stack trace. */
    private static void assertUsage(String part, String... args) {
        Run r = run(args);
        assertEquals(Exit.USAGE, r.code(), r.out() + r.err());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("experiment: error: ") && lines.get(0).contains(part), lines.get(0));
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void badFlagsAndImpossibleBudgetsAreOneLineErrors(@TempDir Path dir) {
        String out = dir.resolve("out").toString();
        assertUsage("name the experiment", "--out", out);
        assertUsage("nope", "nope", "--out", out);
        assertUsage("--epochs", "classic", "--epochs", "5", "--out", out);
        assertUsage("--hidden", "xor", "--hidden", "5", "--out", out);
        assertUsage("--epochs", "xor", "--epochs", "0", "--out", out);
        assertUsage("--epochs", "xor", "--epochs", "99999999", "--out", out);
        assertUsage("--full-steps", "classic", "--steps", "3", "--full-steps", "5", "--out", out);
        assertUsage("--lr-grid", "classic", "--lr-grid", "0.1,fast", "--out", out);
        assertUsage("--lr-grid", "classic", "--lr-grid", "0.1,-1", "--out", out);
        assertUsage("--batch", "classic", "--batch", "9000", "--out", out);
        assertUsage("--lr", "backprop-toy", "--lr", "0", "--out", out);
        assertUsage("--max-epochs", "backprop-toy", "--max-epochs", "1e3", "--out", out);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written by a refused run");
    }
}
