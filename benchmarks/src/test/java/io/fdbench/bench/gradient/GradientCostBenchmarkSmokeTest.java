package io.fdbench.bench.gradient;

import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.roofline.RooflineColumns;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.suite.ForkAgreement;
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
    void everyCombinationGetsOneRowWithNanosecondsPerParameterFromItsCounter(@TempDir Path out) throws Exception {
        CommandLineOptions cli = new CommandLineOptions("-f", "0", "-wi", "0", "-i", "1", "-r", "20ms",
                "-p", "model=2-3-1,64-32-10", "-p", "batchWorkers=1,2", "-p", "parameterWorkers=1,2",
                "-p", "evaluation=full,incremental");
        new SuiteRunner(cli, Profile.QUICK, out, List.of("test"), new ResultFiles())
                .run(new GradientCostFamily(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CsvTable t = Csv.parse(Files.readString(out.resolve("gradient.csv")));
        assertEquals(JmhCsv.COLUMNS, t.header().subList(0, JmhCsv.COLUMNS.size()));
        assertEquals(List.of("Param: batch", "Param: batchWorkers", "Param: estimator", "Param: evaluation",
                        "Param: model", "Param: parameterWorkers", "parameters", "estimated", "sampled", "ns/param",
                        RooflineColumns.WORK_GFLOP, RooflineColumns.GFLOPS, ForkAgreement.COLUMN),
                t.header().subList(JmhCsv.COLUMNS.size(), t.header().size()));
        // GradientCostBenchmark: backprop 2 models + finite differences 3 schemes × 2 evaluations × 2 models,
        // each with its :kiloParameters counter row; WorkerScalingBenchmark: backprop 2 thread counts (its
        // 784-50-10 model is replaced by -p model) × 2 models... only the -p models run, so 2 × 2, and the
        // central difference 2 evaluations × 2 models × 2 thread counts.
        int primary = 0;
        Set<String> keys = new HashSet<>();
        for (List<String> cells : t.rows()) {
            JmhRow row = new JmhRow(t, cells);
            if (row.secondary()) {
                assertTrue(row.benchmark().endsWith(":kiloParameters"), row.benchmark());
                continue;
            }
            primary++;
            // Every primary row, the scaling ones too, has its work and the rate work ÷ time.
            double work = Num.parse(row.cell(RooflineColumns.WORK_GFLOP));
            assertTrue(work > 0, row.benchmark());
            assertEquals(work / (row.score() * 1e-6), Num.parse(row.cell(RooflineColumns.GFLOPS)),
                    work / (row.score() * 1e-6) * 1e-4);
            keys.add(String.join("/", row.benchmark(), row.param("estimator").orElse("-"),
                    row.param("evaluation").orElse("-"), row.param("model").orElseThrow(),
                    row.param("batchWorkers").orElse("-"), row.param("parameterWorkers").orElse("-")));
            if (row.benchmark().contains("WorkerScaling")) {
                assertEquals("", row.cell("ns/param"), "scaling rows are compared by time, side by side");
                continue;
            }
            int total = Integer.parseInt(row.cell("parameters"));
            assertEquals(row.param("model").get().equals("2-3-1") ? 13 : 64 * 32 + 32 + 32 * 10 + 10, total);
            assertEquals(total, Integer.parseInt(row.cell("estimated")), "small models are not sampled");
            // µs per call ÷ parameters = µs per parameter; the counter gives it directly.
            assertEquals(row.score() * 1e3 / total, Num.parse(row.cell("ns/param")), row.score() * 1e3 / total * 1e-5);
        }
        assertEquals(2 + 12 + 4 + 8, primary);
        assertEquals(primary, keys.size(), "one row per combination");
    }

    @Test
    void largeModelsAreSampledAndSaySo() {
        CsvTable t = new CsvTable(List.of("Benchmark", "Mode", "Threads", "Samples", "Score", "Score Error (99.9%)",
                "Unit", "Param: estimator", "Param: evaluation", "Param: model"), List.of(
                List.of("x.finiteDifference", "avgt", "1", "1", "1000", "NaN", "us/op", "central", "full", "784-50-10"),
                List.of("x.finiteDifference:kiloParameters", "avgt", "1", "1", String.valueOf(1e6 / 1000.0 / 1000 * 1000),
                        "NaN", "us/op", "central", "full", "784-50-10")));
        List<String> v = GradientCostFamily.values(new JmhRow(t, t.rows().get(0)));
        assertEquals("39760", v.get(0));
        assertTrue(Integer.parseInt(v.get(1)) < 39760 && Integer.parseInt(v.get(1)) >= GradientSampling.SAMPLE);
        assertEquals("true", v.get(2));
        assertEquals(1000, Num.parse(v.get(3)), 1e-6, "1,000 µs per thousand parameters = 1,000 ns per parameter");
    }
}
