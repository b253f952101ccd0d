package io.fdbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Result files are streamed: a child JVM whose heap is a fraction of the file reads it to the
 * end, and {@code compare} refuses a huge junk file in one line instead of running out of memory.
 */
class StreamingTest {

    /** The child's heap; the files below are several times larger. */
    private static final String HEAP = "-Xmx8m";
    private static final long FILE_BYTES = 24L << 20;

    @TempDir
    Path dir;

    private record Child(int code, String out, String err) {
    }

    private static Child java(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(HEAP);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        // Small outputs: read stderr after stdout without risking a full pipe.
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish");
        }
        return new Child(p.exitValue(), out, err);
    }

    @Test
    void aFileSeveralTimesTheHeapIsReadToTheEnd() throws Exception {
        Path big = dir.resolve("big.csv");
        long rows = 0;
        double sum = 0;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(big, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: model\",\"Param: shape\"\r\n");
            long bytes = 0;
            String pad = "-".repeat(200); // long rows: fewer of them to write and parse
            while (bytes < FILE_BYTES) {
                int score = (int) (rows % 1000) + 1;
                String line = "\"io.fdbench.bench.kernel.KernelBenchmark.gemm\",\"avgt\",1,5," + score
                        + ".0,0.5,\"us/op\",784-50-10,shape" + rows + pad + "\r\n";
                w.write(line);
                bytes += line.length();
                rows++;
                sum += score;
            }
        }
        assertTrue(Files.size(big) >= FILE_BYTES);
        Child c = java(StreamRowsMain.class.getName(), big.toString());
        assertEquals(0, c.code(), c.err());
        assertEquals(rows + " " + sum, c.out().strip());
    }

    @Test
    void compareRefusesAHugeJunkFileInOneLine() throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
                + "\"Unit\"\r\n\"b.x\",\"avgt\",1,5,1.0,0.1,\"us/op\"\r\n");
        Path junk = dir.resolve("junk.csv");
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(junk, StandardCharsets.UTF_8), 1 << 16)) {
            Files.readAllLines(good).forEach(l -> {
                try {
                    w.write(l + "\r\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String chunk = "x".repeat(1 << 16);
            for (long n = 0; n < FILE_BYTES; n += chunk.length()) {
                w.write(chunk); // no line break: one endless record
            }
        }
        Child c = java("io.fdbench.bench.Main", "compare", good.toString(), junk.toString());
        assertEquals(2, c.code(), c.out() + c.err());
        List<String> lines = c.err().strip().lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertEquals(1, lines.size(), c.err());
        assertTrue(lines.get(0).contains(junk + ": line 3: a record longer than"), c.err());
        assertFalse(c.err().contains("OutOfMemoryError"), c.err());
    }
}
