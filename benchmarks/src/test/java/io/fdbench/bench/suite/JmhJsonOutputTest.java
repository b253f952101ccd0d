package io.fdbench.bench.suite;

import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.kernel.KernelColumns;
import io.fdbench.bench.kernel.KernelFamily;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhCsvReader;
import io.fdbench.bench.results.JmhJsonReader;
import io.fdbench.bench.results.JmhResults;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.JmhRowSource;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One small JMH run through the suite runner (in this JVM, a few iterations of 10 ms): the family's
 * results are also written as JMH's own JSON, and that JSON reads to the rows of the CSV.
 */
class JmhJsonOutputTest {

    @Test
    void suiteWritesJmhJsonThatReadsToTheCsvRows(@TempDir Path out) throws Exception {
        CommandLineOptions cli = new CommandLineOptions("-f", "0", "-wi", "0", "-i", "3", "-r", "10ms",
                "-p", "shape=fwd2", "-p", "impl=scalar", "-p", "peakImpl=scalar");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SuiteRunner.Outcome o = new SuiteRunner(cli, Profile.QUICK, out, List.of("test"), new ResultFiles())
                .run(new KernelFamily(), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(out.resolve("kernel.json"), o.json());
        String json = Files.readString(o.json());
        assertTrue(json.trim().startsWith("[") && json.contains("\"jmhVersion\"") && json.contains("\"primaryMetric\""),
                "JMH's own JSON: " + json.substring(0, Math.min(200, json.length())));
        assertTrue(Files.isRegularFile(out.resolve("kernel-env.csv")));

        List<JmhRow> csvRows = rows(o.csv());
        List<JmhRow> jsonRows = rows(o.json());
        List<String> jsonHeader = jsonRows.get(0).header();
        assertEquals(csvRows.get(0).header().subList(0, jsonHeader.size()), jsonHeader,
                "the CSV is JMH's columns, then derived ones");
        assertEquals(csvRows.size(), jsonRows.size());
        assertTrue(jsonRows.stream().anyMatch(JmhRow::secondary), "the :mflop counters are rows too");
        assertTrue(jsonRows.stream().anyMatch(r -> Long.parseLong(r.cell("Samples")) == 3));
        for (int i = 0; i < csvRows.size(); i++) {
            List<String> c = csvRows.get(i).cells();
            List<String> j = jsonRows.get(i).cells();
            for (int col = 0; col < jsonHeader.size(); col++) {
                String name = jsonHeader.get(col);
                if (name.equals("Score") || name.equals("Score Error (99.9%)")) {
                    // JMH's CSV writes %f of the same double the JSON writes in full
                    assertEquals(c.get(col), String.format(Locale.ROOT, "%f", Num.parse(j.get(col))), name + " row " + i);
                } else {
                    assertEquals(c.get(col), j.get(col), name + " row " + i);
                }
            }
        }

        // A folder with only the JSON and the env file: report's tables get the family's derived columns.
        Path jsonOnly = Files.createDirectory(out.resolve("json-only"));
        Files.copy(o.json(), jsonOnly.resolve("kernel.json"));
        Files.copy(o.env(), jsonOnly.resolve("kernel-env.csv"));
        RunTables run = RunTables.load(jsonOnly, stem -> new KernelFamily().derived());
        CsvTable fromJson = run.table("kernel").orElseThrow();
        CsvTable fromCsv = JmhResults.read(o.csv());
        int g = fromCsv.column(KernelColumns.GFLOPS);
        int gj = fromJson.column(KernelColumns.GFLOPS);
        assertTrue(gj > 0);
        for (int i = 0; i < fromCsv.rows().size(); i++) {
            String a = fromCsv.rows().get(i).get(g);
            String b = fromJson.rows().get(i).get(gj);
            assertEquals(a.isEmpty(), b.isEmpty(), "row " + i);
            if (!a.isEmpty()) {
                assertEquals(Num.parse(a), Num.parse(b), Num.parse(a) * 1e-4, "row " + i);
            }
        }
        assertTrue(run.provenance("kernel").hasEnv(), "the env file belongs to the JSON too");
    }

    private static List<JmhRow> rows(Path file) throws Exception {
        List<JmhRow> rows = new ArrayList<>();
        try (JmhRowSource r = JmhResults.open(file)) {
            assertEquals(file.toString().endsWith(".json") ? JmhJsonReader.class : JmhCsvReader.class, r.getClass());
            for (JmhRow row = r.next(); row != null; row = r.next()) {
                rows.add(row);
            }
        }
        assertTrue(rows.get(0).header().subList(0, JmhCsv.COLUMNS.size()).equals(JmhCsv.COLUMNS));
        return rows;
    }
}
