package io.fdbench.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhJsonReaderTest {

    /** A metric the way JMH 1.37 writes it (percentiles left out: the reader ignores them). */
    static String metric(String score, String error, String unit, String raw) {
        return "{ \"score\" : " + score + ", \"scoreError\" : " + error + ", \"scoreConfidence\" : [ 1, 2 ],"
                + " \"scoreUnit\" : \"" + unit + "\", " + raw + " }";
    }

    static String result(String bench, String params, String primary, String secondary) {
        return "    {\n        \"jmhVersion\" : \"1.37\",\n        \"benchmark\" : \"" + bench + "\",\n"
                + "        \"mode\" : \"avgt\",\n        \"threads\" : 1,\n        \"forks\" : 2,\n"
                + "        \"params\" : " + params + ",\n        \"primaryMetric\" : " + primary + ",\n"
                + "        \"secondaryMetrics\" : " + secondary + "\n    }";
    }

    static final String TWO = "[\n"
            + result("b.K.gemm", "{ \"shape\" : \"fwd2\", \"impl\" : \"scalar\" }",
                    metric("640.9388108108108", "12.5", "us/op", "\"rawData\" : [ [ 1, 2, 3 ], [ 4, 5, 6 ] ]"),
                    "{ \"mflop\" : " + metric("6409.38", "\"NaN\"", "us/op", "\"rawData\" : [ [ 1 ], [ 2 ] ]") + " }")
            + ",\n"
            + result("b.F.peak", "{ \"peakImpl\" : \"a,b \\\"q\\\"\" }",
                    metric("1.0E-4", "\"NaN\"", "ops/us", "\"rawData\" : [ [ 1 ] ]"), "{ }")
            + "\n]\n";

    @Test
    void readsPrimaryAndSecondaryRowsInJmhCsvShape() {
        CsvTable t = JmhJsonReader.of(TWO).table();
        assertEquals(List.of("Benchmark", "Mode", "Threads", "Samples", "Score", "Score Error (99.9%)", "Unit",
                "Param: impl", "Param: peakImpl", "Param: shape"), t.header());
        assertEquals(List.of(
                List.of("b.K.gemm", "avgt", "1", "6", "640.9388108108108", "12.5", "us/op", "scalar", "", "fwd2"),
                List.of("b.K.gemm:mflop", "avgt", "1", "2", "6409.38", "NaN", "us/op", "scalar", "", "fwd2"),
                List.of("b.F.peak", "avgt", "1", "1", "1.0E-4", "NaN", "ops/us", "", "a,b \"q\"", "")), t.rows());
        JmhRow gemm = new JmhRow(t, t.rows().get(0));
        assertEquals(6409.38, gemm.secondaryResult("mflop").orElseThrow().score());
        assertEquals(12.5, gemm.scoreError());
    }

    @Test
    void linesAreWhereEachResultStarts() throws Exception {
        try (JmhJsonReader r = JmhJsonReader.of(TWO)) {
            r.next();
            assertEquals(2, r.line());
            r.next();
            assertEquals(2, r.line(), "a secondary row is on its result's line");
            r.next();
            assertEquals(lineOfSecondResult(), r.line());
        }
        assertEquals(List.of(1L, 1L), JmhJsonReader.elementLines("[{\"a\":\"}{[\"},{}]"));
        assertEquals(List.of(), JmhJsonReader.elementLines("[ ]"));
    }

    private static long lineOfSecondResult() {
        List<String> lines = TWO.lines().toList();
        for (int i = 2; i < lines.size(); i++) {
            if (lines.get(i).equals("    {")) {
                return i + 1;
            }
        }
        throw new AssertionError();
    }

    @Test
    void sampleModeCountsTheHistogramAndADerivedFigureIsOneSample() {
        String sample = "[" + result("b.K.s", "{}",
                metric("2.5", "0.1", "us/op", "\"rawDataHistogram\" : [ [ [ [ 1.0, 3 ], [ 2.0, 4 ] ], [ [ 1.5, 2 ] ] ] ]"),
                "{ \"p0.50\" : " + metric("2.0", "\"NaN\"", "us/op", "\"rawData\" : [ [ ] ]") + " }") + "]";
        CsvTable t = JmhJsonReader.of(sample).table();
        assertEquals("9", t.rows().get(0).get(3));
        assertEquals("b.K.s:p0.50", t.rows().get(1).get(0));
        assertEquals("1", t.rows().get(1).get(3));
        assertEquals(List.of(), JmhJsonReader.of("[]").table().rows());
    }

    @Test
    void refusesWhatIsNotJmhJsonInOneLine() {
        refused("hello", "not JSON: malformed JSON at line 1 column 1");
        refused("", "empty file");
        refused("[ {} ] x", "not JSON");
        refused("[ {}, ]", "not JSON");
        refused("{ \"benchmark\" : \"x\" }", "line 1: not a JMH result JSON: the top level is an object");
        refused("[\n 3 ]", "line 2: result 1 is a number, expected an object");
        refused(TWO.replace("\"primaryMetric\" : {", "\"primaryMetrix\" : {"), "line 2: not a JMH result: result has no 'primaryMetric'");
        refused(TWO.replace("\"threads\" : 1", "\"threads\" : 1.5"), "line 2: threads '1.5' is not an integer");
        refused(TWO.replace("640.9388108108108", "\"fast\""), "line 2: b.K.gemm primaryMetric.score '\"fast\"' is not a number");
        refused(TWO.replace("\"rawData\" : [ [ 1 ] ]", "\"raw\" : 1"), "line 12: b.F.peak primaryMetric has neither rawData nor rawDataHistogram");
        refused(TWO.replace("\"shape\" : \"fwd2\"", "\"shape\" : 2"), "line 2: params.shape is a number, expected a string");
    }

    private static void refused(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhJsonReader.of(json));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertTrue(!e.getMessage().contains("\n") && !e.getMessage().contains("https:"), e.getMessage());
    }

    @Test
    void filesAreStrictUtf8AndDispatchedByName(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("x.json");
        Files.write(bad, new byte[] {'[', (byte) 0xC3, ']'});
        assertEquals("not UTF-8 text",
                assertThrows(IllegalArgumentException.class, () -> JmhJsonReader.open(bad)).getMessage());
        Path json = Files.writeString(dir.resolve("kernel.json"), TWO);
        assertEquals(JmhJsonReader.of(TWO).table(), JmhResults.read(json));
        assertTrue(JmhResults.isResultFile(json));
        assertTrue(!JmhResults.isResultFile(dir.resolve("kernel-env.csv")));
        assertTrue(!JmhResults.isResultFile(dir.resolve(".kernel.json.tmp-1-a")));
        assertEquals("kernel", JmhResults.stem(json));
        assertEquals(dir.resolve("kernel-env.csv"), EnvFile.beside(json));
    }
}
