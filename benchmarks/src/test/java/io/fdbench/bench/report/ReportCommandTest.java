package io.fdbench.bench.report;

import io.fdbench.bench.chart.*;
import io.fdbench.bench.epoch.EpochChart;
import io.fdbench.bench.gradient.GradientCostChart;
import io.fdbench.bench.kernel.KernelThroughputChart;
import io.fdbench.bench.peers.PeerChart;
import io.fdbench.bench.stepsize.StepSizeCharts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.bench.cli.Exit;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report draws one PNG per chart from whatever result files a folder has, writes one HTML page
 * with all of them, and never overwrites.
 */
class ReportCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ReportCommand(io.fdbench.bench.Families.ALL).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final String JMH = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
            + "\"Score Error (99.9%)\",\"Unit\",";

    private static void writeResults(Path dir) throws IOException {
        Files.writeString(dir.resolve("stepsize.csv"), String.join("\n",
                "target,precision,estimator,evaluation,h,abs_error,rel_error",
                "sin@1,double,forward,exact-function,1e-1,4e-2,1e-1",
                "sin@1,double,forward,exact-function,1e-2,4e-3,1e-2",
                "sin@1,double,central,exact-function,1e-1,9e-4,1e-3",
                "sin@1,double,central,exact-function,1e-2,0,0",
                "sin@1,float,forward,exact-function,1e-2,4e-3,1e-2", ""));
        Files.writeString(dir.resolve("gradient.csv"), JMH
                + "\"Param: batch\",\"Param: estimator\",\"Param: evaluation\",\"Param: model\","
                + "\"Param: parameterWorkers\",\"parameters\",\"estimated\",\"sampled\",\"ns/param\"\r\n"
                + "\"b.GradientCostBenchmark.backprop\",\"avgt\",1,5,100,1,\"us/op\",100,,,784-50-10,,39760,39760,false,2.5\r\n"
                + "\"b.GradientCostBenchmark.finiteDifference\",\"avgt\",1,5,5000,1,\"us/op\",100,central,incremental,"
                + "784-50-10,1,39760,39760,false,125\r\n"
                + "\"b.GradientCostBenchmark.finiteDifference\",\"avgt\",1,5,9,1,\"us/op\",100,central,incremental,"
                + "2-3-1,1,13,13,false,700\r\n");
        Files.writeString(dir.resolve("kernel.csv"), JMH
                + "\"Param: impl\",\"Param: peakImpl\",\"Param: shape\",\"FLOP/op\",\"GFLOP/s\"\r\n"
                + "\"b.KernelBenchmark.fmaPeak:mflop\",\"avgt\",1,5,4,0.1,\"us/op\",,simd,,1000000,250\r\n"
                + "\"b.KernelBenchmark.gemm\",\"avgt\",1,5,45,1,\"us/op\",simd,,fwd1,7840000,174\r\n"
                + "\"b.KernelBenchmark.gemm\",\"avgt\",1,5,1200,1,\"us/op\",ejml,,fwd1,7840000,6.5\r\n");
        Files.writeString(dir.resolve("peers.csv"), JMH
                + "\"Param: batch\",\"Param: dataset\",\"Param: model\",\"Param: precision\",\"Param: threads\"\r\n"
                + "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,136,1,\"us/op\",100,mnist-10k,784-50-10,float,1\r\n"
                + "\"peers.torch.BackpropGradient\",\"avgt\",1,10,150,1,\"us/op\",100,mnist-10k,784-50-10,float,1\r\n");
    }

    @Test
    void drawsEveryChartItHasDataForAndNeverOverwrites(@TempDir Path dir) throws IOException {
        writeResults(dir);
        Path out = dir.resolve("plots");
        Run r = run("--results", dir.toString(), "--out", out.toString());
        assertEquals(Exit.OK, r.code(), r.err());
        assertTrue(r.out().contains("missing epoch.csv"), r.out());
        List<Path> pngs = pngs(out);
        assertEquals(List.of("gradient-cost.png", "kernel-gflops.png", "peers-side-by-side.png",
                "stepsize-sin-1-double-first-derivative.png", "stepsize-sin-1-float-first-derivative.png"),
                pngs.stream().map(p -> p.getFileName().toString()).toList());
        BufferedImage image = ImageIO.read(out.resolve("stepsize-sin-1-double-first-derivative.png").toFile());
        assertEquals(ChartStyle.WIDTH, image.getWidth());
        assertTrue(image.getHeight() > ChartStyle.PLOT_HEIGHT, "title, provenance and caption around the chart");

        Run again = run("--results", dir.toString(), "--out", out.toString());
        assertEquals(Exit.OK, again.code(), again.err());
        assertEquals(10, pngs(out).size(), "the second run writes new names beside the first");
        assertEquals(2, files(out, ".html").size(), "and a second page beside the first");
        assertTrue(Files.readString(out.resolve("report.html")).contains("<img"), "the first page is untouched");
    }

    @Test
    void onePageShowsEveryChartWithCaptionProvenanceTablesAndMissingInputs(@TempDir Path dir) throws IOException {
        writeResults(dir);
        Files.writeString(dir.resolve("kernel-env.csv"), ProvenanceTest.env("\"profile\",\"quick\""));
        Path out = dir.resolve("plots");
        Run r = run("--results", dir.toString(), "--out", out.toString());
        assertEquals(Exit.OK, r.code(), r.err());
        long drawn = r.out().lines().filter(l -> l.startsWith("wrote ") && l.endsWith(".png")).count();
        assertEquals(5, drawn);
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(drawn, count(html, "<img "), "one image per chart drawn");
        assertEquals(drawn, count(html, "src=\"data:image/png;base64,"), "embedded, so the page stands alone");
        assertEquals(drawn, count(html, "<figcaption>"), "one caption per chart");
        assertTrue(html.contains("Error bars: JMH's 99.9 % confidence interval"), "the captions are on the page");
        assertTrue(html.contains("class=\"prov quick\">kernel.csv: ") && html.contains("profile QUICK"),
                "the quick kernel run is marked");
        assertTrue(html.contains("Gradient cost per parameter (ns, float32, batch 100)</h3>"), "the gradient table");
        assertTrue(html.contains("GEMM throughput against the measured FMA peak (GFLOP/s"), "the GEMM table");
        String missing = html.substring(html.indexOf("<h2 id=\"missing\">"), html.indexOf("<h2>Contents"));
        for (String file : List.of("epoch.csv", "epoch-fashion.csv", "stepsize-env.csv", "gradient-env.csv",
                "stepsize-summary.csv", "peers-env.csv")) {
            assertTrue(missing.contains("<li>" + file + ": "), file + " is listed as missing: " + missing);
        }
        assertFalse(missing.contains("<li>kernel-env.csv"), "kernel-env.csv is there");
        assertFalse(missing.contains("<li>kernel.csv"), "kernel.csv is there");
        // The suite's ratio lines, on the console and on the page (peers measured after the suite
        // are set against the engine here); a peers file without its env file is not trusted.
        assertTrue(r.out().contains("== ratios (peers; float32)\npeer ratios left out: "), r.out());
        assertFalse(r.out().contains("vs NumPy"), "peers of an unknown machine give no ratio: " + r.out());
        assertTrue(html.contains("Ratios (peers; float32)") && html.contains("peer ratios left out: "),
                "the ratios table");
    }

    @Test
    void aFileThatCannotBeDrawnIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("stepsize.csv"), "target,precision,estimator\nsin@1,double,forward\n");
        Run r = run("--results", dir.toString(), "--out", dir.resolve("plots").toString());
        assertEquals(Exit.USAGE, r.code());
        assertTrue(r.err().contains("stepsize.csv") && r.err().contains("no column 'evaluation'"), r.err());
        assertFalse(r.err().contains("at io.fdbench"), "no stack trace");
    }

    @Test
    void badFoldersAreErrorsNamingTheFlag(@TempDir Path dir) throws IOException {
        Run missing = run("--results", dir.resolve("nope").toString());
        assertEquals(Exit.USAGE, missing.code());
        assertTrue(missing.err().contains("--results"), missing.err());

        Path file = Files.writeString(dir.resolve("taken"), "x");
        writeResults(dir);
        Run outIsFile = run("--results", dir.toString(), "--out", file.toString());
        assertEquals(Exit.USAGE, outIsFile.code());
        assertTrue(outIsFile.err().contains("--out"), outIsFile.err());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run nothing = run("--results", empty.toString());
        assertEquals(Exit.FAILURE, nothing.code());
        assertTrue(nothing.err().contains("no chart drawn"), nothing.err());
    }

    private static List<Path> pngs(Path dir) throws IOException {
        return files(dir, ".png");
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static long count(String text, String what) {
        long n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
