package io.fdbench.bench.compare;

import io.fdbench.bench.cli.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare} takes JMH's JSON as well as its CSV, on either side, by file name. */
class CompareJsonTest {

    @TempDir
    Path dir;

    /** One avgt result as JMH writes it in JSON: {@code samples} raw values of one fork. */
    static String result(String bench, double score, double error, String model, int samples) {
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            raw.add(Double.toString(score));
        }
        return "{ \"jmhVersion\" : \"1.37\", \"benchmark\" : \"b." + bench + "\", \"mode\" : \"avgt\","
                + " \"threads\" : 1, \"forks\" : 1, \"params\" : { \"model\" : \"" + model + "\" },"
                + " \"primaryMetric\" : { \"score\" : " + score + ", \"scoreError\" : " + error + ","
                + " \"scoreConfidence\" : [ 0, 0 ], \"scoreUnit\" : \"us/op\", \"rawData\" : [ [ "
                + String.join(", ", raw) + " ] ] }, \"secondaryMetrics\" : { } }";
    }

    static String json(String... results) {
        return "[\n" + String.join(",\n", results) + "\n]\n";
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void jsonAndCsvOfTheSameResultsCompareAsTheSame() throws IOException {
        Path csv = write("a/kernel.csv", CompareCommandTest.table(CompareCommandTest.row("x", 100, 2, "us/op", "m"),
                CompareCommandTest.row("y", 50, 1, "us/op", "m")));
        Path js = write("b/kernel.json", json(result("x", 100, 2, "m", 5), result("y", 50, 1, "m", 5)));
        for (String[] args : List.of(new String[] {csv.toString(), js.toString()},
                new String[] {js.toString(), csv.toString()})) {
            CompareCommandTest.Run r = CompareCommandTest.run(args);
            assertEquals(Exit.OK, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("2 same"), r.out());
            assertTrue(r.out().contains("0 regression(s)"), r.out());
        }
    }

    @Test
    void aRegressionInJsonAgainstACsvBaselineFailsTheGate() throws IOException {
        Path csv = write("a/kernel.csv", CompareCommandTest.table(CompareCommandTest.row("x", 100, 2, "us/op", "m")));
        Path js = write("b/kernel.json", json(result("x", 120, 2, "m", 5)));
        CompareCommandTest.Run r = CompareCommandTest.run("--fail-on-regression", csv.toString(), js.toString());
        assertEquals(Exit.FAILURE, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("1 regression(s)"), r.out());
    }

    @Test
    void foldersPairResultFilesByStemAndPreferTheCsv() throws IOException {
        write("base/kernel.csv", CompareCommandTest.table(CompareCommandTest.row("x", 100, 2, "us/op", "m")));
        write("jsonOnly/kernel.json", json(result("x", 101, 2, "m", 5)));
        CompareCommandTest.Run r = CompareCommandTest.run(dir.resolve("base").toString(), dir.resolve("jsonOnly").toString());
        assertEquals(Exit.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("kernel.csv -> " + dir.resolve("jsonOnly/kernel.json")), r.out());

        // The suite writes both: compared once, from the CSV (the JSON here would be a regression).
        write("both/kernel.csv", CompareCommandTest.table(CompareCommandTest.row("x", 101, 2, "us/op", "m")));
        write("both/kernel.json", json(result("x", 200, 2, "m", 5)));
        r = CompareCommandTest.run("--fail-on-regression", dir.resolve("base").toString(), dir.resolve("both").toString());
        assertEquals(Exit.OK, r.code(), r.out() + r.err());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("== ")).count(), r.out());
        assertFalse(r.out().contains("only in"), r.out());
    }

    @Test
    void junkJsonIsOneLineNamingTheFileAndExit2() throws IOException {
        write("base/kernel.csv", CompareCommandTest.table(CompareCommandTest.row("x", 100, 2, "us/op", "m")));
        for (String junk : List.of("{not json", "[ 1, 2 ]", "", "{\"benchmark\": \"x\"}", "[ {} ] trailing")) {
            Path bad = write("junk/kernel.json", junk);
            CompareCommandTest.Run r = CompareCommandTest.run(dir.resolve("base").toString(), dir.resolve("junk").toString());
            assertEquals(Exit.USAGE, r.code(), junk + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(bad.toString()), r.err());
            assertFalse(r.err().matches("(?s).*(Exception|java\\.|\\tat |https:).*"), r.err());
        }
        Path empty = write("empty/kernel.json", "[]");
        CompareCommandTest.Run r = CompareCommandTest.run(dir.resolve("base/kernel.csv").toString(), empty.toString());
        assertEquals(Exit.USAGE, r.code());
        assertTrue(r.err().contains(empty + ": no result rows"), r.err());
    }
}
