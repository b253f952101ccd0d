package io.fdbench.bench.kernel;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs KernelBenchmark through JMH in this JVM with the smallest settings and checks the files. */
class KernelBenchmarkSmokeTest {

    @Test
    void kernelFamilyProducesJmhColumnsPlusGflopsOneRowPerCombination(@TempDir Path out) throws Exception {
        CommandLineOptions cli = new CommandLineOptions("-f", "0", "-wi", "1", "-w", "50ms", "-i", "1", "-r", "50ms",
                "-p", "shape=fwd2,dA1,dW2", "-p", "impl=scalar,ejml", "-p", "peakImpl=scalar");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SuiteRunner.Outcome outcome = new SuiteRunner(cli, Profile.QUICK, out, List.of("test"), new ResultFiles())
                .run(new KernelFamily(), new PrintStream(log, true, StandardCharsets.UTF_8));

        Path csv = out.resolve("kernel.csv");
        assertEquals(csv, outcome.csv());
        String text = Files.readString(csv);
        assertTrue(text.contains("\r\n"), "CRLF like JMH");
        CsvTable t = io.fdbench.bench.results.Csv.parse(text);
        assertEquals(JmhCsv.COLUMNS, t.header().subList(0, JmhCsv.COLUMNS.size()));
        assertEquals(List.of("Param: impl", "Param: peakImpl", "Param: shape", KernelColumns.FLOP,
                KernelColumns.GFLOPS, ForkAgreement.COLUMN), t.header().subList(JmhCsv.COLUMNS.size(), t.header().size()));
        assertEquals(14, t.rows().size(), "6 products and the FMA peak, each with its per-MFLOP counter row");

        Set<String> combos = new HashSet<>();
        int peakRows = 0;
        for (List<String> cells : t.rows()) {
            JmhRow row = new JmhRow(t, cells);
            if (row.secondary()) {
                assertTrue(row.benchmark().endsWith(":mflop"), row.benchmark());
                assertEquals("", row.cell(KernelColumns.GFLOPS), "derived columns sit on the primary row");
                continue;
            }
            if (row.benchmark().endsWith(".fmaPeak")) {
                peakRows++;
                assertEquals("scalar", row.param("peakImpl").orElseThrow());
                assertEquals("", row.cell(KernelColumns.FLOP));
                double gflops = Num.parse(row.cell(KernelColumns.GFLOPS));
                double usPerMflop = row.secondaryResult("mflop").orElseThrow().score();
                assertEquals(1e6 / (usPerMflop * 1e-6) / 1e9, gflops, gflops * 1e-5);
                assertEquals("", row.cell(ForkAgreement.COLUMN), "one fork (-f 0): nothing to compare");
                continue;
            }
            combos.add(row.param("impl").orElseThrow() + "/" + row.param("shape").orElseThrow());
            assertEquals("us/op", row.unit());
            double gflops = Num.parse(row.cell(KernelColumns.GFLOPS));
            assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOP/s " + gflops);
            long flops = GemmShape.valueOf(row.param("shape").orElseThrow()).flops();
            assertEquals(flops / (row.score() * 1e-6) / 1e9, gflops, gflops * 1e-5);
        }
        assertEquals(1, peakRows);
        assertEquals(Set.of("scalar/fwd2", "scalar/dA1", "scalar/dW2", "ejml/fwd2", "ejml/dA1", "ejml/dW2"), combos);

        Map<String, String> env = Files.readAllLines(out.resolve("kernel-env.csv")).stream().skip(1)
                .map(l -> l.split("\",\"", 2))
                .collect(Collectors.toMap(a -> a[0].substring(1), a -> a[1].substring(0, a[1].length() - 1)));
        for (String key : List.of("date", "git.commit", "host.jdk.version", "fork.jdk.version", "kernel.best",
                "cpu.model", "cpu.cores", "jmh.forks", "jmh.warmup.iterations", "jmh.measurement.time")) {
            assertTrue(env.containsKey(key), key);
            assertFalse(env.get(key).isBlank(), key);
        }
        assertEquals("0", env.get("jmh.forks"));
        assertEquals("kernel.csv", env.get("results.file"));
        try (var files = Files.list(out)) {
            assertEquals(3, files.count(), "kernel.csv, kernel.json and kernel-env.csv; no temp files left behind");
        }
    }
}
