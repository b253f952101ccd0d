package io.fdbench.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.compare.Comparison.Verdict;
import io.fdbench.bench.results.Csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verdicts between two result tables, and the command's files, folders and errors. */
class CompareCommandTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
            + "\"Score Error (99.9%)\",\"Unit\",\"Param: model\"";

    private static String row(String bench, double score, double error, String unit, String model) {
        return "\"b." + bench + "\",\"avgt\",1,5," + score + "," + error + ",\"" + unit + "\"," + model;
    }

    private static String table(String... rows) {
        return HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CompareCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Verdict verdict(String before, String after) {
        Comparison.Result r = Comparison.compare(Csv.parse(table(before)), Csv.parse(table(after)), 0.05);
        assertEquals(1, r.lines().size());
        return r.lines().get(0).verdict();
    }

    @Test
    void aRegressionNeedsBothTheThresholdAndDisjointIntervals() {
        assertEquals(Verdict.REGRESSION, verdict(row("x", 100, 2, "us/op", "a"), row("x", 110, 2, "us/op", "a")));
        assertEquals(Verdict.IMPROVEMENT, verdict(row("x", 100, 2, "us/op", "a"), row("x", 90, 2, "us/op", "a")));
        // 10 % slower but the intervals [90, 110] and [100, 120] overlap.
        assertEquals(Verdict.NOISE, verdict(row("x", 100, 10, "us/op", "a"), row("x", 110, 10, "us/op", "a")));
        // Disjoint intervals but only 3 % apart.
        assertEquals(Verdict.SAME, verdict(row("x", 100, 0.1, "us/op", "a"), row("x", 103, 0.1, "us/op", "a")));
        // Throughput: higher is better.
        assertEquals(Verdict.REGRESSION, verdict(row("x", 100, 1, "ops/s", "a"), row("x", 80, 1, "ops/s", "a")));
        assertEquals(Verdict.NO_DIRECTION, verdict(row("x", 100, 1, "MB/sec", "a"), row("x", 300, 1, "MB/sec", "a")));
        // No error bars (two samples): a zero-width interval.
        assertEquals(Verdict.REGRESSION, verdict(row("x", 100, Double.NaN, "us/op", "a"),
                row("x", 120, Double.NaN, "us/op", "a")));
    }

    @Test
    void rowsMatchOnTheParametersBothFilesHave() {
        String before = table(row("x", 100, 1, "us/op", "a"), row("x", 50, 1, "us/op", "b"),
                row("gone", 1, 0, "us/op", "a"));
        String after = HEADER + ",\"Param: threads\"\r\n"
                + row("x", 100, 1, "us/op", "a") + ",1\r\n"
                + row("x", 60, 1, "us/op", "b") + ",1\r\n"
                + row("x", 30, 1, "us/op", "b") + ",2\r\n"
                + row("new", 1, 0, "us/op", "a") + ",1\r\n";
        Comparison.Result r = Comparison.compare(Csv.parse(before), Csv.parse(after), 0.05);
        assertEquals(1, r.lines().size());
        assertEquals("model=a", r.lines().get(0).params());
        assertEquals(Verdict.SAME, r.lines().get(0).verdict());
        assertEquals(List.of("b.gone model=a"), r.onlyInBaseline());
        assertEquals(List.of("b.new model=a"), r.onlyInNew());
        assertEquals(1, r.ambiguous().size(), r.ambiguous().toString());
        assertTrue(r.ambiguous().get(0).startsWith("b.x model=b (1 baseline rows, 2 new)"), r.ambiguous().get(0));
    }

    @Test
    void foldersCompareSameNamedFilesAndFailOnRegressionWhenAsked(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("kernel.csv"), table(row("gemm", 40, 1, "us/op", "a")));
        Files.writeString(b.resolve("kernel.csv"), table(row("gemm", 50, 1, "us/op", "a")));
        Files.writeString(a.resolve("kernel-env.csv"), "\"key\",\"value\"\r\n\"cpu.model\",\"AMD EPYC\"\r\n");
        Files.writeString(b.resolve("kernel-env.csv"), "\"key\",\"value\"\r\n\"cpu.model\",\"Intel Xeon\"\r\n");
        Files.writeString(a.resolve("epoch.csv"), table(row("epoch", 10, 1, "ms/op", "a")));
        Files.writeString(a.resolve("extrapolated.csv"), "\"estimator\",\"epoch_seconds\"\r\nforward,172\r\n");
        Files.copy(a.resolve("extrapolated.csv"), b.resolve("extrapolated.csv"));
        Files.writeString(b.resolve(".jmh-kernel-123.csv"), "");

        Run plain = run(a.toString(), b.toString());
        assertEquals(Exit.OK, plain.code(), plain.err());
        assertTrue(plain.out().contains("REGRESSION"), plain.out());
        assertTrue(plain.out().contains("+25.0 %"), plain.out());
        assertTrue(plain.out().contains("only in " + a + ": epoch.csv"), plain.out());
        assertTrue(plain.out().contains("not a JMH result file, skipped: extrapolated.csv"), plain.out());
        assertTrue(!plain.out().contains(".jmh-kernel"), "hidden temp files are not result files: " + plain.out());
        assertTrue(plain.out().contains("warning: different machines or kernels (cpu.model AMD EPYC vs Intel Xeon)"),
                plain.out());

        Run strict = run("--fail-on-regression", a.toString(), b.toString());
        assertEquals(Exit.FAILURE, strict.code(), strict.out());
        Run loose = run("--fail-on-regression", "--threshold", "30", a.toString(), b.toString());
        assertEquals(Exit.OK, loose.code(), loose.out());
    }

    @Test
    void badInputIsOneLineNamingTheFileOrArgument(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, table(row("x", 1, 0, "us/op", "a")));
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "\"key\",\"value\"\r\n\"date\",\"today\"\r\n");
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, table(row("x", 1, 0, "us/op", "a")).replace(",1.0,0.0,", ",fast,0.0,"));

        for (Run r : List.of(run(good.toString()), run(good.toString(), dir.resolve("missing.csv").toString()),
                run(good.toString(), bad.toString()), run(good.toString(), broken.toString()),
                run(good.toString(), dir.toString()), run("--threshold", "-3", good.toString(), good.toString()))) {
            assertEquals(Exit.USAGE, r.code(), r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertTrue(run(good.toString(), bad.toString()).err().contains(bad + ": not a JMH result CSV"));
        assertTrue(run(good.toString(), broken.toString()).err().contains("line 2: Score 'fast' is not a number"));
        assertTrue(run(good.toString(), dir.resolve("missing.csv").toString()).err().contains("missing.csv: no such"));
    }
}
