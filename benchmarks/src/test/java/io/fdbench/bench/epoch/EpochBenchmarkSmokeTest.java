package io.fdbench.bench.epoch;

import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.roofline.RooflineColumns;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.suite.SuiteRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs EpochBenchmark through JMH in this JVM with the smallest settings and checks the CSV. */
class EpochBenchmarkSmokeTest {

    @Test
    void everyEstimatorGetsOneEpochRowWithRowsAndSteps(@TempDir Path out) throws Exception {
        CommandLineOptions cli = new CommandLineOptions("-f", "0", "-wi", "0", "-i", "1", "-p", "batch=8000");
        new SuiteRunner(cli, Profile.QUICK, out, List.of("test"), new ResultFiles())
                .run(new EpochFamily(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        CsvTable t = Csv.parse(Files.readString(out.resolve("epoch.csv")));
        assertEquals(JmhCsv.COLUMNS, t.header().subList(0, JmhCsv.COLUMNS.size()));
        assertTrue(t.header().containsAll(List.of("Param: batch", "Param: dataset", "Param: estimator", "rows",
                "steps")), t.header().toString());
        assertEquals(4, t.rows().size(), "backprop + 3 schemes");
        for (List<String> cells : t.rows()) {
            JmhRow row = new JmhRow(t.header(), cells);
            assertEquals("avgt", row.mode());
            assertEquals("8000", row.cell("rows"));
            assertEquals("1", row.cell("steps"), "full batch: one step per epoch");
            double work = Num.parse(row.cell(RooflineColumns.WORK_GFLOP));
            assertTrue(work > 0, row.benchmark());
            assertEquals(work / (row.score() * 1e-3), Num.parse(row.cell(RooflineColumns.GFLOPS)),
                    work / (row.score() * 1e-3) * 1e-4, "per epoch: work ÷ the ms per epoch");
            assertTrue(row.score() > 0);
        }
    }
}
