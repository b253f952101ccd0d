package io.fdbench.bench.depth;

import io.fdbench.bench.Families;
import io.fdbench.bench.family.BenchmarkFamily;
import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.suite.SuiteRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DepthFamilyTest {

    @Test
    void theFamilyIsRegisteredInTheDefaultSuiteWithItsDocumentedFiles() {
        List<BenchmarkFamily> depth = Families.ALL.stream().filter(f -> f.name().equals("depth")).toList();
        assertEquals(1, depth.size(), "one family named depth");
        assertTrue(depth.get(0) instanceof DepthFamily);
        assertTrue(depth.get(0).inDefaultSuite(), "about 4 minutes: within what a default family may add");
        assertEquals("depth-slope", DepthSlope.STEM);
        assertEquals(List.of("depth-slope"), depth.get(0).tableInputs());
        // The columns docs/benchmarks.md documents, in order.
        assertEquals(List.of("method", "network", "batch", "precision", "hidden_layers", "points", "slope_ns",
                "slope_ns_stderr", "intercept_ns", "r2", "work_slope_flop", "work_slope_flop_stderr",
                "work_intercept_flop", "work_r2", "relative_slope", "work_relative_slope", "marginal_gflops",
                "basis"), DepthSlope.HEADER);
        assertEquals(List.of("hidden_layers", "parameters", "estimated", "ns/param", "work_flop/param"),
                new DepthFamily().derived().names());
    }

    @Test
    void theBenchmarkRunsTheDocumentedModelsAndSettings() throws Exception {
        assertEquals(List.of("784-64-10", "784-64-64-10", "784-64-64-64-10", "784-64-64-64-64-10",
                "784-64-64-64-64-64-10"), DepthFamily.MODELS);
        for (Class<?> state : List.of(DepthCostBenchmark.BackpropState.class, DepthCostBenchmark.CentralState.class)) {
            assertEquals(DepthFamily.MODELS, List.of(state.getField("model").getAnnotation(Param.class).value()),
                    state.getSimpleName());
            assertEquals(List.of("100"), List.of(state.getField("batch").getAnnotation(Param.class).value()));
        }
        assertEquals(List.of("incremental", "full"), List.of(DepthCostBenchmark.CentralState.class
                .getField("evaluation").getAnnotation(Param.class).value()));
        DepthFamily f = new DepthFamily();
        RunSettings full = f.settings(Profile.FULL);
        assertEquals(RunSettings.of(2, 2, "1s", 3, "1s"), full);
        // 15 rows (5 backprop, 10 central) under five minutes by the suite's own estimate (2 s per fork).
        assertTrue(15 * (full.secondsPerRow() + full.forks() * 2.0) <= 5 * 60, full.toString());
        assertEquals(Map.of("model", List.of("784-64-10", "784-64-64-10")),
                f.params(new ForkInfo(Map.of()), Profile.QUICK));
        assertEquals(Map.of(), f.params(new ForkInfo(Map.of()), Profile.FULL));
    }

    /**
     * JMH in this JVM, smallest settings, the shallowest model: one row per method with its
     * derived columns; two models give a slope row per method.
     */
    @Test
    void aSmokeRunGivesEveryMethodItsPointsAndItsSlope(@TempDir Path out) throws Exception {
        CommandLineOptions cli = new CommandLineOptions("-f", "0", "-wi", "0", "-i", "1", "-r", "20ms",
                "-p", "model=784-64-10,784-64-64-10");
        new SuiteRunner(cli, Profile.QUICK, out, List.of("test"), new ResultFiles())
                .run(new DepthFamily(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CsvTable t = Csv.parse(Files.readString(out.resolve("depth.csv")));
        assertEquals(JmhCsv.COLUMNS, t.header().subList(0, JmhCsv.COLUMNS.size()));
        int primary = 0;
        for (List<String> cells : t.rows()) {
            JmhRow row = new JmhRow(t, cells);
            if (row.secondary()) {
                continue;
            }
            primary++;
            int parameters = Integer.parseInt(row.cell("parameters"));
            int hidden = Integer.parseInt(row.cell("hidden_layers"));
            assertEquals(784 * 64 + 64 + (hidden - 1) * (64 * 64 + 64) + 64 * 10 + 10, parameters);
            boolean full = row.param("evaluation").orElse("").equals("full");
            int estimated = Integer.parseInt(row.cell("estimated"));
            assertTrue(full ? estimated < parameters : estimated == parameters, row.cells().toString());
            // µs per call ÷ parameters estimated = µs per parameter, and the counter gives it directly.
            assertEquals(row.score() * 1e3 / estimated, Num.parse(row.cell("ns/param")),
                    row.score() * 1e3 / estimated * 1e-5);
            assertTrue(Num.parse(row.cell("work_flop/param")) > 0);
        }
        assertEquals(2 * 3, primary);
        Map<String, String> derived = new DepthFamily().derivedFiles(RunTables.load(out));
        CsvTable slope = Csv.parse(derived.get(DepthSlope.STEM));
        assertEquals(List.of("backprop", "central-incremental", "central-full"),
                slope.rows().stream().map(r -> r.get(slope.column("method"))).toList());
        for (List<String> r : slope.rows()) {
            assertEquals("2", r.get(slope.column("points")));
            assertEquals("", r.get(slope.column("slope_ns_stderr")), "two points leave no degree of freedom");
        }
        Files.writeString(out.resolve(DepthSlope.STEM + ".csv"), derived.get(DepthSlope.STEM));
        RunTables run = RunTables.load(out);
        assertEquals(2, new DepthFamily().figures(run).size());
        assertEquals(3, new DepthFamily().keyTables(run).get(0).rows().size());
    }
}
