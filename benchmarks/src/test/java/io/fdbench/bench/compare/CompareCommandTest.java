package io.fdbench.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.compare.Comparison.Verdict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verdicts between two result files, and the command's files, folders, runs and errors. */
class CompareCommandTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
            + "\"Score Error (99.9%)\",\"Unit\",\"Param: model\"";

    @TempDir
    Path dir;

    /** A full-profile row: five samples. */
    static String row(String bench, double score, double error, String unit, String model) {
        return row(bench, "avgt", 5, Double.toString(score), Double.toString(error), unit, model);
    }

    static String row(String bench, String mode, int samples, String score, String error, String unit, String model) {
        return "\"b." + bench + "\",\"" + mode + "\",1," + samples + "," + score + "," + error + ",\"" + unit + "\","
                + model;
    }

    static String table(String... rows) {
        return HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    private static String env(String... keyValues) {
        StringBuilder sb = new StringBuilder("\"key\",\"value\"\r\n");
        for (int i = 0; i < keyValues.length; i += 2) {
            sb.append('"').append(keyValues[i]).append("\",\"").append(keyValues[i + 1]).append("\"\r\n");
        }
        return sb.toString();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CompareCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private static List<Measurement> measurements(String... rows) {
        List<Measurement> out = new ArrayList<>();
        long line = 2;
        for (String r : rows) {
            String[] c = r.split(",", -1);
            out.add(new Measurement(c[0].replace("\"", ""), c[7].isEmpty() ? "" : "model=" + c[7],
                    c[1].replace("\"", ""), c[6].replace("\"", ""), Long.parseLong(c[3]), Double.parseDouble(c[4]),
                    Double.parseDouble(c[5]), line++));
        }
        return out;
    }

    private static Verdict verdict(String before, String after) {
        Comparison.Result r = Comparison.compare(measurements(before), measurements(after), 0.05);
        assertEquals(1, r.lines().size());
        return r.lines().get(0).verdict();
    }

    /** A one-line error on stderr naming {@code file}, exit 2, no stack trace, no Java class name. */
    private static void assertInputError(Run r, Path file, String... fragments) {
        assertEquals(Exit.USAGE, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(file.toString()), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in " + r.err());
        }
        assertFalse(r.err().matches("(?s).*(Exception|java\\.|\\tat ).*"), r.err());
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
    }

    @Test
    void withoutAnIntervalAChangeIsNeverARegression() {
        // No error (JMH writes NaN below three samples): changed, not judged.
        assertEquals(Verdict.CHANGED_NO_ERROR, verdict(row("x", "avgt", 2, "100", "NaN", "us/op", "a"),
                row("x", "avgt", 2, "120", "NaN", "us/op", "a")));
        // An error on one side only is not an interval pair.
        assertEquals(Verdict.CHANGED_NO_ERROR, verdict(row("x", 100, 1, "us/op", "a"),
                row("x", "avgt", 2, "120", "NaN", "us/op", "a")));
        // Too few samples for an interval, whatever the error column says.
        assertEquals(Verdict.CHANGED_NO_ERROR, verdict(row("x", "avgt", 2, "100", "0.5", "us/op", "a"),
                row("x", "avgt", 2, "120", "0.5", "us/op", "a")));
        // Within the threshold it is the same, interval or not.
        assertEquals(Verdict.SAME, verdict(row("x", "avgt", 2, "100", "NaN", "us/op", "a"),
                row("x", "avgt", 2, "101", "NaN", "us/op", "a")));
    }

    @Test
    void twoQuickRunsOfTheSameCodeAreNoRegressionAndShowTheErrorAsMissing() throws IOException {
        // As JMH writes a 2-sample run: NaN errors; the scores of a loaded machine jump around.
        Path a = write("a.csv", table(row("backprop", "avgt", 2, "13.300", "NaN", "us/op", "a"),
                row("gemm", "avgt", 2, "40.0", "NaN", "us/op", "a")));
        Path b = write("b.csv", table(row("backprop", "avgt", 2, "1734.201", "NaN", "us/op", "a"),
                row("gemm", "avgt", 2, "20.0", "NaN", "us/op", "a")));
        Run r = run("--fail-on-regression", a.toString(), b.toString());
        assertEquals(Exit.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("13.300 ± n/a") && r.out().contains("1734.201 ± n/a"), r.out());
        assertFalse(r.out().contains("± 0.000"), r.out());
        assertFalse(r.out().contains("REGRESSION") || r.out().contains("improvement  "), r.out());
        assertTrue(r.out().contains("changed, no error estimate"), r.out());
        assertTrue(r.out().contains("0 regression(s) beyond 5.0 %"), r.out());
        assertTrue(r.out().contains("2 row(s) changed beyond 5.0 % without an error estimate"), r.out());
    }

    @Test
    void rowsMatchOnTheParametersBothFilesHaveAndOnTheMode() throws IOException {
        Path before = write("before.csv", table(row("x", 100, 1, "us/op", "a"), row("x", 50, 1, "us/op", "b"),
                row("gone", 1, 0, "us/op", "a")));
        Path after = write("after.csv", HEADER + ",\"Param: threads\"\r\n"
                + row("x", 100, 1, "us/op", "a") + ",1\r\n"
                + row("x", 60, 1, "us/op", "b") + ",1\r\n"
                + row("x", 30, 1, "us/op", "b") + ",2\r\n"
                + row("new", 1, 0, "us/op", "a") + ",1\r\n");
        List<String> params = Measurements.commonParams(Measurements.header(before), Measurements.header(after));
        Comparison.Result r = Comparison.compare(Measurements.read(before, params), Measurements.read(after, params),
                0.05);
        assertEquals(1, r.lines().size());
        assertEquals("model=a", r.lines().get(0).current().params());
        assertEquals(Verdict.SAME, r.lines().get(0).verdict());
        assertEquals(List.of("b.gone model=a [avgt]"), r.onlyInBaseline());
        assertEquals(List.of("b.new model=a [avgt]"), r.onlyInNew());
        assertEquals(1, r.ambiguous().size(), r.ambiguous().toString());
        assertTrue(r.ambiguous().get(0).startsWith("b.x model=b [avgt] (1 baseline rows, 2 new)"), r.ambiguous().get(0));

        // avgt and thrpt rows of one benchmark in both files pair up by mode, not by order.
        Comparison.Result modes = Comparison.compare(
                measurements(row("x", "avgt", 5, "100", "1", "us/op", "a"), row("x", "thrpt", 5, "10", "1", "ops/us", "a")),
                measurements(row("x", "thrpt", 5, "10", "1", "ops/us", "a"), row("x", "avgt", 5, "100", "1", "us/op", "a")),
                0.05);
        assertEquals(2, modes.count(Verdict.SAME));
    }

    @Test
    void foldersCompareSameNamedFilesAndFailOnRegressionWhenAsked() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        write("a/kernel.csv", table(row("gemm", 40, 1, "us/op", "a")));
        write("b/kernel.csv", table(row("gemm", 50, 1, "us/op", "a")));
        write("a/kernel-env.csv", env("profile", "full", "cpu.model", "AMD EPYC"));
        write("b/kernel-env.csv", env("profile", "full", "cpu.model", "AMD EPYC", "date", "tomorrow"));
        write("a/epoch.csv", table(row("epoch", 10, 1, "ms/op", "a")));
        write("a/extrapolated.csv", "\"estimator\",\"epoch_seconds\"\r\nforward,172\r\n");
        Files.copy(a.resolve("extrapolated.csv"), b.resolve("extrapolated.csv"));
        write("b/.jmh-kernel-123.csv", "");
        Files.createDirectories(b.resolve("runs"));

        Run plain = run(a.toString(), b.toString());
        assertEquals(Exit.OK, plain.code(), plain.err());
        assertTrue(plain.out().contains("REGRESSION"), plain.out());
        assertTrue(plain.out().contains("+25.0 %"), plain.out());
        assertTrue(plain.out().contains("40.000 ± 1.000"), plain.out());
        assertTrue(plain.out().contains("file only in " + a + ": epoch.csv"), plain.out());
        assertTrue(plain.out().contains("file not compared, not JMH results: extrapolated.csv"), plain.out());
        assertFalse(plain.out().contains(".jmh-kernel"), "hidden temp files are not result files: " + plain.out());
        assertFalse(plain.out().contains("warning"), "the same profile and machine, a different date: " + plain.out());

        Run strict = run("--fail-on-regression", a.toString(), b.toString());
        assertEquals(Exit.FAILURE, strict.code(), strict.out());
        assertTrue(strict.out().contains("1 regression(s) beyond 5.0 %"), strict.out());
        Run loose = run("--fail-on-regression", "--threshold", "30", a.toString(), b.toString());
        assertEquals(Exit.OK, loose.code(), loose.out());
    }

    @Test
    void sidesThatRanDifferentlyWarnOnceAtTheTopAndAreNotGated() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        for (String family : List.of("kernel", "gradient")) {
            write("a/" + family + ".csv", table(row("x", 100, 1, "us/op", "a")));
            write("b/" + family + ".csv", table(row("x", 200, 1, "us/op", "a")));
            write("a/" + family + "-env.csv", env("profile", "full", "fork.jdk.version", "17.0.15", "cpu.model", "EPYC"));
            write("b/" + family + "-env.csv", env("profile", "quick", "fork.jdk.version", "25", "cpu.model", "EPYC"));
        }
        Run r = run("--fail-on-regression", a.toString(), b.toString());
        assertEquals(Exit.OK, r.code(), r.out());
        assertTrue(r.out().startsWith("warning: the two sides did not run alike (profile full vs quick;"
                + " JDK fork.jdk.version 17.0.15 vs 25) in gradient.csv, kernel.csv"), r.out());
        assertEquals(1, r.out().split("warning", -1).length - 1, "one warning: " + r.out());
        assertTrue(r.out().contains("0 regression(s) beyond 5.0 % with disjoint intervals; 2 more between sides that"
                + " did not run alike, not gated"), r.out());

        Run gated = run("--fail-on-regression", "--gate-mismatched", a.toString(), b.toString());
        assertEquals(Exit.FAILURE, gated.code(), gated.out());
        assertTrue(gated.out().contains("2 regression(s) beyond 5.0 %"), gated.out());

        // File mode reads the env files beside the two files in the same way.
        Run files = run("--fail-on-regression", a.resolve("kernel.csv").toString(), b.resolve("kernel.csv").toString());
        assertEquals(Exit.OK, files.code(), files.out());
        assertTrue(files.out().startsWith("warning: the two sides did not run alike (profile full vs quick;"), files.out());
    }

    @Test
    void aBadFileInTheNewRunFolderIsAnErrorNamingIt() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        String header = HEADER + "\r\n";
        record Case(String file, byte[] content, String says) {
        }
        List<Case> cases = List.of(
                new Case("gradient.csv", junk, "line 1"),
                new Case("epoch.csv", new byte[0], "empty file"),
                new Case("kernel.csv", header.getBytes(StandardCharsets.UTF_8), "no result rows"),
                new Case("kernel.csv", "\"just\",\"text\"\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8),
                        "column 1 is 'just', expected 'Benchmark'"),
                new Case("fresh.csv", header.getBytes(StandardCharsets.UTF_8), "no result rows"));
        int i = 0;
        for (Case c : cases) {
            Path a = Files.createDirectories(dir.resolve("a" + i));
            Path b = Files.createDirectories(dir.resolve("b" + i++));
            for (String family : List.of("gradient", "epoch", "kernel")) {
                Files.writeString(a.resolve(family + ".csv"), table(row(family, 100, 1, "us/op", "a")));
                Files.writeString(b.resolve(family + ".csv"), table(row(family, 100, 1, "us/op", "a")));
            }
            Files.write(b.resolve(c.file()), c.content());
            Run r = run("--fail-on-regression", a.toString(), b.toString());
            assertInputError(r, b.resolve(c.file()), c.says());
            assertEquals("", r.out(), "nothing is printed before the inputs are checked");
        }
    }

    @Test
    void unmeasurableScoresAreRefused() throws IOException {
        Path good = write("good.csv", table(row("x", 100, 1, "us/op", "a")));
        for (String score : List.of("NaN", "0.0", "-3.5", "Infinity")) {
            Path bad = write("bad-" + score + ".csv", table(row("y", 1, 0, "us/op", "a"),
                    row("x", "avgt", 5, score, "1.0", "us/op", "a")));
            assertInputError(run(good.toString(), bad.toString()), bad, "line 3", "Score");
            assertInputError(run(bad.toString(), good.toString()), bad, "line 3", "Score");
        }
        Path badError = write("bad-error.csv", table(row("x", 100, -1, "us/op", "a")));
        assertInputError(run(good.toString(), badError.toString()), badError, "line 2", "Score Error");
        // A zero count from a profiler is a measurement, not a broken row.
        Path gc = write("gc.csv", table(row("x:gc.count", "avgt", 5, "0.0", "NaN", "counts", "a")));
        assertEquals(Exit.OK, run(gc.toString(), gc.toString()).code());
    }

    @Test
    void unitOrModeMismatchIsAnInputErrorNotARegression() throws IOException {
        Path us = write("us.csv", table(row("x", 100, 1, "us/op", "a")));
        Path ms = write("ms.csv", table(row("y", 1, 0.1, "us/op", "a"), row("x", 0.1, 0.001, "ms/op", "a")));
        assertInputError(run("--fail-on-regression", us.toString(), ms.toString()), ms, "line 3", "us/op", "ms/op");
        Path thrpt = write("thrpt.csv", table(row("x", "thrpt", 5, "10.0", "0.1", "ops/us", "a")));
        assertInputError(run("--fail-on-regression", us.toString(), thrpt.toString()), thrpt, "line 2", "thrpt",
                "avgt");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithItsLine() throws IOException {
        byte[] head = table(row("x", 100, 1, "us/op", "a"), row("y", 100, 1, "us/op", "a"))
                .getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "\"b.z\u00e9\",\"avgt\",1,5,1.0,0.1,\"us/op\",a\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + latin1.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(latin1, 0, all, head.length, latin1.length);
        Path good = write("good.csv", table(row("x", 100, 1, "us/op", "a")));
        Path bad = write("latin1.csv", all);
        assertInputError(run(good.toString(), bad.toString()), bad, "line 4", "not UTF-8");
    }

    @Test
    void badUsageIsOneLineNamingTheFileOrArgument() throws IOException {
        Path good = write("good.csv", table(row("x", 1, 0, "us/op", "a")));
        Path bad = write("bad.csv", "\"key\",\"value\"\r\n\"date\",\"today\"\r\n");
        Path broken = write("broken.csv", table(row("x", 1, 0, "us/op", "a")).replace(",1.0,0.0,", ",fast,0.0,"));
        Path emptyResults = Files.createDirectories(dir.resolve("nothing"));

        for (Run r : List.of(run("--results", emptyResults.toString(), good.toString()),
                run(good.toString(), dir.resolve("missing.csv").toString()),
                run(good.toString(), bad.toString()), run(good.toString(), broken.toString()),
                run(good.toString(), dir.toString()), run("--threshold", "-3", good.toString(), good.toString()),
                run(good.toString(), good.toString(), good.toString()))) {
            assertEquals(Exit.USAGE, r.code(), r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertTrue(run(good.toString(), bad.toString()).err().contains(bad + ": line 1: not a JMH result CSV"));
        assertTrue(run(good.toString(), broken.toString()).err().contains("line 2: Score 'fast' is not a number"));
        assertTrue(run(good.toString(), dir.resolve("missing.csv").toString()).err().contains("missing.csv: no such"));
    }

    @Test
    void withoutPathsTheBaselineRunMeetsTheLatestRun() throws IOException {
        Path results = Files.createDirectories(dir.resolve("results"));
        String base = "20260101-090000-aaaaaaa";
        write("results/runs/" + base + "/kernel.csv", table(row("gemm", 80, 1, "us/op", "a")));
        Path baseline = results.resolve("runs/" + base);

        // No pointer: one line naming the pointer file, exit 2.
        Run noPointer = run("--results", results.toString());
        assertEquals(Exit.USAGE, noPointer.code(), noPointer.out());
        assertEquals(1, noPointer.err().strip().lines().count(), noPointer.err());
        assertTrue(noPointer.err().contains(results.resolve("baseline") + ": no such file"), noPointer.err());

        // The baseline is the only run: nothing newer to compare with.
        write("results/baseline", base + "\n");
        Run none = run("--results", results.toString());
        assertEquals(Exit.USAGE, none.code(), none.out());
        assertEquals(1, none.err().strip().lines().count(), none.err());
        assertTrue(none.err().contains("no run newer than the baseline " + baseline)
                && none.err().contains("scripts/run-suite.sh"), none.err());

        // An older run does not become the latest; the newest by name does.
        write("results/runs/20251231-090000-0000000/kernel.csv", table(row("gemm", 10, 1, "us/op", "a")));
        write("results/runs/20260102-090000-bbbbbbb/kernel.csv", table(row("gemm", 40, 1, "us/op", "a")));
        Files.createDirectories(results.resolve("runs/scratch"));
        Path latest = results.resolve("runs/20260102-090000-bbbbbbb");

        Run r = run("--fail-on-regression", "--results", results.toString());
        assertEquals(Exit.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("== " + baseline.resolve("kernel.csv") + " -> " + latest.resolve("kernel.csv")),
                r.out());
        assertTrue(r.out().contains("-50.0 %") && r.out().contains("improvement"), r.out());
        // One word: the baseline against it; 'latest' and run names are accepted.
        Run older = run("--fail-on-regression", "--results", results.toString(), "20251231-090000-0000000");
        assertEquals(Exit.OK, older.code(), older.out() + older.err());
        assertTrue(older.out().contains("== " + baseline.resolve("kernel.csv") + " -> "), older.out());
        Run named = run("--results", results.toString(), base, "latest");
        assertTrue(named.out().contains("-50.0 %") && named.out().contains("improvement"), named.out());
        Run file = run("--results", results.toString(), latest.resolve("kernel.csv").toString());
        assertTrue(file.out().contains("== " + baseline.resolve("kernel.csv") + " -> "), file.out() + file.err());

        // Moving the pointer moves the baseline: the old baseline is now a regression against it.
        write("results/baseline", "20251231-090000-0000000\n");
        Run moved = run("--fail-on-regression", "--results", results.toString());
        assertEquals(Exit.FAILURE, moved.code(), moved.out() + moved.err());
        assertTrue(moved.out().contains("== " + results.resolve("runs/20251231-090000-0000000/kernel.csv")
                + " -> " + latest.resolve("kernel.csv")), moved.out());

        // A dangling pointer: one line naming the file, exit 2, for every form that needs the baseline.
        write("results/baseline", "20260103-090000-gone\n");
        for (Run dangling : List.of(run("--results", results.toString()),
                run("--results", results.toString(), "latest"))) {
            assertEquals(Exit.USAGE, dangling.code(), dangling.out());
            assertEquals(1, dangling.err().strip().lines().count(), dangling.err());
            assertTrue(dangling.err().contains(results.resolve("baseline") + ": names 20260103-090000-gone, but"),
                    dangling.err());
        }
    }

    @Test
    void aLongOneSideListCollapsesToACountUnlessAsked() throws IOException {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            before.add(row("gone" + i, 10, 1, "us/op", "a"));
        }
        before.add(row("x", 10, 1, "us/op", "a"));
        Path a = write("a.csv", table(before.toArray(String[]::new)));
        Path b = write("b.csv", table(row("x", 10, 1, "us/op", "a"), row("new", 10, 1, "us/op", "a")));

        Run shortList = run(a.toString(), b.toString());
        assertTrue(shortList.out().contains("8 row(s) only in the baseline (--list-unmatched lists them)"),
                shortList.out());
        assertFalse(shortList.out().contains("b.gone3"), shortList.out());
        assertTrue(shortList.out().contains("row only in the new file: b.new model=a [avgt]"), shortList.out());

        Run all = run("--list-unmatched", a.toString(), b.toString());
        Matcher m = Pattern.compile("row only in the baseline: b\\.gone\\d").matcher(all.out());
        int n = 0;
        while (m.find()) {
            n++;
        }
        assertEquals(8, n, all.out());
    }
}
