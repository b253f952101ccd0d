package io.fdbench.bench.gradient;

import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.suite.SuiteRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs GradientCostBenchmark through JMH in this JVM with the smallest settings and checks the CSV. */
class GradientCostBenchmarkSmokeTest {

    @Test
    void everyCombinationGetsOneRowWithNanosecondsPerParameter(@TempDir Path out) throws Exception {
        CommandLineOptions cli = new CommandLineOptions("-f", "0", "-wi", "0", "-i", "1", "-r", "20ms",
                "-p", "model=2-3-1,64-32-10", "-p", "parameterWorkers=1,2",
                "-p", "batchWorkers=1,2");
        List<SuiteRunner.Outcome> outcomes = new SuiteRunner(cli, true, out, List.of("test"), new ResultFiles())
                .run(List.of(GradientCostFamily.FAMILY), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        assertEquals(1, outcomes.size());
        CsvTable t = Csv.parse(Files.readString(out.resolve("gradient.csv")));
        assertEquals(JmhCsv.COLUMNS, t.header().subList(0, JmhCsv.COLUMNS.size()));
        assertEquals(List.of("Param: batch", "Param: batchWorkers", "Param: estimator", "Param: evaluation",
                        "Param: model", "Param: parameterWorkers", "parameters", "estimated", "sampled", "ns/param"),
                t.header().subList(JmhCsv.COLUMNS.size(), t.header().size()));
        // backprop: 2 models; threaded backprop: 2 models × 2 batch-worker counts (batch 1000);
        // finite differences: 3 schemes × 2 evaluations × 2 models × 2 parameter-worker counts.
        assertEquals(2 + 4 + 24, t.rows().size());
        Set<String> keys = new HashSet<>();
        for (List<String> cells : t.rows()) {
            JmhRow row = new JmhRow(t.header(), cells);
            keys.add(String.join("/", row.benchmark(), row.param("estimator").orElse("-"), row.param("evaluation").orElse("-"),
                    row.param("model").orElseThrow(), row.param("batchWorkers").orElse("-"),
                    row.param("parameterWorkers").orElse("-")));
            int total = Integer.parseInt(row.cell("parameters"));
            assertEquals(row.param("model").get().equals("2-3-1") ? 13 : 64 * 32 + 32 + 32 * 10 + 10, total);
            assertEquals(total, Integer.parseInt(row.cell("estimated")), "small models are not sampled");
            assertEquals(row.score() * 1e3 / total, Num.parse(row.cell("ns/param")), row.score() * 1e3 / total * 1e-5);
        }
        assertEquals(30, keys.size(), "one row per combination");
    }

    @Test
    void largeModelsAreSampledAndSaySo() {
        JmhRow row = new JmhRow(List.of("Benchmark", "Mode", "Threads", "Samples", "Score", "Score Error (99.9%)", "Unit",
                "Param: estimator", "Param: evaluation", "Param: model"),
                List.of("x.finiteDifference", "avgt", "1", "1", "1000", "NaN", "us/op", "central", "full", "784-50-10"));
        List<String> v = GradientCostFamily.values(row);
        assertEquals("39760", v.get(0));
        assertTrue(Integer.parseInt(v.get(1)) < 39760 && Integer.parseInt(v.get(1)) >= GradientSampling.SAMPLE);
        assertEquals("true", v.get(2));
        assertEquals(1e6 / Integer.parseInt(v.get(1)), Num.parse(v.get(3)), 1e-2);
    }
}
